/**
 * Learners, paths and projects kept by the people themselves (issue 15): creating a learner
 * with a mentor weighed as for a transfer (and a manager's recorded override), deactivating
 * one (their open cards withdrawn, their mentor's place freed, out of the pickers, still in
 * history) and reactivating them, the Learners page's filters, a pass moving the learner to
 * the next project of their path (and the last one completing it), and the catalogue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { dayIn, inDays } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { boardId, makeCard, makeLearner, makeManager, makeUser } from '../helpers/factories';
import type { User } from '../../server/db/models';
import type { Database } from '../../server/db/sequelize';

let t: TestDatabase;
let db: Database;
beforeAll(async () => {
  t = await testDatabase();
  db = t.db;
});
afterAll(() => t.drop());

let n = 0;
/** A path with `count` projects, P1…Pn in order. */
async function path(count = 3) {
  const code = `T${++n}`;
  const p = await db.models.Path.create({ code, name: `Parcours ${code}` });
  const projects = [];
  for (let i = 1; i <= count; i++) projects.push(await db.models.Project.create({ pathId: p.id, position: i, code: `${code}-P${i}`, title: `Projet ${i}`, color: '#2563eb' }));
  return { path: p, projects };
}

async function school() {
  const { path: p, projects } = await path();
  const manager = await makeManager(db);
  const mentor = await makeUser(db, { capacity: 2, acceptsRqth: false, projectIds: projects.map((x) => x.id) });
  const evaluator = await makeUser(db, { isEvaluator: true, capacity: 5, projectIds: projects.map((x) => x.id) });
  const defenses = await boardId(db, 'defense');
  const transfers = await boardId(db, 'transfer');
  return { path: p, projects, manager, mentor, evaluator, defenses, transfers, as: (user: User) => callerFor(db, user) };
}

const newLearner = (s: Awaited<ReturnType<typeof school>>, extra: Record<string, unknown> = {}) => ({
  firstName: 'Éloïse',
  lastName: 'Durand',
  email: 'eloise.durand@exemple.fr',
  pathId: s.path.id,
  currentProjectId: s.projects[0]!.id,
  mentorId: s.mentor.id,
  funding: 'employment_agency' as const,
  professionalGoal: 'Développeuse front-end',
  availability: 'Mardi et jeudi soir',
  timezone: 'Europe/Paris',
  rqth: false,
  ...extra,
});

