/**
 * Typed Sequelize models. The schema itself is made by the migrations in ../migrations;
 * these only describe it (no `sync()` anywhere).
 */
import { randomBytes } from 'node:crypto';
import {
  DataTypes,
  Model,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import type { BoardKind, ColumnKey } from '../../../shared/workflow/boards';
import type { Funding } from '../../../shared/learnerFields';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare email: string;
  declare name: string;
  declare passwordHash: string;
  declare role: 'mentor' | 'manager';
  declare isEvaluator: CreationOptional<boolean>;
  declare capacity: CreationOptional<number>;
  declare acceptsRqth: CreationOptional<boolean>;
  /** A deactivated person cannot sign in and is never offered for new work; their history and open cards stay. */
  declare active: CreationOptional<boolean>;
  declare deactivatedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A one-time link to set a password: an invitation, or a new link a manager made. Only the token's SHA-256 is kept. */
export class Invitation extends Model<InferAttributes<Invitation>, InferCreationAttributes<Invitation>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare tokenHash: string;
  declare createdById: number | null;
  declare createdAt: Date;
  declare expiresAt: Date;
  declare usedAt: CreationOptional<Date | null>;
  declare revokedAt: CreationOptional<Date | null>;
}

export class Path extends Model<InferAttributes<Path>, InferCreationAttributes<Path>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
}

export class Project extends Model<InferAttributes<Project>, InferCreationAttributes<Project>> {
  declare id: CreationOptional<number>;
  declare pathId: ForeignKey<number>;
  declare position: number;
  declare code: string;
  declare title: string;
  declare color: string;
  /** A retired project stays on old cards; it cannot be chosen for new cards, a learner's current project or a mentor's qualifications. */
  declare retired: CreationOptional<boolean>;
}

export class MentorProject extends Model<InferAttributes<MentorProject>, InferCreationAttributes<MentorProject>> {
  declare mentorId: number;
  declare projectId: number;
}

export class Learner extends Model<InferAttributes<Learner>, InferCreationAttributes<Learner>> {
  declare id: CreationOptional<number>;
  declare firstName: string;
  declare lastName: string;
  declare email: string | null;
  declare pathId: number | null;
  declare currentProjectId: number | null;
  declare mentorId: number;
  declare funding: Funding | null;
  declare professionalGoal: string | null;
  declare availability: string | null;
  declare timezone: string | null;
  declare rqth: boolean | null;
  declare notes: string | null;
  declare active: CreationOptional<boolean>;
  /** The day a deactivated learner left, and why (LEARNER_LEAVING_REASONS); null while active. */
  declare deactivatedAt: CreationOptional<string | null>;
  declare deactivationReason: CreationOptional<string | null>;
  /** When the last project of their path was passed. */
  declare pathCompletedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Board extends Model<InferAttributes<Board>, InferCreationAttributes<Board>> {
  declare id: CreationOptional<number>;
  declare kind: BoardKind;
  declare name: string;
}

export class Column extends Model<InferAttributes<Column>, InferCreationAttributes<Column>> {
  declare id: CreationOptional<number>;
  declare boardId: number;
  declare key: ColumnKey;
  declare name: string;
  declare position: number;
}

export class Card extends Model<InferAttributes<Card>, InferCreationAttributes<Card>> {
  declare id: CreationOptional<number>;
  declare boardId: number;
  declare columnKey: ColumnKey;
  declare position: string;
  declare learnerId: number;
  declare projectId: number | null;
  declare mentorId: number;
  declare description: CreationOptional<string>;
  declare version: CreationOptional<number>;
  declare archived: CreationOptional<boolean>;
  declare defenseDate: CreationOptional<Date | null>;
  declare attempt: CreationOptional<number>;
  declare evaluatorId: CreationOptional<number | null>;
  declare outcome: CreationOptional<'passed' | 'failed' | null>;
  declare previousCardId: CreationOptional<number | null>;
  declare retakeCardId: CreationOptional<number | null>;
  declare handoverDate: CreationOptional<string | null>;
  declare reason: CreationOptional<string | null>;
  declare newMentorId: CreationOptional<number | null>;
  declare missingFields: CreationOptional<string[]>;
  declare atRiskNotifiedAt: CreationOptional<Date | null>;
  /** Off the board (`archived`): when, by whom, which (withdrawn: an open card; archived: a done one) and why. */
  declare archivedAt: CreationOptional<Date | null>;
  declare archivedById: CreationOptional<number | null>;
  declare archiveKind: CreationOptional<'withdrawn' | 'archived' | null>;
  declare archiveReason: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Volunteer extends Model<InferAttributes<Volunteer>, InferCreationAttributes<Volunteer>> {
  declare cardId: number;
  declare mentorId: number;
  declare createdAt: CreationOptional<Date>;
}

export class Comment extends Model<InferAttributes<Comment>, InferCreationAttributes<Comment>> {
  declare id: CreationOptional<number>;
  declare cardId: number;
  declare authorId: number;
  declare body: string;
  declare createdAt: CreationOptional<Date>;
  declare editedAt: CreationOptional<Date | null>;
  declare deletedAt: CreationOptional<Date | null>;
}

/** One append-only event: the card's history, the audit trail and the live feed. */
export class Activity extends Model<InferAttributes<Activity>, InferCreationAttributes<Activity>> {
  declare id: CreationOptional<number>;
  declare boardId: number | null;
  declare cardId: number | null;
  declare learnerId: number | null;
  declare actorId: number | null;
  declare type: string;
  declare data: CreationOptional<Record<string, unknown>>;
  declare createdAt: CreationOptional<Date>;
}

export class Notification extends Model<InferAttributes<Notification>, InferCreationAttributes<Notification>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare cardId: number | null;
  declare type: string;
  declare data: CreationOptional<Record<string, unknown>>;
  declare readAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
}

export class Setting extends Model<InferAttributes<Setting>, InferCreationAttributes<Setting>> {
  declare key: string;
  declare value: unknown;
}

export class Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
  /** sha256 of the cookie's token: a leaked database does not leak live sessions. */
  declare id: string;
  declare userId: number;
  declare expiresAt: Date;
  declare createdAt: CreationOptional<Date>;
  /** What `auth.sessions` and `auth.endSession` name a session by (never its token, nor the token's digest). */
  declare publicId: CreationOptional<string>;
  declare userAgent: CreationOptional<string | null>;
  declare ip: CreationOptional<string | null>;
  declare lastSeenAt: CreationOptional<Date | null>;
}

