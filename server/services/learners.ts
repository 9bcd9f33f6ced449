/** Learner profiles: who may see and edit them, what they are missing, their history. */
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { z } from 'zod';
import type { Database } from '../db/sequelize';
import type { Learner } from '../db/models';
import { enforce, notFound } from '../errors';
import { record } from './activity';
import { mandatoryFields } from './settings';
import { recheckWaitingCards } from './profiles';
import type { AuthedContext } from './context';
import { missingFields, LEARNER_FIELDS } from '../../shared/learnerFields';
import { canEditLearner, canReadLearner, nextProjectAfterPass, projectChoiceVerdict } from '../../shared/workflow/rules';
import type { LearnerListInput, learnerUpdateInput } from '../../shared/schemas/learner';
import type { Card } from '../db/models';

export async function learnerMissingFields(db: Database, learnerId: number, transaction?: Transaction): Promise<string[]> {
  const [learner, mandatory] = await Promise.all([db.models.Learner.findByPk(learnerId, { transaction }), mandatoryFields(db, transaction)]);
  if (!learner) return [];
  return missingFields(learner.get(), mandatory);
}

export function learnerDto(learner: Learner) {
  return {
    id: learner.id,
    firstName: learner.firstName,
    lastName: learner.lastName,
    email: learner.email,
    pathId: learner.pathId,
    currentProjectId: learner.currentProjectId,
    mentorId: learner.mentorId,
    funding: learner.funding,
    professionalGoal: learner.professionalGoal,
    availability: learner.availability,
    timezone: learner.timezone,
    rqth: learner.rqth,
    notes: learner.notes,
    active: learner.active,
    /** The day a deactivated learner left, and why (LEARNER_LEAVING_REASONS); null while active. */
    deactivatedAt: learner.deactivatedAt ?? null,
    deactivationReason: learner.deactivationReason ?? null,
    /** When the last project of their path was passed. */
    pathCompletedAt: learner.pathCompletedAt ? learner.pathCompletedAt.toISOString() : null,
    updatedAt: learner.updatedAt.toISOString(),
  };
}

/** A mentor sees their own learners and those of cards they evaluate or take over; a manager sees all. */
async function mayRead(ctx: AuthedContext, learner: Learner): Promise<boolean> {
  if (canReadLearner(ctx.user, learner, false)) return true;
  const involved = await ctx.db.models.Card.count({
    where: { learnerId: learner.id, archived: false, [Op.or]: [{ evaluatorId: ctx.user.id }, { newMentorId: ctx.user.id }] },
  });
  return canReadLearner(ctx.user, learner, involved > 0);
}

/** Lower case, without accents: "Éloïse" is found by "eloise". */
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The learners this user may see (a mentor: their own; a manager: all), by name: the active
 * ones unless `status` says otherwise (pickers take the default). Filters: `search` (part of
 * a name or the email, accents and case aside), path, current project, mentor, and
 * `missing` (`any` mandatory field, or one). Each row has its missing fields and their count.
 */
export async function listLearners(ctx: AuthedContext, filters: LearnerListInput = {}) {
  const { search, pathId, projectId, mentorId, missing, status = 'active' } = filters ?? {};
  if (ctx.user.role !== 'manager' && mentorId !== undefined && mentorId !== ctx.user.id) return [];
  const where: WhereOptions<Learner> = {
    ...(status === 'all' ? {} : { active: status === 'active' }),
    ...(ctx.user.role === 'manager' ? (mentorId !== undefined ? { mentorId } : {}) : { mentorId: ctx.user.id }),
    ...(pathId !== undefined ? { pathId } : {}),
    ...(projectId !== undefined ? { currentProjectId: projectId } : {}),
  };
  const [learners, mandatory] = await Promise.all([
    ctx.db.models.Learner.findAll({ where, order: [['lastName', 'ASC'], ['firstName', 'ASC'], ['id', 'ASC']] }),
    mandatoryFields(ctx.db),
  ]);
  const words = search ? folded(search).split(/\s+/).filter(Boolean) : [];
  const rows = [];
  for (const l of learners) {
    if (words.length > 0) {
      const haystack = folded(`${l.firstName} ${l.lastName} ${l.email ?? ''}`);
      if (!words.every((w) => haystack.includes(w))) continue;
    }
    const gaps = missingFields(l.get(), mandatory);
    if (missing === 'any' ? gaps.length === 0 : missing !== undefined && !gaps.includes(missing)) continue;
    rows.push({ ...learnerDto(l), missingFields: gaps, missingCount: gaps.length });
  }
  return rows;
}