describe('learner.create', () => {
  it('lets a manager create a learner with a mentor who can take them: a complete profile, in their mentor’s count, in the history', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    const created = await api.learner.create(newLearner(s));
    expect(created).toMatchObject({ firstName: 'Éloïse', mentorId: s.mentor.id, currentProjectId: s.projects[0]!.id, active: true, missingFields: [], deactivatedAt: null, pathCompletedAt: null });
    expect(created.history).toEqual([expect.objectContaining({ type: 'learner_created', actorId: s.manager.id })]);
    expect((await api.mentor.list()).find((m) => m.id === s.mentor.id)).toMatchObject({ activeLearners: 1, remainingCapacity: 1 });
    expect((await api.learner.list()).map((l) => l.id)).toContain(created.id);
  });

  it('refuses a mentor, who asks a manager', async () => {
    const s = await school();
    await expectTRPCError((await s.as(s.mentor)).learner.create(newLearner(s)), 'FORBIDDEN');
  });

  it('refuses a mentor who cannot take the learner, with the reasons, unless a manager overrides and says why', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    const { projects: elsewhere } = await path(1);
    const unqualified = await makeUser(db, { capacity: 0, acceptsRqth: false, projectIds: [elsewhere[0]!.id] });
    const refused = await expectTRPCError(api.learner.create(newLearner(s, { mentorId: unqualified.id, rqth: true })), 'PRECONDITION_FAILED', 'mentor_ineligible');
    expect(refused.cause.details?.reasons).toEqual(['has no remaining capacity', 'is not qualified for this project', 'does not accept learners with a disability (RQTH)']);
    await expectTRPCError(api.learner.create(newLearner(s, { mentorId: unqualified.id, override: true })), 'BAD_REQUEST');
    const created = await api.learner.create(newLearner(s, { mentorId: unqualified.id, rqth: true, override: true, overrideReason: 'Seule mentore disponible sur ce créneau' }));
    expect(created.mentorId).toBe(unqualified.id);
    expect(created.history.map((h) => h.type)).toEqual(['learner_created', 'override']);
    expect(created.history[1]).toMatchObject({ actorId: s.manager.id, data: { rule: 'mentor_ineligible', reasonCodes: ['no_capacity', 'not_qualified', 'no_rqth'], reason: 'Seule mentore disponible sur ce créneau' } });
    expect(await db.models.Learner.count({ where: { mentorId: unqualified.id } })).toBe(1);
  });

  it('refuses a project outside the path, a retired project, an unknown path or mentor, and a manager as mentor', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    const { projects: elsewhere } = await path(1);
    await expectTRPCError(api.learner.create(newLearner(s, { currentProjectId: elsewhere[0]!.id })), 'BAD_REQUEST');
    await api.catalog.updateProject({ projectId: s.projects[2]!.id, retired: true });
    await expectTRPCError(api.learner.create(newLearner(s, { currentProjectId: s.projects[2]!.id })), 'PRECONDITION_FAILED', 'project_retired');
    await expectTRPCError(api.learner.create(newLearner(s, { pathId: 987_654 })), 'NOT_FOUND');
    await expectTRPCError(api.learner.create(newLearner(s, { mentorId: 987_654 })), 'NOT_FOUND');
    await expectTRPCError(api.learner.create(newLearner(s, { mentorId: s.manager.id })), 'NOT_FOUND');
  });
});

