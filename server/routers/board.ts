import { boardEventsInput, boardIdInput } from '../../shared/schemas/board';
import { boardFeed } from '../services/feed';
import { getBoard } from '../services/boards';
import { sweepAtRisk } from '../services/notifications';
import { protectedProcedure, router } from '../trpc';

export const boardRouter = router({
  list: protectedProcedure.query(async ({ ctx }) => {
    const boards = await ctx.db.models.Board.findAll({ order: [['id', 'ASC']] });
    return boards.map((b) => ({ id: b.id, kind: b.kind, name: b.name }));
  }),
  get: protectedProcedure.input(boardIdInput).query(async ({ ctx, input }) => {
    await sweepAtRisk(ctx);
    return getBoard(ctx, input.boardId);
  }),
  /** Live updates over SSE; each event is tracked by its activity id, so a client resumes with lastEventId. */
  events: protectedProcedure.input(boardEventsInput).subscription(({ ctx, input, signal }) => boardFeed(ctx, input.boardId, input.lastEventId, signal!)),
});
