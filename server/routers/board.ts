import { boardEventsInput, boardIdInput } from '../../shared/schemas/board';
import { boardFeed } from '../services/feed';
import { getBoard, listBoards } from '../services/boards';
import { protectedProcedure, router, trackedStream } from '../trpc';

export const boardRouter = router({
  list: protectedProcedure.query(({ ctx }) => listBoards(ctx.db)),
  get: protectedProcedure.input(boardIdInput).query(({ ctx, input }) => getBoard(ctx, input.boardId)),
  /** Live updates over SSE; each event is tracked by its activity id, so a client resumes with lastEventId. */
  events: protectedProcedure.input(boardEventsInput).subscription(({ ctx, input, signal }) => trackedStream(boardFeed(ctx, input.boardId, input.lastEventId, signal!), ctx.locale)),
});