describe('learner.deactivate and learner.reactivate', () => {
  it('withdraws the learner’s open cards with the reason, frees their mentor’s place and a reserved one, keeps done cards and the history', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    const newMentor = await makeUser(db, { capacity: 1, acceptsRqth: true, projectIds: [s.projects[0]!.id] });
    const learner = await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[0]!.id });
    const done = await makeCard(db, { boardId: s.defenses, learnerId: learner.id, columnKey: 'done', defenseDate: new Date(inDays(-30)), evaluatorId: s.evaluator.id, outcome: 'failed' });
    const defense = await makeCard(db, { boardId: s.defenses, learnerId: learner.id, columnKey: 'assigned', defenseDate: new Date(inDays(20, 10)), evaluatorId: s.evaluator.id });
    const transfer = await makeCard(db, { boardId: s.transfers, learnerId: learner.id, columnKey: 'assigned', handoverDate: dayIn(25), reason: 'x', newMentorId: newMentor.id });
    const mentors = async () => new Map((await api.mentor.list()).map((m) => [m.id, m]));
    expect((await mentors()).get(s.mentor.id)).toMatchObject({ activeLearners: 1, remainingCapacity: 1 });
    expect((await mentors()).get(newMentor.id)).toMatchObject({ reserved: 1, remainingCapacity: 0 });

    const left = await api.learner.deactivate({ learnerId: learner.id, reason: 'end_of_funding', date: dayIn(-2), note: 'Financement Pôle emploi terminé' });
    expect(left).toMatchObject({ active: false, deactivatedAt: dayIn(-2), deactivationReason: 'end_of_funding' });
    expect(left.history.at(-1)).toMatchObject({ type: 'learner_deactivated', actorId: s.manager.id, data: { reason: 'end_of_funding', date: dayIn(-2), note: 'Financement Pôle emploi terminé', withdrawnCardIds: [defense.id, transfer.id] } });
    expect((await mentors()).get(s.mentor.id)).toMatchObject({ activeLearners: 0, remainingCapacity: 2 });
    expect((await mentors()).get(newMentor.id)).toMatchObject({ reserved: 0, remainingCapacity: 1 });
    for (const [card, board] of [[defense, s.defenses], [transfer, s.transfers]] as const) {
      expect((await api.board.get({ boardId: board })).cards.map((c) => c.id)).not.toContain(card.id);
      expect((await api.board.get({ boardId: board, archived: true })).cards.find((c) => c.id === card.id)).toMatchObject({ archive: { kind: 'withdrawn', reason: 'end_of_funding', byId: s.manager.id } });
    }
    expect((await api.board.get({ boardId: s.defenses })).cards.map((c) => c.id)).toContain(done.id);
    // Out of the pickers, still readable, with a filter to find them.
    expect((await api.learner.list()).map((l) => l.id)).not.toContain(learner.id);
    expect((await (await s.as(s.mentor)).learner.list()).map((l) => l.id)).not.toContain(learner.id);
    expect((await api.learner.list({ status: 'inactive' })).map((l) => l.id)).toContain(learner.id);
    expect((await (await s.as(s.mentor)).learner.get({ learnerId: learner.id })).active).toBe(false);
    // No new card, no restored one, no second deactivation.
    await expectTRPCError((await s.as(s.mentor)).card.create({ boardId: s.defenses, learnerId: learner.id, description: 'x', defenseDate: inDays(30) }), 'NOT_FOUND');
    await expectTRPCError(api.card.restore({ cardId: defense.id }), 'PRECONDITION_FAILED', 'learner_inactive');
    await expectTRPCError(api.learner.deactivate({ learnerId: learner.id, reason: 'exclusion', date: dayIn(0) }), 'PRECONDITION_FAILED', 'learner_inactive');
  });

  it('refuses a date in the future, a reason it does not know, and anyone but a manager', async () => {
    const s = await school();
    const learner = await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[0]!.id });
    const api = await s.as(s.manager);
    await expectTRPCError(api.learner.deactivate({ learnerId: learner.id, reason: 'abandonment', date: dayIn(10) }), 'BAD_REQUEST');
    await expectTRPCError(api.learner.deactivate({ learnerId: learner.id, reason: 'bored' as never, date: dayIn(0) }), 'BAD_REQUEST');
    await expectTRPCError((await s.as(s.mentor)).learner.deactivate({ learnerId: learner.id, reason: 'abandonment', date: dayIn(0) }), 'FORBIDDEN');
    await expectTRPCError((await s.as(s.mentor)).learner.reactivate({ learnerId: learner.id }), 'FORBIDDEN');
    expect((await db.models.Learner.findByPk(learner.id))!.active).toBe(true);
  });

  it('brings a learner back to their mentor if there is room, or to another mentor, or with a manager’s override', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    const learner = await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[0]!.id });
    await api.learner.deactivate({ learnerId: learner.id, reason: 'abandonment', date: dayIn(0) });
    // Their place went to two others meanwhile.
    for (let i = 0; i < 2; i++) await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[0]!.id });
    await expectTRPCError(api.learner.reactivate({ learnerId: learner.id }), 'PRECONDITION_FAILED', 'mentor_ineligible');
    const other = await makeUser(db, { capacity: 3, projectIds: [s.projects[0]!.id] });
    const back = await api.learner.reactivate({ learnerId: learner.id, mentorId: other.id });
    expect(back).toMatchObject({ active: true, mentorId: other.id, deactivatedAt: null, deactivationReason: null });
    expect(back.history.slice(-2).map((h) => h.type)).toEqual(['learner_reactivated', 'mentor_changed']);
    // Reactivating an active learner changes nothing.
    expect((await api.learner.reactivate({ learnerId: learner.id })).history).toHaveLength(back.history.length);
    await api.learner.deactivate({ learnerId: learner.id, reason: 'exclusion', date: dayIn(0) });
    const full = await api.learner.reactivate({ learnerId: learner.id, mentorId: s.mentor.id, override: true, overrideReason: 'Reprise demandée par sa mentore' });
    expect(full.mentorId).toBe(s.mentor.id);
    expect(full.history.at(-1)).toMatchObject({ type: 'override', data: { reasonCodes: ['no_capacity'], reason: 'Reprise demandée par sa mentore' } });
  });
});

