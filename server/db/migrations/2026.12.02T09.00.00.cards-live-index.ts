import type { QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

/**
 * Where a move lands is read from a column's live cards in order: with `archived` in the
 * index, counting a column and finding the neighbours reads the index alone, not every
 * card's row.
 */
export async function up({ context: qi }: Ctx) {
  await qi.addIndex('cards', ['boardId', 'columnKey', 'archived', 'position'], { name: 'cards_live_column_order' });
  await qi.removeIndex('cards', ['boardId', 'columnKey', 'position']);
}

export async function down({ context: qi }: Ctx) {
  await qi.addIndex('cards', ['boardId', 'columnKey', 'position']);
  await qi.removeIndex('cards', 'cards_live_column_order');
}
