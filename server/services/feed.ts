/**
 * board.events: the activity log of one board as a live stream. Events are read and built
 * once per board (feedHub) and shaped for each subscriber in memory (feedEvents); a
 * subscriber resuming from an event older than the hub's buffer, or fallen behind it,
 * reads that backlog from the log itself. Every event is tracked by its activity id, so a
 * subscriber gets each event once, in order, whether live or after a reconnect.
 */
import type { Database } from '../db/sequelize';
import { DomainError } from '../errors';
import { boardKind, type AuthedContext } from './cardCore';
import { buildEvents, forViewer } from './feedEvents';
import { FEED_PAGE, joinHub } from './feedHub';
import { toDay } from '../../shared/dates';

export type { FeedEvent } from './feedEvents';

/** Open feeds per user and process: a tab each, and a school's morning is 100+ tabs. */
export const MOST_FEEDS_PER_USER = 10;
const open = new WeakMap<Database, Map<number, number>>();

/** A place among the user's open feeds, or TOO_MANY_REQUESTS; `release` it when the feed ends. */
function takePlace(ctx: AuthedContext) {
  let byUser = open.get(ctx.db);
  if (!byUser) open.set(ctx.db, (byUser = new Map()));
  const userId = ctx.user.id;
  const taken = byUser.get(userId) ?? 0;
  if (taken >= MOST_FEEDS_PER_USER) {
    throw new DomainError('too_many_requests', `You have Relais open in too many tabs: live updates reach ${MOST_FEEDS_PER_USER} of them at most. Close one and this board will update live again.`);
  }
  byUser.set(userId, taken + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (byUser.get(userId) ?? 1) - 1;
    if (left > 0) byUser.set(userId, left);
    else byUser.delete(userId);
  };
}

export async function* boardFeed(ctx: AuthedContext, boardId: number, lastEventId: string | null | undefined, abort: AbortSignal) {
  await boardKind(ctx.db, boardId);
  const release = takePlace(ctx);
  try {
    const { hub, leave } = await joinHub(ctx.db, ctx.events, boardId, ctx.now);
    try {
      let last = lastEventId && /^\d+$/.test(lastEventId) ? Number(lastEventId) : hub.head;
      while (!abort.aborted) {
        if (last < hub.floor) {
          // Behind the buffer: the backlog from the log, a page at a time, built as the hub builds.
          const page = await buildEvents(ctx.db, boardId, last, FEED_PAGE, toDay(ctx.now()));
          for (const event of page) {
            last = event.id;
            const shaped = forViewer(ctx.user, event);
            if (shaped) yield { id: String(event.id), event: shaped };
          }
          if (page.length > 0) continue;
        }
        const fresh = hub.after(last);
        if (fresh.length === 0) {
          await hub.wait(abort);
          continue;
        }
        for (const event of fresh) {
          last = event.id;
          const shaped = forViewer(ctx.user, event);
          if (shaped) yield { id: String(event.id), event: shaped };
        }
      }
    } finally {
      leave();
    }
  } finally {
    release();
  }
}
