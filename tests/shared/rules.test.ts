import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import { missingFields, DEFAULT_MANDATORY_FIELDS } from '../../shared/learnerFields';
import { rankEvaluators, rankMentors } from '../../shared/workflow/eligibility';
import {
  canEditLearner,
  canFileFor,
  canOpenLearnerFrom,
  canPrepareTransfer,
  canRecordOutcome,
  canVolunteer,
  cardFlags,
  leadTimeVerdict,
  moveVerdict,
  type Actor,
  type CardFacts,
} from '../../shared/workflow/rules';

const today = '2026-11-23';
const mentor: Actor = { id: 2, role: 'mentor', isEvaluator: false };
const manager: Actor = { id: 1, role: 'manager', isEvaluator: false };
const card = (o: Partial<CardFacts> = {}): CardFacts => ({
  kind: 'defense', columnKey: 'drafts', mentorId: 2, learnerId: 10, projectId: 20, hasDescription: true, defenseDate: '2026-12-10T14:00:00.000Z', evaluatorId: null, outcome: null, ...o,
});

describe('the lead-time rule', () => {
  it('accepts 14 days ahead and refuses 13 for a mentor, naming the earliest date', () => {
    expect(leadTimeVerdict(mentor, 'defense', addDays(today, 14), today).ok).toBe(true);
    const refused = leadTimeVerdict(mentor, 'defense', addDays(today, 13), today);
    expect(refused).toMatchObject({ ok: false, rule: 'lead_time' });
    expect(!refused.ok && refused.message).toContain('2026-12-07');
  });
  it('lets only a manager override it', () => {
    expect(leadTimeVerdict(manager, 'transfer', addDays(today, 3), today, true).ok).toBe(true);
    expect(leadTimeVerdict(mentor, 'transfer', addDays(today, 3), today, true).ok).toBe(false);
  });
});

describe('moves', () => {
  it('let a mentor move their own card between Drafts and Proposals, and nothing further', () => {
    expect(moveVerdict(mentor, card(), 'proposals').ok).toBe(true);
    expect(moveVerdict(mentor, card({ columnKey: 'proposals' }), 'assigned')).toMatchObject({ ok: false, rule: 'move_not_allowed' });
    expect(moveVerdict(mentor, card({ columnKey: 'proposals' }), 'profile_to_update')).toMatchObject({ ok: false, rule: 'move_not_allowed' });
    expect(moveVerdict({ ...mentor, id: 9 }, card(), 'proposals')).toMatchObject({ ok: false, kind: 'forbidden', rule: 'not_owner' });
  });
  it('refuse a card that is not ready, naming what it lacks', () => {
    expect(moveVerdict(mentor, card({ hasDescription: false, projectId: null }), 'proposals')).toMatchObject({ ok: false, rule: 'card_not_ready', missing: ['project', 'description'] });
  });
  it('need an evaluator for Assigned and an outcome for Done', () => {
    expect(moveVerdict(manager, card({ columnKey: 'proposals' }), 'assigned')).toMatchObject({ ok: false, rule: 'evaluator_required' });
    expect(moveVerdict(manager, card({ columnKey: 'assigned', evaluatorId: 5 }), 'done')).toMatchObject({ ok: false, rule: 'outcome_required' });
    expect(moveVerdict(manager, card({ columnKey: 'done', outcome: 'passed' }), 'proposals')).toMatchObject({ ok: false, rule: 'move_not_allowed' });
  });
});

describe('badges', () => {
  it('flag early, due soon, overdue and at risk', () => {
    expect(cardFlags(card({ defenseDate: '2026-12-20T10:00:00.000Z' }), today)).toEqual(['early']);
    expect(cardFlags(card({ defenseDate: '2026-11-28T10:00:00.000Z' }), today)).toEqual(['due_soon']);
    expect(cardFlags(card({ defenseDate: '2026-11-20T10:00:00.000Z' }), today)).toEqual(['overdue']);
    expect(cardFlags(card({ kind: 'transfer', defenseDate: null, handoverDate: '2026-11-29' }), today)).toEqual(['due_soon', 'at_risk']);
    expect(cardFlags(card({ kind: 'transfer', defenseDate: null, handoverDate: '2026-11-29', newMentorId: 4 }), today)).toEqual(['due_soon']);
    expect(cardFlags(card({ columnKey: 'done', defenseDate: '2026-11-20T10:00:00.000Z' }), today)).toEqual([]);
  });
});

