/**
 * Withdrawing, archiving and restoring cards (issue 15): who may, what a card off the board
 * frees (an evaluator's hour, a reserved place, the learner's one open transfer request),
 * the archived listing with who, when and why, a restore refused by each rule it can meet,
 * and the live feed taking a card off every board that shows it, and back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { dayIn, inDays } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { boardId, makeCard, makeLearner, makeManager, makeProject, makeUser } from '../helpers/factories';
import { subscribe } from '../helpers/feed';
import type { Activity, Card, User } from '../../server/db/models';
import type { Database } from '../../server/db/sequelize';
import { createEventBus } from '../../server/events';
import type { ColumnKey } from '../../shared/workflow/boards';

let t: TestDatabase;
let db: Database;
beforeAll(async () => {
  t = await testDatabase();
  db = t.db;
});
afterAll(() => t.drop());

let hours = 0;
/** A defense hour no other card of the file holds. */
const freshHour = () => new Date(inDays(20 + Math.floor(hours / 10), 8 + (hours++ % 10)));

async function school() {
  const project = await makeProject(db);
  const manager = await makeManager(db);
  const mentor = await makeUser(db, { capacity: 10, acceptsRqth: true, projectIds: [project.id] });
  const otherMentor = await makeUser(db, { capacity: 10, acceptsRqth: true, projectIds: [project.id] });
  const evaluator = await makeUser(db, { isEvaluator: true, capacity: 10, projectIds: [project.id] });
  const learner = await makeLearner(db, { mentorId: mentor.id, currentProjectId: project.id, pathId: project.pathId });
  const defenses = await boardId(db, 'defense');
  const transfers = await boardId(db, 'transfer');
  const as = (user: User) => callerFor(db, user);
  const defense = (columnKey: ColumnKey, overrides: Partial<Card['_creationAttributes']> = {}) =>
    makeCard(db, { boardId: defenses, learnerId: learner.id, columnKey, defenseDate: freshHour(), ...(columnKey === 'assigned' || columnKey === 'done' ? { evaluatorId: evaluator.id } : {}), ...(columnKey === 'done' ? { outcome: 'passed' } : {}), ...overrides });
  const transfer = (columnKey: ColumnKey, overrides: Partial<Card['_creationAttributes']> = {}) =>
    makeCard(db, { boardId: transfers, learnerId: learner.id, columnKey, handoverDate: dayIn(25), reason: 'Projet suivant hors de ses compétences', ...overrides });
  return { project, manager, mentor, otherMentor, evaluator, learner, defenses, transfers, as, defense, transfer };
}

const onBoard = async (api: Awaited<ReturnType<typeof callerFor>>, board: number) => (await api.board.get({ boardId: board })).cards.map((c) => c.id);
const archivedOn = async (api: Awaited<ReturnType<typeof callerFor>>, board: number) => (await api.board.get({ boardId: board, archived: true })).cards;

