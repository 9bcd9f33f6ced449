/**
 * Card order. Each card holds a fractional key (see the fractional-indexing package):
 * a move writes one key between its new neighbours, so a column is never rewritten,
 * however many moves it sees. Two cards that race into the same gap may get the same
 * key; ties are broken by id, so every reader sees the same order.
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Ordered {
  id: number;
  position: string;
}

/** Byte order (not locale order), so SQLite, PostgreSQL and the browser agree. */
export function comparePositions(a: Ordered, b: Ordered): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id - b.id;
}

export function sortByPosition<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort(comparePositions);
}

/**
 * The key for an item dropped at `index` of `column` (already sorted, without the moving
 * item). Equal neighbours (a tie left by a race) get a key just after the left one.
 */
export function positionAt(column: readonly Ordered[], index: number): string {
  const at = Math.max(0, Math.min(index, column.length));
  const before = at > 0 ? column[at - 1]!.position : null;
  let after = at < column.length ? column[at]!.position : null;
  if (before !== null && after !== null && after <= before) after = null;
  return generateKeyBetween(before, after);
}

export function positionAtEnd(column: readonly Ordered[]): string {
  return positionAt(column, column.length);
}

/** `n` ascending keys, for seeding and imports. */
export function initialPositions(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}
