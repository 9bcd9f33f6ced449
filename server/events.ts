/**
 * The live feed's signals. Services publish `{ boardId, id }` after their transaction
 * commits; each subscriber then reads the events themselves from the activity log (see
 * services/feed.ts), so what it receives live and what it catches up on after a reconnect
 * are the same rows, in the same order.
 *
 * One process: an in-memory emitter. Several processes on PostgreSQL: LISTEN/NOTIFY
 * carries the signal to every process; nothing but the database is needed.
 */
import { EventEmitter, on } from 'node:events';
import pg from 'pg';

export interface FeedSignal {
  boardId: number;
  id: number;
}

export interface EventBus {
  publish(signal: FeedSignal): void;
  /** Signals from now on, until `signal` aborts; listening starts at the call. */
  iterate(signal: AbortSignal): AsyncIterable<FeedSignal>;
  /** How many subscribers listen in this process. */
  listeners(): number;
  close(): Promise<void>;
}

/** Listens from the moment it is called (events.on registers at once), yields until `abort`. */
function signals(emitter: EventEmitter, abort: AbortSignal): AsyncIterable<FeedSignal> {
  const iterator = on(emitter, 'signal', { signal: abort });
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const [s] of iterator) yield s as FeedSignal;
      } catch (err) {
        if ((err as Error).name !== 'AbortError') throw err;
      }
    },
  };
}

function localEmitter() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return emitter;
}

export function createEventBus(): EventBus {
  const emitter = localEmitter();
  return {
    publish: (signal) => emitter.emit('signal', signal),
    iterate: (abort) => signals(emitter, abort),
    listeners: () => emitter.listenerCount('signal'),
    async close() {
      emitter.removeAllListeners();
    },
  };
}

const CHANNEL = 'relais_feed';

/** The bus for several Relais processes on one PostgreSQL database. */
export async function createPgEventBus(url: string): Promise<EventBus> {
  const emitter = localEmitter();
  const publisher = new pg.Pool({ connectionString: url, max: 2 });
  let listener: pg.Client | null = null;
  let closed = false;

  async function listen() {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => {
      try {
        const signal = JSON.parse(msg.payload ?? '') as FeedSignal;
        if (Number.isInteger(signal.boardId) && Number.isInteger(signal.id)) emitter.emit('signal', signal);
      } catch {
        // Not ours: ignore.
      }
    });
    client.on('error', (err) => {
      console.error('[events] LISTEN connection lost, reconnecting', err.message);
      listener = null;
      if (!closed) setTimeout(() => void listen().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  }
  await listen();

  return {
    publish(signal) {
      publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(signal)]).catch((err: Error) => console.error('[events] NOTIFY failed', err.message));
    },
    iterate: (abort) => signals(emitter, abort),
    listeners: () => emitter.listenerCount('signal'),
    async close() {
      closed = true;
      emitter.removeAllListeners();
      await Promise.allSettled([listener?.end(), publisher.end()]);
    },
  };
}
