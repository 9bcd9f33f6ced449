/** Learner profiles: who may see and edit them, what they are missing, their history. */
import { Op, type Transaction } from 'sequelize';
import type { z } from 'zod';
import type { Database } from '../db/sequelize';
import type { Learner } from '../db/models';
import { enforce, notFound } from '../errors';
import { record } from './activity';
import { mandatoryFields } from './settings';
import { recheckWaitingCards } from './profiles';
import type { AuthedContext } from './context';
import { missingFields, LEARNER_FIELDS } from '../../shared/learnerFields';
import { canEditLearner, canReadLearner } from '../../shared/workflow/rules';
import type { learnerUpdateInput } from '../../shared/schemas/learner';

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

export async function listLearners(ctx: AuthedContext) {
  const where = ctx.user.role === 'manager' ? { active: true } : { active: true, mentorId: ctx.user.id };
  const [learners, mandatory] = await Promise.all([
    ctx.db.models.Learner.findAll({ where, order: [['lastName', 'ASC'], ['firstName', 'ASC']] }),
    mandatoryFields(ctx.db),
  ]);
  return learners.map((l) => ({ ...learnerDto(l), missingFields: missingFields(l.get(), mandatory) }));
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
    if (input.currentProjectId && !(await db.models.Project.findByPk(input.currentProjectId, { transaction: t }))) throw notFound('Project');
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
