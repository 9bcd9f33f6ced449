/** Factories for test records: sensible, complete defaults, overridden per test. */
import type { Database } from '../../server/db/sequelize';
import { hashPassword } from '../../server/services/auth';
import { toSessionUser } from '../../server/services/auth';
import { positionAtEnd, sortByPosition } from '../../shared/ordering';
import type { ColumnKey } from '../../shared/workflow/boards';
import type { Card, Learner, User } from '../../server/db/models';

export const PASSWORD = 'correct horse battery staple';
let hash: Promise<string> | undefined;
let seq = 0;
const next = () => ++seq;

export async function makeUser(db: Database, overrides: Partial<User['_creationAttributes']> & { projectIds?: number[] } = {}) {
  hash ??= hashPassword(PASSWORD);
  const n = next();
  const { projectIds, ...fields } = overrides;
  const user = await db.models.User.create({
    email: `user${n}@relais.test`,
    name: `User ${n}`,
    role: 'mentor',
    capacity: 5,
    passwordHash: await hash,
    ...fields,
  });
  if (projectIds?.length) await db.models.MentorProject.bulkCreate(projectIds.map((projectId) => ({ mentorId: user.id, projectId })));
  return user;
}

export const makeManager = (db: Database, o: Partial<User['_creationAttributes']> = {}) => makeUser(db, { role: 'manager', ...o });

export async function makeProject(db: Database, overrides: { code?: string; pathId?: number } = {}) {
  const n = next();
  const pathId = overrides.pathId ?? (await db.models.Path.create({ code: `P${n}`, name: `Path ${n}` })).id;
  return db.models.Project.create({ pathId, position: 1, code: overrides.code ?? `PRJ-${n}`, title: `Project ${n}`, color: '#2563eb' });
}

/** A learner with every field filled: the profile is complete unless a test blanks a field. */
export async function makeLearner(db: Database, overrides: Partial<Learner['_creationAttributes']> & { mentorId: number }) {
  const n = next();
  let { pathId, currentProjectId } = overrides;
  if (currentProjectId === undefined) {
    const project = await makeProject(db);
    currentProjectId = project.id;
    pathId ??= project.pathId;
  }
  return db.models.Learner.create({
    firstName: `Léa${n}`,
    lastName: `Martin${n}`,
    email: `learner${n}@exemple.fr`,
    pathId: pathId ?? null,
    currentProjectId,
    funding: 'self',
    professionalGoal: 'Devenir développeuse web',
    availability: 'Soirs en semaine',
    timezone: 'Europe/Paris',
    rqth: false,
    notes: null,
    ...overrides,
  });
}

export async function boardId(db: Database, kind: 'defense' | 'transfer') {
  return (await db.models.Board.findOne({ where: { kind } }))!.id;
}

/** A card placed directly (no rules), for tests that start mid-pipeline. */
export async function makeCard(db: Database, overrides: Partial<Card['_creationAttributes']> & { learnerId: number; boardId: number; columnKey?: ColumnKey }) {
  const learner = (await db.models.Learner.findByPk(overrides.learnerId))!;
  const columnKey = overrides.columnKey ?? 'drafts';
  const column = sortByPosition(await db.models.Card.findAll({ where: { boardId: overrides.boardId, columnKey }, raw: true }));
  const card = await db.models.Card.create({
    columnKey,
    position: positionAtEnd(column),
    projectId: learner.currentProjectId,
    mentorId: learner.mentorId,
    description: 'Livrables : https://github.com/exemple/p2',
    ...overrides,
  });
  // As every change in Relais, a card's creation is an event on its board.
  await db.models.Activity.create({ boardId: card.boardId, cardId: card.id, learnerId: card.learnerId, actorId: card.mentorId, type: 'created', data: { to: columnKey }, createdAt: new Date() });
  return card;
}

export { toSessionUser };
