/**
 * A live stream (the board's SSE feed) is opened with a session and would otherwise go on
 * after that session ended. When a user's sessions end — their account deactivated, one
 * session ended from My account, a password changed or set, signed out everywhere — the
 * services say so here, and each of that user's open streams checks whether its own
 * session still stands; if not, it stops before sending anything more. In-process: with
 * several servers on one PostgreSQL, a stream on another server stops at its next
 * reconnection (every request checks the session).
 */
import type { Database } from '../db/sequelize';
import { unauthorized } from '../errors';

const listeners = new Map<Database, Map<number, Set<() => void>>>();

/** Tells the open streams of `userId` on `db` that some of their sessions may have ended. */
export function sessionsEnded(db: Database, userId: number): void {
  for (const check of listeners.get(db)?.get(userId) ?? []) check();
}

export interface SessionWatch {
  /** Aborts once the stream's session no longer stands. */
  signal: AbortSignal;
  stop(): void;
}

/**
 * Watches the session of a stream: when `userId`'s sessions end, `stands` says whether the
 * stream's own session still does (its cookie's session; for a caller without a cookie,
 * such as tests in process, that the account is still active).
 */
export function watchSession(db: Database, userId: number, stands: () => Promise<boolean>): SessionWatch {
  const ended = new AbortController();
  const check = () => {
    void stands().then(
      (ok) => ok || ended.abort(),
      () => ended.abort(),
    );
  };
  const byUser = listeners.get(db) ?? new Map<number, Set<() => void>>();
  listeners.set(db, byUser);
  const mine = byUser.get(userId) ?? new Set();
  byUser.set(userId, mine.add(check));
  return {
    signal: ended.signal,
    stop() {
      mine.delete(check);
      if (mine.size === 0) byUser.delete(userId);
      if (byUser.size === 0) listeners.delete(db);
    },
  };
}

/** `events` until the session ends: then nothing more is sent, and the stream ends with UNAUTHORIZED. */
export async function* untilSessionEnds<T>(events: AsyncIterable<T>, watch: SessionWatch): AsyncGenerator<T> {
  try {
    for await (const event of events) {
      if (watch.signal.aborted) break;
      yield event;
    }
    if (watch.signal.aborted) throw unauthorized('Your session has ended. Please sign in again.');
  } finally {
    watch.stop();
  }
}
