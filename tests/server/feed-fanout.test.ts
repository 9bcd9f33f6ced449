/**
 * The live feed with many viewers: each event is read from the database once whoever
 * watches, and each viewer is sent only what they may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { inDays } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { boardId, makeCard, makeLearner, makeManager, makeUser } from '../helpers/factories';
import { subscribe } from '../helpers/feed';
import { createEventBus } from '../../server/events';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

/** Counts the SQL statements `db` runs while `fn` runs. */
async function statementsDuring(fn: () => Promise<void>) {
  const sequelize = t.db.sequelize;
  const query = sequelize.query;
  let count = 0;
  sequelize.query = ((...args: Parameters<typeof query>) => {
    count++;
    return query.apply(sequelize, args);
  }) as typeof query;
  try {
    await fn();
  } finally {
    sequelize.query = query;
  }
  return count;
}

describe('board.events with many viewers', () => {
  it('runs as many SQL statements per event for 20 subscribers as for 1', async () => {
    const db = t.db;
    const events = createEventBus();
    const manager = await makeManager(db);
    const mentor = await makeUser(db);
    const board = await boardId(db, 'defense');
    const learner = await makeLearner(db, { mentorId: mentor.id });
    const card = await makeCard(db, { boardId: board, learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(20)) });
    const viewers = await Promise.all(Array.from({ length: 20 }, () => makeUser(db)));
    const api = await callerFor(db, manager, { events });
    const MOVES = 5;
    const perEvent: Record<number, number> = {};
    for (const n of [1, 20]) {
      const feeds: Awaited<ReturnType<typeof subscribe>>[] = [];
      for (const viewer of viewers.slice(0, n)) feeds.push(await subscribe(db, events, viewer, board));
      // A first move warms what is read once per process (the board's kind, the tables' columns).
      await api.card.move({ cardId: card.id, toColumnKey: 'drafts' });
      await Promise.all(feeds.map((f) => f.until(1)));
      const statements = await statementsDuring(async () => {
        for (let i = 0; i < MOVES; i++) {
          await api.card.move({ cardId: card.id, toColumnKey: i % 2 ? 'drafts' : 'proposals' });
          await Promise.all(feeds.map((f) => f.until(i + 2)));
        }
      });
      perEvent[n] = statements / MOVES;
      await Promise.all(feeds.map((f) => f.stop()));
    }
    console.log(`SQL statements per move and its event: ${perEvent[1]} with 1 subscriber, ${perEvent[20]} with 20`);
    expect(perEvent[20]).toBe(perEvent[1]);
  });
});
