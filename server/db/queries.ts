/**
 * Hand-written queries the services call by name: the SQL lives here, next to rows.ts,
 * not inside the services.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from './sequelize';
import { positionAt } from '../../shared/ordering';
import type { ColumnKey } from '../../shared/workflow/boards';

/**
 * Where a card lands in a column: the key between its new neighbours, its index and the
 * column's new length, in one read of the index cards_live_column_order: the neighbours,
 * in order, with the column's count beside them. SQLite's BINARY collation and PostgreSQL's
 * COLLATE "C" both order keys byte by byte, as comparePositions does. No index means the
 * end of the column, as does an index past it.
 */
export async function slotIn(db: Database, boardId: number, columnKey: ColumnKey, exceptId: number, index: number | undefined, transaction: Transaction) {
  const column = `FROM cards WHERE "boardId" = ? AND "columnKey" = ? AND archived = ? AND id <> ?`;
  const where = [boardId, columnKey, false, exceptId];
  const read = (order: string, limit: number, offset: number) =>
    db.sequelize.query<{ id: number; position: string; total: number | string }>(
      `SELECT id, position, (SELECT count(*) ${column}) AS total ${column} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      { replacements: [...where, ...where], type: QueryTypes.SELECT, transaction },
    );
  if (index !== undefined) {
    // The cards either side of `index`: [before, after], or [first] at the top.
    const at = Math.max(0, index);
    const neighbours = await read('position ASC, id ASC', 2, Math.max(at - 1, 0));
    const count = neighbours.length > 0 ? Number(neighbours[0]!.total) : 0;
    if (at <= count) return { position: positionAt(neighbours, at === 0 ? 0 : 1), index: at, of: count + 1 };
  }
  const [last] = await read('position DESC, id DESC', 1, 0);
  const count = last ? Number(last.total) : 0;
  return { position: positionAt(last ? [last] : [], 1), index: count, of: count + 1 };
}
