import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { inDays } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { boardId, makeCard, makeLearner, makeManager, makeUser } from '../helpers/factories';
import { subscribe } from '../helpers/feed';
import { createEventBus } from '../../server/events';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

async function setup() {
  const db = t.db;
  const events = createEventBus();
  const manager = await makeManager(db);
  const mentor = await makeUser(db);
  const board = await boardId(db, 'defense');
  const learner = await makeLearner(db, { mentorId: mentor.id, firstName: 'Léa', lastName: 'Martin' });
  const card = await makeCard(db, { boardId: board, learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(20)) });
  return { db, events, manager, mentor, board, learner, card };
}

describe('board.events', () => {
  it('shows a subscriber a move made by another user, with the card as it now is', async () => {
    const s = await setup();
    const feed = await subscribe(s.db, s.events, s.mentor, s.board);
    const managerApi = await callerFor(s.db, s.manager, { events: s.events });
    await managerApi.card.move({ cardId: s.card.id, toColumnKey: 'drafts' });
    const [event] = await feed.until(1);
    expect(event!.data).toMatchObject({ type: 'moved', actorId: s.manager.id, cardId: s.card.id, data: { from: 'proposals', to: 'drafts' }, card: { columnKey: 'drafts', version: 2 }, learner: { firstName: 'Léa' } });
    expect(event!.id).toBe(String(event!.data.id));
    await feed.stop();
  });

  it('gives a client that reconnects with lastEventId exactly the 20 events it missed, in order', async () => {
    const s = await setup();
    const api = await callerFor(s.db, s.manager, { events: s.events });
    const first = await subscribe(s.db, s.events, s.manager, s.board);
    await api.card.comment({ cardId: s.card.id, body: 'before the disconnect' });
    const [seen] = await first.until(1);
    await first.stop();
    for (let i = 0; i < 20; i++) {
      await api.card.move({ cardId: s.card.id, toColumnKey: i % 2 ? 'proposals' : 'drafts' });
    }
    const resumed = await subscribe(s.db, s.events, s.manager, s.board, seen!.id);
    const missed = await resumed.until(20);
    // And it goes on live after the backlog, without duplicates.
    await api.card.comment({ cardId: s.card.id, body: 'after' });
    const all = await resumed.until(21);
    await new Promise((r) => setTimeout(r, 100));
    await resumed.stop();
    expect(all).toHaveLength(21);
    const ids = missed.slice(0, 20).map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(20);
    expect(ids[0]).toBeGreaterThan(Number(seen!.id));
    expect(missed.slice(0, 20).map((e) => (e.data.data as { to: string }).to)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 'proposals' : 'drafts')));
    expect(all[20]!.data.type).toBe('commented');
  });

  it('does not show a mentor another mentor’s draft, only that a card left their view', async () => {
    const s = await setup();
    const other = await makeUser(s.db);
    const feed = await subscribe(s.db, s.events, other, s.board);
    await (await callerFor(s.db, s.mentor, { events: s.events })).card.move({ cardId: s.card.id, toColumnKey: 'drafts' });
    const [event] = await feed.until(1);
    await feed.stop();
    // Bare: no time, actor or data, only that the card they knew is gone from their view.
    expect(event!.data).toEqual({ id: Number(event!.id), boardId: s.board, cardId: s.card.id, type: 'hidden' });
  });

  it('refuses an unknown board and an anonymous subscriber', async () => {
    const s = await setup();
    await expectTRPCError(subscribe(s.db, s.events, s.manager, 999), 'NOT_FOUND');
    await expectTRPCError((await callerFor(s.db)).board.events({ boardId: s.board }), 'UNAUTHORIZED');
  });
});

describe('optimistic concurrency on moves', () => {
  it('answers a move with a stale version with CONFLICT and the fresh card', async () => {
    const s = await setup();
    const api = await callerFor(s.db, s.manager);
    await api.card.move({ cardId: s.card.id, toColumnKey: 'drafts', version: 1 });
    const error = await expectTRPCError(api.card.move({ cardId: s.card.id, toColumnKey: 'proposals', version: 1 }), 'CONFLICT');
    expect((error.cause as unknown as { current: { columnKey: string; version: number } }).current).toMatchObject({ columnKey: 'drafts', version: 2 });
  });
});