describe('learner.list', () => {
  it('filters by name (accents and case aside), path, project, mentor and missing fields, with the count of missing fields on each row', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    const other = await makeUser(db, { capacity: 5 });
    const eloise = await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[0]!.id, firstName: 'Éloïse', lastName: 'Lefèvre' });
    const marc = await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[1]!.id, firstName: 'Marc', lastName: 'Petit', funding: null, timezone: null });
    const noah = await makeLearner(db, { mentorId: other.id, pathId: s.path.id, currentProjectId: s.projects[1]!.id, firstName: 'Noah', lastName: 'Girard', availability: '  ' });
    const ids = async (filters?: Parameters<typeof api.learner.list>[0], as = api) => (await as.learner.list(filters)).map((l) => l.id);
    expect(await ids({ search: 'eloise LEFEVRE' })).toEqual([eloise.id]);
    // By last name: Girard, Lefèvre, Petit.
    expect(await ids({ pathId: s.path.id })).toEqual([noah.id, eloise.id, marc.id]);
    expect(await ids({ projectId: s.projects[1]!.id })).toEqual([noah.id, marc.id]);
    expect(await ids({ pathId: s.path.id, mentorId: other.id })).toEqual([noah.id]);
    expect(await ids({ pathId: s.path.id, missing: 'any' })).toEqual([noah.id, marc.id]);
    expect(await ids({ pathId: s.path.id, missing: 'funding' })).toEqual([marc.id]);
    const rows = await api.learner.list({ pathId: s.path.id });
    expect(rows.find((r) => r.id === marc.id)).toMatchObject({ missingFields: ['funding', 'timezone'], missingCount: 2 });
    expect(rows.find((r) => r.id === eloise.id)).toMatchObject({ missingFields: [], missingCount: 0 });
    // A mentor: their own learners, whatever the filter asks.
    const mentorApi = await s.as(s.mentor);
    expect(await ids({ pathId: s.path.id }, mentorApi)).toEqual([eloise.id, marc.id]);
    expect(await ids({ mentorId: other.id }, mentorApi)).toEqual([]);
  });
});

