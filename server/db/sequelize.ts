/**
 * Opens the database: SQLite by default, PostgreSQL when given a postgres:// URL.
 *
 * SQLite, done right: Sequelize's SQLite connection manager has no afterConnect hook and
 * opens a new connection for every transaction, so `getConnection` is wrapped: PRAGMAs on
 * every connection, one kept writer connection for write transactions, and the column
 * types Sequelize looks up before each read remembered (see cacheTableInfo). SQLite allows
 * one writer at a time; a second write transaction would fail with SQLITE_BUSY, so
 * `write()` serialises write transactions in the process, takes the write lock up front
 * (BEGIN IMMEDIATE) and, in a rush, commits those that queued up together (see groupCommit).
 */
import { Sequelize, Transaction } from 'sequelize';
import { migrator } from './migrate';
import { initModels, type Models } from './models';

export interface Database {
  sequelize: Sequelize;
  models: Models;
  dialect: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in a write transaction; the only way services change data. On SQLite the
   * transaction may be a savepoint in a group committed together: code that must wait for
   * the commit uses `committed()`, not `t.afterCommit`.
   */
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

type Callback = (err: Error | null, ...results: unknown[]) => void;

interface SqliteConnection {
  exec(sql: string, callback: (err: Error | null) => void): void;
  all(sql: string, ...args: unknown[]): unknown;
  run(sql: string, ...args: unknown[]): unknown;
}

const TABLE_INFO = /^PRAGMA table_info\(`?([^`)]+)`?\)$/i;
const DDL = /^\s*(CREATE|ALTER|DROP)\b/i;

/**
 * Sequelize asks SQLite for `PRAGMA table_info` before every model SELECT (to know which
 * columns to parse as dates, booleans, JSON): a second round trip through the thread pool
 * for every read. A table's columns change only with the schema, so the answers are kept
 * per database and forgotten whenever a connection runs DDL (a migration).
 */
function cacheTableInfo(connection: SqliteConnection, cache: Map<string, unknown[]>) {
  const all = connection.all.bind(connection);
  const run = connection.run.bind(connection);
  const exec = connection.exec.bind(connection);
  connection.all = (sql: string, ...args: unknown[]) => {
    const table = TABLE_INFO.exec(sql)?.[1];
    if (table === undefined) {
      if (DDL.test(sql)) cache.clear();
      return all(sql, ...args);
    }
    const callback = args.at(-1) as Callback;
    const rows = cache.get(table);
    if (rows) {
      queueMicrotask(() => callback(null, rows));
      return connection;
    }
    return all(sql, ...args.slice(0, -1), (err: Error | null, result: unknown[]) => {
      if (!err) cache.set(table, result);
      callback(err, result);
    });
  };
  connection.run = (sql: string, ...args: unknown[]) => {
    if (DDL.test(sql)) cache.clear();
    return run(sql, ...args);
  };
  connection.exec = (sql: string, callback: (err: Error | null) => void) => {
    if (DDL.test(sql)) cache.clear();
    return exec(sql, callback);
  };
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
  const tableInfo = new Map<string, unknown[]>();
  let writer: SqliteConnection | null = null;
  manager.getConnection = async (options?: { uuid?: string }) => {
    const forTransaction = options?.uuid !== undefined && options.uuid !== 'default';
    const connection = await getConnection(forTransaction ? { ...options, uuid: 'writer' } : options);
    if (forTransaction) writer = connection;
    let ready = configured.get(connection);
    if (!ready) {
      cacheTableInfo(connection, tableInfo);
      ready = new Promise<void>((resolve, reject) => connection.exec(SQLITE_PRAGMAS, (err) => (err ? reject(err) : resolve())));
      configured.set(connection, ready);
    }
    await ready;
    return connection;
  };
  manager.releaseConnection = (connection: SqliteConnection, force?: boolean) => {
    if (connection === writer) {
      if (!force) return;
      // A failed commit closes it: the next write transaction opens a new one.
      delete (manager as unknown as { connections: Record<string, unknown> }).connections.writer;
      writer = null;
    }
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
    write = groupCommit(sequelize);
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

type Nested = Transaction & { parent?: Nested; finished?: string };

/**
 * Runs `fn` once the outermost transaction of `t` has committed: a savepoint's commit is
 * not one, and a savepoint rolled back (a write that failed inside a group) runs nothing.
 */
export function committed(t: Transaction, fn: () => void) {
  const chain: Nested[] = [];
  for (let at: Nested | undefined = t as Nested; at; at = at.parent) chain.push(at);
  chain.at(-1)!.afterCommit(() => {
    if (chain.every((link) => link.finished === 'commit')) fn();
  });
}

interface Job {
  fn(t: Transaction): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const GROUP_FROM = 4;
const MOST_IN_A_GROUP = 50;

/**
 * SQLite's writes, one writer at a time, committed in groups under a rush: when four or
 * more write transactions are queued behind the one running, they are run one after the
 * other inside a single transaction, each in a savepoint of its own (a failing one is
 * rolled back alone), and committed together. Each still sees the writes before it and
 * settles only once the group is committed. This spares each write its own BEGIN and
 * COMMIT (at 50 clients, a third more moves a second); a shorter queue is written one
 * transaction at a time, which answers each write soonest.
 */
function groupCommit(sequelize: Sequelize): Database['write'] {
  let queue: Job[] = [];
  let running = false;

  async function runGroup(group: Job[]) {
    if (group.length === 1) {
      const [job] = group as [Job];
      await sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, job.fn).then(job.resolve, job.reject);
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      await sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, async (outer) => {
        for (const job of group) {
          await sequelize.transaction({ transaction: outer }, job.fn).then(
            (value) => outcomes.push({ ok: true, value }),
            (error: unknown) => outcomes.push({ ok: false, error }),
          );
        }
      });
    } catch (error) {
      for (const job of group) job.reject(error);
      return;
    }
    group.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  async function drain() {
    running = true;
    try {
      while (queue.length > 0) {
        // A short queue is written one transaction at a time, the quickest answer for each;
        // a long one (a rush) is committed in groups.
        await runGroup(queue.splice(0, queue.length >= GROUP_FROM ? MOST_IN_A_GROUP : 1));
      }
    } finally {
      running = false;
    }
  }

  return <T>(fn: (t: Transaction) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!running) void drain();
    });
}
