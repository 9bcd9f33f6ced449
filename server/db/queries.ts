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

/** The newest event id of a board's log (0 for none): a board's cache is good while it stays the same. */
export async function boardLogHead(db: Database, boardId: number): Promise<number> {
  const [row] = await db.sequelize.query<{ head: number | null }>('SELECT MAX(id) AS head FROM activities WHERE "boardId" = ?', {
    replacements: [boardId],
    type: QueryTypes.SELECT,
  });
  return Number(row?.head ?? 0);
}

/**
 * A board's live cards, only the `columns` their faces show, plus whether each has a
 * description (without reading the description itself): plain rows, as the driver gives them.
 */
export async function cardFaceRows<Row extends object>(db: Database, boardId: number, columns: readonly string[]): Promise<Row[]> {
  const select = `${columns.map((c) => `"${c}"`).join(', ')}, CASE WHEN TRIM(description) = '' THEN 0 ELSE 1 END AS "hasDescription"`;
  return db.sequelize.query<Row>(`SELECT ${select} FROM cards WHERE "boardId" = ? AND archived = ?`, {
    replacements: [boardId, false],
    type: QueryTypes.SELECT,
  });
}

export interface SessionRow {
  id: number;
  email: string;
  name: string;
  role: 'mentor' | 'manager';
  isEvaluator: boolean | number;
  expiresAt: Date | string;
}

/** A session (by its token's digest) and its active user, in one plain query: every request asks. */
export async function sessionWithUser(db: Database, sessionId: string): Promise<SessionRow | undefined> {
  const [row] = await db.sequelize.query<SessionRow>(
    // A deactivated person's sessions are ended with the deactivation; the join refuses them all the same.
    'SELECT u.id, u.email, u.name, u.role, u."isEvaluator", s."expiresAt" FROM sessions s JOIN users u ON u.id = s."userId" WHERE s.id = ? AND u.active = ?',
    { replacements: [sessionId, true], type: QueryTypes.SELECT },
  );
  return row;
}