describe('a passed defense', () => {
  async function defenseOf(s: Awaited<ReturnType<typeof school>>, learnerId: number, projectId: number) {
    return makeCard(db, { boardId: s.defenses, learnerId, projectId, columnKey: 'assigned', defenseDate: new Date(inDays(20, 9 + (n++ % 8))), evaluatorId: s.evaluator.id });
  }

  it('moves the learner on to the next project of their path, in their history; the last one completes the path', async () => {
    const s = await school();
    const learner = await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[1]!.id });
    const evaluator = await s.as(s.evaluator);
    await evaluator.card.recordOutcome({ cardId: (await defenseOf(s, learner.id, s.projects[1]!.id)).id, outcome: 'passed' });
    const manager = await s.as(s.manager);
    let profile = await manager.learner.get({ learnerId: learner.id });
    expect(profile).toMatchObject({ currentProjectId: s.projects[2]!.id, pathCompletedAt: null });
    expect(profile.history.at(-1)).toMatchObject({ type: 'project_advanced', actorId: s.evaluator.id, data: { changes: { currentProjectId: { from: s.projects[1]!.id, to: s.projects[2]!.id } } } });
    await evaluator.card.recordOutcome({ cardId: (await defenseOf(s, learner.id, s.projects[2]!.id)).id, outcome: 'passed' });
    profile = await manager.learner.get({ learnerId: learner.id });
    expect(profile).toMatchObject({ currentProjectId: s.projects[2]!.id, pathCompletedAt: expect.any(String) });
    expect(profile.history.at(-1)).toMatchObject({ type: 'path_completed', data: { pathId: s.path.id, projectId: s.projects[2]!.id } });
  });

  it('skips a retired project; a failed defense, or a pass of an earlier project, leaves the learner where they are', async () => {
    const s = await school();
    const manager = await s.as(s.manager);
    await manager.catalog.updateProject({ projectId: s.projects[1]!.id, retired: true });
    const learner = await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[0]!.id });
    await manager.card.recordOutcome({ cardId: (await defenseOf(s, learner.id, s.projects[0]!.id)).id, outcome: 'failed', retakeDate: inDays(12, 8) });
    expect((await manager.learner.get({ learnerId: learner.id })).currentProjectId).toBe(s.projects[0]!.id);
    await manager.card.recordOutcome({ cardId: (await defenseOf(s, learner.id, s.projects[0]!.id)).id, outcome: 'passed' });
    expect((await manager.learner.get({ learnerId: learner.id })).currentProjectId).toBe(s.projects[2]!.id);
    await manager.card.recordOutcome({ cardId: (await defenseOf(s, learner.id, s.projects[0]!.id)).id, outcome: 'passed' });
    expect((await manager.learner.get({ learnerId: learner.id })).currentProjectId).toBe(s.projects[2]!.id);
  });

  it('changes who may take the learner over: transfer eligibility weighs the new project', async () => {
    const s = await school();
    const firstOnly = await makeUser(db, { capacity: 5, acceptsRqth: true, projectIds: [s.projects[0]!.id] });
    const learner = await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[0]!.id });
    const transfer = await makeCard(db, { boardId: s.transfers, learnerId: learner.id, columnKey: 'proposals', handoverDate: dayIn(25), reason: 'x' });
    const manager = await s.as(s.manager);
    const standing = async () => (await manager.transfer.eligibleMentors({ cardId: transfer.id })).find((r) => r.mentorId === firstOnly.id)!;
    expect(await standing()).toMatchObject({ eligible: true });
    await manager.card.recordOutcome({ cardId: (await defenseOf(s, learner.id, s.projects[0]!.id)).id, outcome: 'passed' });
    expect(await standing()).toMatchObject({ eligible: false, reasonCodes: ['not_qualified'] });
  });
});

