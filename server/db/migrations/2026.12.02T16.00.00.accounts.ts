import { randomBytes } from 'node:crypto';
import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

/**
 * Accounts: a person can be deactivated (they keep their history and open cards, and can
 * no longer sign in); a manager invites people with a one-time link to set a password
 * (`invitations`, the token's SHA-256 only); each session has a public id (to end it
 * without showing its token), the browser and address it was opened from, and when it
 * was last used; and an audit line names the account it is about (`subjectId`), for the
 * person's page.
 */
export async function up({ context: qi }: Ctx) {
  await qi.addColumn('users', 'active', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true });
  await qi.addColumn('users', 'deactivatedAt', { type: DataTypes.DATE, allowNull: true });

  await qi.createTable('invitations', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    userId: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
    /** SHA-256 of the link's token, hex: a leaked database does not leak live links. */
    tokenHash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    createdById: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' },
    createdAt: { type: DataTypes.DATE, allowNull: false },
    expiresAt: { type: DataTypes.DATE, allowNull: false },
    usedAt: { type: DataTypes.DATE, allowNull: true },
    revokedAt: { type: DataTypes.DATE, allowNull: true },
  });
  await qi.addIndex('invitations', ['userId', 'id']);

  await qi.addColumn('sessions', 'publicId', { type: DataTypes.STRING(32), allowNull: true });
  await qi.addColumn('sessions', 'userAgent', { type: DataTypes.STRING(512), allowNull: true });
  await qi.addColumn('sessions', 'ip', { type: DataTypes.STRING(64), allowNull: true });
  await qi.addColumn('sessions', 'lastSeenAt', { type: DataTypes.DATE, allowNull: true });
  // Sessions opened before this migration get a public id of their own.
  const open = await qi.sequelize.query<{ id: string }>('SELECT id FROM sessions', { type: QueryTypes.SELECT });
  for (const { id } of open) {
    await qi.sequelize.query('UPDATE sessions SET "publicId" = ? WHERE id = ?', { replacements: [randomBytes(16).toString('base64url'), id] });
  }
  await qi.addIndex('sessions', ['publicId'], { unique: true, name: 'sessions_public_id' });

  await qi.addColumn('audit_events', 'subjectId', { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' });
  await qi.addIndex('audit_events', ['subjectId', 'id'], { name: 'audit_events_subject' });
}

export async function down({ context: qi }: Ctx) {
  await qi.removeIndex('audit_events', 'audit_events_subject');
  await qi.removeColumn('audit_events', 'subjectId');
  await qi.removeIndex('sessions', 'sessions_public_id');
  for (const column of ['lastSeenAt', 'ip', 'userAgent', 'publicId']) await qi.removeColumn('sessions', column);
  await qi.dropTable('invitations');
  // SQLite removes a column by rebuilding the table: the other tables' references to users
  // would refuse the rebuild's DROP TABLE, so they are not checked meanwhile.
  const sqlite = qi.sequelize.getDialect() === 'sqlite';
  if (sqlite) await qi.sequelize.query('PRAGMA foreign_keys = OFF');
  try {
    await qi.removeColumn('users', 'deactivatedAt');
    await qi.removeColumn('users', 'active');
  } finally {
    if (sqlite) await qi.sequelize.query('PRAGMA foreign_keys = ON');
  }
}
