import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

/**
 * The audit trail (who signed in, failed to, was throttled, changed an account or a
 * setting, from where) and the login limiter's counters, kept in the database so that
 * several servers on one PostgreSQL share them (rate-limiter-flexible's table layout).
 */
export async function up({ context: qi }: Ctx) {
  await qi.createTable('audit_events', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    type: { type: DataTypes.STRING(64), allowNull: false },
    actorId: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' },
    email: { type: DataTypes.STRING(320), allowNull: true },
    ip: { type: DataTypes.STRING(64), allowNull: true },
    userAgent: { type: DataTypes.STRING(512), allowNull: true },
    data: { type: DataTypes.JSON, allowNull: false },
    createdAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('audit_events', ['createdAt', 'id']);
  await qi.addIndex('audit_events', ['type', 'id']);
  await qi.addIndex('audit_events', ['actorId', 'id']);
  await qi.addIndex('audit_events', ['email', 'id']);
  await qi.createTable('rate_limits', {
    key: { type: DataTypes.STRING(255), primaryKey: true, allowNull: false },
    points: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    expire: { type: DataTypes.BIGINT, allowNull: true },
  });
}

export async function down({ context: qi }: Ctx) {
  await qi.dropTable('rate_limits');
  await qi.dropTable('audit_events');
}
