/** The lifecycle rules the server enforces and the client asks (issue 15): withdraw, archive, restore, retired projects, leaving learners, a pass's next project. */
import { describe, expect, it } from 'vitest';
import {
  canArchive,
  canRestore,
  canWithdraw,
  learnerActiveVerdict,
  nextProjectAfterPass,
  projectChoiceVerdict,
  type Actor,
  type CardFacts,
} from '../../shared/workflow/rules';

const mentor: Actor = { id: 2, role: 'mentor', isEvaluator: false };
const other: Actor = { id: 3, role: 'mentor', isEvaluator: true };
const manager: Actor = { id: 1, role: 'manager', isEvaluator: false };
const card = (o: Partial<CardFacts> = {}): CardFacts => ({
  kind: 'defense', columnKey: 'drafts', mentorId: 2, learnerId: 10, projectId: 20, hasDescription: true, defenseDate: '2026-12-10T14:00:00.000Z', evaluatorId: null, outcome: null, ...o,
});

describe('withdrawing', () => {
  it('is the filing mentor’s before assignment, a manager’s until Done, and no one’s after', () => {
    for (const columnKey of ['drafts', 'proposals', 'profile_to_update'] as const) expect(canWithdraw(mentor, card({ columnKey })).ok).toBe(true);
    expect(canWithdraw(mentor, card({ columnKey: 'assigned', evaluatorId: 3 }))).toMatchObject({ ok: false, kind: 'refused', rule: 'move_not_allowed' });
    expect(canWithdraw(other, card({ columnKey: 'proposals' }))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'not_owner' });
    expect(canWithdraw(other, card({ columnKey: 'assigned', evaluatorId: 3 }))).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(canWithdraw(manager, card({ columnKey: 'assigned', evaluatorId: 3 })).ok).toBe(true);
    expect(canWithdraw(manager, card({ columnKey: 'done', outcome: 'passed' }))).toMatchObject({ ok: false, rule: 'move_not_allowed' });
  });
});

describe('archiving', () => {
  it('is a manager’s, for a done card', () => {
    expect(canArchive(manager, card({ columnKey: 'done', outcome: 'passed' })).ok).toBe(true);
    expect(canArchive(manager, card({ columnKey: 'proposals' }))).toMatchObject({ ok: false, kind: 'refused', rule: 'move_not_allowed' });
    expect(canArchive(mentor, card({ columnKey: 'done', outcome: 'passed' }))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'not_owner' });
  });
});

describe('restoring', () => {
  it('is a manager’s, and the mentor’s for their own card withdrawn before assignment', () => {
    expect(canRestore(manager, card({ columnKey: 'done', outcome: 'passed' }), 'archived').ok).toBe(true);
    expect(canRestore(manager, card({ columnKey: 'assigned', evaluatorId: 3 }), 'withdrawn').ok).toBe(true);
    expect(canRestore(mentor, card({ columnKey: 'proposals' }), 'withdrawn').ok).toBe(true);
    expect(canRestore(mentor, card({ columnKey: 'assigned', evaluatorId: 3 }), 'withdrawn')).toMatchObject({ ok: false, kind: 'refused', rule: 'move_not_allowed' });
    expect(canRestore(mentor, card({ columnKey: 'done', outcome: 'passed' }), 'archived')).toMatchObject({ ok: false, kind: 'forbidden', rule: 'not_owner' });
    expect(canRestore(other, card({ columnKey: 'proposals' }), 'withdrawn')).toMatchObject({ ok: false, kind: 'forbidden', rule: 'not_owner' });
  });
});

describe('retired projects and leaving learners', () => {
  it('refuse a retired project by name, and a deactivated learner', () => {
    expect(projectChoiceVerdict({ code: 'DW-P2', retired: false }).ok).toBe(true);
    expect(projectChoiceVerdict({ code: 'DW-P2', retired: true })).toMatchObject({ ok: false, rule: 'project_retired', params: { project: 'DW-P2' } });
    expect(learnerActiveVerdict({ active: true, firstName: 'Léa', lastName: 'Martin' }).ok).toBe(true);
    expect(learnerActiveVerdict({ active: false, firstName: 'Léa', lastName: 'Martin' })).toMatchObject({ ok: false, rule: 'learner_inactive' });
  });
});

describe('the project after a pass', () => {
  const path = [
    { id: 13, position: 3, retired: false },
    { id: 11, position: 1, retired: false },
    { id: 12, position: 2, retired: true },
    { id: 14, position: 4, retired: false },
  ];
  it('is the next one by position, retired ones skipped; after the last, the path is completed', () => {
    expect(nextProjectAfterPass(path, 11, 11)).toEqual({ kind: 'next', projectId: 13 });
    expect(nextProjectAfterPass(path, 13, 13)).toEqual({ kind: 'next', projectId: 14 });
    expect(nextProjectAfterPass(path, 14, 14)).toEqual({ kind: 'completed' });
  });
  it('leaves the learner where they are for a project that is not their current one, or not of their path', () => {
    expect(nextProjectAfterPass(path, 11, 14)).toEqual({ kind: 'stays' });
    expect(nextProjectAfterPass(path, 99, 99)).toEqual({ kind: 'stays' });
    expect(nextProjectAfterPass(path, null, null)).toEqual({ kind: 'stays' });
  });
});
