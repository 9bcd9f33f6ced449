/**
 * Where a dragged card lands, and whether it may. Pure functions over the board as the
 * drag sees it (card ids per column, in order), so the board, the "Move to…" menu, the
 * announcements and the tests all agree. The rules themselves are moveVerdict's; this file
 * only asks them, per column, for the card in hand.
 */
import { COLUMN_KEYS, isColumnKey, type BoardKind, type ColumnKey } from './boards';
import { moveVerdict, type Actor, type CardFacts, type RuleName } from './rules';

export type CardId = number;
/** The ids of each column's cards, in order (the cards the user sees, when filtered). */
export type ColumnItems = Record<ColumnKey, CardId[]>;
/** dnd-kit ids: a card's droppable is its number id, a column's is a "column:<key>" string. */
export type DropId = string | number;

const COLUMN_PREFIX = 'column:';

export function columnDropId(key: ColumnKey): string {
  return `${COLUMN_PREFIX}${key}`;
}

/** The column key of a column droppable id, or null for a card id. */
export function columnOfDropId(id: DropId): ColumnKey | null {
  if (typeof id !== 'string' || !id.startsWith(COLUMN_PREFIX)) return null;
  const key = id.slice(COLUMN_PREFIX.length);
  return isColumnKey(key) ? key : null;
}

export function emptyColumns(): ColumnItems {
  return { drafts: [], proposals: [], profile_to_update: [], assigned: [], done: [] };
}

/** Groups cards (already in board order) by column. */
export function groupByColumn(cards: readonly { id: CardId; columnKey: ColumnKey }[]): ColumnItems {
  const columns = emptyColumns();
  for (const card of cards) columns[card.columnKey].push(card.id);
  return columns;
}

/** The column holding `id`: a column id names itself, a card id is looked up. */
export function findColumn(columns: ColumnItems, id: DropId): ColumnKey | null {
  const key = columnOfDropId(id);
  if (key) return key;
  if (typeof id !== 'number') return null;
  return COLUMN_KEYS.find((k) => columns[k].includes(id)) ?? null;
}

export interface DropTarget {
  columnKey: ColumnKey;
  /** Index in the target column once the card has been taken out of its own. */
  index: number;
}

/** Where the card is now. */
export function positionOf(columns: ColumnItems, cardId: CardId): DropTarget | null {
  const columnKey = findColumn(columns, cardId);
  return columnKey ? { columnKey, index: columns[columnKey].indexOf(cardId) } : null;
}

/**
 * Where `activeId` lands when released over `overId`:
 * - over itself: where it is;
 * - over a card of its own column: that card's place (a reorder, as arrayMove does);
 * - over a card of another column: before it, or after it when `below` (the dragged
 *   card's top is past the middle of the card it is over);
 * - over a column: the end of it (or where it already is, if it is in that column).
 * Null when either id is unknown.
 */
export function dropTarget(columns: ColumnItems, activeId: CardId, overId: DropId, below = false): DropTarget | null {
  const from = findColumn(columns, activeId);
  const to = findColumn(columns, overId);
  if (!from || !to) return null;
  const current = columns[from].indexOf(activeId);
  if (overId === activeId) return { columnKey: from, index: current };
  if (columnOfDropId(overId)) {
    return from === to ? { columnKey: to, index: current } : { columnKey: to, index: columns[to].length };
  }
  const overIndex = columns[to].indexOf(overId as CardId);
  if (from === to) return { columnKey: to, index: overIndex };
  return { columnKey: to, index: overIndex + (below ? 1 : 0) };
}

/** The columns with `cardId` taken out of its column and put at `target`. */
export function moveItem(columns: ColumnItems, cardId: CardId, target: DropTarget): ColumnItems {
  const next = { ...columns };
  const from = findColumn(columns, cardId);
  if (from) next[from] = columns[from].filter((id) => id !== cardId);
  const column = next[target.columnKey].filter((id) => id !== cardId);
  const at = Math.max(0, Math.min(target.index, column.length));
  next[target.columnKey] = [...column.slice(0, at), cardId, ...column.slice(at)];
  return next;
}

