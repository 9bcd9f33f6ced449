import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as initialSchema from './migrations/2026.11.23T18.30.00.initial-schema';
import * as boards from './migrations/2026.11.23T18.31.00.boards';
import * as cardsLiveIndex from './migrations/2026.12.02T09.00.00.cards-live-index';
import * as security from './migrations/2026.12.02T12.00.00.security';
import * as commentEdits from './migrations/2026.12.02T15.00.00.comment-edits';
import * as accounts from './migrations/2026.12.02T16.00.00.accounts';
import * as cardLifecycle from './migrations/2026.12.02T16.30.00.card-lifecycle';

type Migration = { up(p: { context: QueryInterface }): Promise<void>; down(p: { context: QueryInterface }): Promise<void> };

/** Every migration, in order. Listed by hand so that tsx, Vite and vitest load the same files. */
const MIGRATIONS: [string, Migration][] = [
  ['2026.11.23T18.30.00.initial-schema', initialSchema],
  ['2026.11.23T18.31.00.boards', boards],
  ['2026.12.02T09.00.00.cards-live-index', cardsLiveIndex],
  ['2026.12.02T12.00.00.security', security],
  ['2026.12.02T15.00.00.comment-edits', commentEdits],
  ['2026.12.02T16.00.00.accounts', accounts],
  ['2026.12.02T16.30.00.card-lifecycle', cardLifecycle],
];

export function migrator(sequelize: Sequelize) {
  return new Umzug<QueryInterface>({
    migrations: MIGRATIONS.map(([name, m]) => ({
      name,
      up: ({ context }) => m.up({ context }),
      down: ({ context }) => m.down({ context }),
    })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'migrations' }),
    logger: undefined,
  });
}