describe('withdrawing a card', () => {
  it('lets the filing mentor withdraw their draft with a reason: off the board, listed as withdrawn with who, when and why, still readable', async () => {
    const s = await school();
    const card = await s.defense('drafts');
    const api = await s.as(s.mentor);
    const withdrawn = await api.card.withdraw({ cardId: card.id, reason: 'Déposée par erreur' });
    expect(withdrawn).toMatchObject({ id: card.id, archived: true, version: card.version + 1, archive: { kind: 'withdrawn', byId: s.mentor.id, reason: 'Déposée par erreur' } });
    expect(await onBoard(api, s.defenses)).not.toContain(card.id);
    const [listed] = (await archivedOn(api, s.defenses)).filter((c) => c.id === card.id);
    expect(listed).toMatchObject({ id: card.id, columnKey: 'drafts', learnerId: s.learner.id, archive: { kind: 'withdrawn', byId: s.mentor.id, reason: 'Déposée par erreur', at: expect.any(String) } });
    expect(listed).not.toHaveProperty('description');
    const detail = await api.card.get({ cardId: card.id });
    expect(detail.archive).toMatchObject({ kind: 'withdrawn', reason: 'Déposée par erreur' });
    expect(detail.history.at(-1)).toMatchObject({ type: 'withdrawn', actorId: s.mentor.id, data: { reason: 'Déposée par erreur', column: 'drafts' } });
    // Off the board, nothing else happens to it.
    await expectTRPCError(api.card.move({ cardId: card.id, toColumnKey: 'proposals' }), 'NOT_FOUND');
    await expectTRPCError(api.card.comment({ cardId: card.id, body: 'encore là ?' }), 'NOT_FOUND');
    await expectTRPCError(api.card.withdraw({ cardId: card.id, reason: 'deux fois' }), 'NOT_FOUND');
  });

  it('refuses a withdrawal to the wrong people, and of an assigned card to its mentor, and of a done card to anyone', async () => {
    const s = await school();
    const mentor = await s.as(s.mentor);
    const other = await s.as(s.otherMentor);
    const evaluator = await s.as(s.evaluator);
    const manager = await s.as(s.manager);
    await expectTRPCError(other.card.withdraw({ cardId: (await s.defense('drafts')).id, reason: 'x' }), 'NOT_FOUND');
    await expectTRPCError(other.card.withdraw({ cardId: (await s.defense('proposals')).id, reason: 'x' }), 'FORBIDDEN', 'not_owner');
    const assigned = await s.defense('assigned');
    await expectTRPCError(evaluator.card.withdraw({ cardId: assigned.id, reason: 'x' }), 'FORBIDDEN', 'not_owner');
    await expectTRPCError(mentor.card.withdraw({ cardId: assigned.id, reason: 'x' }), 'PRECONDITION_FAILED', 'move_not_allowed');
    await expectTRPCError(manager.card.withdraw({ cardId: (await s.defense('done')).id, reason: 'x' }), 'PRECONDITION_FAILED', 'move_not_allowed');
    await expectTRPCError(mentor.card.withdraw({ cardId: (await s.defense('proposals')).id, reason: '   ' }), 'BAD_REQUEST');
    expect(await manager.card.withdraw({ cardId: assigned.id, reason: 'Jury annulé' })).toMatchObject({ archived: true, archive: { kind: 'withdrawn', byId: s.manager.id } });
  });

  it("frees the evaluator's hour: another defense takes it, and the withdrawn one cannot come back to it", async () => {
    const s = await school();
    const hour = freshHour();
    const first = await s.defense('assigned', { defenseDate: hour });
    const manager = await s.as(s.manager);
    const learner2 = await makeLearner(db, { mentorId: s.mentor.id, currentProjectId: s.project.id, pathId: s.project.pathId });
    const second = await makeCard(db, { boardId: s.defenses, learnerId: learner2.id, columnKey: 'proposals', defenseDate: hour });
    await expectTRPCError(manager.card.assignEvaluator({ cardId: second.id, evaluatorId: s.evaluator.id }), 'PRECONDITION_FAILED', 'evaluator_ineligible');
    await manager.card.withdraw({ cardId: first.id, reason: 'Reportée' });
    expect(await manager.card.assignEvaluator({ cardId: second.id, evaluatorId: s.evaluator.id })).toMatchObject({ columnKey: 'assigned', evaluatorId: s.evaluator.id });
    const refused = await expectTRPCError(manager.card.restore({ cardId: first.id }), 'PRECONDITION_FAILED', 'evaluator_ineligible');
    expect(refused.cause.details?.reasons).toEqual(['already holds a defense at that date and hour']);
    // Once the hour is free again, it comes back.
    await manager.card.withdraw({ cardId: second.id, reason: 'Doublon' });
    expect(await manager.card.restore({ cardId: first.id })).toMatchObject({ id: first.id, archived: false, columnKey: 'assigned', evaluatorId: s.evaluator.id });
  });

  it("frees the place a transfer reserved with its new mentor; a restore needs the place again", async () => {
    const s = await school();
    const newMentor = await makeUser(db, { capacity: 1, acceptsRqth: true, projectIds: [s.project.id] });
    const manager = await s.as(s.manager);
    const card = await s.transfer('proposals');
    await manager.transfer.assignMentor({ cardId: card.id, mentorId: newMentor.id });
    const remaining = async () => (await manager.mentor.list()).find((m) => m.id === newMentor.id)!;
    expect(await remaining()).toMatchObject({ reserved: 1, remainingCapacity: 0 });
    await manager.card.withdraw({ cardId: card.id, reason: 'Le mentor actuel garde l’apprenant' });
    expect(await remaining()).toMatchObject({ reserved: 0, remainingCapacity: 1 });
    // Someone else takes the place.
    const other = await makeLearner(db, { mentorId: s.otherMentor.id, currentProjectId: s.project.id, pathId: s.project.pathId });
    const otherCard = await makeCard(db, { boardId: s.transfers, learnerId: other.id, columnKey: 'proposals', handoverDate: dayIn(25), reason: 'x' });
    await manager.transfer.assignMentor({ cardId: otherCard.id, mentorId: newMentor.id });
    const refused = await expectTRPCError(manager.card.restore({ cardId: card.id }), 'PRECONDITION_FAILED', 'mentor_ineligible');
    expect(refused.cause.details?.reasons).toEqual(['has no remaining capacity']);
    await manager.card.withdraw({ cardId: otherCard.id, reason: 'x' });
    expect(await manager.card.restore({ cardId: card.id })).toMatchObject({ columnKey: 'assigned', newMentorId: newMentor.id, archived: false });
    expect(await remaining()).toMatchObject({ reserved: 1, remainingCapacity: 0 });
  });

  it('lets a new request for the same learner be filed once the open one is withdrawn; restoring the old one is then refused', async () => {
    const s = await school();
    const mentor = await s.as(s.mentor);
    const file = () => mentor.card.create({ boardId: s.transfers, learnerId: s.learner.id, description: 'Passage au parcours data', handoverDate: dayIn(20), reason: 'Projet suivant hors de ses compétences' });
    const first = await file();
    await expectTRPCError(file(), 'PRECONDITION_FAILED', 'move_not_allowed');
    await mentor.card.withdraw({ cardId: first.id, reason: 'Mauvaise date' });
    const second = await file();
    expect(second).toMatchObject({ columnKey: 'drafts', learnerId: s.learner.id });
    const refused = await expectTRPCError(mentor.card.restore({ cardId: first.id }), 'PRECONDITION_FAILED', 'one_open_transfer');
    expect(refused.message).toContain(String(second.id));
    // Defenses have no such rule: a withdrawn defense is filed again the same way.
    const defense = await mentor.card.create({ boardId: s.defenses, learnerId: s.learner.id, description: 'Livrables', defenseDate: freshHour().toISOString() });
    await mentor.card.withdraw({ cardId: defense.id, reason: 'Mauvaise heure' });
    expect(await mentor.card.create({ boardId: s.defenses, learnerId: s.learner.id, description: 'Livrables', defenseDate: freshHour().toISOString() })).toMatchObject({ columnKey: 'drafts' });
  });
});

