/**
 * Mentor profiles and capacity. Remaining capacity is always computed: total capacity,
 * minus active learners, minus learners a transfer already promises them (assigned,
 * handover not yet done). It is never stored, so it cannot drift or be typed in.
 */
import { fn, col, Op, type Transaction } from 'sequelize';
import type { z } from 'zod';
import type { Database } from '../db/sequelize';
import type { User } from '../db/models';
import { enforce, forbidden, notFound, ruleError } from '../errors';
import { record } from './activity';
import { audit } from './audit';
import type { AuthedContext } from './context';
import type { mentorUpdateInput } from '../../shared/schemas/mentor';
import type { MentorUpdateSelfInput } from '../../shared/schemas/accounts';
import { projectChoiceVerdict } from '../../shared/workflow/rules';

export interface MentorLoad {
  activeLearners: number;
  reserved: number;
}

async function countBy(rows: Promise<unknown[]>, key: string): Promise<Map<number, number>> {
  return new Map((await rows as Record<string, number>[]).map((r) => [Number(r[key]), Number(r.n)]));
}

export async function mentorLoads(db: Database, transaction?: Transaction, mentorIds?: number[]): Promise<Map<number, MentorLoad>> {
  const transferBoards = (await db.models.Board.findAll({ where: { kind: 'transfer' }, transaction })).map((b) => b.id);
  const only = mentorIds ? { [Op.in]: mentorIds } : { [Op.ne]: null };
  const [active, reserved] = await Promise.all([
    countBy(db.models.Learner.findAll({ attributes: ['mentorId', [fn('COUNT', col('id')), 'n']], where: { active: true, mentorId: only }, group: ['mentorId'], raw: true, transaction }), 'mentorId'),
    countBy(
      db.models.Card.findAll({
        attributes: ['newMentorId', [fn('COUNT', col('id')), 'n']],
        where: { boardId: transferBoards, columnKey: 'assigned', archived: false, newMentorId: only },
        group: ['newMentorId'],
        raw: true,
        transaction,
      }),
      'newMentorId',
    ),
  ]);
  const ids = new Set([...active.keys(), ...reserved.keys()]);
  return new Map([...ids].map((id) => [id, { activeLearners: active.get(id) ?? 0, reserved: reserved.get(id) ?? 0 }]));
}

export async function mentorProjects(db: Database, transaction?: Transaction): Promise<Map<number, number[]>> {
  const rows = await db.models.MentorProject.findAll({ transaction, raw: true });
  const map = new Map<number, number[]>();
  for (const r of rows) map.set(r.mentorId, [...(map.get(r.mentorId) ?? []), r.projectId]);
  return map;
}

export function mentorDto(user: User, load: MentorLoad | undefined, projectIds: number[]) {
  const activeLearners = load?.activeLearners ?? 0;
  const reserved = load?.reserved ?? 0;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    isEvaluator: user.isEvaluator,
    capacity: user.capacity,
    activeLearners,
    reserved,
    remainingCapacity: Math.max(0, user.capacity - activeLearners - reserved),
    acceptsRqth: user.acceptsRqth,
    projectIds,
    active: user.active,
  };
}
export type MentorDto = ReturnType<typeof mentorDto>;

/** The mentors, by name: the active ones (those who may be given work), or all with `includeDeactivated`. */
export async function listMentors(db: Database, transaction?: Transaction, options: { includeDeactivated?: boolean } = {}): Promise<MentorDto[]> {
  const [mentors, loads, projects] = await Promise.all([
    db.models.User.findAll({ where: { role: 'mentor', ...(options.includeDeactivated ? {} : { active: true }) }, order: [['name', 'ASC']], transaction }),
    mentorLoads(db, transaction),
    mentorProjects(db, transaction),
  ]);
  return mentors.map((m) => mentorDto(m, loads.get(m.id), projects.get(m.id) ?? []));
}

export type ProfileChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * Applies the mentor-profile fields of `input` to `mentor` (locked, in `t`) and returns what
 * changed; saves nothing. A capacity below the learners already taken is refused.
 */
export async function applyMentorProfile(
  db: Database,
  t: Transaction,
  mentor: User,
  input: { capacity?: number; projectIds?: number[]; acceptsRqth?: boolean; isEvaluator?: boolean },
): Promise<ProfileChanges> {
  const changes: ProfileChanges = {};
  if (input.capacity !== undefined && input.capacity !== mentor.capacity) {
    const load = (await mentorLoads(db, t, [mentor.id])).get(mentor.id);
    const committed = (load?.activeLearners ?? 0) + (load?.reserved ?? 0);
    if (input.capacity < committed) {
      throw ruleError('capacity_below_load', `${mentor.name} already has ${committed} learners (active or promised by a transfer); capacity cannot be lower.`);
    }
    changes.capacity = { from: mentor.capacity, to: input.capacity };
    mentor.capacity = input.capacity;
  }
  for (const field of ['acceptsRqth', 'isEvaluator'] as const) {
    const value = input[field];
    if (value !== undefined && value !== mentor[field]) {
      changes[field] = { from: mentor[field], to: value };
      mentor.set(field, value);
    }
  }
  if (input.projectIds) {
    const wanted = [...new Set(input.projectIds)].sort((a, b) => a - b);
    const known = await db.models.Project.findAll({ attributes: ['id', 'code', 'retired'], where: { id: wanted }, transaction: t });
    if (known.length !== wanted.length) throw notFound('Project');
    const current = (await db.models.MentorProject.findAll({ where: { mentorId: mentor.id }, transaction: t })).map((r) => r.projectId).sort((a, b) => a - b);
    // A retired project is no one's new qualification (one held already stays).
    for (const project of known) if (!current.includes(project.id)) enforce(projectChoiceVerdict(project));
    if (current.join() !== wanted.join()) {
      await db.models.MentorProject.destroy({ where: { mentorId: mentor.id }, transaction: t });
      await db.models.MentorProject.bulkCreate(wanted.map((projectId) => ({ mentorId: mentor.id, projectId })), { transaction: t });
      changes.projectIds = { from: current, to: wanted };
    }
  }
  return changes;
}

/** A mentor's profile as a manager edits it (mentor.update), or as the mentor edits their own (mentor.updateSelf, without evaluator status). */
export async function updateMentor(ctx: AuthedContext, input: z.infer<typeof mentorUpdateInput>) {
  const { db } = ctx;
  await db.write(async (t) => {
    const mentor = await db.models.User.findByPk(input.mentorId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!mentor || mentor.role !== 'mentor') throw notFound('Mentor');
    const changes = await applyMentorProfile(db, t, mentor, input);
    if (Object.keys(changes).length === 0) return;
    await mentor.save({ transaction: t });
    await record(ctx, t, { type: 'mentor_updated', data: { mentorId: mentor.id, changes } });
    await audit(db, { type: 'mentor_updated', actorId: ctx.user.id, email: ctx.user.email, client: ctx.client, at: ctx.now(), subjectId: mentor.id, data: { mentorId: mentor.id, mentorName: mentor.name, changes } }, t);
  });
  const all = await listMentors(db, undefined, { includeDeactivated: true });
  return all.find((m) => m.id === input.mentorId)!;
}

/** mentor.updateSelf: a mentor's capacity, projects and RQTH acceptance, by the mentor; evaluator status stays a manager's decision. */
export async function updateOwnProfile(ctx: AuthedContext, input: MentorUpdateSelfInput) {
  if (ctx.user.role !== 'mentor') throw forbidden('Only a mentor has a mentoring profile; a manager edits people under Accounts.');
  return updateMentor(ctx, { mentorId: ctx.user.id, ...input });
}
