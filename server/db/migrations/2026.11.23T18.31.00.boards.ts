import type { QueryInterface } from 'sequelize';
import { BOARD_KINDS, BOARD_NAMES, COLUMN_KEYS, COLUMN_NAMES } from '../../../shared/workflow/boards';

type Ctx = { context: QueryInterface };

/** The two boards and their five columns are the product's structure, not demo data. */
export async function up({ context: qi }: Ctx) {
  await qi.bulkInsert('boards', BOARD_KINDS.map((kind, i) => ({ id: i + 1, kind, name: BOARD_NAMES[kind].en })));
  await qi.bulkInsert(
    'columns',
    BOARD_KINDS.flatMap((kind, b) => COLUMN_KEYS.map((key, i) => ({ boardId: b + 1, key, name: COLUMN_NAMES[kind][key].en, position: i }))),
  );
  if (qi.sequelize.getDialect() === 'postgres') {
    await qi.sequelize.query(`SELECT setval(pg_get_serial_sequence('boards', 'id'), (SELECT MAX(id) FROM boards))`);
  }
}

export async function down({ context: qi }: Ctx) {
  await qi.bulkDelete('columns', {});
  await qi.bulkDelete('boards', {});
}
