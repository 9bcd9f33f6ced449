import { describe, expect, it } from 'vitest';
import { comparePositions, initialPositions, positionAt, sortByPosition, type Ordered } from '../../shared/ordering';

describe('card order', () => {
  it('puts a key between its neighbours', () => {
    const column: Ordered[] = initialPositions(3).map((position, i) => ({ id: i + 1, position }));
    const key = positionAt(column, 1);
    expect(key > column[0]!.position && key < column[1]!.position).toBe(true);
    expect(positionAt(column, 0) < column[0]!.position).toBe(true);
    expect(positionAt(column, 3) > column[2]!.position).toBe(true);
  });

  it('survives thousands of moves into the same gap without rewriting the column, keys staying short', () => {
    let column: Ordered[] = initialPositions(10).map((position, i) => ({ id: i + 1, position }));
    for (let n = 0; n < 2000; n++) {
      const moving = column.at(-1)!;
      const rest = column.slice(0, -1);
      column = sortByPosition([...rest, { id: moving.id, position: positionAt(rest, 3) }]);
      expect(column[3]!.id).toBe(moving.id);
    }
    expect(Math.max(...column.map((c) => c.position.length))).toBeLessThan(400);
  });

  it('breaks a tie between equal keys by id, the same way for everyone', () => {
    const a = { id: 7, position: 'a1' };
    const b = { id: 3, position: 'a1' };
    expect(sortByPosition([a, b]).map((c) => c.id)).toEqual([3, 7]);
    expect(comparePositions(a, b)).toBeGreaterThan(0);
    // A card dropped after a tie lands after both.
    const key = positionAt(sortByPosition([a, b]), 2);
    expect(key > 'a1').toBe(true);
  });

  it('compares keys byte by byte, not by locale', () => {
    expect(sortByPosition([{ id: 1, position: 'a' }, { id: 2, position: 'Z' }]).map((c) => c.id)).toEqual([2, 1]);
  });
});
