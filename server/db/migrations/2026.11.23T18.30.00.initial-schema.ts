import { DataTypes, type QueryInterface } from 'sequelize';

type Ctx = { context: QueryInterface };

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string, allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
});
const stamps = {
  createdAt: { type: DataTypes.DATE, allowNull: false },
  updatedAt: { type: DataTypes.DATE, allowNull: false },
};

export async function up({ context: qi }: Ctx) {
  await qi.createTable('users', {
    id,
    email: { type: DataTypes.STRING, allowNull: false, unique: true },
    name: { type: DataTypes.STRING, allowNull: false },
    passwordHash: { type: DataTypes.STRING, allowNull: false },
    role: { type: DataTypes.STRING(16), allowNull: false },
    isEvaluator: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    capacity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    acceptsRqth: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    ...stamps,
  });
  await qi.createTable('paths', {
    id,
    code: { type: DataTypes.STRING, allowNull: false, unique: true },
    name: { type: DataTypes.STRING, allowNull: false },
  });
  await qi.createTable('projects', {
    id,
    pathId: ref('paths'),
    position: { type: DataTypes.INTEGER, allowNull: false },
    code: { type: DataTypes.STRING, allowNull: false, unique: true },
    title: { type: DataTypes.STRING, allowNull: false },
    color: { type: DataTypes.STRING(16), allowNull: false },
  });
  await qi.createTable('mentor_projects', {
    mentorId: { ...ref('users'), primaryKey: true },
    projectId: { ...ref('projects'), primaryKey: true },
  });
  await qi.createTable('learners', {
    id,
    firstName: { type: DataTypes.STRING, allowNull: false },
    lastName: { type: DataTypes.STRING, allowNull: false },
    email: DataTypes.STRING,
    pathId: ref('paths', true),
    currentProjectId: ref('projects', true),
    mentorId: ref('users'),
    funding: DataTypes.STRING(32),
    professionalGoal: DataTypes.TEXT,
    availability: DataTypes.TEXT,
    timezone: DataTypes.STRING(64),
    rqth: DataTypes.BOOLEAN,
    notes: DataTypes.TEXT,
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...stamps,
  });
  await qi.addIndex('learners', ['mentorId', 'active']);
  await qi.createTable('boards', {
    id,
    kind: { type: DataTypes.STRING(16), allowNull: false },
    name: { type: DataTypes.STRING, allowNull: false },
  });
  await qi.createTable('columns', {
    id,
    boardId: ref('boards'),
    key: { type: DataTypes.STRING(32), allowNull: false },
    name: { type: DataTypes.STRING, allowNull: false },
    position: { type: DataTypes.INTEGER, allowNull: false },
  });
  await qi.addIndex('columns', ['boardId', 'key'], { unique: true });
  await qi.createTable('cards', {
    id,
    boardId: ref('boards'),
    columnKey: { type: DataTypes.STRING(32), allowNull: false },
    position: { type: DataTypes.STRING, allowNull: false },
    learnerId: ref('learners'),
    projectId: ref('projects', true),
    mentorId: ref('users'),
    description: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    archived: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    defenseDate: DataTypes.DATE,
    attempt: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    evaluatorId: ref('users', true),
    outcome: DataTypes.STRING(16),
    previousCardId: ref('cards', true),
    retakeCardId: ref('cards', true),
    handoverDate: DataTypes.DATEONLY,
    reason: DataTypes.TEXT,
    newMentorId: ref('users', true),
    missingFields: { type: DataTypes.JSON, allowNull: false, defaultValue: '[]' },
    atRiskNotifiedAt: DataTypes.DATE,
    ...stamps,
  });
  if (qi.sequelize.getDialect() === 'postgres') {
    // Fractional keys compare byte by byte; PostgreSQL's default collation would not.
    await qi.sequelize.query('ALTER TABLE cards ALTER COLUMN position TYPE VARCHAR(255) COLLATE "C"');
  }
  await qi.addIndex('cards', ['boardId', 'columnKey', 'position']);
  await qi.addIndex('cards', ['learnerId']);
  await qi.addIndex('cards', ['evaluatorId', 'defenseDate']);
  await qi.createTable('card_volunteers', {
    cardId: { ...ref('cards'), primaryKey: true },
    mentorId: { ...ref('users'), primaryKey: true },
    createdAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.createTable('comments', {
    id,
    cardId: ref('cards'),
    authorId: ref('users'),
    body: { type: DataTypes.TEXT, allowNull: false },
    createdAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('comments', ['cardId']);
  await qi.createTable('activities', {
    id,
    boardId: ref('boards', true),
    cardId: ref('cards', true),
    learnerId: ref('learners', true),
    actorId: ref('users', true),
    type: { type: DataTypes.STRING(48), allowNull: false },
    data: { type: DataTypes.JSON, allowNull: false, defaultValue: '{}' },
    createdAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('activities', ['boardId', 'id']);
  await qi.addIndex('activities', ['cardId']);
  await qi.addIndex('activities', ['learnerId']);
  await qi.createTable('notifications', {
    id,
    userId: ref('users'),
    cardId: ref('cards', true),
    type: { type: DataTypes.STRING(48), allowNull: false },
    data: { type: DataTypes.JSON, allowNull: false, defaultValue: '{}' },
    readAt: DataTypes.DATE,
    createdAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('notifications', ['userId', 'readAt']);
  await qi.createTable('settings', {
    key: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    value: { type: DataTypes.JSON, allowNull: false },
  });
  await qi.createTable('sessions', {
    id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    userId: ref('users'),
    expiresAt: { type: DataTypes.DATE, allowNull: false },
    createdAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('sessions', ['userId']);
}

export async function down({ context: qi }: Ctx) {
  for (const table of ['sessions', 'settings', 'notifications', 'activities', 'comments', 'card_volunteers', 'cards', 'columns', 'boards', 'learners', 'mentor_projects', 'projects', 'paths', 'users']) {
    await qi.dropTable(table);
  }
}
