import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { dayIn } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { boardId, makeCard, makeLearner, makeManager, makeProject, makeUser } from '../helpers/factories';
import type { Database } from '../../server/db/sequelize';
import { createEventBus } from '../../server/events';
import { UNKNOWN_CLIENT } from '../../server/services/context';
import { sweepAtRisk } from '../../server/services/notifications';
import type { User } from '../../server/db/models';

let t: TestDatabase;
let db: Database;
beforeAll(async () => {
  t = await testDatabase();
  db = t.db;
});
afterAll(() => t.drop());

async function school() {
  const project = await makeProject(db);
  const manager = await makeManager(db);
  const current = await makeUser(db, { name: 'Current Mentor', capacity: 3, projectIds: [project.id] });
  const roomy = await makeUser(db, { name: 'Roomy Mentor', capacity: 6, acceptsRqth: true, projectIds: [project.id] });
  const tight = await makeUser(db, { name: 'Tight Mentor', capacity: 2, acceptsRqth: true, projectIds: [project.id] });
  const learner = await makeLearner(db, { mentorId: current.id, currentProjectId: project.id, pathId: project.pathId });
  const transfers = await boardId(db, 'transfer');
  const as = (user: User) => callerFor(db, user);
  const file = async (overrides: Record<string, unknown> = {}) =>
    (await as(current)).card.create({ boardId: transfers, learnerId: learner.id, handoverDate: dayIn(15), reason: 'Projet suivant hors de mes compétences', description: 'Reprise au projet 3', ...overrides });
  return { project, manager, current, roomy, tight, learner, transfers, as, file };
}

const remaining = async (api: Awaited<ReturnType<typeof callerFor>>, id: number) => (await api.mentor.list()).find((m) => m.id === id)!.remainingCapacity;

describe('filing a transfer', () => {
  it('files a request for the mentor’s own learner, who stays with that mentor', async () => {
    const s = await school();
    const card = await s.file();
    expect(card).toMatchObject({ columnKey: 'drafts', mentorId: s.current.id, handoverDate: dayIn(15), reason: 'Projet suivant hors de mes compétences', newMentorId: null, volunteerIds: [] });
    expect((await (await s.as(s.current)).learner.get({ learnerId: s.learner.id })).mentorId).toBe(s.current.id);
  });

  it('refuses a handover date less than 14 days ahead, naming the earliest date; a manager may override, recorded', async () => {
    const s = await school();
    const error = await expectTRPCError(s.file({ handoverDate: dayIn(10) }), 'PRECONDITION_FAILED', 'lead_time');
    expect(error.message).toContain(dayIn(14));
    const api = await s.as(s.manager);
    const card = await api.card.create({ boardId: s.transfers, learnerId: s.learner.id, handoverDate: dayIn(10), description: 'Urgence', override: true, overrideReason: 'Départ du mentor' });
    expect((await api.card.get({ cardId: card.id })).history.map((h) => h.type)).toEqual(['created', 'override']);
  });

  it('refuses another mentor’s learner (NOT_FOUND) and a second open request for one learner', async () => {
    const s = await school();
    await expectTRPCError((await s.as(s.roomy)).card.create({ boardId: s.transfers, learnerId: s.learner.id, handoverDate: dayIn(15), description: 'x' }), 'NOT_FOUND');
    await s.file();
    await expectTRPCError(s.file(), 'PRECONDITION_FAILED', 'move_not_allowed');
  });

  it('keeps the handover date: changing it is refused', async () => {
    const s = await school();
    const card = await s.file();
    await expectTRPCError((await s.as(s.current)).card.update({ cardId: card.id, version: card.version, handoverDate: dayIn(30) }), 'PRECONDITION_FAILED', 'immovable_date');
  });
});

