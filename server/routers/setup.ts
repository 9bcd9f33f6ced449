import { setupInput } from '../../shared/schemas/accounts';
import { env } from '../env';
import { createFirstManager, needsSetup } from '../services/setup';
import { publicProcedure, router } from '../trpc';

/** The first run: creating the first manager while no one has an account. */
export const setupRouter = router({
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: await needsSetup(ctx.db) })),
  /** The first manager, signed in at once; NOT_FOUND once anyone has an account. */
  createManager: publicProcedure.input(setupInput).mutation(async ({ ctx, input }) => {
    const session = await createFirstManager(ctx, input, { days: env.sessionDays, previousToken: ctx.sessionToken });
    ctx.cookies.setSession(session.token, session.expiresAt);
    return session.user;
  }),
});
