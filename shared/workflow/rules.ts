/**
 * The school's rules for both boards, written once. The server enforces them inside its
 * transactions; the client asks the same functions which columns to dim and which
 * buttons to show. Nothing here touches a database: callers pass the facts in.
 */
import { addDays, daysBetween, toDay } from '../dates';
import type { BoardKind, ColumnKey } from './boards';
import { columnName } from './boards';
import { fieldWords } from '../i18n/words';

export const LEAD_TIME_DAYS = 14;
export const EARLY_DAYS = 21;
export const DUE_SOON_DAYS = 7;
export const AT_RISK_DAYS = 7;
export const RETAKE_MIN_DAYS = 7;

export type Role = 'mentor' | 'manager';

export interface Actor {
  id: number;
  role: Role;
  isEvaluator: boolean;
}

export type RuleName =
  | 'lead_time'
  | 'immovable_date'
  | 'profile_incomplete'
  | 'evaluator_ineligible'
  | 'mentor_ineligible'
  | 'card_not_ready'
  | 'move_not_allowed'
  | 'evaluator_required'
  | 'mentor_required'
  | 'outcome_required'
  | 'retake_date'
  | 'not_owner'
  | 'learner_inactive'
  | 'project_retired'
  | 'one_open_transfer'
  | 'code_taken'
  | 'capacity_below_load'
  | 'last_manager'
  | 'mentor_has_learners';

/** Why a rule refuses: the actor's role never allows it (`forbidden`), or the card's state does not now (`refused`). */
export type RefusalKind = 'forbidden' | 'refused';

export type Verdict =
  | { ok: true }
  | { ok: false; kind: RefusalKind; rule: RuleName; message: string; missing?: string[]; params?: Record<string, string> };

const OK: Verdict = { ok: true };

function refuse(rule: RuleName, message: string, extra: { missing?: string[]; kind?: RefusalKind; params?: Record<string, string> } = {}): Verdict {
  return { ok: false, kind: extra.kind ?? 'refused', rule, message, ...(extra.missing ? { missing: extra.missing } : {}), ...(extra.params ? { params: extra.params } : {}) };
}

/** What the rules need to know of a card. */
export interface CardFacts {
  kind: BoardKind;
  columnKey: ColumnKey;
  mentorId: number | null;
  learnerId: number | null;
  projectId: number | null;
  /** Whether the description holds anything but blanks: all the ready check needs of it. */
  hasDescription: boolean;
  defenseDate?: string | null;
  handoverDate?: string | null;
  evaluatorId?: number | null;
  newMentorId?: number | null;
  outcome?: 'passed' | 'failed' | null;
}

export function isManager(actor: Actor): boolean {
  return actor.role === 'manager';
}

export function isOwner(actor: Actor, card: Pick<CardFacts, 'mentorId'>): boolean {
  return card.mentorId === actor.id;
}

/** Mentors see every card but the other mentors' drafts; managers see everything. */
export function canSeeCard(actor: Actor, card: Pick<CardFacts, 'mentorId' | 'columnKey'>): boolean {
  return isManager(actor) || card.columnKey !== 'drafts' || isOwner(actor, card);
}

/** Whether `actor` holds a role on this card other than its filing mentor: its evaluator or its new mentor. */
export function isInvolvedIn(actor: Actor, card: { evaluatorId?: number | null; newMentorId?: number | null }): boolean {
  return card.evaluatorId === actor.id || card.newMentorId === actor.id;
}

/**
 * May `actor` read a learner's profile (RQTH, funding, goal, notes…)? A manager, the
 * learner's mentor, or a mentor involved in one of the learner's cards (`involved`, see
 * isInvolvedIn). Everyone else sees a learner's name on a card, never the profile.
 */
export function canReadLearner(actor: Actor, learner: { mentorId: number }, involved: boolean): boolean {
  return isManager(actor) || learner.mentorId === actor.id || involved;
}

/** May `actor` edit a learner's profile? Their mentor or a manager; evaluators and new mentors only read it. */
export function canEditLearner(actor: Actor, learner: { mentorId: number }): Verdict {
  if (isManager(actor) || learner.mentorId === actor.id) return OK;
  return refuse('not_owner', "Only the learner's mentor or a manager can edit this profile.", { kind: 'forbidden' });
}

/** May `actor` file a card for this learner (a defense, or a transfer after a passed one)? Their mentor or a manager. */
export function canFileFor(actor: Actor, learner: { mentorId: number }): boolean {
  return isManager(actor) || learner.mentorId === actor.id;
}

