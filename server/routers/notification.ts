import { notificationMarkReadInput } from '../../shared/schemas/mentor';
import { listNotifications, markRead } from '../services/notifications';
import { protectedProcedure, router } from '../trpc';

export const notificationRouter = router({
  list: protectedProcedure.query(({ ctx }) => listNotifications(ctx)),
  markRead: protectedProcedure.input(notificationMarkReadInput).mutation(({ ctx, input }) => markRead(ctx, input.ids)),
});