/**
 * The index to send the server, in the whole column, when the user saw only some of its
 * cards (filters): right after the visible card that now precedes it, else right before
 * the visible card that follows it, else at the end.
 */
export function serverIndex(fullColumn: readonly CardId[], visibleAfter: readonly CardId[], cardId: CardId): number {
  const full = fullColumn.filter((id) => id !== cardId);
  const at = visibleAfter.indexOf(cardId);
  if (at < 0) return full.length;
  for (let i = at - 1; i >= 0; i--) {
    const index = full.indexOf(visibleAfter[i]!);
    if (index >= 0) return index + 1;
  }
  for (let i = at + 1; i < visibleAfter.length; i++) {
    const index = full.indexOf(visibleAfter[i]!);
    if (index >= 0) return index;
  }
  return full.length;
}

/** What a column says to the card in hand. */
export type DropRule =
  | { allowed: true; action: 'move' | 'assign' }
  | { allowed: false; rule: RuleName; message: string; missing?: string[] };

/** The card fields the rules read, from a card as the board lists it. */
export function cardFacts(card: Omit<CardFacts, 'kind'> & { kind?: BoardKind }, kind: BoardKind): CardFacts {
  return {
    kind,
    columnKey: card.columnKey,
    mentorId: card.mentorId,
    learnerId: card.learnerId,
    projectId: card.projectId,
    hasDescription: card.hasDescription,
    defenseDate: card.defenseDate ?? null,
    handoverDate: card.handoverDate ?? null,
    evaluatorId: card.evaluatorId ?? null,
    newMentorId: card.newMentorId ?? null,
    outcome: card.outcome ?? null,
  };
}

/**
 * May `actor` drop this card into `to`? Entering Assigned is an assignment: it is allowed
 * (as `assign`, which opens the assign dialog) when the only thing missing is the evaluator
 * or new mentor the dialog will choose. The learner-profile check needs the database: the
 * server makes it, and the board shows its answer.
 */
export function dropRule(actor: Actor, card: CardFacts, to: ColumnKey): DropRule {
  const verdict = moveVerdict(actor, card, to);
  const entersAssigned = to === 'assigned' && card.columnKey !== 'assigned';
  if (verdict.ok) return { allowed: true, action: entersAssigned ? 'assign' : 'move' };
  if (entersAssigned && (verdict.rule === 'evaluator_required' || verdict.rule === 'mentor_required')) {
    return { allowed: true, action: 'assign' };
  }
  return { allowed: false, rule: verdict.rule, message: verdict.message, ...(verdict.missing ? { missing: verdict.missing } : {}) };
}

/** dropRule for every column of the board. */
export function dropRules(actor: Actor, card: CardFacts): Record<ColumnKey, DropRule> {
  return Object.fromEntries(COLUMN_KEYS.map((key) => [key, dropRule(actor, card, key)])) as Record<ColumnKey, DropRule>;
}

/** Whether the card may go anywhere at all (its own column included); if not, it is not draggable. */
export function canDragCard(rules: Record<ColumnKey, DropRule>): boolean {
  return COLUMN_KEYS.some((key) => rules[key].allowed);
}

export type DropOutcome =
  | { kind: 'none'; at: DropTarget }
  | { kind: 'refused'; at: DropTarget; to: ColumnKey; rule: Extract<DropRule, { allowed: false }> }
  | { kind: 'assign'; at: DropTarget; to: DropTarget }
  | { kind: 'move'; at: DropTarget; to: DropTarget };

/**
 * What a drop does, from where the card started (`origin`) and where it was released
 * (`target`, null when released outside every column): nothing, a refusal (the card goes
 * back), the assign dialog, or a move.
 */
export function resolveDrop(origin: DropTarget, target: DropTarget | null, rules: Record<ColumnKey, DropRule>): DropOutcome {
  if (!target) return { kind: 'none', at: origin };
  if (target.columnKey === origin.columnKey && target.index === origin.index) return { kind: 'none', at: origin };
  const rule = rules[target.columnKey];
  if (!rule.allowed) return { kind: 'refused', at: origin, to: target.columnKey, rule };
  if (rule.action === 'assign') return { kind: 'assign', at: origin, to: target };
  return { kind: 'move', at: origin, to: target };
}