/** May `actor` record this defense's outcome? Its evaluator or a manager, once it is assigned. */
export function canRecordOutcome(actor: Actor, card: CardFacts): Verdict {
  if (card.kind !== 'defense') return refuse('move_not_allowed', 'This card is not a defense.');
  if (!isManager(actor) && card.evaluatorId !== actor.id) {
    return refuse('not_owner', 'Only the evaluator of this defense or a manager can record its outcome.', { kind: 'forbidden' });
  }
  if (card.columnKey !== 'assigned' || !card.evaluatorId) return refuse('move_not_allowed', 'Only an assigned defense can receive an outcome.');
  return OK;
}

/** May `actor` offer to take over this transfer's learner (or, `withdraw`, take the offer back)? Another mentor, while it is in Proposals. */
export function canVolunteer(actor: Actor, card: CardFacts, withdraw = false): Verdict {
  if (card.kind !== 'transfer') return refuse('move_not_allowed', 'This card is not a transfer request.');
  if (actor.role !== 'mentor') return refuse('not_owner', 'Only mentors volunteer to take over a learner.', { kind: 'forbidden' });
  if (isOwner(actor, card)) return refuse('mentor_ineligible', "You are already this learner's mentor.");
  if (!withdraw && card.columnKey !== 'proposals') return refuse('move_not_allowed', 'Volunteers are taken while the request is in Proposals.');
  return OK;
}

/** May `actor` prepare the transfer that follows this defense? Its mentor or a manager, once it is passed. */
export function canPrepareTransfer(actor: Actor, card: CardFacts): boolean {
  return card.kind === 'defense' && card.outcome === 'passed' && (isManager(actor) || isOwner(actor, card));
}

/** May `actor` open the learner's profile from this card? See canReadLearner; the card's own roles count. */
export function canOpenLearnerFrom(actor: Actor, card: CardFacts, learner: { mentorId: number } | undefined): boolean {
  return (learner !== undefined && canReadLearner(actor, learner, isInvolvedIn(actor, card))) || isManager(actor) || isOwner(actor, card) || isInvolvedIn(actor, card);
}

/** May `actor` edit or delete this comment? Only its author: a comment is someone's own words. */
export function canChangeComment(actor: Actor, comment: { authorId: number }): Verdict {
  return comment.authorId === actor.id ? OK : refuse('not_owner', 'Only its author can edit or delete a comment.', { kind: 'forbidden' });
}

/** Who may edit a card's fields: its filing mentor while it is not yet assigned, or a manager. */
export function canEditCard(actor: Actor, card: CardFacts): Verdict {
  if (isManager(actor)) return OK;
  if (!isOwner(actor, card)) return refuse('not_owner', 'Only the mentor who filed this card or a manager can edit it.', { kind: 'forbidden' });
  if (card.columnKey === 'assigned' || card.columnKey === 'done') {
    return refuse('move_not_allowed', 'This card is already assigned; ask a manager to change it.');
  }
  return OK;
}

/** The fields a card lacks before it may enter Proposals (SPEC: learner, project, description, member, date). */
export function readinessGaps(card: CardFacts): string[] {
  const gaps: string[] = [];
  if (!card.learnerId) gaps.push('learner');
  if (!card.projectId) gaps.push('project');
  if (!card.hasDescription) gaps.push('description');
  if (!card.mentorId) gaps.push('member');
  if (card.kind === 'defense' ? !card.defenseDate : !card.handoverDate) {
    gaps.push(card.kind === 'defense' ? 'defenseDate' : 'handoverDate');
  }
  return gaps;
}

/** Columns a mentor may move their own card between (a manager may do more, see below). */
const MENTOR_MOVES: Record<ColumnKey, readonly ColumnKey[]> = {
  drafts: ['drafts', 'proposals'],
  proposals: ['proposals', 'drafts'],
  profile_to_update: ['profile_to_update', 'proposals', 'drafts'],
  assigned: [],
  done: [],
};

/**
 * May `actor` move `card` to column `to`? This covers roles, columns and what the card
 * itself holds. The learner-profile check, which needs the database, is the caller's
 * (see `profileVerdict`), on entering Proposals from Profile to update and on entering
 * Assigned.
 */