export async function getLearner(ctx: AuthedContext, learnerId: number) {
  const learner = await ctx.db.models.Learner.findByPk(learnerId);
  if (!learner || !(await mayRead(ctx, learner))) throw notFound('Learner');
  const [mandatory, history] = await Promise.all([
    mandatoryFields(ctx.db),
    ctx.db.models.Activity.findAll({ where: { learnerId, cardId: null }, order: [['id', 'ASC']] }),
  ]);
  return {
    ...learnerDto(learner),
    missingFields: missingFields(learner.get(), mandatory),
    mandatoryFields: mandatory,
    history: history.map((a) => ({ id: a.id, type: a.type, actorId: a.actorId, at: a.createdAt.toISOString(), data: a.data })),
  };
}

export async function updateLearner(ctx: AuthedContext, input: z.infer<typeof learnerUpdateInput>) {
  const { db } = ctx;
  await db.write(async (t) => {
    const learner = await db.models.Learner.findByPk(input.learnerId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!learner || !(await mayRead(ctx, learner))) throw notFound('Learner');
    enforce(canEditLearner(ctx.user, learner));
    if (input.pathId && !(await db.models.Path.findByPk(input.pathId, { transaction: t }))) throw notFound('Path');
    if (input.currentProjectId) {
      const project = await db.models.Project.findByPk(input.currentProjectId, { transaction: t });
      if (!project) throw notFound('Project');
      // A retired project is no one's new current project (a learner already on it stays).
      if (project.id !== learner.currentProjectId) enforce(projectChoiceVerdict(project));
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of LEARNER_FIELDS) {
      if (field === 'mentorId' || !(field in input)) continue;
      const value = (input as Record<string, unknown>)[field];
      if (value === undefined || value === learner.get(field)) continue;
      changes[field] = { from: learner.get(field), to: value };
      learner.set(field, value as never);
    }
    if (Object.keys(changes).length === 0) return;
    learner.updatedAt = ctx.now();
    await learner.save({ transaction: t });
    await record(ctx, t, { learnerId: learner.id, type: 'learner_updated', data: { changes } });
    // Cards waiting on this profile show the fields still missing.
    await recheckWaitingCards(ctx, t, [learner], Object.keys(changes));
  });
  return getLearner(ctx, input.learnerId);
}

/**
 * A passed defense moves its learner on (inside the outcome's transaction, `learner`
 * locked): their current project becomes the next project of their path, or, after the
 * last one, their path is completed. Both are in the learner's history. A pass of a
 * project that is not their current one (an earlier one, passed late) changes nothing.
 */
export async function advanceAfterPass(ctx: AuthedContext, t: Transaction, learner: Learner, card: Card) {
  if (learner.pathId === null) return;
  const projects = await ctx.db.models.Project.findAll({ attributes: ['id', 'position', 'retired'], where: { pathId: learner.pathId }, transaction: t });
  const next = nextProjectAfterPass(projects, card.projectId, learner.currentProjectId);
  if (next.kind === 'stays') return;
  const from = learner.currentProjectId;
  if (next.kind === 'next') learner.currentProjectId = next.projectId;
  else learner.pathCompletedAt = ctx.now();
  learner.updatedAt = ctx.now();
  await learner.save({ transaction: t });
  await record(ctx, t, {
    learnerId: learner.id,
    type: next.kind === 'next' ? 'project_advanced' : 'path_completed',
    data: next.kind === 'next' ? { changes: { currentProjectId: { from, to: next.projectId } }, cardId: card.id } : { pathId: learner.pathId, projectId: from, cardId: card.id },
  });
}
