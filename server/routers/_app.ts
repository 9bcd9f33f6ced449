import { createCallerFactory, router } from '../trpc';
import { auditRouter } from './audit';
import { authRouter } from './auth';
import { boardRouter } from './board';
import { cardRouter } from './card';
import { catalogRouter } from './catalog';
import { learnerRouter } from './learner';
import { mentorRouter } from './mentor';
import { notificationRouter } from './notification';
import { settingsRouter } from './settings';
import { setupRouter } from './setup';
import { transferRouter } from './transfer';
import { userRouter } from './user';

export const appRouter = router({
  audit: auditRouter,
  auth: authRouter,
  board: boardRouter,
  card: cardRouter,
  catalog: catalogRouter,
  learner: learnerRouter,
  mentor: mentorRouter,
  notification: notificationRouter,
  settings: settingsRouter,
  setup: setupRouter,
  transfer: transferRouter,
  user: userRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