describe('the catalogue', () => {
  it('lets a manager create and edit paths and ordered projects, and retire one; codes are unique', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    const created = await api.catalog.createPath({ code: `UX${n}`, name: 'Designer UX' });
    await expectTRPCError(api.catalog.createPath({ code: created.code, name: 'Doublon' }), 'PRECONDITION_FAILED', 'code_taken');
    expect(await api.catalog.updatePath({ pathId: created.id, name: 'Designer UX/UI' })).toMatchObject({ id: created.id, code: created.code, name: 'Designer UX/UI' });
    const p1 = await api.catalog.createProject({ pathId: created.id, code: `${created.code}-P1`, title: 'Recherche utilisateur', color: '#0891B2' });
    const p3 = await api.catalog.createProject({ pathId: created.id, code: `${created.code}-P3`, title: 'Prototype', color: '#7c3aed' });
    const p2 = await api.catalog.createProject({ pathId: created.id, code: `${created.code}-P2`, title: 'Parcours utilisateur', color: '#db2777', position: 2 });
    expect(p1).toMatchObject({ position: 1, color: '#0891b2', retired: false });
    await expectTRPCError(api.catalog.createProject({ pathId: created.id, code: p1.code, title: 'x', color: '#000000' }), 'PRECONDITION_FAILED', 'code_taken');
    await expectTRPCError(api.catalog.createProject({ pathId: created.id, code: 'X1', title: 'x', color: 'blue' }), 'BAD_REQUEST');
    const order = async () => (await api.catalog.get()).projects.filter((p) => p.pathId === created.id).map((p) => [p.code, p.position]);
    expect(await order()).toEqual([[p1.code, 1], [p2.code, 2], [p3.code, 3]]);
    expect(await api.catalog.updateProject({ projectId: p3.id, position: 1, title: 'Prototype haute fidélité' })).toMatchObject({ position: 1, title: 'Prototype haute fidélité' });
    expect(await order()).toEqual([[p3.code, 1], [p1.code, 2], [p2.code, 3]]);
    await api.catalog.updateProject({ projectId: p2.id, retired: true });
    expect((await api.catalog.get()).projects.find((p) => p.id === p2.id)).toMatchObject({ retired: true });
    expect((await api.catalog.get()).projects.find((p) => p.id === p1.id)).not.toHaveProperty('retired');
  });

  it('refuses a retired project for a new card, a learner’s current project or a new qualification, but lets the learners on it finish it', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    const onIt = await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[1]!.id });
    const notOnIt = await makeLearner(db, { mentorId: s.mentor.id, pathId: s.path.id, currentProjectId: s.projects[0]!.id });
    await api.catalog.updateProject({ projectId: s.projects[1]!.id, retired: true });
    const mentor = await s.as(s.mentor);
    const file = (learnerId: number, projectId?: number) => mentor.card.create({ boardId: s.defenses, learnerId, projectId, description: 'Livrables', defenseDate: inDays(30, 9 + (n++ % 8)) });
    expect(await file(onIt.id)).toMatchObject({ projectId: s.projects[1]!.id });
    await expectTRPCError(file(notOnIt.id, s.projects[1]!.id), 'PRECONDITION_FAILED', 'project_retired');
    const card = await file(notOnIt.id);
    await expectTRPCError(mentor.card.update({ cardId: card.id, version: card.version, projectId: s.projects[1]!.id }), 'PRECONDITION_FAILED', 'project_retired');
    await expectTRPCError(mentor.learner.update({ learnerId: notOnIt.id, currentProjectId: s.projects[1]!.id }), 'PRECONDITION_FAILED', 'project_retired');
    // Unchanged, it is no choice: an edit of another field goes through.
    expect(await mentor.learner.update({ learnerId: onIt.id, currentProjectId: s.projects[1]!.id, availability: 'Le week-end' })).toMatchObject({ availability: 'Le week-end' });
    // Nor is it a new qualification; one held already stays.
    const fresh = await makeUser(db, { capacity: 3, projectIds: [s.projects[0]!.id] });
    await expectTRPCError(api.mentor.update({ mentorId: fresh.id, projectIds: [s.projects[0]!.id, s.projects[1]!.id] }), 'PRECONDITION_FAILED', 'project_retired');
    expect(await api.mentor.update({ mentorId: s.mentor.id, projectIds: s.projects.map((p) => p.id), capacity: 4 })).toMatchObject({ capacity: 4, projectIds: s.projects.map((p) => p.id) });
    // Back in use, it can be chosen again.
    await api.catalog.updateProject({ projectId: s.projects[1]!.id, retired: false });
    expect(await mentor.learner.update({ learnerId: notOnIt.id, currentProjectId: s.projects[1]!.id })).toMatchObject({ currentProjectId: s.projects[1]!.id });
  });

  it('is kept by managers only', async () => {
    const s = await school();
    const api = await s.as(s.mentor);
    await expectTRPCError(api.catalog.createPath({ code: 'NOPE', name: 'x' }), 'FORBIDDEN');
    await expectTRPCError(api.catalog.updatePath({ pathId: s.path.id, name: 'x' }), 'FORBIDDEN');
    await expectTRPCError(api.catalog.createProject({ pathId: s.path.id, code: 'NOPE-1', title: 'x', color: '#000000' }), 'FORBIDDEN');
    await expectTRPCError(api.catalog.updateProject({ projectId: s.projects[0]!.id, retired: true }), 'FORBIDDEN');
  });
});