/** One line of the audit trail: sign-ins, refusals and account or settings changes, with where they came from. */
export class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
  declare id: CreationOptional<number>;
  declare type: string;
  /** Null for the system, and for a sign-in that named no account. */
  declare actorId: number | null;
  /** The email a sign-in named, as typed (never the password). */
  declare email: string | null;
  declare ip: string | null;
  declare userAgent: string | null;
  declare data: CreationOptional<Record<string, unknown>>;
  /** The account the line is about (an invitation, a change, a sign-in), for the person's page. */
  declare subjectId: CreationOptional<number | null>;
  declare createdAt: Date;
}

const timestamps = {
  createdAt: { type: DataTypes.DATE, allowNull: false },
  updatedAt: { type: DataTypes.DATE, allowNull: false },
};
const idColumn = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };

/** Binds a fresh set of model classes to `sequelize`, so two databases in one process never share a model. */
export function initModels(sequelize: Sequelize) {
  const m = {
    User: class extends User {},
    Path: class extends Path {},
    Project: class extends Project {},
    MentorProject: class extends MentorProject {},
    Learner: class extends Learner {},
    Board: class extends Board {},
    Column: class extends Column {},
    Card: class extends Card {},
    Volunteer: class extends Volunteer {},
    Comment: class extends Comment {},
    Activity: class extends Activity {},
    Notification: class extends Notification {},
    Setting: class extends Setting {},
    Session: class extends Session {},
    AuditEvent: class extends AuditEvent {},
    Invitation: class extends Invitation {},
  };
  m.User.init(
    {
      id: idColumn,
      email: { type: DataTypes.STRING, allowNull: false, unique: true },
      name: { type: DataTypes.STRING, allowNull: false },
      passwordHash: { type: DataTypes.STRING, allowNull: false },
      role: { type: DataTypes.STRING, allowNull: false },
      isEvaluator: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      capacity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      acceptsRqth: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      deactivatedAt: DataTypes.DATE,
      ...timestamps,
    },
    { sequelize, tableName: 'users' },
  );
  m.Path.init(
    { id: idColumn, code: { type: DataTypes.STRING, allowNull: false }, name: { type: DataTypes.STRING, allowNull: false } },
    { sequelize, tableName: 'paths', timestamps: false },
  );
  m.Project.init(
    {
      id: idColumn,
      pathId: { type: DataTypes.INTEGER, allowNull: false },
      position: { type: DataTypes.INTEGER, allowNull: false },
      code: { type: DataTypes.STRING, allowNull: false },
      title: { type: DataTypes.STRING, allowNull: false },
      color: { type: DataTypes.STRING, allowNull: false },
      retired: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    },
    { sequelize, tableName: 'projects', timestamps: false },
  );
  m.MentorProject.init(
    {
      mentorId: { type: DataTypes.INTEGER, primaryKey: true },
      projectId: { type: DataTypes.INTEGER, primaryKey: true },
    },
    { sequelize, tableName: 'mentor_projects', timestamps: false },
  );
  m.Learner.init(
    {
      id: idColumn,
      firstName: { type: DataTypes.STRING, allowNull: false },
      lastName: { type: DataTypes.STRING, allowNull: false },
      email: DataTypes.STRING,
      pathId: DataTypes.INTEGER,
      currentProjectId: DataTypes.INTEGER,
      mentorId: { type: DataTypes.INTEGER, allowNull: false },
      funding: DataTypes.STRING,
      professionalGoal: DataTypes.TEXT,
      availability: DataTypes.TEXT,
      timezone: DataTypes.STRING,
      rqth: DataTypes.BOOLEAN,
      notes: DataTypes.TEXT,
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      deactivatedAt: DataTypes.DATEONLY,
      deactivationReason: DataTypes.STRING,
      pathCompletedAt: DataTypes.DATE,
      ...timestamps,
    },
    { sequelize, tableName: 'learners' },
  );
  m.Board.init(
    { id: idColumn, kind: { type: DataTypes.STRING, allowNull: false }, name: { type: DataTypes.STRING, allowNull: false } },
    { sequelize, tableName: 'boards', timestamps: false },
  );
  m.Column.init(
    {
      id: idColumn,
      boardId: { type: DataTypes.INTEGER, allowNull: false },
      key: { type: DataTypes.STRING, allowNull: false },
      name: { type: DataTypes.STRING, allowNull: false },
      position: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, tableName: 'columns', timestamps: false },
  );
  m.Card.init(
    {
      id: idColumn,
      boardId: { type: DataTypes.INTEGER, allowNull: false },
      columnKey: { type: DataTypes.STRING, allowNull: false },
      position: { type: DataTypes.STRING, allowNull: false },
      learnerId: { type: DataTypes.INTEGER, allowNull: false },
      projectId: DataTypes.INTEGER,
      mentorId: { type: DataTypes.INTEGER, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
      version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      archived: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      defenseDate: DataTypes.DATE,
      attempt: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      evaluatorId: DataTypes.INTEGER,
      outcome: DataTypes.STRING,
      previousCardId: DataTypes.INTEGER,
      retakeCardId: DataTypes.INTEGER,
      handoverDate: DataTypes.DATEONLY,
      reason: DataTypes.TEXT,
      newMentorId: DataTypes.INTEGER,
      missingFields: { type: DataTypes.JSON, allowNull: false, defaultValue: [] },
      atRiskNotifiedAt: DataTypes.DATE,
      archivedAt: DataTypes.DATE,
      archivedById: DataTypes.INTEGER,
      archiveKind: DataTypes.STRING,
      archiveReason: DataTypes.TEXT,
      ...timestamps,
    },
    { sequelize, tableName: 'cards' },
  );
  m.Volunteer.init(
    {
      cardId: { type: DataTypes.INTEGER, primaryKey: true },
      mentorId: { type: DataTypes.INTEGER, primaryKey: true },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { sequelize, tableName: 'card_volunteers', updatedAt: false },
  );
  m.Comment.init(
    {
      id: idColumn,
      cardId: { type: DataTypes.INTEGER, allowNull: false },
      authorId: { type: DataTypes.INTEGER, allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      createdAt: { type: DataTypes.DATE, allowNull: false },
      editedAt: DataTypes.DATE,
      deletedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'comments', updatedAt: false },
  );
  m.Activity.init(
    {
      id: idColumn,
      boardId: DataTypes.INTEGER,
      cardId: DataTypes.INTEGER,
      learnerId: DataTypes.INTEGER,
      actorId: DataTypes.INTEGER,
      type: { type: DataTypes.STRING, allowNull: false },
      data: { type: DataTypes.JSON, allowNull: false, defaultValue: {} },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { sequelize, tableName: 'activities', updatedAt: false },
  );
  m.Notification.init(
    {
      id: idColumn,
      userId: { type: DataTypes.INTEGER, allowNull: false },
      cardId: DataTypes.INTEGER,
      type: { type: DataTypes.STRING, allowNull: false },
      data: { type: DataTypes.JSON, allowNull: false, defaultValue: {} },
      readAt: DataTypes.DATE,
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { sequelize, tableName: 'notifications', updatedAt: false },
  );
  m.Setting.init(
    { key: { type: DataTypes.STRING, primaryKey: true }, value: { type: DataTypes.JSON, allowNull: false } },
    { sequelize, tableName: 'settings', timestamps: false },
  );
  m.Session.init(
    {
      id: { type: DataTypes.STRING, primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      createdAt: { type: DataTypes.DATE, allowNull: false },
      publicId: { type: DataTypes.STRING, allowNull: false, defaultValue: () => randomBytes(16).toString('base64url') },
      userAgent: DataTypes.STRING,
      ip: DataTypes.STRING,
      lastSeenAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'sessions', updatedAt: false },
  );
  m.Invitation.init(
    {
      id: idColumn,
      userId: { type: DataTypes.INTEGER, allowNull: false },
      tokenHash: { type: DataTypes.STRING, allowNull: false },
      createdById: DataTypes.INTEGER,
      createdAt: { type: DataTypes.DATE, allowNull: false },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      usedAt: DataTypes.DATE,
      revokedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'invitations', timestamps: false },
  );
  m.AuditEvent.init(
    {
      id: idColumn,
      type: { type: DataTypes.STRING, allowNull: false },
      actorId: DataTypes.INTEGER,
      email: DataTypes.STRING,
      ip: DataTypes.STRING,
      userAgent: DataTypes.STRING,
      data: { type: DataTypes.JSON, allowNull: false, defaultValue: {} },
      subjectId: DataTypes.INTEGER,
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { sequelize, tableName: 'audit_events', timestamps: false },
  );
  m.Session.belongsTo(m.User, { as: 'user', foreignKey: 'userId' });
  return m;
}

export type Models = ReturnType<typeof initModels>;
