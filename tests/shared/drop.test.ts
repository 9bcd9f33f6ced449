import { describe, expect, it } from 'vitest';
import {
  canDragCard,
  cardFacts,
  columnDropId,
  columnOfDropId,
  dropRule,
  dropRules,
  dropTarget,
  emptyColumns,
  findColumn,
  groupByColumn,
  moveItem,
  positionOf,
  resolveDrop,
  serverIndex,
  type ColumnItems,
} from '../../shared/workflow/drop';
import type { Actor, CardFacts } from '../../shared/workflow/rules';

const board = (): ColumnItems => ({
  ...emptyColumns(),
  drafts: [1, 2, 3],
  proposals: [4, 5],
  assigned: [6],
});

const manager: Actor = { id: 1, role: 'manager', isEvaluator: false };
const mentor: Actor = { id: 2, role: 'mentor', isEvaluator: false };
const otherMentor: Actor = { id: 3, role: 'mentor', isEvaluator: false };
const evaluator: Actor = { id: 4, role: 'mentor', isEvaluator: true };

const defense = (overrides: Partial<CardFacts> = {}): CardFacts => ({
  kind: 'defense',
  columnKey: 'drafts',
  mentorId: 2,
  learnerId: 10,
  projectId: 20,
  hasDescription: true,
  defenseDate: '2026-12-11T14:00:00.000Z',
  evaluatorId: null,
  outcome: null,
  ...overrides,
});

describe('drop ids', () => {
  it('tells a column id from a card id', () => {
    expect(columnOfDropId(columnDropId('assigned'))).toBe('assigned');
    expect(columnOfDropId(6)).toBeNull();
    expect(columnOfDropId('column:nowhere')).toBeNull();
  });

  it('finds the column of a card and of a column id', () => {
    expect(findColumn(board(), 5)).toBe('proposals');
    expect(findColumn(board(), columnDropId('done'))).toBe('done');
    expect(findColumn(board(), 99)).toBeNull();
  });

  it('groups cards by column keeping their order', () => {
    const grouped = groupByColumn([
      { id: 3, columnKey: 'drafts' },
      { id: 1, columnKey: 'proposals' },
      { id: 2, columnKey: 'drafts' },
    ]);
    expect(grouped.drafts).toEqual([3, 2]);
    expect(grouped.proposals).toEqual([1]);
    expect(grouped.done).toEqual([]);
  });
});

describe('dropTarget', () => {
  it('keeps a card where it is when it is over itself', () => {
    expect(dropTarget(board(), 2, 2)).toEqual({ columnKey: 'drafts', index: 1 });
  });

  it('reorders within a column to the place of the card it is over', () => {
    expect(dropTarget(board(), 1, 3)).toEqual({ columnKey: 'drafts', index: 2 });
    expect(dropTarget(board(), 3, 1)).toEqual({ columnKey: 'drafts', index: 0 });
  });

  it('inserts before a card of another column, or after it when below its middle', () => {
    expect(dropTarget(board(), 2, 5)).toEqual({ columnKey: 'proposals', index: 1 });
    expect(dropTarget(board(), 2, 5, true)).toEqual({ columnKey: 'proposals', index: 2 });
  });

  it('puts a card at the end of a column it is dropped on', () => {
    expect(dropTarget(board(), 2, columnDropId('proposals'))).toEqual({ columnKey: 'proposals', index: 2 });
    expect(dropTarget(board(), 2, columnDropId('done'))).toEqual({ columnKey: 'done', index: 0 });
  });

  it('keeps the place of a card dropped on its own column', () => {
    expect(dropTarget(board(), 2, columnDropId('drafts'))).toEqual({ columnKey: 'drafts', index: 1 });
  });

  it('has no target for unknown ids', () => {
    expect(dropTarget(board(), 99, 1)).toBeNull();
    expect(dropTarget(board(), 1, 99)).toBeNull();
  });
});

describe('moveItem', () => {
  it('moves a card across columns without touching the original', () => {
    const before = board();
    const after = moveItem(before, 2, { columnKey: 'proposals', index: 1 });
    expect(after.drafts).toEqual([1, 3]);
    expect(after.proposals).toEqual([4, 2, 5]);
    expect(before.drafts).toEqual([1, 2, 3]);
  });

  it('reorders within a column', () => {
    expect(moveItem(board(), 1, { columnKey: 'drafts', index: 2 }).drafts).toEqual([2, 3, 1]);
  });

  it('clamps an index past the end', () => {
    expect(moveItem(board(), 1, { columnKey: 'assigned', index: 10 }).assigned).toEqual([6, 1]);
  });

  it('agrees with dropTarget and positionOf', () => {
    const target = dropTarget(board(), 1, 5, true)!;
    const after = moveItem(board(), 1, target);
    expect(positionOf(after, 1)).toEqual(target);
  });
});

