import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

/**
 * The lifecycle of learners, projects and cards. A learner leaves (`deactivatedAt`, the day
 * they left, and `deactivationReason`: exclusion, abandonment, end of funding, course
 * finished…) and completes their path (`pathCompletedAt`, when the last project is passed).
 * A project is retired: it stays on old cards, and cannot be chosen for new ones. A card is
 * withdrawn (an open request, by its mentor or a manager) or archived (a done card, by a
 * manager): it leaves the board (`archived`, which every live query filters on already)
 * and keeps who (`archivedById`), when (`archivedAt`), which (`archiveKind`) and why
 * (`archiveReason`) until it is restored.
 */
export async function up({ context: qi }: Ctx) {
  await qi.addColumn('learners', 'deactivatedAt', { type: DataTypes.DATEONLY, allowNull: true });
  await qi.addColumn('learners', 'deactivationReason', { type: DataTypes.STRING(32), allowNull: true });
  await qi.addColumn('learners', 'pathCompletedAt', { type: DataTypes.DATE, allowNull: true });

  await qi.addColumn('projects', 'retired', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });

  await qi.addColumn('cards', 'archivedAt', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('cards', 'archivedById', { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' });
  await qi.addColumn('cards', 'archiveKind', { type: DataTypes.STRING(16), allowNull: true });
  await qi.addColumn('cards', 'archiveReason', { type: DataTypes.TEXT, allowNull: true });
  // A card archived before this migration (none in the seed) was archived, not withdrawn.
  await qi.sequelize.query(`UPDATE cards SET "archiveKind" = 'archived', "archivedAt" = "updatedAt" WHERE archived = ?`, { replacements: [true] });
  // The archived listing of a board, newest first.
  await qi.addIndex('cards', ['boardId', 'archived', 'archivedAt'], { name: 'cards_archived' });
}

export async function down({ context: qi }: Ctx) {
  await qi.removeIndex('cards', 'cards_archived');
  for (const column of ['archiveReason', 'archiveKind', 'archivedById', 'archivedAt']) await qi.removeColumn('cards', column);
  await qi.removeColumn('projects', 'retired');
  for (const column of ['pathCompletedAt', 'deactivationReason', 'deactivatedAt']) await qi.removeColumn('learners', column);
}
