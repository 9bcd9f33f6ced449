/**
 * Opens the database: SQLite by default, PostgreSQL when given a postgres:// URL.
 *
 * SQLite, done right: Sequelize's SQLite connection manager has no afterConnect hook and
 * opens a new connection for every transaction, so `getConnection` is wrapped: PRAGMAs on
 * every connection, and one kept writer connection for write transactions. SQLite allows
 * one writer at a time; a second write transaction would fail with SQLITE_BUSY, so
 * `write()` serialises write transactions in the process and takes the write lock up front
 * (BEGIN IMMEDIATE).
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

/**
 * SQLite connections as SQLite wants them: the PRAGMAs on every connection Sequelize
 * opens, and one long-lived writer connection shared by the (serialised) write
 * transactions instead of a new connection opened and closed for each; reads keep the
 * default connection and run alongside, as WAL allows.
 */
function configureSqliteConnections(sequelize: Sequelize) {
  const manager = sequelize.connectionManager as unknown as {
    getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
    releaseConnection(connection: SqliteConnection, force?: boolean): unknown;
  };
  const getConnection = manager.getConnection.bind(manager);
  const releaseConnection = manager.releaseConnection.bind(manager);
  const configured = new WeakMap<SqliteConnection, Promise<void>>();
  let writer: SqliteConnection | null = null;
  manager.getConnection = async (options?: { uuid?: string }) => {
    const forTransaction = options?.uuid !== undefined && options.uuid !== 'default';
    const connection = await getConnection(forTransaction ? { ...options, uuid: 'writer' } : options);
    if (forTransaction) writer = connection;
    let ready = configured.get(connection);
    if (!ready) {
      ready = new Promise<void>((resolve, reject) => connection.exec(SQLITE_PRAGMAS, (err) => (err ? reject(err) : resolve())));
      configured.set(connection, ready);
    }
    await ready;
    return connection;
  };
  manager.releaseConnection = (connection: SqliteConnection, force?: boolean) => {
    if (connection === writer && !force) return;
    return releaseConnection(connection, force);
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
    configureSqliteConnections(sequelize);
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

/**
 * An instant from a plain (raw) query: PostgreSQL hands back a Date, SQLite the text
 * Sequelize wrote ("2026-12-08 14:00:00.000 +00:00").
 */
export function sqlInstant(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value.replace(' ', 'T').replace(' +00:00', 'Z'));
}
