/**
 * A mentor chosen for a learner outside the transfer board (a new learner, one coming back)
 * and a new mentor taken back by a restored transfer: weighed by the same eligibility as a
 * transfer (shared/workflow/eligibility.ts), on the mentor's computed capacity.
 */
import type { Transaction } from 'sequelize';
import type { User } from '../db/models';
import type { Database } from '../db/sequelize';
import { notFound, ruleError } from '../errors';
import type { AuthedContext } from './context';
import { mentorDto, mentorLoads } from './mentors';
import { mentorReasons, REASON_MESSAGES, type MentorCandidate, type MentorReason } from '../../shared/workflow/eligibility';

/** `mentor` as a candidate: remaining capacity, projects, RQTH acceptance (and whatever else the eligibility reads of a person). */
export async function mentorCandidate(db: Database, t: Transaction, mentor: User): Promise<MentorCandidate> {
  const [loads, projects] = await Promise.all([
    mentorLoads(db, t, [mentor.id]),
    db.models.MentorProject.findAll({ attributes: ['projectId'], where: { mentorId: mentor.id }, transaction: t, raw: true }),
  ]);
  return { ...mentorDto(mentor, loads.get(mentor.id), projects.map((p) => p.projectId)), volunteered: false };
}

/** Reasons a manager's override never lifts: a deactivated person takes no learner. */
const LASTING: readonly string[] = ['deactivated'];

/**
 * The mentor `mentorId` for a learner at `currentProjectId` (RQTH or not), locked for the
 * transaction (two managers giving away one last place are taken in turn). An ineligible
 * mentor is refused (`mentor_ineligible`, with the reasons), unless a manager overrides:
 * then the reasons overridden are returned, for the caller to record with the manager's.
 */
export async function chooseMentor(
  ctx: AuthedContext,
  t: Transaction,
  mentorId: number,
  learner: { currentProjectId: number | null; rqth: boolean | null | undefined },
  override: boolean | undefined,
): Promise<{ mentor: User; overridden: MentorReason[] }> {
  const mentor = await ctx.db.models.User.findByPk(mentorId, { transaction: t, lock: t.LOCK.UPDATE });
  if (!mentor || mentor.role !== 'mentor') throw notFound('Mentor');
  const codes = mentorReasons(await mentorCandidate(ctx.db, t, mentor), { currentProjectId: learner.currentProjectId, learnerRqth: learner.rqth === true, currentMentorId: 0 });
  if (codes.length === 0) return { mentor, overridden: [] };
  const reasons = codes.map((c) => REASON_MESSAGES[c]);
  if (!override || ctx.user.role !== 'manager' || codes.some((c) => LASTING.includes(c))) {
    const hint = ctx.user.role === 'manager' && !codes.some((c) => LASTING.includes(c)) ? ' Tick "override" and say why to choose them anyway; the override is recorded.' : '';
    throw ruleError('mentor_ineligible', `${mentor.name} cannot take this learner: ${reasons.join('; ')}.${hint}`, { reasons, reasonCodes: codes });
  }
  return { mentor, overridden: codes };
}