describe('eligibility', () => {
  it('ranks eligible evaluators by fewest upcoming defenses and explains the others', () => {
    const rows = rankEvaluators(
      [
        { id: 1, name: 'Busy', isEvaluator: true, projectIds: [20], upcomingDefenses: 5, busySlots: [] },
        { id: 2, name: 'Free', isEvaluator: true, projectIds: [20], upcomingDefenses: 0, busySlots: [] },
        { id: 3, name: 'Clash', isEvaluator: true, projectIds: [20], upcomingDefenses: 0, busySlots: ['2026-12-10T14'] },
      ],
      { projectId: 20, learnerMentorId: 9, slot: '2026-12-10T14' },
    );
    expect(rows.map((r) => [r.name, r.eligible, r.reasonCodes])).toEqual([['Free', true, []], ['Busy', true, []], ['Clash', false, ['busy_at_that_time']]]);
  });
  it('ranks new mentors: volunteers first, then most remaining capacity', () => {
    const base = { projectIds: [20], acceptsRqth: true, volunteered: false };
    const rows = rankMentors(
      [
        { ...base, id: 1, name: 'Roomy', remainingCapacity: 9 },
        { ...base, id: 2, name: 'Volunteer', remainingCapacity: 1, volunteered: true },
        { ...base, id: 3, name: 'Full', remainingCapacity: 0, volunteered: true },
      ],
      { currentProjectId: 20, learnerRqth: false, currentMentorId: 7 },
    );
    expect(rows.map((r) => r.name)).toEqual(['Volunteer', 'Roomy', 'Full']);
    expect(rows[2]!.reasonCodes).toEqual(['no_capacity']);
  });
});

describe('mandatory fields', () => {
  it('are every learner field but the notes by default; blanks count as missing', () => {
    expect(DEFAULT_MANDATORY_FIELDS).not.toContain('notes');
    expect(missingFields({ firstName: 'Léa', lastName: ' ', rqth: false }, ['firstName', 'lastName', 'rqth', 'timezone'])).toEqual(['lastName', 'timezone']);
  });
});

describe('what a person may do to a card or a learner (asked by the server that enforces it and the client that shows it)', () => {
  const evaluator: Actor = { id: 7, role: 'mentor', isEvaluator: true };
  const other: Actor = { id: 8, role: 'mentor', isEvaluator: false };
  it('records an outcome: the evaluator or a manager, only once assigned', () => {
    const assigned = card({ columnKey: 'assigned', evaluatorId: 7 });
    expect(canRecordOutcome(evaluator, assigned).ok).toBe(true);
    expect(canRecordOutcome(manager, assigned).ok).toBe(true);
    expect(canRecordOutcome(mentor, assigned)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(canRecordOutcome(evaluator, card({ columnKey: 'proposals', evaluatorId: 7 }))).toMatchObject({ ok: false, kind: 'refused', rule: 'move_not_allowed' });
  });
  it('volunteers: another mentor, while in Proposals; withdrawing any time', () => {
    const transfer = card({ kind: 'transfer', columnKey: 'proposals' });
    expect(canVolunteer(other, transfer).ok).toBe(true);
    expect(canVolunteer(mentor, transfer)).toMatchObject({ ok: false, rule: 'mentor_ineligible' });
    expect(canVolunteer(manager, transfer)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(canVolunteer(other, { ...transfer, columnKey: 'assigned' }).ok).toBe(false);
    expect(canVolunteer(other, { ...transfer, columnKey: 'assigned' }, true).ok).toBe(true);
  });
  it('prepares a transfer after a passed defense: its mentor or a manager', () => {
    const passed = card({ columnKey: 'done', outcome: 'passed' });
    expect(canPrepareTransfer(mentor, passed)).toBe(true);
    expect(canPrepareTransfer(manager, passed)).toBe(true);
    expect(canPrepareTransfer(other, passed)).toBe(false);
    expect(canPrepareTransfer(mentor, card({ columnKey: 'done', outcome: 'failed' }))).toBe(false);
  });
  it('edits a learner: their mentor or a manager; opens one from a card: also its evaluator or new mentor', () => {
    expect(canEditLearner(mentor, { mentorId: 2 }).ok).toBe(true);
    expect(canEditLearner(evaluator, { mentorId: 2 })).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(canOpenLearnerFrom(evaluator, card({ evaluatorId: 7 }), { mentorId: 2 })).toBe(true);
    expect(canOpenLearnerFrom(other, card(), { mentorId: 2 })).toBe(false);
    expect(canFileFor(manager, { mentorId: 2 })).toBe(true);
    expect(canFileFor(other, { mentorId: 2 })).toBe(false);
  });
});
