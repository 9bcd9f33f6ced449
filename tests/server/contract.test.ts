/**
 * The error contract of API.md as a script sees it over HTTP: the status, `data.code`,
 * `data.rule` and its details (`missingFields`, `reasons`), and `data.current` on a
 * conflict. The other server tests call procedures in-process and read the error's cause;
 * these read what the error formatter actually sends.
 */
import { describe, expect, it } from 'vitest';
import { dayIn, inDays } from '../helpers/dates';
import { boardId, makeCard, makeLearner, makeManager, makeProject, makeUser } from '../helpers/factories';
import { call, serverOnTestDatabase, signIn } from '../helpers/http';

const env = serverOnTestDatabase();

async function school() {
  const db = env.db;
  const project = await makeProject(db);
  const manager = await makeManager(db);
  const mentor = await makeUser(db, { projectIds: [project.id] });
  const evaluator = await makeUser(db, { isEvaluator: true, projectIds: [project.id] });
  const learner = await makeLearner(db, { mentorId: mentor.id, currentProjectId: project.id, pathId: project.pathId });
  const defenses = await boardId(db, 'defense');
  return { project, manager, mentor, evaluator, learner, defenses, mentorCookie: await signIn(env.url, mentor.email), managerCookie: await signIn(env.url, manager.email) };
}

/** The error part of a tRPC answer. */
const errorOf = (res: Awaited<ReturnType<typeof call>>) => res.body.error as { message: string; data: { code: string; httpStatus: number; rule?: string; missingFields?: string[]; reasons?: string[]; current?: { id: number; version: number } } };

describe('rule refusals over HTTP', () => {
  it('answers 412 with data.rule lead_time and the earliest date in the message', async () => {
    const s = await school();
    const res = await call(env.url, 'card.create', { boardId: s.defenses, learnerId: s.learner.id, description: 'Livrables', defenseDate: inDays(13) }, { cookie: s.mentorCookie });
    expect(res.status).toBe(412);
    expect(errorOf(res).data).toMatchObject({ code: 'PRECONDITION_FAILED', rule: 'lead_time' });
    expect(errorOf(res).message).toContain(dayIn(14));
  });

  it('answers immovable_date to an edit of the defense date, and card_not_ready to an unready card entering Proposals', async () => {
    const s = await school();
    const created = await call(env.url, 'card.create', { boardId: s.defenses, learnerId: s.learner.id, description: 'Livrables', defenseDate: inDays(16) }, { cookie: s.mentorCookie });
    const card = created.body.result.data as { id: number; version: number };
    const edit = await call(env.url, 'card.update', { cardId: card.id, version: card.version, defenseDate: inDays(20) }, { cookie: s.mentorCookie });
    expect(edit.status).toBe(412);
    expect(errorOf(edit).data.rule).toBe('immovable_date');
    const unready = await makeCard(env.db, { boardId: s.defenses, learnerId: s.learner.id, description: '  ', defenseDate: new Date(inDays(18)) });
    const move = await call(env.url, 'card.move', { cardId: unready.id, toColumnKey: 'proposals' }, { cookie: s.mentorCookie });
    expect(move.status).toBe(412);
    expect(errorOf(move).data.rule).toBe('card_not_ready');
  });

  it('names the missing fields with profile_incomplete, and the reasons with evaluator_ineligible', async () => {
    const s = await school();
    const incomplete = await makeLearner(env.db, { mentorId: s.mentor.id, currentProjectId: s.project.id, pathId: s.project.pathId, funding: null, timezone: null });
    const card = await makeCard(env.db, { boardId: s.defenses, learnerId: incomplete.id, columnKey: 'proposals', defenseDate: new Date(inDays(17)) });
    const assign = await call(env.url, 'card.assignEvaluator', { cardId: card.id, evaluatorId: s.evaluator.id }, { cookie: s.managerCookie });
    expect(assign.status).toBe(412);
    expect(errorOf(assign).data.rule).toBe('profile_incomplete');
    expect(errorOf(assign).data.missingFields).toEqual(expect.arrayContaining(['funding', 'timezone']));

    const ready = await makeCard(env.db, { boardId: s.defenses, learnerId: s.learner.id, columnKey: 'proposals', defenseDate: new Date(inDays(17)) });
    const wrong = await call(env.url, 'card.assignEvaluator', { cardId: ready.id, evaluatorId: s.mentor.id }, { cookie: s.managerCookie });
    expect(wrong.status).toBe(412);
    expect(errorOf(wrong).data.rule).toBe('evaluator_ineligible');
    expect(errorOf(wrong).data.reasons!.length).toBeGreaterThan(0);
  });

  it('answers 403 to a mentor assigning, and 409 with the fresh card in data.current to a stale version', async () => {
    const s = await school();
    const card = await makeCard(env.db, { boardId: s.defenses, learnerId: s.learner.id, defenseDate: new Date(inDays(17)) });
    const forbidden = await call(env.url, 'card.assignEvaluator', { cardId: card.id, evaluatorId: s.evaluator.id }, { cookie: s.mentorCookie });
    expect(forbidden.status).toBe(403);
    expect(errorOf(forbidden).data.code).toBe('FORBIDDEN');
    const first = await call(env.url, 'card.update', { cardId: card.id, version: card.version, description: 'Livrables, version 2' }, { cookie: s.mentorCookie });
    expect(first.status).toBe(200);
    const stale = await call(env.url, 'card.update', { cardId: card.id, version: card.version, description: 'Livrables, autre version' }, { cookie: s.managerCookie });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).data.code).toBe('CONFLICT');
    expect(errorOf(stale).data.current).toMatchObject({ id: card.id, version: card.version + 1, description: 'Livrables, version 2' });
  });
});
