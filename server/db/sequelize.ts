/**
 * Opens the database: SQLite by default, PostgreSQL when given a postgres:// URL.
 *
 * SQLite, done right: Sequelize opens a new SQLite connection for every transaction, and
 * its SQLite connection manager has no afterConnect hook, so the PRAGMAs are applied by
 * wrapping `getConnection`, once per connection. SQLite allows one writer at a time; a
 * second write transaction would fail with SQLITE_BUSY, so `write()` serialises write
 * transactions in the process and takes the write lock up front (BEGIN IMMEDIATE).
 */
import { Mutex } from 'async-mutex';
import { Sequelize, Transaction } from 'sequelize';
import { migrator } from './migrate';
import { initModels, type Models } from './models';

export interface Database {
  sequelize: Sequelize;
  models: Models;
  dialect: 'sqlite' | 'postgres';
  /** Runs `fn` in a write transaction; the only way services change data. */
  write<T>(fn: (t: Transaction) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; when absent, SQLite at `storage`. */
  url?: string;
  storage?: string;
  logging?: boolean;
}

const SQLITE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA foreign_keys = ON',
  'PRAGMA busy_timeout = 10000',
  'PRAGMA synchronous = NORMAL',
].join(';\n');

interface SqliteConnection {
  exec(sql: string, callback: (err: Error | null) => void): void;
}

function applyPragmasOnEveryConnection(sequelize: Sequelize) {
  const manager = sequelize.connectionManager as unknown as {
    getConnection(options?: unknown): Promise<SqliteConnection>;
  };
  const original = manager.getConnection.bind(manager);
  const configured = new WeakMap<SqliteConnection, Promise<void>>();
  manager.getConnection = async (options?: unknown) => {
    const connection = await original(options);
    let ready = configured.get(connection);
    if (!ready) {
      ready = new Promise<void>((resolve, reject) => connection.exec(SQLITE_PRAGMAS, (err) => (err ? reject(err) : resolve())));
      configured.set(connection, ready);
    }
    await ready;
    return connection;
  };
}

export function openDatabase(options: OpenOptions): Database {
  const logging = options.logging ? console.log : false;
  const sequelize = options.url
    ? new Sequelize(options.url, { dialect: 'postgres', logging, pool: { max: 10 } })
    : new Sequelize({ dialect: 'sqlite', storage: options.storage ?? ':memory:', logging });
  const dialect = options.url ? 'postgres' : 'sqlite';
  const models = initModels(sequelize);

  let write: Database['write'];
  if (dialect === 'sqlite') {
    applyPragmasOnEveryConnection(sequelize);
    const writer = new Mutex();
    write = (fn) => writer.runExclusive(() => sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, fn));
  } else {
    write = (fn) => sequelize.transaction(fn);
  }

  return {
    sequelize,
    models,
    dialect,
    write,
    async migrate() {
      await migrator(sequelize).up();
    },
    async close() {
      await sequelize.close();
    },
  };
}