describe('archiving a done card', () => {
  it('is a manager’s: the card leaves the board, is listed as archived, and a manager restores it to Done', async () => {
    const s = await school();
    const done = await s.defense('done');
    const mentorApi = await s.as(s.mentor);
    const manager = await s.as(s.manager);
    await expectTRPCError(mentorApi.card.archive({ cardId: done.id }), 'FORBIDDEN');
    await expectTRPCError(manager.card.archive({ cardId: (await s.defense('proposals')).id }), 'PRECONDITION_FAILED', 'move_not_allowed');
    expect(await manager.card.archive({ cardId: done.id, reason: 'Promotion 2025 close' })).toMatchObject({ archived: true, archive: { kind: 'archived', byId: s.manager.id, reason: 'Promotion 2025 close' } });
    const noReason = await s.defense('done');
    expect(await manager.card.archive({ cardId: noReason.id })).toMatchObject({ archive: { kind: 'archived', reason: null } });
    expect(await onBoard(mentorApi, s.defenses)).not.toContain(done.id);
    expect((await archivedOn(mentorApi, s.defenses)).find((c) => c.id === done.id)).toMatchObject({ columnKey: 'done', outcome: 'passed', archive: { kind: 'archived' } });
    // Its mentor cannot restore an archived card; a manager can.
    await expectTRPCError(mentorApi.card.restore({ cardId: done.id }), 'FORBIDDEN', 'not_owner');
    expect(await manager.card.restore({ cardId: done.id })).toMatchObject({ columnKey: 'done', archived: false });
    expect(await onBoard(mentorApi, s.defenses)).toContain(done.id);
    await expectTRPCError(manager.card.restore({ cardId: done.id }), 'PRECONDITION_FAILED', 'move_not_allowed');
  });
});

