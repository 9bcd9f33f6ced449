import { boardEventsInput, boardGetInput } from '../../shared/schemas/board';
import { boardFeed } from '../services/feed';
import { untilSessionEnds, watchSession } from '../services/sessionEnds';
import { findSession, isActive } from '../services/auth';
import { getBoard, listBoards } from '../services/boards';
import { protectedProcedure, router, trackedStream } from '../trpc';

export const boardRouter = router({
  list: protectedProcedure.query(({ ctx }) => listBoards(ctx.db)),
  /** The board; with `archived: true`, its withdrawn and archived cards. */
  get: protectedProcedure.input(boardGetInput).query(({ ctx, input }) => getBoard(ctx, input.boardId, { archived: input.archived })),
  /** Live updates over SSE; each event is tracked by its activity id, so a client resumes with lastEventId. */
  /** It stops, with UNAUTHORIZED, once the session it was opened with ends (services/sessionEnds.ts). */
  events: protectedProcedure.input(boardEventsInput).subscription(({ ctx, input, signal }) => {
    const token = ctx.sessionToken;
    const stands = token ? () => findSession(ctx.db, token, new Date()).then((s) => s !== null) : () => isActive(ctx.db, ctx.user.id);
    const session = watchSession(ctx.db, ctx.user.id, stands);
    return trackedStream(untilSessionEnds(boardFeed(ctx, input.boardId, input.lastEventId, AbortSignal.any([signal!, session.signal])), session), ctx.locale);
  }),
});