export function moveVerdict(actor: Actor, card: CardFacts, to: ColumnKey): Verdict {
  const from = card.columnKey;
  const toName = columnName(card.kind, to);
  if (from === 'done' && to !== 'done') {
    return refuse('move_not_allowed', 'A card in Done is closed; its history is the record.');
  }
  if (!isManager(actor)) {
    const isEvaluatorOfCard = card.kind === 'defense' && card.evaluatorId === actor.id;
    if (from === to && (isOwner(actor, card) || isEvaluatorOfCard) && MENTOR_MOVES[from].includes(to)) return OK;
    if (to === 'done' && from === 'assigned' && isEvaluatorOfCard) {
      return card.outcome ? OK : refuse('outcome_required', 'Record the outcome of the defense to move it to Done.');
    }
    if (!isOwner(actor, card)) {
      return refuse('not_owner', 'Only the mentor who filed this card or a manager can move it.', { kind: 'forbidden' });
    }
    if (to === 'assigned') return refuse('move_not_allowed', 'Only a manager can assign a card.');
    if (to === 'profile_to_update') {
      return refuse('move_not_allowed', 'Only a manager sends a card to Profile to update.');
    }
    if (to === 'done') return refuse('move_not_allowed', `Only the evaluator or a manager can move a card to ${toName}.`);
    if (!MENTOR_MOVES[from].includes(to)) {
      return refuse('move_not_allowed', `A mentor cannot move a card from ${columnName(card.kind, from)} to ${toName}.`);
    }
  }
  if ((to === 'proposals' || to === 'assigned') && from !== to) {
    const gaps = readinessGaps(card);
    if (gaps.length > 0) {
      return refuse('card_not_ready', `This card is not ready for ${toName}: missing ${fieldWords(gaps, 'en')}.`, { missing: gaps });
    }
  }
  if (to === 'assigned' && from !== 'assigned') {
    if (card.kind === 'defense' && !card.evaluatorId) {
      return refuse('evaluator_required', 'Choose an evaluator to assign this defense.');
    }
    if (card.kind === 'transfer' && !card.newMentorId) {
      return refuse('mentor_required', 'Choose the new mentor to assign this transfer.');
    }
  }
  if (to === 'done' && from !== 'done') {
    if (from !== 'assigned') return refuse('move_not_allowed', `Only an assigned card can move to ${toName}.`);
    if (card.kind === 'defense' && !card.outcome) {
      return refuse('outcome_required', 'Record the outcome of the defense to move it to Done.');
    }
  }
  return OK;
}

/** Whether moving into `to` needs the learner's profile to be complete. */
export function needsCompleteProfile(from: ColumnKey, to: ColumnKey): boolean {
  return (to === 'assigned' && from !== 'assigned') || (to === 'proposals' && from === 'profile_to_update');
}

export function profileVerdict(missing: readonly string[]): Verdict {
  if (missing.length === 0) return OK;
  return refuse('profile_incomplete', `The learner's profile is missing: ${fieldWords(missing, 'en')}.`, { missing: [...missing] });
}

/**
 * The 14-day rule: a mentor files a defense or a transfer at least two weeks ahead; a
 * manager may override it (the caller records the override in the history).
 */
export function leadTimeVerdict(actor: Actor, kind: BoardKind, day: string, today: string, override = false): Verdict {
  const earliest = addDays(today, LEAD_TIME_DAYS);
  if (day >= earliest) return OK;
  if (override && isManager(actor)) return OK;
  const what = kind === 'defense' ? 'A defense' : 'A transfer';
  const dateName = kind === 'defense' ? 'defense date' : 'handover date';
  return refuse(
    'lead_time',
    `${what} must be filed at least ${LEAD_TIME_DAYS} days ahead: the earliest ${dateName} is ${earliest}.` +
      (isManager(actor) ? ' Tick "override" to file it anyway; the override is recorded.' : ''),
    { params: { date: earliest } },
  );
}

/** The earliest date a mentor may choose, for the date pickers. */
export function earliestDate(today: string): string {
  return addDays(today, LEAD_TIME_DAYS);
}

export function retakeVerdict(day: string | undefined, today: string): Verdict {
  const earliest = addDays(today, RETAKE_MIN_DAYS);
  if (!day) return refuse('retake_date', `A failed defense needs the retake date (on or after ${earliest}).`);
  if (day < earliest) return refuse('retake_date', `The retake must be at least ${RETAKE_MIN_DAYS} days ahead: on or after ${earliest}.`);
  return OK;
}

export type CardFlag = 'early' | 'due_soon' | 'overdue' | 'at_risk';

