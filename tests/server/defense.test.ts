import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/caller';
import { dayIn, inDays } from '../helpers/dates';
import { testDatabase, type TestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { boardId, makeCard, makeLearner, makeManager, makeProject, makeUser } from '../helpers/factories';
import type { Database } from '../../server/db/sequelize';
import { DEFAULT_MANDATORY_FIELDS } from '../../shared/learnerFields';

let t: TestDatabase;
let db: Database;
beforeAll(async () => {
  t = await testDatabase();
  db = t.db;
});
afterAll(() => t.drop());

/** A small school: a manager, a mentor with one learner on a project, and evaluators. */
async function school() {
  const project = await makeProject(db);
  const manager = await makeManager(db);
  const mentor = await makeUser(db, { projectIds: [project.id] });
  const otherMentor = await makeUser(db, { projectIds: [project.id] });
  const evaluator = await makeUser(db, { isEvaluator: true, projectIds: [project.id] });
  const busyEvaluator = await makeUser(db, { isEvaluator: true, projectIds: [project.id] });
  const learner = await makeLearner(db, { mentorId: mentor.id, currentProjectId: project.id, pathId: project.pathId });
  const defenses = await boardId(db, 'defense');
  return {
    project,
    manager,
    mentor,
    otherMentor,
    evaluator,
    busyEvaluator,
    learner,
    defenses,
    as: (user: Parameters<typeof callerFor>[1]) => callerFor(db, user),
  };
}

async function file(s: Awaited<ReturnType<typeof school>>, overrides: Record<string, unknown> = {}) {
  const api = await s.as(s.mentor);
  return api.card.create({ boardId: s.defenses, learnerId: s.learner.id, description: 'Livrables : https://github.com/lea/p2', defenseDate: inDays(16), ...overrides });
}

describe('filing a defense', () => {
  it('files a card in Drafts for one of the mentor’s own learners, with the mentor as member', async () => {
    const s = await school();
    const card = await file(s);
    expect(card).toMatchObject({ columnKey: 'drafts', mentorId: s.mentor.id, learnerId: s.learner.id, projectId: s.project.id, attempt: 1, flags: [] });
    expect(card.defenseDate).toBe(inDays(16));
  });

  it('refuses a defense date less than 14 days ahead for a mentor, naming the earliest date', async () => {
    const s = await school();
    const error = await expectTRPCError(file(s, { defenseDate: inDays(13) }), 'PRECONDITION_FAILED', 'lead_time');
    expect(error.message).toContain(dayIn(14));
    expect(await db.models.Card.count({ where: { learnerId: s.learner.id } })).toBe(0);
  });

  it('lets a manager override the lead time, and records the override in the history', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    await expectTRPCError(api.card.create({ boardId: s.defenses, learnerId: s.learner.id, description: 'x', defenseDate: inDays(5) }), 'PRECONDITION_FAILED', 'lead_time');
    const card = await api.card.create({ boardId: s.defenses, learnerId: s.learner.id, description: 'x', defenseDate: inDays(5), override: true, overrideReason: 'Jury date imposed' });
    const detail = await api.card.get({ cardId: card.id });
    expect(detail.history.map((h) => h.type)).toEqual(['created', 'override']);
    expect(detail.history[1]).toMatchObject({ actorId: s.manager.id, data: { rule: 'lead_time', reason: 'Jury date imposed' } });
  });

  it('refuses an override from a mentor', async () => {
    const s = await school();
    await expectTRPCError(file(s, { defenseDate: inDays(5), override: true }), 'FORBIDDEN');
  });

  it('accepts a date more than 21 days ahead and flags it early', async () => {
    const s = await school();
    const card = await file(s, { defenseDate: inDays(30) });
    expect(card.flags).toEqual(['early']);
  });

  it('refuses a learner who is not the mentor’s own with NOT_FOUND', async () => {
    const s = await school();
    const api = await s.as(s.otherMentor);
    await expectTRPCError(api.card.create({ boardId: s.defenses, learnerId: s.learner.id, description: 'x', defenseDate: inDays(16) }), 'NOT_FOUND');
  });
});

