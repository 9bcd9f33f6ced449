/**
 * The live feed with many viewers: each event is read from the database once whoever
 * watches, and each viewer is sent only what they may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { inDays } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { boardId, makeCard, makeLearner, makeManager, makeUser } from '../helpers/factories';
import { subscribe } from '../helpers/feed';
import { createEventBus } from '../../server/events';
import { MOST_FEEDS_PER_USER } from '../../server/services/feed';
import { FEED_BUFFER } from '../../server/services/feedHub';

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

  it('resumes from a lastEventId older than the buffer with exactly the events missed, in order, then goes on live', async () => {
    const db = t.db;
    const events = createEventBus();
    const manager = await makeManager(db);
    const mentor = await makeUser(db);
    const board = await boardId(db, 'defense');
    const learner = await makeLearner(db, { mentorId: mentor.id });
    const card = await makeCard(db, { boardId: board, learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(20)) });
    const api = await callerFor(db, manager, { events });
    // A viewer who stays keeps the board's buffer going while the other is away.
    const staying = await subscribe(db, events, mentor, board);
    const leaving = await subscribe(db, events, manager, board);
    await api.card.comment({ cardId: card.id, body: 'before the disconnect' });
    const [seen] = await leaving.until(1);
    await leaving.stop();
    const missed = FEED_BUFFER + 40;
    for (let i = 0; i < missed; i++) await api.card.comment({ cardId: card.id, body: `comment ${i}` });
    await staying.until(missed + 1, 20_000);

    const resumed = await subscribe(db, events, manager, board, seen!.id);
    const backlog = await resumed.until(missed, 20_000);
    await api.card.comment({ cardId: card.id, body: 'after' });
    const all = await resumed.until(missed + 1);
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([resumed.stop(), staying.stop()]);

    expect(all).toHaveLength(missed + 1);
    expect(backlog.slice(0, missed).map((e) => e.id)).toEqual(staying.received.slice(1, missed + 1).map((e) => e.id));
    const ids = all.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBeGreaterThan(Number(seen!.id));
    expect(all.map((e) => e.data.type)).toEqual(Array.from({ length: missed + 1 }, () => 'commented'));
  }, 60_000);
});

describe('board.events sends each viewer only what they may see', () => {
  it('sends another mentor nothing of a draft, and only a bare hidden when a card they saw goes back to Drafts', async () => {
    const db = t.db;
    const events = createEventBus();
    const manager = await makeManager(db);
    const owner = await makeUser(db);
    const other = await makeUser(db);
    const board = await boardId(db, 'defense');
    const learner = await makeLearner(db, { mentorId: owner.id });
    const watching = await subscribe(db, events, other, board);
    const managing = await subscribe(db, events, manager, board);
    const api = await callerFor(db, owner, { events });

    const draft = await api.card.create({ boardId: board, learnerId: learner.id, defenseDate: inDays(20), description: 'Livrables : https://github.com/exemple/p3' });
    await api.card.move({ cardId: draft.id, toColumnKey: 'drafts', toIndex: 0 });
    await api.card.comment({ cardId: draft.id, body: 'a note to myself' });
    await api.card.move({ cardId: draft.id, toColumnKey: 'proposals' });
    await api.card.move({ cardId: draft.id, toColumnKey: 'drafts' });
    await managing.until(5);
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([watching.stop(), managing.stop()]);

    expect(managing.received.map((e) => e.data.type)).toEqual(['created', 'moved', 'commented', 'moved', 'moved']);
    expect(watching.received).toHaveLength(2);
    const [shown, hidden] = watching.received;
    expect(shown!.data).toMatchObject({ type: 'moved', cardId: draft.id, data: { from: 'drafts', to: 'proposals' }, card: { columnKey: 'proposals' } });
    expect(hidden!.data).toEqual({ id: Number(hidden!.id), boardId: board, cardId: draft.id, type: 'hidden' });
  });

  it('follows a card to its new mentor: hidden for the one who lost sight of it, whole for the one who gains it', async () => {
    const db = t.db;
    const events = createEventBus();
    const [before, after, bystander] = [await makeUser(db), await makeUser(db), await makeUser(db)];
    const board = await boardId(db, 'defense');
    const learner = await makeLearner(db, { mentorId: before.id });
    const card = await makeCard(db, { boardId: board, learnerId: learner.id, columnKey: 'drafts', defenseDate: new Date(inDays(20)) });
    const feeds = [await subscribe(db, events, before, board), await subscribe(db, events, after, board), await subscribe(db, events, bystander, board)];
    // A handover's change of mentor, as a card event: data.from is the mentor before.
    await card.update({ mentorId: after.id });
    const activity = await db.models.Activity.create({ boardId: board, cardId: card.id, learnerId: learner.id, actorId: null, type: 'mentor_changed', data: { from: before.id, to: after.id }, createdAt: new Date() });
    events.publish({ boardId: board, id: activity.id });
    await Promise.all([feeds[0]!.until(1), feeds[1]!.until(1)]);
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all(feeds.map((f) => f.stop()));

    // The card's creation (written by the factory) was logged before the feeds opened.
    expect(feeds[0]!.received.map((e) => e.data)).toEqual([{ id: activity.id, boardId: board, cardId: card.id, type: 'hidden' }]);
    expect(feeds[1]!.received.map((e) => e.data)).toMatchObject([{ type: 'mentor_changed', card: { mentorId: after.id } }]);
    expect(feeds[2]!.received).toEqual([]);
  });

  it('gives a mentor the RQTH of their own learners and of a card they evaluate, never of another mentor’s learner', async () => {
    const db = t.db;
    const events = createEventBus();
    const manager = await makeManager(db);
    const mentor = await makeUser(db, { isEvaluator: true });
    const colleague = await makeUser(db);
    const board = await boardId(db, 'defense');
    const own = await makeLearner(db, { mentorId: mentor.id, rqth: true });
    const theirs = await makeLearner(db, { mentorId: colleague.id, rqth: true });
    const evaluated = await makeLearner(db, { mentorId: colleague.id, rqth: true });
    const cards = {
      own: await makeCard(db, { boardId: board, learnerId: own.id, columnKey: 'proposals', defenseDate: new Date(inDays(20)) }),
      theirs: await makeCard(db, { boardId: board, learnerId: theirs.id, columnKey: 'proposals', defenseDate: new Date(inDays(20)) }),
      evaluated: await makeCard(db, { boardId: board, learnerId: evaluated.id, columnKey: 'assigned', evaluatorId: mentor.id, defenseDate: new Date(inDays(20)) }),
    };
    const feed = await subscribe(db, events, mentor, board);
    const managing = await subscribe(db, events, manager, board);
    const api = await callerFor(db, manager, { events });
    for (const card of [cards.own, cards.theirs, cards.evaluated]) await api.card.comment({ cardId: card.id, body: 'Seen.' });
    await Promise.all([feed.until(3), managing.until(3)]);
    await Promise.all([feed.stop(), managing.stop()]);

    const rqthOf = (received: typeof feed.received) => Object.fromEntries(received.map((e) => [e.data.cardId, e.data.learner?.rqth]));
    expect(rqthOf(feed.received)).toEqual({ [cards.own.id]: true, [cards.theirs.id]: null, [cards.evaluated.id]: true });
    expect(feed.received.find((e) => e.data.cardId === cards.theirs.id)!.data.learner).toMatchObject({ id: theirs.id, firstName: theirs.firstName, mentorId: colleague.id, rqth: null });
    expect(rqthOf(managing.received)).toEqual({ [cards.own.id]: true, [cards.theirs.id]: true, [cards.evaluated.id]: true });
  });
});

describe('board.events per user', () => {
  it(`refuses an ${MOST_FEEDS_PER_USER + 1}th open feed of one user, and takes it once another closes`, async () => {
    const db = t.db;
    const events = createEventBus();
    const mentor = await makeUser(db);
    const colleague = await makeUser(db);
    const board = await boardId(db, 'defense');
    const feeds = [];
    for (let i = 0; i < MOST_FEEDS_PER_USER; i++) feeds.push(await subscribe(db, events, mentor, board));
    const refused = await expectTRPCError(subscribe(db, events, mentor, board), 'TOO_MANY_REQUESTS');
    expect(refused.message).toMatch(/You have Relais open in too many tabs/);
    // Another person is not held back by it.
    const theirs = await subscribe(db, events, colleague, board);
    await feeds.pop()!.stop();
    feeds.push(await subscribe(db, events, mentor, board));
    await Promise.all([...feeds, theirs].map((f) => f.stop()));
  });
});
