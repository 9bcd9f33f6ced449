/**
 * A learner's arrival and departure, by a manager: learner.create (on a path, at a project,
 * with a mentor weighed as for a transfer), learner.deactivate (they left: their open cards
 * are withdrawn, their mentor's place is free, they leave the pickers and stay in history)
 * and learner.reactivate. Each is in the learner's history.
 */
import { Op } from 'sequelize';
import type { z } from 'zod';
import { badInput, enforce, notFound } from '../errors';
import { record } from './activity';
import { takeOffBoard } from './cardLifecycle';
import type { AuthedContext } from './context';
import { getLearner } from './learners';
import { chooseMentor } from './mentorChoice';
import { addDays, toDay } from '../../shared/dates';
import type { learnerCreateInput, learnerDeactivateInput, learnerReactivateInput } from '../../shared/schemas/learner';
import { learnerActiveVerdict, projectChoiceVerdict } from '../../shared/workflow/rules';

/** The override of a mentor's eligibility, in the learner's history: which rules, and the manager's reason. */
async function recordOverride(ctx: AuthedContext, t: Parameters<typeof record>[1], learnerId: number, mentorId: number, reasons: string[], reason: string | undefined) {
  if (reasons.length === 0) return;
  await record(ctx, t, { learnerId, type: 'override', data: { rule: 'mentor_ineligible', mentorId, reasonCodes: reasons, reason: reason ?? null } });
}

/** learner.create: a manager registers a learner; the mentor must be able to take them (capacity, project, RQTH), or the manager overrides, saying why. */
export async function createLearner(ctx: AuthedContext, input: z.infer<typeof learnerCreateInput>) {
  const { db } = ctx;
  const id = await db.write(async (t) => {
    const path = await db.models.Path.findByPk(input.pathId, { transaction: t });
    if (!path) throw notFound('Path');
    const project = await db.models.Project.findByPk(input.currentProjectId, { transaction: t });
    if (!project) throw notFound('Project');
    if (project.pathId !== path.id) throw badInput(`Project ${project.code} is not a project of the path ${path.code}: choose the current project among the path's projects.`, 'project_not_in_path');
    enforce(projectChoiceVerdict(project));
    const { mentor, overridden } = await chooseMentor(ctx, t, input.mentorId, { currentProjectId: project.id, rqth: input.rqth }, input.override);
    const learner = await db.models.Learner.create(
      {
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email ?? null,
        pathId: path.id,
        currentProjectId: project.id,
        mentorId: mentor.id,
        funding: input.funding ?? null,
        professionalGoal: input.professionalGoal ?? null,
        availability: input.availability ?? null,
        timezone: input.timezone || null,
        rqth: input.rqth ?? null,
        notes: input.notes ?? null,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      },
      { transaction: t },
    );
    await record(ctx, t, { learnerId: learner.id, type: 'learner_created', data: { mentorId: mentor.id, pathId: path.id, currentProjectId: project.id } });
    await recordOverride(ctx, t, learner.id, mentor.id, overridden, input.overrideReason);
    return learner.id;
  });
  return getLearner(ctx, id);
}

/**
 * learner.deactivate: the learner left the school on `date` for `reason`. In one
 * transaction: they are inactive (out of the pickers and their mentor's count, so the
 * place is free), and each of their open cards is withdrawn with that reason, freeing what
 * it held. Done cards stay on the boards; everything stays in the history.
 */
export async function deactivateLearner(ctx: AuthedContext, input: z.infer<typeof learnerDeactivateInput>) {
  const { db } = ctx;
  // The day they left, today at the latest (a day's grace for the time zones ahead of the server's).
  const latest = addDays(toDay(ctx.now()), 1);
  if (input.date > latest) throw badInput(`A learner is deactivated once they have left: the date can be ${latest} at the latest.`, 'deactivation_date');
  await db.write(async (t) => {
    const learner = await db.models.Learner.findByPk(input.learnerId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!learner) throw notFound('Learner');
    enforce(learnerActiveVerdict(learner));
    learner.set({ active: false, deactivatedAt: input.date, deactivationReason: input.reason, updatedAt: ctx.now() });
    await learner.save({ transaction: t });
    const open = await db.models.Card.findAll({
      where: { learnerId: learner.id, archived: false, columnKey: { [Op.ne]: 'done' } },
      order: [['id', 'ASC']],
      transaction: t,
      lock: t.LOCK.UPDATE,
    });
    for (const card of open) {
      await takeOffBoard(ctx, t, card, 'withdrawn', input.reason, { learnerDeactivated: true });
    }
    await record(ctx, t, {
      learnerId: learner.id,
      type: 'learner_deactivated',
      data: { reason: input.reason, date: input.date, note: input.note ?? null, mentorId: learner.mentorId, withdrawnCardIds: open.map((c) => c.id) },
    });
  });
  return getLearner(ctx, input.learnerId);
}

/**
 * learner.reactivate: the learner is back, with their mentor or `mentorId`, who must be
 * able to take them as at creation (or a manager overrides, saying why). Their withdrawn
 * cards stay withdrawn: each can be restored. Reactivating an active learner changes nothing.
 */
export async function reactivateLearner(ctx: AuthedContext, input: z.infer<typeof learnerReactivateInput>) {
  const { db } = ctx;
  await db.write(async (t) => {
    const learner = await db.models.Learner.findByPk(input.learnerId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!learner) throw notFound('Learner');
    if (learner.active) return;
    const { mentor, overridden } = await chooseMentor(ctx, t, input.mentorId ?? learner.mentorId, learner, input.override);
    const previous = { mentorId: learner.mentorId, date: learner.deactivatedAt, reason: learner.deactivationReason };
    learner.set({ active: true, deactivatedAt: null, deactivationReason: null, mentorId: mentor.id, updatedAt: ctx.now() });
    await learner.save({ transaction: t });
    await record(ctx, t, { learnerId: learner.id, type: 'learner_reactivated', data: { mentorId: mentor.id, was: previous } });
    if (mentor.id !== previous.mentorId) {
      await record(ctx, t, { learnerId: learner.id, type: 'mentor_changed', data: { changes: { mentorId: { from: previous.mentorId, to: mentor.id } } } });
    }
    await recordOverride(ctx, t, learner.id, mentor.id, overridden, input.overrideReason);
  });
  return getLearner(ctx, input.learnerId);
}