describe('the defense date is immovable', () => {
  it('refuses card.update with a defense date, from a mentor and from a manager', async () => {
    const s = await school();
    const card = await file(s);
    for (const user of [s.mentor, s.manager]) {
      const api = await s.as(user);
      await expectTRPCError(api.card.update({ cardId: card.id, version: card.version, defenseDate: inDays(20) }), 'PRECONDITION_FAILED', 'immovable_date');
    }
    expect((await (await s.as(s.manager)).card.get({ cardId: card.id })).defenseDate).toBe(inDays(16));
  });

  it('still lets the mentor edit the description, with the change in the history', async () => {
    const s = await school();
    const card = await file(s);
    const api = await s.as(s.mentor);
    const updated = await api.card.update({ cardId: card.id, version: card.version, description: 'Nouveau lien' });
    expect(updated).toMatchObject({ description: 'Nouveau lien', version: card.version + 1, defenseDate: card.defenseDate });
    const detail = await api.card.get({ cardId: card.id });
    expect(detail.history.at(-1)).toMatchObject({ type: 'edited', actorId: s.mentor.id, data: { field: 'description', to: 'Nouveau lien' } });
  });

  it('answers CONFLICT with the fresh card to a stale version, keeping the other edit', async () => {
    const s = await school();
    const card = await file(s);
    const api = await s.as(s.mentor);
    await api.card.update({ cardId: card.id, version: card.version, description: 'First edit' });
    const error = await expectTRPCError(api.card.update({ cardId: card.id, version: card.version, description: 'Second edit' }), 'CONFLICT');
    expect((error.cause as unknown as { current: { description: string } }).current.description).toBe('First edit');
  });
});