describe('volunteering', () => {
  it('lets any other mentor offer to take over a card in Proposals, and withdraw', async () => {
    const s = await school();
    const card = await s.file();
    await expectTRPCError((await s.as(s.roomy)).transfer.volunteer({ cardId: card.id }), 'NOT_FOUND');
    await (await s.as(s.current)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    const offered = await (await s.as(s.roomy)).transfer.volunteer({ cardId: card.id });
    expect(offered.volunteerIds).toEqual([s.roomy.id]);
    await (await s.as(s.tight)).transfer.volunteer({ cardId: card.id });
    const board = await (await s.as(s.manager)).board.get({ boardId: s.transfers });
    expect(board.cards.find((c) => c.id === card.id)!.volunteerIds).toEqual([s.roomy.id, s.tight.id]);
    const withdrawn = await (await s.as(s.roomy)).transfer.withdraw({ cardId: card.id });
    expect(withdrawn.volunteerIds).toEqual([s.tight.id]);
    const history = (await (await s.as(s.manager)).card.get({ cardId: card.id })).history.map((h) => h.type);
    expect(history).toEqual(expect.arrayContaining(['volunteered', 'volunteer_withdrawn']));
  });

  it('refuses the learner’s own mentor and a manager', async () => {
    const s = await school();
    const card = await s.file();
    await (await s.as(s.current)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await expectTRPCError((await s.as(s.current)).transfer.volunteer({ cardId: card.id }), 'PRECONDITION_FAILED', 'mentor_ineligible');
    await expectTRPCError((await s.as(s.manager)).transfer.volunteer({ cardId: card.id }), 'FORBIDDEN');
  });

  it('refuses a mentor who could not be chosen, with the reasons, and records nothing', async () => {
    const s = await school();
    const unqualified = await makeUser(db, { name: 'Unqualified Mentor', capacity: 5, acceptsRqth: true, projectIds: [] });
    const card = await s.file();
    await (await s.as(s.current)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    const error = await expectTRPCError((await s.as(unqualified)).transfer.volunteer({ cardId: card.id }), 'PRECONDITION_FAILED', 'mentor_ineligible');
    expect(error.cause.details?.reasons?.length).toBeGreaterThan(0);
    expect((await (await s.as(s.manager)).card.get({ cardId: card.id })).volunteerIds).toEqual([]);
  });
});

describe('choosing the new mentor', () => {
  it('ranks volunteers first, then most remaining capacity, and explains the others', async () => {
    const s = await school();
    const unqualified = await makeUser(db, { name: 'Unqualified', capacity: 9 });
    const full = await makeUser(db, { name: 'Full', capacity: 1, projectIds: [s.project.id] });
    await makeLearner(db, { mentorId: full.id });
    const noRqth = await makeUser(db, { name: 'No RQTH', capacity: 9, acceptsRqth: false, projectIds: [s.project.id] });
    await db.models.Learner.update({ rqth: true }, { where: { id: s.learner.id } });
    const card = await s.file();
    await (await s.as(s.current)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await (await s.as(s.tight)).transfer.volunteer({ cardId: card.id });
    const rows = await (await s.as(s.manager)).transfer.eligibleMentors({ cardId: card.id });
    const eligible = rows.filter((r) => r.eligible).map((r) => r.mentorId);
    expect(eligible.slice(0, 2)).toEqual([s.tight.id, s.roomy.id]);
    const byId = new Map(rows.map((r) => [r.mentorId, r]));
    expect(byId.get(unqualified.id)!.reasonCodes).toEqual(['not_qualified', 'no_rqth']);
    expect(byId.get(full.id)!.reasonCodes).toEqual(['no_capacity', 'no_rqth']);
    expect(byId.get(noRqth.id)!.reasonCodes).toEqual(['no_rqth']);
    expect(byId.get(s.current.id)!.reasonCodes).toContain('is_current_mentor');
    expect(byId.get(noRqth.id)!.reasons).toEqual(['does not accept learners with a disability (RQTH)']);
  });

  it('refuses an ineligible mentor with mentor_ineligible and the reasons', async () => {
    const s = await school();
    const card = await s.file();
    await (await s.as(s.current)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    const error = await expectTRPCError((await s.as(s.manager)).transfer.assignMentor({ cardId: card.id, mentorId: s.current.id }), 'PRECONDITION_FAILED', 'mentor_ineligible');
    expect(error.cause.details?.reasons).toContain("is already the learner's mentor");
  });

  it('runs the Profile to update loop on an incomplete profile', async () => {
    const s = await school();
    const card = await s.file();
    await (await s.as(s.current)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await db.models.Learner.update({ rqth: null }, { where: { id: s.learner.id } });
    const error = await expectTRPCError((await s.as(s.manager)).transfer.assignMentor({ cardId: card.id, mentorId: s.roomy.id }), 'PRECONDITION_FAILED', 'profile_incomplete');
    expect(error.cause.details?.missingFields).toEqual(['rqth']);
    expect((await db.models.Card.findByPk(card.id))!.columnKey).toBe('profile_to_update');
    const mentorApi = await s.as(s.current);
    await expectTRPCError(mentorApi.card.move({ cardId: card.id, toColumnKey: 'proposals' }), 'PRECONDITION_FAILED', 'profile_incomplete');
    await mentorApi.learner.update({ learnerId: s.learner.id, rqth: false });
    await mentorApi.card.move({ cardId: card.id, toColumnKey: 'proposals' });
    const assigned = await (await s.as(s.manager)).transfer.assignMentor({ cardId: card.id, mentorId: s.roomy.id });
    expect(assigned).toMatchObject({ columnKey: 'assigned', newMentorId: s.roomy.id });
  });

  it('tells the new mentor they were chosen, and each person marks only their own notifications read', async () => {
    const s = await school();
    const card = await s.file();
    await (await s.as(s.current)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await (await s.as(s.manager)).transfer.assignMentor({ cardId: card.id, mentorId: s.roomy.id });
    const roomy = await s.as(s.roomy);
    const inbox = await roomy.notification.list();
    const chosen = inbox.items.find((n) => n.type === 'mentor_assigned' && n.cardId === card.id);
    expect(chosen).toBeDefined();
    expect(inbox.unread).toBeGreaterThan(0);
    const current = await s.as(s.current);
    const theirs = (await current.notification.list()).items.filter((n) => n.cardId === card.id);
    expect(theirs.length).toBeGreaterThan(0);
    // Someone else's id changes nothing for them.
    await current.notification.markRead({ ids: [chosen!.id] });
    expect((await roomy.notification.list()).items.find((n) => n.id === chosen!.id)!.read).toBe(false);
    const after = await roomy.notification.markRead({ ids: [chosen!.id] });
    expect(after.items.find((n) => n.id === chosen!.id)!.read).toBe(true);
    expect(after.unread).toBe(inbox.unread - 1);
  });

  it('refuses a mentor assigning (FORBIDDEN)', async () => {
    const s = await school();
    const card = await s.file();
    await expectTRPCError((await s.as(s.current)).transfer.assignMentor({ cardId: card.id, mentorId: s.roomy.id }), 'FORBIDDEN');
  });
});

describe('preparing a transfer after a pass', () => {
  it('tells the card’s reader about an open request for the learner, so none is filed twice', async () => {
    const s = await school();
    const defenses = await boardId(db, 'defense');
    const passed = await makeCard(db, { boardId: defenses, learnerId: s.learner.id, columnKey: 'done', defenseDate: new Date(dayIn(-3)), outcome: 'passed' });
    const mentorApi = await s.as(s.current);
    expect((await mentorApi.card.get({ cardId: passed.id })).openTransferCardId).toBeNull();
    const request = await s.file();
    expect((await mentorApi.card.get({ cardId: passed.id })).openTransferCardId).toBe(request.id);
    // Another mentor does not learn of a draft that is not theirs.
    expect((await (await s.as(s.roomy)).card.get({ cardId: passed.id })).openTransferCardId).toBeNull();
  });
});

describe('the handover', () => {
  it('changes the learner’s mentor at Done, moves both capacities, records it and notifies both mentors', async () => {
    const s = await school();
    const managerApi = await s.as(s.manager);
    const before = { current: await remaining(managerApi, s.current.id), roomy: await remaining(managerApi, s.roomy.id) };
    const card = await s.file();
    await (await s.as(s.current)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await managerApi.transfer.assignMentor({ cardId: card.id, mentorId: s.roomy.id });
    // Assigned: the place is promised to the new mentor, the learner still with the current one.
    expect((await managerApi.learner.get({ learnerId: s.learner.id })).mentorId).toBe(s.current.id);
    expect(await remaining(managerApi, s.roomy.id)).toBe(before.roomy - 1);
    await managerApi.card.move({ cardId: card.id, toColumnKey: 'done' });
    expect((await managerApi.learner.get({ learnerId: s.learner.id })).mentorId).toBe(s.roomy.id);
    expect(await remaining(managerApi, s.roomy.id)).toBe(before.roomy - 1);
    expect(await remaining(managerApi, s.current.id)).toBe(before.current + 1);
    const learner = await managerApi.learner.get({ learnerId: s.learner.id });
    expect(learner.history.at(-1)).toMatchObject({ type: 'mentor_changed', actorId: s.manager.id, data: { changes: { mentorId: { from: s.current.id, to: s.roomy.id } } } });
    for (const mentor of [s.current, s.roomy]) {
      expect((await (await s.as(mentor)).notification.list()).items.some((n) => n.type === 'handover_done' && n.cardId === card.id)).toBe(true);
    }
    // The new mentor now sees the learner as theirs.
    expect((await (await s.as(s.roomy)).learner.list()).map((l) => l.id)).toContain(s.learner.id);
  });

  it('passes the learner’s open cards to the new mentor: the former mentor loses control of them, recorded on each card', async () => {
    const s = await school();
    const managerApi = await s.as(s.manager);
    const defenses = await boardId(db, 'defense');
    const defense = await makeCard(db, { boardId: defenses, learnerId: s.learner.id, columnKey: 'proposals', defenseDate: new Date(dayIn(25)) });
    const finished = await makeCard(db, { boardId: defenses, learnerId: s.learner.id, columnKey: 'done', defenseDate: new Date(dayIn(-30)), outcome: 'passed' });
    const transfer = await s.file();
    await (await s.as(s.current)).card.move({ cardId: transfer.id, toColumnKey: 'proposals' });
    await managerApi.transfer.assignMentor({ cardId: transfer.id, mentorId: s.roomy.id });
    await managerApi.card.move({ cardId: transfer.id, toColumnKey: 'done' });

    const former = await s.as(s.current);
    const fresh = await managerApi.card.get({ cardId: defense.id });
    expect(fresh).toMatchObject({ mentorId: s.roomy.id, version: defense.version + 1 });
    expect(fresh.history.at(-1)).toMatchObject({ type: 'mentor_changed', actorId: s.manager.id });
    const refusal = await former.card.update({ cardId: defense.id, version: fresh.version, description: 'Still mine?' }).catch((e: unknown) => e as { code?: string; data?: { code?: string } });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain((refusal as { data?: { code?: string } }).data?.code ?? (refusal as { code?: string }).code);
    await expect(former.card.move({ cardId: defense.id, toColumnKey: 'drafts' })).rejects.toThrow();
    // The new mentor now holds it.
    const moved = await (await s.as(s.roomy)).card.update({ cardId: defense.id, version: fresh.version, description: 'Reprise : livrables à jour' });
    expect(moved).toMatchObject({ mentorId: s.roomy.id, description: 'Reprise : livrables à jour' });
    // A finished card stays the record of who held it.
    expect((await managerApi.card.get({ cardId: finished.id })).mentorId).toBe(s.current.id);
  });

  it('refuses assigning a mentor beyond capacity', async () => {
    const s = await school();
    await makeLearner(db, { mentorId: s.tight.id });
    await makeLearner(db, { mentorId: s.tight.id });
    const card = await s.file();
    await (await s.as(s.current)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    const error = await expectTRPCError((await s.as(s.manager)).transfer.assignMentor({ cardId: card.id, mentorId: s.tight.id }), 'PRECONDITION_FAILED', 'mentor_ineligible');
    expect(error.cause.details?.reasons).toEqual(['has no remaining capacity']);
  });

  it('lets only a manager complete the handover, and only from Assigned', async () => {
    const s = await school();
    const card = await s.file();
    const mentorApi = await s.as(s.current);
    await mentorApi.card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await expectTRPCError((await s.as(s.manager)).card.move({ cardId: card.id, toColumnKey: 'done' }), 'PRECONDITION_FAILED', 'move_not_allowed');
    await (await s.as(s.manager)).transfer.assignMentor({ cardId: card.id, mentorId: s.roomy.id });
    await expectTRPCError((await s.as(s.roomy)).card.move({ cardId: card.id, toColumnKey: 'done' }), 'FORBIDDEN');
    expect((await db.models.Learner.findByPk(s.learner.id))!.mentorId).toBe(s.current.id);
  });
});

describe('capacity', () => {
  it('gives the last free place of a mentor to exactly one of two managers assigning at once', async () => {
    const s = await school();
    const second = await makeManager(db);
    await makeLearner(db, { mentorId: s.tight.id });
    const other = await makeLearner(db, { mentorId: s.current.id, currentProjectId: s.project.id, pathId: s.project.pathId });
    const a = await s.file();
    const b = await (await s.as(s.current)).card.create({ boardId: s.transfers, learnerId: other.id, handoverDate: dayIn(16), description: 'Autre reprise' });
    for (const card of [a, b]) await (await s.as(s.current)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    const [one, two] = await Promise.allSettled([
      (await s.as(s.manager)).transfer.assignMentor({ cardId: a.id, mentorId: s.tight.id }),
      (await s.as(second)).transfer.assignMentor({ cardId: b.id, mentorId: s.tight.id }),
    ]);
    const outcomes = [one, two].map((r) => r.status);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    const refused = [one, two].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason.cause as { rule: string }).rule).toBe('mentor_ineligible');
    expect(await remaining(await s.as(s.manager), s.tight.id)).toBe(0);
  });

  it('is never set by hand: mentor.update refuses remainingCapacity and a capacity below the load', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    await expectTRPCError(api.mentor.update({ mentorId: s.tight.id, remainingCapacity: 10 } as never), 'BAD_REQUEST');
    await makeLearner(db, { mentorId: s.tight.id });
    await makeLearner(db, { mentorId: s.tight.id });
    await expectTRPCError(api.mentor.update({ mentorId: s.tight.id, capacity: 1 }), 'PRECONDITION_FAILED', 'capacity_below_load');
    await expectTRPCError(api.mentor.update({ mentorId: s.tight.id, capacity: -1 }), 'BAD_REQUEST');
    const updated = await api.mentor.update({ mentorId: s.tight.id, capacity: 4, projectIds: [s.project.id], acceptsRqth: false, isEvaluator: true });
    expect(updated).toMatchObject({ capacity: 4, activeLearners: 2, remainingCapacity: 2, acceptsRqth: false, isEvaluator: true, projectIds: [s.project.id] });
    expect((await api.mentor.list()).every((m) => m.remainingCapacity >= 0)).toBe(true);
  });

  it('lets a mentor read the mentor list but not change it', async () => {
    const s = await school();
    const api = await s.as(s.current);
    expect((await api.mentor.list()).find((m) => m.id === s.current.id)).toMatchObject({ capacity: 3, remainingCapacity: 2 });
    await expectTRPCError(api.mentor.update({ mentorId: s.current.id, capacity: 30 }), 'FORBIDDEN');
  });
});

describe('at risk', () => {
  it('flags a request without a new mentor 7 days or less before the handover, and notifies each manager once', async () => {
    const s = await school();
    const secondManager = await makeManager(db);
    const card = await makeCard(db, { boardId: s.transfers, learnerId: s.learner.id, columnKey: 'proposals', handoverDate: dayIn(6) });
    const calm = await makeCard(db, { boardId: s.transfers, learnerId: (await makeLearner(db, { mentorId: s.current.id })).id, columnKey: 'proposals', handoverDate: dayIn(12) });
    const api = await s.as(s.manager);
    // The sweep is system work on the server's clock; run three times, it notifies once.
    for (let i = 0; i < 3; i++) await sweepAtRisk({ db, events: createEventBus(), user: null, now: () => new Date(), client: UNKNOWN_CLIENT });
    const board = await (await s.as(s.current)).board.get({ boardId: s.transfers });
    expect(board.cards.find((c) => c.id === card.id)!.flags).toContain('at_risk');
    expect(board.cards.find((c) => c.id === calm.id)!.flags).not.toContain('at_risk');
    for (const manager of [s.manager, secondManager]) {
      const inbox = await (await s.as(manager)).notification.list();
      expect(inbox.items.filter((n) => n.type === 'at_risk' && n.cardId === card.id)).toHaveLength(1);
      expect(inbox.items.filter((n) => n.cardId === calm.id)).toHaveLength(0);
    }
    // System work: the flag is the system's, never a user's.
    const flagged = await api.card.get({ cardId: card.id });
    expect(flagged.history.find((h) => h.type === 'at_risk')).toMatchObject({ actorId: null });
  });
});

describe('learner profiles', () => {
  it('lets the learner’s mentor edit the profile, records the change, and refuses other mentors', async () => {
    const s = await school();
    const api = await s.as(s.current);
    const updated = await api.learner.update({ learnerId: s.learner.id, professionalGoal: 'Lead dev', notes: null });
    expect(updated.professionalGoal).toBe('Lead dev');
    expect(updated.history.at(-1)).toMatchObject({ type: 'learner_updated', actorId: s.current.id, data: { changes: { professionalGoal: { to: 'Lead dev' } } } });
    await expectTRPCError((await s.as(s.roomy)).learner.update({ learnerId: s.learner.id, notes: 'x' }), 'NOT_FOUND');
    await expectTRPCError(api.learner.update({ learnerId: s.learner.id, funding: 'lottery' as never }), 'BAD_REQUEST');
    expect((await (await s.as(s.roomy)).learner.list()).map((l) => l.id)).not.toContain(s.learner.id);
  });
});
