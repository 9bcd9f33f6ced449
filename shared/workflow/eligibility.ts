/**
 * Who may hold a defense, and who may take over a learner: one function per pipeline
 * that explains every refusal, and one ranking, so the assign dialog and the server's
 * check can never disagree.
 */
export type EvaluatorReason = 'deactivated' | 'not_evaluator' | 'not_qualified' | 'is_learners_mentor' | 'busy_at_that_time';
export type MentorReason = 'deactivated' | 'no_capacity' | 'not_qualified' | 'no_rqth' | 'is_current_mentor';

export const REASON_MESSAGES: Record<EvaluatorReason | MentorReason, string> = {
  deactivated: 'is deactivated',
  not_evaluator: 'does not have evaluator status',
  not_qualified: 'is not qualified for this project',
  is_learners_mentor: "is the learner's own mentor",
  busy_at_that_time: 'already holds a defense at that date and hour',
  no_capacity: 'has no remaining capacity',
  no_rqth: 'does not accept learners with a disability (RQTH)',
  is_current_mentor: 'is already the learner\'s mentor',
};

export interface EligibilityRow<R extends string> {
  mentorId: number;
  name: string;
  eligible: boolean;
  reasons: string[];
  reasonCodes: R[];
}

export interface EvaluatorCandidate {
  id: number;
  name: string;
  isEvaluator: boolean;
  projectIds: readonly number[];
  /** Upcoming defenses already assigned to this evaluator, for the ranking. */
  upcomingDefenses: number;
  /** Hour slots (see dates.hourSlot) of defenses this evaluator holds, this card excluded. */
  busySlots: readonly string[];
  /** A deactivated person is never offered (absent: active). */
  active?: boolean;
}

export interface DefenseFacts {
  projectId: number;
  learnerMentorId: number;
  slot: string;
}

export function evaluatorReasons(candidate: EvaluatorCandidate, defense: DefenseFacts): EvaluatorReason[] {
  const reasons: EvaluatorReason[] = [];
  if (candidate.active === false) reasons.push('deactivated');
  if (!candidate.isEvaluator) reasons.push('not_evaluator');
  if (!candidate.projectIds.includes(defense.projectId)) reasons.push('not_qualified');
  if (candidate.id === defense.learnerMentorId) reasons.push('is_learners_mentor');
  if (candidate.busySlots.includes(defense.slot)) reasons.push('busy_at_that_time');
  return reasons;
}

function row<R extends EvaluatorReason | MentorReason>(id: number, name: string, codes: R[]): EligibilityRow<R> {
  return { mentorId: id, name, eligible: codes.length === 0, reasonCodes: codes, reasons: codes.map((c) => REASON_MESSAGES[c]) };
}

/** Every candidate, eligible first, then fewest upcoming defenses, then name. */
export function rankEvaluators(candidates: readonly EvaluatorCandidate[], defense: DefenseFacts): (EligibilityRow<EvaluatorReason> & { upcomingDefenses: number })[] {
  return candidates
    .map((c) => ({ ...row(c.id, c.name, evaluatorReasons(c, defense)), upcomingDefenses: c.upcomingDefenses }))
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.upcomingDefenses - b.upcomingDefenses || a.name.localeCompare(b.name));
}

export interface MentorCandidate {
  id: number;
  name: string;
  remainingCapacity: number;
  projectIds: readonly number[];
  acceptsRqth: boolean;
  volunteered: boolean;
  /** A deactivated person is never offered (absent: active). */
  active?: boolean;
}

export interface HandoverFacts {
  currentProjectId: number | null;
  learnerRqth: boolean;
  currentMentorId: number;
}

export function mentorReasons(candidate: MentorCandidate, handover: HandoverFacts): MentorReason[] {
  const reasons: MentorReason[] = [];
  if (candidate.active === false) reasons.push('deactivated');
  if (candidate.remainingCapacity <= 0) reasons.push('no_capacity');
  if (handover.currentProjectId === null || !candidate.projectIds.includes(handover.currentProjectId)) reasons.push('not_qualified');
  if (handover.learnerRqth && !candidate.acceptsRqth) reasons.push('no_rqth');
  if (candidate.id === handover.currentMentorId) reasons.push('is_current_mentor');
  return reasons;
}

/** Every candidate, eligible first, then volunteers, then most remaining capacity, then name. */
export function rankMentors(candidates: readonly MentorCandidate[], handover: HandoverFacts): (EligibilityRow<MentorReason> & { volunteered: boolean; remainingCapacity: number })[] {
  return candidates
    .map((c) => ({ ...row(c.id, c.name, mentorReasons(c, handover)), volunteered: c.volunteered, remainingCapacity: c.remainingCapacity }))
    .sort(
      (a, b) =>
        Number(b.eligible) - Number(a.eligible) ||
        Number(b.volunteered) - Number(a.volunteered) ||
        b.remainingCapacity - a.remainingCapacity ||
        a.name.localeCompare(b.name),
    );
}