describe('the ready check', () => {
  it('lets a ready card into Proposals', async () => {
    const s = await school();
    const card = await file(s);
    const moved = await (await s.as(s.mentor)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    expect(moved.columnKey).toBe('proposals');
  });

  it('refuses a card without description, naming what is missing', async () => {
    const s = await school();
    const card = await file(s, { description: '' });
    const error = await expectTRPCError((await s.as(s.mentor)).card.move({ cardId: card.id, toColumnKey: 'proposals' }), 'PRECONDITION_FAILED', 'card_not_ready');
    expect(error.message).toMatch(/description/);
  });

  it('refuses a card without a project label or without a date (one filed by other means), naming what is missing', async () => {
    const s = await school();
    const noProject = await makeCard(db, { boardId: s.defenses, learnerId: s.learner.id, projectId: null, defenseDate: new Date(inDays(18)) });
    const error = await expectTRPCError((await s.as(s.mentor)).card.move({ cardId: noProject.id, toColumnKey: 'proposals' }), 'PRECONDITION_FAILED', 'card_not_ready');
    expect(error.message).toMatch(/project/i);
    const noDate = await makeCard(db, { boardId: s.defenses, learnerId: s.learner.id, defenseDate: null });
    const dateError = await expectTRPCError((await s.as(s.mentor)).card.move({ cardId: noDate.id, toColumnKey: 'proposals' }), 'PRECONDITION_FAILED', 'card_not_ready');
    expect(dateError.message).toMatch(/date/i);
  });
});

describe('mandatory learner fields', () => {
  it('are every field but the notes by default, and managers change the list', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    expect((await api.settings.mandatoryFields()).fields).not.toContain('notes');
    await db.models.Learner.update({ professionalGoal: null, notes: null }, { where: { id: s.learner.id } });
    expect((await api.learner.get({ learnerId: s.learner.id })).missingFields).toEqual(['professionalGoal']);
    await api.settings.setMandatoryFields({ fields: ['firstName', 'lastName', 'notes'] });
    expect((await api.learner.get({ learnerId: s.learner.id })).missingFields).toEqual(['notes']);
    await api.settings.setMandatoryFields({ fields: ['firstName', 'lastName', 'email', 'pathId', 'currentProjectId', 'mentorId', 'funding', 'professionalGoal', 'availability', 'timezone', 'rqth'] });
  });

  it('keeps a waiting card’s missing-field badge in step with the list: restoring the default clears it', async () => {
    const s = await school();
    const api = await s.as(s.manager);
    await db.models.Learner.update({ notes: null }, { where: { id: s.learner.id } });
    const card = await file(s);
    await (await s.as(s.mentor)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await api.settings.setMandatoryFields({ fields: [...DEFAULT_MANDATORY_FIELDS, 'notes'] });
    try {
      await expectTRPCError(api.card.assignEvaluator({ cardId: card.id, evaluatorId: s.evaluator.id }), 'PRECONDITION_FAILED', 'profile_incomplete');
      const face = async () => (await api.board.get({ boardId: s.defenses })).cards.find((c) => c.id === card.id)!;
      expect(await face()).toMatchObject({ columnKey: 'profile_to_update', missingFields: ['notes'] });
      await api.settings.setMandatoryFields({ fields: [...DEFAULT_MANDATORY_FIELDS] });
      expect((await face()).missingFields).toEqual([]);
      expect((await api.card.get({ cardId: card.id })).history.at(-1)).toMatchObject({ type: 'profile_checked', actorId: s.manager.id });
    } finally {
      await api.settings.setMandatoryFields({ fields: [...DEFAULT_MANDATORY_FIELDS] });
    }
  });

  it('refuses an unknown field name with BAD_REQUEST', async () => {
    const s = await school();
    await expectTRPCError((await s.as(s.manager)).settings.setMandatoryFields({ fields: ['shoeSize' as never] }), 'BAD_REQUEST');
  });
});

describe('choosing the evaluator', () => {
  it('ranks every mentor, eligible first by fewest upcoming defenses, and explains the others', async () => {
    const s = await school();
    const card = await file(s);
    const unqualified = await makeUser(db, { isEvaluator: true, name: 'Zed Unqualified' });
    const notEvaluator = await makeUser(db, { projectIds: [s.project.id], name: 'Zed NotEvaluator' });
    // The busy evaluator holds another defense at the very same hour, and one more later.
    const other = await makeLearner(db, { mentorId: s.otherMentor.id, currentProjectId: s.project.id });
    await makeCard(db, { boardId: s.defenses, learnerId: other.id, columnKey: 'assigned', evaluatorId: s.busyEvaluator.id, defenseDate: new Date(inDays(16)) });
    const light = await makeUser(db, { isEvaluator: true, projectIds: [s.project.id], name: 'Light Load' });
    const heavy = await makeUser(db, { isEvaluator: true, projectIds: [s.project.id], name: 'Heavy Load' });
    await makeCard(db, { boardId: s.defenses, learnerId: other.id, columnKey: 'assigned', evaluatorId: heavy.id, defenseDate: new Date(inDays(18)) });

    const rows = await (await s.as(s.manager)).card.eligibleEvaluators({ cardId: card.id });
    const byId = new Map(rows.map((r) => [r.mentorId, r]));
    expect(byId.get(s.evaluator.id)).toMatchObject({ eligible: true, reasons: [] });
    expect(byId.get(unqualified.id)!.reasonCodes).toEqual(['not_qualified']);
    expect(byId.get(notEvaluator.id)!.reasonCodes).toEqual(['not_evaluator']);
    expect(byId.get(s.mentor.id)!.reasonCodes).toEqual(['not_evaluator', 'is_learners_mentor']);
    expect(byId.get(s.busyEvaluator.id)!.reasonCodes).toEqual(['busy_at_that_time']);
    expect(byId.get(s.busyEvaluator.id)!.reasons).toEqual(['already holds a defense at that date and hour']);
    const eligible = rows.filter((r) => r.eligible).map((r) => r.mentorId);
    expect(eligible.indexOf(light.id)).toBeLessThan(eligible.indexOf(heavy.id));
    expect(byId.get(heavy.id)!.upcomingDefenses).toBe(1);
    expect(byId.get(light.id)!.upcomingDefenses).toBe(0);
    expect(rows.findIndex((r) => !r.eligible)).toBe(eligible.length);
  });

  it('moves the card to Assigned and notifies the evaluator', async () => {
    const s = await school();
    const card = await file(s);
    await (await s.as(s.mentor)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    const assigned = await (await s.as(s.manager)).card.assignEvaluator({ cardId: card.id, evaluatorId: s.evaluator.id });
    expect(assigned).toMatchObject({ columnKey: 'assigned', evaluatorId: s.evaluator.id });
    const inbox = await (await s.as(s.evaluator)).notification.list();
    expect(inbox.items[0]).toMatchObject({ type: 'evaluator_assigned', cardId: card.id, boardId: s.defenses, read: false, learner: { id: s.learner.id, firstName: s.learner.firstName } });
    expect((await (await s.as(s.evaluator)).card.get({ cardId: card.id })).learner).toMatchObject({ id: s.learner.id, lastName: s.learner.lastName });
  });

  it('refuses an ineligible evaluator with the reasons, leaving the card where it was', async () => {
    const s = await school();
    const card = await file(s);
    await (await s.as(s.mentor)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    const error = await expectTRPCError((await s.as(s.manager)).card.assignEvaluator({ cardId: card.id, evaluatorId: s.mentor.id }), 'PRECONDITION_FAILED', 'evaluator_ineligible');
    expect(error.cause.details?.reasons).toEqual(['does not have evaluator status', "is the learner's own mentor"]);
    expect((await db.models.Card.findByPk(card.id))!.columnKey).toBe('proposals');
  });

  it('sends a card with an incomplete profile to Profile to update, names the fields and notifies its mentor', async () => {
    const s = await school();
    const card = await file(s);
    await (await s.as(s.mentor)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await db.models.Learner.update({ funding: null, timezone: '' }, { where: { id: s.learner.id } });
    const error = await expectTRPCError((await s.as(s.manager)).card.assignEvaluator({ cardId: card.id, evaluatorId: s.evaluator.id }), 'PRECONDITION_FAILED', 'profile_incomplete');
    expect(error.cause.details?.missingFields).toEqual(['funding', 'timezone']);
    const stored = (await db.models.Card.findByPk(card.id))!;
    expect(stored.columnKey).toBe('profile_to_update');
    expect(stored.missingFields).toEqual(['funding', 'timezone']);
    expect(stored.evaluatorId).toBeNull();
    const inbox = await (await s.as(s.mentor)).notification.list();
    expect(inbox.items[0]).toMatchObject({ type: 'profile_to_update', cardId: card.id, data: { missingFields: ['funding', 'timezone'] } });
  });

  it('does the same when a manager drops the card into Assigned by a move', async () => {
    const s = await school();
    const card = await file(s);
    await (await s.as(s.mentor)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await expectTRPCError((await s.as(s.manager)).card.move({ cardId: card.id, toColumnKey: 'assigned' }), 'PRECONDITION_FAILED', 'evaluator_required');
  });

  it('refuses a mentor assigning, with FORBIDDEN', async () => {
    const s = await school();
    const card = await file(s);
    await expectTRPCError((await s.as(s.mentor)).card.assignEvaluator({ cardId: card.id, evaluatorId: s.evaluator.id }), 'FORBIDDEN');
    await expectTRPCError((await s.as(s.mentor)).card.eligibleEvaluators({ cardId: card.id }), 'FORBIDDEN');
  });
});

describe('Profile to update → Proposals', () => {
  it('refuses the mentor with the fields still missing, then accepts once the profile is fixed', async () => {
    const s = await school();
    const card = await file(s);
    const mentorApi = await s.as(s.mentor);
    await mentorApi.card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await db.models.Learner.update({ funding: null, availability: null }, { where: { id: s.learner.id } });
    await expectTRPCError((await s.as(s.manager)).card.assignEvaluator({ cardId: card.id, evaluatorId: s.evaluator.id }), 'PRECONDITION_FAILED', 'profile_incomplete');
    await mentorApi.learner.update({ learnerId: s.learner.id, funding: 'employer' });
    const still = await expectTRPCError(mentorApi.card.move({ cardId: card.id, toColumnKey: 'proposals' }), 'PRECONDITION_FAILED', 'profile_incomplete');
    expect(still.cause.details?.missingFields).toEqual(['availability']);
    expect((await db.models.Card.findByPk(card.id))!.missingFields).toEqual(['availability']);
    await mentorApi.learner.update({ learnerId: s.learner.id, availability: 'Mardi soir' });
    const back = await mentorApi.card.move({ cardId: card.id, toColumnKey: 'proposals' });
    expect(back).toMatchObject({ columnKey: 'proposals', missingFields: [] });
  });
});

describe('who may move what', () => {
  it('lets a mentor move their own card among Drafts and Proposals only', async () => {
    const s = await school();
    const card = await file(s);
    const api = await s.as(s.mentor);
    await api.card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await expectTRPCError(api.card.move({ cardId: card.id, toColumnKey: 'profile_to_update' }), 'PRECONDITION_FAILED', 'move_not_allowed');
    await expectTRPCError(api.card.move({ cardId: card.id, toColumnKey: 'assigned' }), 'PRECONDITION_FAILED', 'move_not_allowed');
    await expectTRPCError(api.card.move({ cardId: card.id, toColumnKey: 'done' }), 'PRECONDITION_FAILED', 'move_not_allowed');
    expect((await api.card.move({ cardId: card.id, toColumnKey: 'drafts' })).columnKey).toBe('drafts');
  });

  it('hides another mentor’s draft (NOT_FOUND) and refuses moving their proposal (FORBIDDEN)', async () => {
    const s = await school();
    const card = await file(s);
    const other = await s.as(s.otherMentor);
    await expectTRPCError(other.card.get({ cardId: card.id }), 'NOT_FOUND');
    await expectTRPCError(other.card.update({ cardId: card.id, version: 1, description: 'hijack' }), 'NOT_FOUND');
    await expectTRPCError(other.card.move({ cardId: card.id, toColumnKey: 'proposals' }), 'NOT_FOUND');
    const board = await other.board.get({ boardId: s.defenses });
    expect(board.cards.map((c) => c.id)).not.toContain(card.id);
    await (await s.as(s.mentor)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await expectTRPCError(other.card.move({ cardId: card.id, toColumnKey: 'drafts' }), 'FORBIDDEN', 'not_owner');
    await expectTRPCError(other.card.update({ cardId: card.id, version: 2, description: 'hijack' }), 'FORBIDDEN', 'not_owner');
  });

  it('lets only managers send a card to Profile to update, notifying its mentor', async () => {
    const s = await school();
    const card = await file(s);
    await (await s.as(s.mentor)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await db.models.Learner.update({ professionalGoal: null }, { where: { id: s.learner.id } });
    const moved = await (await s.as(s.manager)).card.move({ cardId: card.id, toColumnKey: 'profile_to_update' });
    expect(moved).toMatchObject({ columnKey: 'profile_to_update', missingFields: ['professionalGoal'] });
    expect((await (await s.as(s.mentor)).notification.list()).unread).toBe(1);
  });
});

describe('recording the outcome', () => {
  async function assignedCard(s: Awaited<ReturnType<typeof school>>) {
    const card = await file(s);
    await (await s.as(s.mentor)).card.move({ cardId: card.id, toColumnKey: 'proposals' });
    return (await s.as(s.manager)).card.assignEvaluator({ cardId: card.id, evaluatorId: s.evaluator.id });
  }

  it('lets the evaluator record a pass: the card moves to Done and the mentor is offered a transfer', async () => {
    const s = await school();
    const card = await assignedCard(s);
    const result = await (await s.as(s.evaluator)).card.recordOutcome({ cardId: card.id, outcome: 'passed' });
    expect(result.card).toMatchObject({ columnKey: 'done', outcome: 'passed' });
    expect(result.retakeCard).toBeNull();
    const inbox = await (await s.as(s.mentor)).notification.list();
    expect(inbox.items.find((n) => n.type === 'outcome_recorded')).toMatchObject({ data: { outcome: 'passed', offerTransfer: true } });
  });

  it('turns a failure into a retake card: attempt 2, same evaluator, new date, linked both ways', async () => {
    const s = await school();
    const card = await assignedCard(s);
    const api = await s.as(s.evaluator);
    await expectTRPCError(api.card.recordOutcome({ cardId: card.id, outcome: 'failed' }), 'PRECONDITION_FAILED', 'retake_date');
    await expectTRPCError(api.card.recordOutcome({ cardId: card.id, outcome: 'failed', retakeDate: inDays(6) }), 'PRECONDITION_FAILED', 'retake_date');
    const { card: first, retakeCard } = await api.card.recordOutcome({ cardId: card.id, outcome: 'failed', retakeDate: inDays(30, 10) });
    expect(first).toMatchObject({ columnKey: 'done', outcome: 'failed', retakeCardId: retakeCard!.id, defenseDate: inDays(16) });
    expect(retakeCard).toMatchObject({ attempt: 2, evaluatorId: s.evaluator.id, previousCardId: card.id, defenseDate: inDays(30, 10), columnKey: 'assigned', learnerId: s.learner.id });
    const manager = await s.as(s.manager);
    for (const c of [first, retakeCard!]) {
      await expectTRPCError(manager.card.update({ cardId: c.id, version: c.version, defenseDate: inDays(40) }), 'PRECONDITION_FAILED', 'immovable_date');
    }
    expect((await manager.card.get({ cardId: retakeCard!.id })).defenseDate).toBe(inDays(30, 10));
  });

  it('lets a manager record the outcome in the evaluator’s place', async () => {
    const s = await school();
    const card = await assignedCard(s);
    const result = await (await s.as(s.manager)).card.recordOutcome({ cardId: card.id, outcome: 'passed' });
    expect(result.card).toMatchObject({ columnKey: 'done', outcome: 'passed', evaluatorId: card.evaluatorId });
    const history = (await (await s.as(s.manager)).card.get({ cardId: card.id })).history;
    expect(history.find((h) => h.type === 'outcome')).toMatchObject({ actorId: s.manager.id });
  });

  it('refuses the learner’s mentor and other mentors (FORBIDDEN), and a card not yet assigned', async () => {
    const s = await school();
    const card = await assignedCard(s);
    await expectTRPCError((await s.as(s.mentor)).card.recordOutcome({ cardId: card.id, outcome: 'passed' }), 'FORBIDDEN');
    await expectTRPCError((await s.as(s.busyEvaluator)).card.recordOutcome({ cardId: card.id, outcome: 'passed' }), 'FORBIDDEN');
    const draft = await file(s, { defenseDate: inDays(20) });
    await expectTRPCError((await s.as(s.manager)).card.recordOutcome({ cardId: draft.id, outcome: 'passed' }), 'PRECONDITION_FAILED', 'move_not_allowed');
  });
});

describe('one card, Drafts to Done', () => {
  it('walks through Profile to update and back, and the history records each step with actor and from/to', async () => {
    const s = await school();
    const mentorApi = await s.as(s.mentor);
    const managerApi = await s.as(s.manager);
    await db.models.Learner.update({ professionalGoal: null }, { where: { id: s.learner.id } });
    const card = await file(s);
    await mentorApi.card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await expectTRPCError(managerApi.card.assignEvaluator({ cardId: card.id, evaluatorId: s.evaluator.id }), 'PRECONDITION_FAILED', 'profile_incomplete');
    await mentorApi.learner.update({ learnerId: s.learner.id, professionalGoal: 'Développeuse front-end' });
    await mentorApi.card.move({ cardId: card.id, toColumnKey: 'proposals' });
    await managerApi.card.assignEvaluator({ cardId: card.id, evaluatorId: s.evaluator.id });
    await (await s.as(s.evaluator)).card.recordOutcome({ cardId: card.id, outcome: 'passed' });

    const { history } = await managerApi.card.get({ cardId: card.id });
    const steps = history.filter((h) => h.type !== 'profile_updated').map((h) => [h.type, h.actorId, h.from ?? null, h.to ?? null]);
    expect(steps).toEqual([
      ['created', s.mentor.id, null, 'drafts'],
      ['moved', s.mentor.id, 'drafts', 'proposals'],
      ['moved', s.manager.id, 'proposals', 'profile_to_update'],
      ['moved', s.mentor.id, 'profile_to_update', 'proposals'],
      ['moved', s.manager.id, 'proposals', 'assigned'],
      ['assigned', s.manager.id, null, null],
      ['moved', s.evaluator.id, 'assigned', 'done'],
      ['outcome', s.evaluator.id, null, null],
    ]);
    expect(history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect(history.find((h) => h.type === 'assigned')!.data).toMatchObject({ role: 'evaluator', to: s.evaluator.id });
  });
});
