import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

/** A comment's author may edit it (when is shown) or delete it (it leaves the card; its events stay in the history). */
export async function up({ context: qi }: Ctx) {
  await qi.addColumn('comments', 'editedAt', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('comments', 'deletedAt', { type: DataTypes.DATE, allowNull: true });
}

export async function down({ context: qi }: Ctx) {
  await qi.removeColumn('comments', 'deletedAt');
  await qi.removeColumn('comments', 'editedAt');
}