describe('restoring a card', () => {
  it('puts it back in its column between the cards it stood between, with the history of both steps', async () => {
    const s = await school();
    const learners = await Promise.all([0, 1, 2].map(() => makeLearner(db, { mentorId: s.mentor.id, currentProjectId: s.project.id, pathId: s.project.pathId })));
    const cards: Card[] = [];
    for (const l of learners) cards.push(await makeCard(db, { boardId: s.defenses, learnerId: l.id, columnKey: 'proposals', defenseDate: freshHour() }));
    const mentor = await s.as(s.mentor);
    const order = async () => (await mentor.board.get({ boardId: s.defenses })).cards.filter((card) => cards.some((x) => x.id === card.id)).map((card) => card.id);
    expect(await order()).toEqual(cards.map((x) => x.id));
    await mentor.card.withdraw({ cardId: cards[1]!.id, reason: 'À revoir' });
    expect(await order()).toEqual([cards[0]!.id, cards[2]!.id]);
    const restored = await mentor.card.restore({ cardId: cards[1]!.id });
    expect(restored).toMatchObject({ columnKey: 'proposals', archived: false });
    expect(await order()).toEqual(cards.map((x) => x.id));
    const detail = await mentor.card.get({ cardId: cards[1]!.id });
    expect(detail.archive).toBeNull();
    expect(detail.history.slice(-2).map((h) => h.type)).toEqual(['withdrawn', 'restored']);
    expect(detail.history.at(-1)).toMatchObject({ actorId: s.mentor.id, data: { to: 'proposals', was: { kind: 'withdrawn', reason: 'À revoir', byId: s.mentor.id } } });
  });

  it('lets the mentor restore their own card withdrawn before assignment, not one withdrawn once assigned, nor another mentor’s', async () => {
    const s = await school();
    const mentor = await s.as(s.mentor);
    const other = await s.as(s.otherMentor);
    const manager = await s.as(s.manager);
    const proposal = await s.defense('proposals');
    await mentor.card.withdraw({ cardId: proposal.id, reason: 'x' });
    await expectTRPCError(other.card.restore({ cardId: proposal.id }), 'FORBIDDEN', 'not_owner');
    expect(await mentor.card.restore({ cardId: proposal.id })).toMatchObject({ columnKey: 'proposals' });
    const draft = await s.defense('drafts');
    await mentor.card.withdraw({ cardId: draft.id, reason: 'x' });
    await expectTRPCError(other.card.restore({ cardId: draft.id }), 'NOT_FOUND');
    const assigned = await s.defense('assigned');
    await manager.card.withdraw({ cardId: assigned.id, reason: 'x' });
    await expectTRPCError(mentor.card.restore({ cardId: assigned.id }), 'PRECONDITION_FAILED', 'move_not_allowed');
    expect(await manager.card.restore({ cardId: assigned.id })).toMatchObject({ columnKey: 'assigned' });
  });

  it('is refused for a learner who left, and for a project retired since (unless it is the learner’s current one)', async () => {
    const s = await school();
    const manager = await s.as(s.manager);
    const card = await s.defense('proposals');
    await manager.card.withdraw({ cardId: card.id, reason: 'x' });
    await manager.learner.deactivate({ learnerId: s.learner.id, reason: 'abandonment', date: dayIn(0) });
    await expectTRPCError(manager.card.restore({ cardId: card.id }), 'PRECONDITION_FAILED', 'learner_inactive');
    await manager.learner.reactivate({ learnerId: s.learner.id });
    // The card is about an earlier project, retired since.
    const older = await makeProject(db, { pathId: s.project.pathId });
    const old = await s.defense('proposals', { projectId: older.id });
    await manager.card.withdraw({ cardId: old.id, reason: 'x' });
    await manager.catalog.updateProject({ projectId: older.id, retired: true });
    await expectTRPCError(manager.card.restore({ cardId: old.id }), 'PRECONDITION_FAILED', 'project_retired');
    // The learner's own current project, retired: they finish it, the card comes back.
    await manager.catalog.updateProject({ projectId: s.project.id, retired: true });
    expect(await manager.card.restore({ cardId: card.id })).toMatchObject({ columnKey: 'proposals' });
  });

  it('gives a card withdrawn before a handover back to the learner’s new mentor, and only they or a manager restore it', async () => {
    const s = await school();
    const manager = await s.as(s.manager);
    const draft = await s.defense('proposals');
    await manager.card.withdraw({ cardId: draft.id, reason: 'x' });
    const handover = await s.transfer('assigned', { newMentorId: s.otherMentor.id });
    await manager.card.move({ cardId: handover.id, toColumnKey: 'done' });
    // Its former mentor no longer has a say on it.
    await expectTRPCError((await s.as(s.mentor)).card.restore({ cardId: draft.id }), 'FORBIDDEN', 'not_owner');
    const restored = await manager.card.restore({ cardId: draft.id });
    expect(restored).toMatchObject({ mentorId: s.otherMentor.id, columnKey: 'proposals' });
    expect((await manager.card.get({ cardId: draft.id })).history.slice(-2).map((h) => h.type)).toEqual(['mentor_changed', 'restored']);
  });

  it('is refused for a card on the board, and for a card that does not exist', async () => {
    const s = await school();
    const manager = await s.as(s.manager);
    await expectTRPCError(manager.card.restore({ cardId: (await s.defense('proposals')).id }), 'PRECONDITION_FAILED', 'move_not_allowed');
    await expectTRPCError(manager.card.restore({ cardId: 987_654 }), 'NOT_FOUND');
  });
});

