import { createContextInner } from '../../server/context';
import type { Database } from '../../server/db/sequelize';
import type { User } from '../../server/db/models';
import type { EventBus } from '../../server/events';
import { createCaller } from '../../server/routers/_app';
import { toSessionUser } from '../../server/services/auth';

/** The API as `user` sees it (anonymous without one), at the instant `now` if given. */
export async function callerFor(db: Database, user?: User | null, opts: { now?: Date; events?: EventBus } = {}) {
  return createCaller(
    await createContextInner({
      db,
      user: user ? toSessionUser(user) : null,
      now: opts.now ? () => opts.now! : undefined,
      events: opts.events,
    }),
  );
}
