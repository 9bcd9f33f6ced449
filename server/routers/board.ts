import { boardEventsInput, boardGetInput } from '../../shared/schemas/board';
import { boardFeed } from '../services/feed';
import { getBoard, listBoards } from '../services/boards';
import { protectedProcedure, router, trackedStream } from '../trpc';

export const boardRouter = router({
  list: protectedProcedure.query(({ ctx }) => listBoards(ctx.db)),
  /** The board; with `archived: true`, its withdrawn and archived cards. */
  get: protectedProcedure.input(boardGetInput).query(({ ctx, input }) => getBoard(ctx, input.boardId, { archived: input.archived })),
  /** Live updates over SSE; each event is tracked by its activity id, so a client resumes with lastEventId. */
  events: protectedProcedure.input(boardEventsInput).subscription(({ ctx, input, signal }) => trackedStream(boardFeed(ctx, input.boardId, input.lastEventId, signal!), ctx.locale)),
});
