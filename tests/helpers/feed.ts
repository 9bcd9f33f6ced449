import { createContextInner } from '../../server/context';
import type { Database } from '../../server/db/sequelize';
import type { User } from '../../server/db/models';
import type { EventBus } from '../../server/events';
import { createCaller } from '../../server/routers/_app';
import { toSessionUser } from '../../server/services/auth';
import type { FeedEvent } from '../../server/services/feed';
import { feedListeners } from '../../server/services/feedHub';

/** Subscribes `user` to a board's feed; collects events until `stop()`. */
export async function subscribe(db: Database, events: EventBus, user: User, boardId: number, lastEventId?: string) {
  const abort = new AbortController();
  const caller = createCaller(await createContextInner({ db, events, user: toSessionUser(user) }), { signal: abort.signal });
  const stream = (await caller.board.events({ boardId, lastEventId })) as AsyncIterable<[string, FeedEvent]>;
  const received: { id: string; data: FeedEvent }[] = [];
  const waiters: (() => void)[] = [];
  const before = feedListeners(events);
  const done = (async () => {
    for await (const [id, data] of stream) {
      received.push({ id, data });
      waiters.splice(0).forEach((w) => w());
    }
  })();
  // The generator starts lazily: wait until it has joined its board's hub (or failed).
  let failed: unknown = null;
  done.catch((err) => (failed = err));
  const deadline = Date.now() + 5000;
  while (feedListeners(events) === before && !failed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  if (failed) throw failed;
  return {
    received,
    /** Resolves once `n` events have arrived (fails after `ms`). */
    async until(n: number, ms = 5000) {
      const deadline = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} events, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    async stop() {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}
