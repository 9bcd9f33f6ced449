/**
 * What keeps a login flood from hurting anyone else: failed sign-ins are counted per
 * account and per address, and past a few, each further failure locks that account or
 * address out for twice as long as the last (15 s, 30 s, 1 min… up to 15 min); and
 * password checks (argon2, memory- and CPU-hungry by design) run at most two at a time,
 * so they never hold all four of libuv's threads that SQLite's queries need too.
 *
 * Counters live in memory on SQLite (one server) and in the `rate_limits` table on
 * PostgreSQL, so every server of a school sees the same counts (rate-limiter-flexible).
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract, type IRateLimiterStoreOptions } from 'rate-limiter-flexible';
import type { Database } from '../db/sequelize';
import { tooManyRequests, type RetryLater } from '../errors';

export type LimitScope = 'account' | 'address';

export const LOGIN_LIMITS = {
  /** Failures allowed before the first lock-out: an account's owner mistyping, a school's shared address. */
  free: { account: 5, address: 30 } satisfies Record<LimitScope, number>,
  /** Failures are forgotten after this long without a success (an account's are forgotten at its next sign-in). */
  windowSeconds: { account: 24 * 3600, address: 3600 } satisfies Record<LimitScope, number>,
  firstLockSeconds: 15,
  longestLockSeconds: 15 * 60,
};

/** The longest wait to refuse an attempt for, given it came `failures` failures in. */
export function lockSeconds(scope: LimitScope, failures: number): number {
  const over = failures - LOGIN_LIMITS.free[scope];
  if (over <= 0) return 0;
  return Math.min(LOGIN_LIMITS.longestLockSeconds, LOGIN_LIMITS.firstLockSeconds * 2 ** (over - 1));
}

function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function lockedOut(seconds: number): RetryLater {
  return tooManyRequests(seconds, `Too many failed sign-ins. For your security, signing in is paused: try again in ${inWords(seconds)}.`);
}

interface Limiters {
  failures: RateLimiterAbstract;
  locks: RateLimiterAbstract;
}

/** A limit's key: an email can be long and is personal, so only its digest is stored. */
function keyOf(scope: LimitScope, value: string): string {
  return scope === 'account' ? createHash('sha256').update(value).digest('hex').slice(0, 40) : value;
}

export interface LoginGuard {
  /** Throws TOO_MANY_REQUESTS when the account or the address is locked out. */
  check(email: string, ip: string | null): Promise<void>;
  /** Counts a failure; returns the lock-outs it started, to be recorded. */
  failed(email: string, ip: string | null): Promise<{ scope: LimitScope; seconds: number }[]>;
  /** A success forgets the account's failures (not the address's: a guesser could sign in to their own account in between). */
  succeeded(email: string): Promise<void>;
}

function createLoginGuard(db: Database): LoginGuard {
  const make = (options: IRateLimiterStoreOptions): RateLimiterAbstract =>
    db.dialect === 'postgres'
      ? new RateLimiterPostgres({ ...options, storeClient: db.sequelize, storeType: 'sequelize', tableName: 'rate_limits', tableCreated: true })
      : new RateLimiterMemory(options);
  const scopes = Object.fromEntries(
    (['account', 'address'] as const).map((scope) => [
      scope,
      {
        // Counts only: never refuses by itself.
        failures: make({ keyPrefix: `login_fail_${scope}`, points: Number.MAX_SAFE_INTEGER, duration: LOGIN_LIMITS.windowSeconds[scope] } as IRateLimiterStoreOptions),
        locks: make({ keyPrefix: `login_lock_${scope}`, points: 1, duration: LOGIN_LIMITS.longestLockSeconds } as IRateLimiterStoreOptions),
      },
    ]),
  ) as Record<LimitScope, Limiters>;
  const keys = (email: string, ip: string | null) =>
    [
      ['account', keyOf('account', email)],
      ...(ip ? [['address', keyOf('address', ip)]] : []),
    ] as [LimitScope, string][];

  return {
    async check(email, ip) {
      let wait = 0;
      for (const [scope, key] of keys(email, ip)) {
        const lock = await scopes[scope].locks.get(key);
        if (lock && lock.consumedPoints > 1 && lock.msBeforeNext > 0) wait = Math.max(wait, Math.ceil(lock.msBeforeNext / 1000));
      }
      if (wait > 0) throw lockedOut(wait);
    },
    async failed(email, ip) {
      const started: { scope: LimitScope; seconds: number }[] = [];
      for (const [scope, key] of keys(email, ip)) {
        const count = await scopes[scope].failures.penalty(key, 1);
        const seconds = lockSeconds(scope, count.consumedPoints);
        if (seconds > 0) {
          await scopes[scope].locks.block(key, seconds);
          started.push({ scope, seconds });
        }
      }
      return started;
    },
    async succeeded(email) {
      await scopes.account.failures.delete(keyOf('account', email));
    },
  };
}

const guards = new WeakMap<Database, LoginGuard>();

/** The login guard of a database: one per database, so tests on separate databases never share counts. */
export function loginGuard(db: Database): LoginGuard {
  let guard = guards.get(db);
  if (!guard) guards.set(db, (guard = createLoginGuard(db)));
  return guard;
}

/** Password checks running at once, per process: two of libuv's four threads, the rest left to the database. */
const PASSWORD_CHECKS_AT_ONCE = 2;
/** Past this many waiting, a sign-in is refused at once rather than queued behind a flood. */
const MOST_WAITING = 32;
const passwordWork = pLimit(PASSWORD_CHECKS_AT_ONCE);

/** Runs a password check (or hash) in turn; refuses at once when the queue is full. */
export function passwordSlot<T>(fn: () => Promise<T>, options: { queue?: 'bounded' | 'unbounded' } = {}): Promise<T> {
  if (options.queue !== 'unbounded' && passwordWork.pendingCount >= MOST_WAITING) {
    return Promise.reject(tooManyRequests(5, 'Relais is busy checking other sign-ins. Please try again in a few seconds.'));
  }
  return passwordWork(fn);
}

/** For tests: how many password checks run and wait now. */
export function passwordWorkload() {
  return { active: passwordWork.activeCount, waiting: passwordWork.pendingCount };
}