describe('the live feed', () => {
  it('takes a withdrawn card off every board that shows it, and puts it back on restore; a viewer who never saw it hears nothing', async () => {
    const s = await school();
    const events = createEventBus();
    const proposal = await s.defense('proposals');
    const draft = await s.defense('drafts');
    const feeds = {
      mentor: await subscribe(db, events, s.mentor, s.defenses),
      other: await subscribe(db, events, s.otherMentor, s.defenses),
      manager: await subscribe(db, events, s.manager, s.defenses),
    };
    const manager = await callerFor(db, s.manager, { events });
    await manager.card.withdraw({ cardId: proposal.id, reason: 'x' });
    await manager.card.withdraw({ cardId: draft.id, reason: 'y' });
    await manager.card.restore({ cardId: proposal.id });
    const mine = await feeds.mentor.until(3);
    const managers = await feeds.manager.until(3);
    const others = await feeds.other.until(2);
    await new Promise((r) => setTimeout(r, 100));
    for (const feed of Object.values(feeds)) await feed.stop();
    const shape = (received: typeof mine) => received.map((e) => [e.data.cardId, e.data.type, e.data.card?.columnKey ?? null]);
    expect(shape(mine)).toEqual([[proposal.id, 'hidden', null], [draft.id, 'hidden', null], [proposal.id, 'restored', 'proposals']]);
    expect(shape(managers)).toEqual(shape(mine));
    // The other mentor never saw the draft: they hear of the proposal only.
    expect(shape(others)).toEqual([[proposal.id, 'hidden', null], [proposal.id, 'restored', 'proposals']]);
    expect(mine[2]!.data.card).toMatchObject({ id: proposal.id, archived: false });
  });

  it('replays a withdrawal as hidden to a client reconnecting after a restore, then the card restored', async () => {
    const s = await school();
    const events = createEventBus();
    const card = await s.defense('proposals');
    const manager = await callerFor(db, s.manager, { events });
    const head = (await db.models.Activity.max<number, Activity>('id')) ?? 0;
    await manager.card.withdraw({ cardId: card.id, reason: 'x' });
    await manager.card.restore({ cardId: card.id });
    const feed = await subscribe(db, events, s.mentor, s.defenses, String(head));
    const received = await feed.until(2);
    await feed.stop();
    expect(received.filter((e) => e.data.cardId === card.id).map((e) => e.data.type)).toEqual(['hidden', 'restored']);
  });
});
