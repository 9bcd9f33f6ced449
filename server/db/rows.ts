/**
 * Rows by plain SQL, for the hot paths (every move passes here): a model query costs as
 * much again as the statement itself. What is read is parsed by the model's own column
 * types, and what is written is escaped by Sequelize as for any query, so the rows are the
 * ones Sequelize's own queries read and write, on SQLite and PostgreSQL alike.
 */
import { QueryTypes, type Model, type ModelStatic, type Transaction } from 'sequelize';
import type { Database } from './sequelize';

/**
 * An instant from a plain (raw) query: PostgreSQL hands back a Date, SQLite the text
 * Sequelize wrote ("2026-12-08 14:00:00.000 +00:00").
 */
export function sqlInstant(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value.replace(' ', 'T').replace(' +00:00', 'Z'));
}

/** A value as a replacement: objects and arrays are stored as JSON, the rest as they are. */
function toSql(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
}

/**
 * One row inserted by a plain statement (an event of the activity log), its new id returned
 * on both dialects.
 */
export async function insertRow(db: Database, table: string, values: Record<string, unknown>, transaction: Transaction): Promise<number> {
  const columns = Object.keys(values);
  const replacements = columns.map((c) => toSql(values[c]));
  const sql = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  if (db.dialect === 'postgres') {
    const [rows] = await db.sequelize.query(`${sql} RETURNING id`, { replacements, type: QueryTypes.INSERT, transaction });
    return (rows as unknown as { id: number }[])[0]!.id;
  }
  const [id] = await db.sequelize.query(sql, { replacements, type: QueryTypes.INSERT, transaction });
  return id as number;
}

/**
 * A column's value as the model holds it, from what the driver handed back: SQLite gives
 * instants and JSON as text. (Booleans, 0 or 1 there, the model converts itself.)
 */
function parseColumn(type: unknown, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch ((type as { key?: string }).key) {
    case 'DATE':
      return value instanceof Date ? value : sqlInstant(String(value));
    case 'JSON':
    case 'JSONB':
      return typeof value === 'string' ? JSON.parse(value) : value;
    default:
      return value;
  }
}

/** The row with this id as a model instance, locked for the transaction on PostgreSQL; null when there is none. */
export async function findRow<M extends Model>(db: Database, model: ModelStatic<M>, id: number, transaction?: Transaction): Promise<M | null> {
  const lock = transaction && db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const [row] = await db.sequelize.query<Record<string, unknown>>(`SELECT * FROM ${model.getTableName() as string} WHERE id = ?${lock}`, {
    replacements: [id],
    type: QueryTypes.SELECT,
    transaction,
  });
  if (!row) return null;
  const values: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(model.getAttributes())) values[name] = parseColumn(attribute.type, row[attribute.field ?? name]);
  return model.build(values as never, { isNewRecord: false, raw: true });
}

/**
 * Writes an instance's changed fields, with its updatedAt, in one plain UPDATE, and marks
 * them saved, as `save()` would (without its validation: the database's constraints
 * stand).
 */
export async function saveRow(db: Database, instance: Model, transaction: Transaction, now: Date) {
  if (!instance.changed()) return;
  const model = instance.constructor as ModelStatic<Model>;
  const attributes = model.getAttributes();
  if ('updatedAt' in attributes) instance.setDataValue('updatedAt' as never, now as never);
  const fields = instance.changed() as string[];
  const replacements = fields.map((field) => toSql(instance.getDataValue(field as never)));
  const sets = fields.map((field) => `"${attributes[field]?.field ?? field}" = ?`).join(', ');
  await db.sequelize.query(`UPDATE ${model.getTableName() as string} SET ${sets} WHERE id = ?`, {
    replacements: [...replacements, instance.get('id')],
    type: QueryTypes.UPDATE,
    transaction,
  });
  const previous = (instance as unknown as { _previousDataValues: Record<string, unknown> })._previousDataValues;
  for (const field of fields) {
    previous[field] = instance.getDataValue(field as never);
    instance.changed(field as never, false);
  }
}