/** The badges of a card's face, from its date and state. */
export function cardFlags(card: CardFacts, today: string): CardFlag[] {
  if (card.columnKey === 'done') return [];
  const date = card.kind === 'defense' ? card.defenseDate : card.handoverDate;
  if (!date) return [];
  const days = daysBetween(today, toDay(date));
  const flags: CardFlag[] = [];
  if (days < 0) flags.push('overdue');
  else if (card.kind === 'defense' && days > EARLY_DAYS) flags.push('early');
  else if (days <= DUE_SOON_DAYS) flags.push('due_soon');
  if (card.kind === 'transfer' && !card.newMentorId && days <= AT_RISK_DAYS) flags.push('at_risk');
  return flags;
}

/** A card off the board: `withdrawn` (an open card taken back) or `archived` (a done card put away). */
export type ArchiveKind = 'withdrawn' | 'archived';

/**
 * May `actor` withdraw this card (it leaves the board, freeing what it held)? Its filing
 * mentor before it is assigned, or a manager; a done card is archived, not withdrawn.
 */
export function canWithdraw(actor: Actor, card: CardFacts): Verdict {
  if (card.columnKey === 'done') return refuse('move_not_allowed', 'A card in Done is closed: a manager archives it instead.');
  if (isManager(actor)) return OK;
  if (!isOwner(actor, card)) return refuse('not_owner', 'Only the mentor who filed this card or a manager can withdraw it.', { kind: 'forbidden' });
  if (card.columnKey === 'assigned') return refuse('move_not_allowed', 'This card is already assigned; ask a manager to withdraw it.');
  return OK;
}

/** May `actor` archive this card? A manager, once it is done; an open card is withdrawn instead. */
export function canArchive(actor: Actor, card: CardFacts): Verdict {
  if (!isManager(actor)) return refuse('not_owner', 'Only a manager archives a card.', { kind: 'forbidden' });
  if (card.columnKey !== 'done') return refuse('move_not_allowed', 'Only a card in Done is archived; withdraw an open card instead.');
  return OK;
}

/**
 * May `actor` restore this card, withdrawn or archived (`kind`), to where it was? A manager;
 * its mentor too, for their own card withdrawn before it was assigned. Whether the board
 * still allows it (the learner active, one open transfer request, the evaluator free at
 * that hour, the new mentor's place, a project not retired) the server checks, and names
 * the rule that refuses.
 */
export function canRestore(actor: Actor, card: CardFacts, kind: ArchiveKind): Verdict {
  if (isManager(actor)) return OK;
  if (!isOwner(actor, card)) return refuse('not_owner', 'Only the mentor who filed this card or a manager can restore it.', { kind: 'forbidden' });
  if (kind === 'archived') return refuse('not_owner', 'Only a manager restores an archived card.', { kind: 'forbidden' });
  if (card.columnKey === 'assigned' || card.columnKey === 'done') return refuse('move_not_allowed', 'This card was withdrawn once assigned; ask a manager to restore it.');
  return OK;
}

/** May this project be chosen for a new card, a learner's current project or a mentor's qualifications? Not once retired. */
export function projectChoiceVerdict(project: { code: string; retired: boolean }): Verdict {
  if (!project.retired) return OK;
  return refuse('project_retired', `Project ${project.code} is retired: it stays on old cards, but cannot be chosen any more.`, { params: { project: project.code } });
}

/** Is this learner still at the school? A deactivated learner has no new or restored cards until reactivated. */
export function learnerActiveVerdict(learner: { active: boolean; firstName: string; lastName: string }): Verdict {
  if (learner.active) return OK;
  return refuse('learner_inactive', `${learner.firstName} ${learner.lastName} has left the school (deactivated); reactivate the learner first.`);
}

/**
 * Where a pass takes a learner: the next project of their path by position (retired ones
 * skipped), `completed` after the last one, or `stays` when the passed project is not the
 * learner's current one (an earlier project passed late never takes them back).
 */
export function nextProjectAfterPass(
  projects: readonly { id: number; position: number; retired: boolean }[],
  passedProjectId: number | null,
  currentProjectId: number | null,
): { kind: 'next'; projectId: number } | { kind: 'completed' } | { kind: 'stays' } {
  const passed = projects.find((p) => p.id === passedProjectId);
  if (!passed || passedProjectId !== currentProjectId) return { kind: 'stays' };
  const next = projects
    .filter((p) => !p.retired && (p.position > passed.position || (p.position === passed.position && p.id > passed.id)))
    .sort((a, b) => a.position - b.position || a.id - b.id)[0];
  return next ? { kind: 'next', projectId: next.id } : { kind: 'completed' };
}