describe('serverIndex', () => {
  const full = [10, 11, 12, 13, 14];

  it('is the visible index when nothing is filtered', () => {
    expect(serverIndex(full, [10, 11, 99, 12, 13, 14], 99)).toBe(2);
  });

  it('places the card after the visible card before it, hidden cards between notwithstanding', () => {
    // The user sees 10, 13 (11, 12 are filtered out) and drops 99 between them.
    expect(serverIndex(full, [10, 99, 13], 99)).toBe(1);
  });

  it('places the card before the first visible card when dropped at the top', () => {
    expect(serverIndex(full, [99, 12, 14], 99)).toBe(2);
  });

  it('places the card at the end when it is alone in the visible column', () => {
    expect(serverIndex(full, [99], 99)).toBe(5);
  });

  it('counts without the card itself on a reorder', () => {
    expect(serverIndex(full, [11, 10, 12, 13, 14], 10)).toBe(1);
    expect(serverIndex(full, [11, 12, 13, 14, 10], 10)).toBe(4);
  });
});

describe('dropRule', () => {
  it('lets a mentor move their own draft to Proposals and refuses Assigned with the reason', () => {
    const card = defense();
    expect(dropRule(mentor, card, 'proposals')).toEqual({ allowed: true, action: 'move' });
    const assigned = dropRule(mentor, card, 'assigned');
    expect(assigned.allowed).toBe(false);
    expect(assigned.allowed === false && assigned.message).toMatch(/manager/);
  });

  it("refuses every column to a mentor for another mentor's card", () => {
    const rules = dropRules(otherMentor, defense({ columnKey: 'proposals' }));
    expect(Object.values(rules).every((r) => !r.allowed)).toBe(true);
    expect(canDragCard(rules)).toBe(false);
  });

  it('refuses Proposals to a card that is not ready, naming what is missing', () => {
    const rule = dropRule(mentor, defense({ hasDescription: false }), 'proposals');
    expect(rule).toMatchObject({ allowed: false, rule: 'card_not_ready', missing: ['description'] });
  });

  it('opens the assign dialog when a manager drops a card without evaluator into Assigned', () => {
    expect(dropRule(manager, defense({ columnKey: 'proposals' }), 'assigned')).toEqual({ allowed: true, action: 'assign' });
    const transfer = cardFacts(
      { columnKey: 'proposals', mentorId: 2, learnerId: 10, projectId: 20, hasDescription: true, handoverDate: '2026-12-20', newMentorId: null },
      'transfer',
    );
    expect(dropRule(manager, transfer, 'assigned')).toEqual({ allowed: true, action: 'assign' });
  });

  it('reorders within Assigned as a plain move', () => {
    expect(dropRule(manager, defense({ columnKey: 'assigned', evaluatorId: 4 }), 'assigned')).toEqual({ allowed: true, action: 'move' });
  });

  it('lets the evaluator move their defense to Done only once the outcome is recorded', () => {
    const card = defense({ columnKey: 'assigned', evaluatorId: 4 });
    expect(dropRule(evaluator, card, 'done')).toMatchObject({ allowed: false, rule: 'outcome_required' });
    expect(dropRule(evaluator, { ...card, outcome: 'passed' }, 'done')).toEqual({ allowed: true, action: 'move' });
  });

  it('refuses to take a card out of Done', () => {
    expect(dropRule(manager, defense({ columnKey: 'done', evaluatorId: 4, outcome: 'passed' }), 'assigned')).toMatchObject({
      allowed: false,
      rule: 'move_not_allowed',
    });
  });
});

describe('resolveDrop', () => {
  const rules = dropRules(manager, defense({ columnKey: 'drafts' }));
  const origin = { columnKey: 'drafts' as const, index: 1 };

  it('does nothing when the card comes back to its place or lands outside', () => {
    expect(resolveDrop(origin, { columnKey: 'drafts', index: 1 }, rules).kind).toBe('none');
    expect(resolveDrop(origin, null, rules).kind).toBe('none');
  });

  it('moves within and across allowed columns', () => {
    expect(resolveDrop(origin, { columnKey: 'drafts', index: 0 }, rules)).toMatchObject({ kind: 'move', to: { columnKey: 'drafts', index: 0 } });
    expect(resolveDrop(origin, { columnKey: 'proposals', index: 2 }, rules)).toMatchObject({ kind: 'move', to: { columnKey: 'proposals', index: 2 } });
  });

  it('asks for the assign dialog on a drop into Assigned', () => {
    expect(resolveDrop(origin, { columnKey: 'assigned', index: 0 }, rules).kind).toBe('assign');
  });

  it('refuses a drop into a forbidden column with the rule', () => {
    const outcome = resolveDrop(origin, { columnKey: 'done', index: 0 }, rules);
    expect(outcome).toMatchObject({ kind: 'refused', to: 'done', rule: { rule: 'move_not_allowed' } });
  });
});
