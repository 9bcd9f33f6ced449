import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { callerFor } from '../helpers/caller';
import { inDays } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { boardId, makeCard, makeLearner, makeManager, makeUser } from '../helpers/factories';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe('board.get', () => {
  it('shows every change made since the previous read, and each user only what they may see', async () => {
    const db = t.db;
    const manager = await makeManager(db);
    const mentor = await makeUser(db);
    const other = await makeUser(db);
    const board = await boardId(db, 'defense');
    const learner = await makeLearner(db, { mentorId: mentor.id });
    const card = await makeCard(db, { boardId: board, learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(25)) });
    const managerApi = await callerFor(db, manager);
    const otherApi = await callerFor(db, other);
    const face = async (api: typeof managerApi) => (await api.board.get({ boardId: board })).cards.find((c) => c.id === card.id);

    expect(await face(managerApi)).toMatchObject({ columnKey: 'proposals', version: 1, flags: ['early'], hasDescription: true });
    expect(await face(otherApi)).toBeDefined();
    await (await callerFor(db, mentor)).card.move({ cardId: card.id, toColumnKey: 'drafts' });
    expect(await face(managerApi)).toMatchObject({ columnKey: 'drafts', version: 2 });
    // The same cached rows, filtered for another mentor: the draft is not theirs to see.
    expect(await face(otherApi)).toBeUndefined();
    await (await callerFor(db, mentor)).card.update({ cardId: card.id, version: 2, description: '   ' });
    expect(await face(managerApi)).toMatchObject({ version: 3, hasDescription: false });
    const result = await managerApi.board.get({ boardId: board });
    expect(result.learners.find((l) => l.id === learner.id)).toMatchObject({ firstName: learner.firstName, lastName: learner.lastName });
    expect(Object.keys(result.cards[0]!)).not.toContain('description');
  });

  it('tells RQTH only to those who may read the learner’s profile; every viewer still sees the name', async () => {
    const db = t.db;
    const manager = await makeManager(db);
    const mentor = await makeUser(db);
    const evaluator = await makeUser(db);
    const bystander = await makeUser(db);
    const board = await boardId(db, 'defense');
    const learner = await makeLearner(db, { mentorId: mentor.id, rqth: true });
    await makeCard(db, { boardId: board, learnerId: learner.id, columnKey: 'assigned', evaluatorId: evaluator.id, defenseDate: new Date(inDays(25)) });
    const seen = async (user: typeof manager) => (await (await callerFor(db, user)).board.get({ boardId: board })).learners.find((l) => l.id === learner.id);
    expect(await seen(manager)).toMatchObject({ rqth: true });
    expect(await seen(mentor)).toMatchObject({ rqth: true });
    expect(await seen(evaluator)).toMatchObject({ rqth: true });
    expect(await seen(bystander)).toMatchObject({ firstName: learner.firstName, rqth: null });
  });

  it('badges a card as of the reader’s day, even when nothing on the board changed since the last read', async () => {
    const db = t.db;
    const manager = await makeManager(db);
    const mentor = await makeUser(db);
    const board = await boardId(db, 'defense');
    const learner = await makeLearner(db, { mentorId: mentor.id });
    const card = await makeCard(db, { boardId: board, learnerId: learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(25)) });
    const flagsOn = async (now: Date) => (await (await callerFor(db, manager, { now })).board.get({ boardId: board })).cards.find((c) => c.id === card.id)!.flags;
    expect(await flagsOn(new Date())).toEqual(['early']);
    expect(await flagsOn(new Date(inDays(20)))).toEqual(['due_soon']);
    expect(await flagsOn(new Date(inDays(30)))).toEqual(['overdue']);
    expect(await flagsOn(new Date())).toEqual(['early']);
  });

  it('returns the cards of each column in position order, ties broken by id', async () => {
    const db = t.db;
    const manager = await makeManager(db);
    const mentor = await makeUser(db);
    const board = await boardId(db, 'transfer');
    const ids: number[] = [];
    for (const position of ['a2', 'a1', 'a1', 'a0']) {
      const learner = await makeLearner(db, { mentorId: mentor.id });
      ids.push((await makeCard(db, { boardId: board, learnerId: learner.id, columnKey: 'proposals', position, handoverDate: '2027-01-15' })).id);
    }
    const cards = (await (await callerFor(db, manager)).board.get({ boardId: board })).cards.filter((c) => ids.includes(c.id));
    expect(cards.map((c) => c.id)).toEqual([ids[3], ids[1], ids[2], ids[0]]);
  });

  it('puts a card dropped past the end, or with no index, at the end, and one dropped into an empty column first', async () => {
    const own = await testDatabase(); // an empty Proposals column
    onTestFinished(() => own.drop());
    const db = own.db;
    const manager = await makeManager(db);
    const mentor = await makeUser(db);
    const board = await boardId(db, 'transfer');
    let day = 10;
    const make = async (columnKey: 'drafts' | 'proposals') => (await makeCard(db, { boardId: board, learnerId: (await makeLearner(db, { mentorId: mentor.id })).id, columnKey, handoverDate: `2027-02-${day++}` })).id;
    const api = await callerFor(db, manager);
    const proposals = async () => (await api.board.get({ boardId: board })).cards.filter((c) => c.columnKey === 'proposals').map((c) => c.id);
    const lastMove = async (cardId: number) => (await api.card.get({ cardId })).history.at(-1);

    const first = await make('drafts');
    await api.card.move({ cardId: first, toColumnKey: 'proposals', toIndex: 5 });
    expect(await proposals()).toEqual([first]);
    expect(await lastMove(first)).toMatchObject({ type: 'moved', data: { to: 'proposals', index: 0, of: 1 } });

    const column = [first, await make('proposals'), await make('proposals')];
    const past = await make('drafts');
    await api.card.move({ cardId: past, toColumnKey: 'proposals', toIndex: 99 });
    expect((await proposals()).at(-1)).toBe(past);
    expect(await lastMove(past)).toMatchObject({ data: { index: column.length, of: column.length + 1 } });

    const unplaced = await make('drafts');
    await api.card.move({ cardId: unplaced, toColumnKey: 'proposals' });
    expect((await proposals()).slice(-2)).toEqual([past, unplaced]);
    expect(await lastMove(unplaced)).toMatchObject({ data: { index: column.length + 1, of: column.length + 2 } });

    // Moving within its own column does not count the card twice.
    await api.card.move({ cardId: past, toColumnKey: 'proposals', toIndex: 0 });
    expect((await proposals())[0]).toBe(past);
    expect(await lastMove(past)).toMatchObject({ data: { index: 0, of: column.length + 2 } });
  });

  it('puts a moved card at the requested index of its new column, and records where', async () => {
    const db = t.db;
    const manager = await makeManager(db);
    const mentor = await makeUser(db);
    const board = await boardId(db, 'defense');
    const make = async (columnKey: 'drafts' | 'proposals') => (await makeCard(db, { boardId: board, learnerId: (await makeLearner(db, { mentorId: mentor.id })).id, columnKey, defenseDate: new Date(inDays(20)) })).id;
    const column = [await make('proposals'), await make('proposals'), await make('proposals')];
    const moving = await make('drafts');
    const api = await callerFor(db, manager);
    const before = (await api.board.get({ boardId: board })).cards.filter((c) => c.columnKey === 'proposals').map((c) => c.id);
    const i = before.indexOf(column[0]!);
    await api.card.move({ cardId: moving, toColumnKey: 'proposals', toIndex: i + 1 });
    const after = (await api.board.get({ boardId: board })).cards.filter((c) => c.columnKey === 'proposals').map((c) => c.id);
    expect(after).toEqual([...before.slice(0, i + 1), moving, ...before.slice(i + 1)]);
    const detail = await api.card.get({ cardId: moving });
    expect(detail.history.at(-1)).toMatchObject({ type: 'moved', data: { from: 'drafts', to: 'proposals', index: i + 1, of: before.length + 1 } });
    await api.card.move({ cardId: moving, toColumnKey: 'proposals', toIndex: 0 });
    expect((await api.board.get({ boardId: board })).cards.filter((c) => c.columnKey === 'proposals')[0]!.id).toBe(moving);
  });
});
