/**
 * One reader per board for the live feed, however many people watch it. A hub listens to
 * the signals of its board, reads the new events from the log once (one read at a time),
 * keeps the latest of them built in a bounded buffer and wakes its members; each member
 * takes from the buffer what follows its own last event. Hubs are per process, per
 * database, per event bus (tests run several buses on one database), per board, and close
 * with their last member.
 */
import type { Activity } from '../db/models';
import type { Database } from '../db/sequelize';
import type { EventBus } from '../events';
import { buildEvents, type BuiltEvent } from './feedEvents';
import { toDay } from '../../shared/dates';

/** Events kept built per board: a member further behind reads its backlog from the database. */
export const FEED_BUFFER = 256;
/** Events read from the log at a time. */
export const FEED_PAGE = 200;

export class BoardHub {
  /** Every event of the board with `floor` < id <= `head` is in the buffer, in order. */
  floor = 0;
  head = 0;
  readonly ready: Promise<void>;
  private buffer: BuiltEvent[] = [];
  private wakers = new Set<() => void>();
  private members = 0;
  private reading = false;
  private again = false;
  private readonly listening = new AbortController();

  constructor(
    private readonly db: Database,
    events: EventBus,
    readonly boardId: number,
    private readonly now: () => Date,
    private readonly closed: () => void,
  ) {
    // Listen first, then read where the log stands: no event falls between the two.
    const signals = events.iterate(this.listening.signal);
    this.ready = (async () => {
      const head = (await db.models.Activity.max<number, Activity>('id', { where: { boardId } })) ?? 0;
      this.floor = this.head = head;
    })();
    void (async () => {
      for await (const signal of signals) if (signal.boardId === boardId && signal.id > this.head) void this.read();
    })().catch((err: Error) => console.error(`[feed] signals of board ${boardId} lost`, err.message));
  }

  /** The buffered events after `last`, oldest first. */
  after(last: number): BuiltEvent[] {
    let lo = 0;
    let hi = this.buffer.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.buffer[mid]!.id <= last) lo = mid + 1;
      else hi = mid;
    }
    return this.buffer.slice(lo);
  }

  /** Resolves at the next batch of events, or when `abort` fires. */
  wait(abort: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (abort.aborted) return resolve();
      const done = () => {
        this.wakers.delete(done);
        abort.removeEventListener('abort', done);
        resolve();
      };
      this.wakers.add(done);
      abort.addEventListener('abort', done, { once: true });
    });
  }

  join() {
    this.members++;
  }

  leave() {
    if (--this.members > 0) return;
    this.listening.abort();
    this.closed();
  }

  /** Reads what the log holds past `head`; a signal during a read asks for one more after it. */
  private async read() {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      await this.ready;
      do {
        this.again = false;
        for (;;) {
          const page = await buildEvents(this.db, this.boardId, this.head, FEED_PAGE, toDay(this.now()));
          this.append(page);
          if (page.length < FEED_PAGE) break;
        }
      } while (this.again && this.members > 0);
    } catch (err) {
      // The members keep their place; the next signal, or this retry, reads on from `head`.
      console.error(`[feed] reading board ${this.boardId} failed`, (err as Error).message);
      if (this.members > 0) setTimeout(() => void this.read(), 1000).unref();
    } finally {
      this.reading = false;
    }
  }

  private append(page: BuiltEvent[]) {
    if (page.length === 0) return;
    this.buffer.push(...page);
    this.head = page.at(-1)!.id;
    const excess = this.buffer.length - FEED_BUFFER;
    if (excess > 0) this.floor = this.buffer.splice(0, excess).at(-1)!.id;
    for (const wake of [...this.wakers]) wake();
  }
}

const hubs = new WeakMap<Database, WeakMap<EventBus, Map<number, BoardHub>>>();
const listening = new WeakMap<EventBus, number>();

/** How many feed subscribers listen on this bus in this process (each joined to its board's hub). */
export function feedListeners(events: EventBus): number {
  return listening.get(events) ?? 0;
}

/** The board's hub, joined once it listens; `leave()` when done with it. */
export async function joinHub(db: Database, events: EventBus, boardId: number, now: () => Date): Promise<{ hub: BoardHub; leave(): void }> {
  let byBus = hubs.get(db);
  if (!byBus) hubs.set(db, (byBus = new WeakMap()));
  let boards = byBus.get(events);
  if (!boards) byBus.set(events, (boards = new Map()));
  let hub = boards.get(boardId);
  if (!hub) {
    const created: BoardHub = new BoardHub(db, events, boardId, now, () => {
      if (boards.get(boardId) === created) boards.delete(boardId);
    });
    boards.set(boardId, (hub = created));
  }
  const joined = hub;
  joined.join();
  try {
    await joined.ready;
  } catch (err) {
    joined.leave();
    throw err;
  }
  listening.set(events, feedListeners(events) + 1);
  let left = false;
  return {
    hub: joined,
    leave() {
      if (left) return;
      left = true;
      listening.set(events, feedListeners(events) - 1);
      joined.leave();
    },
  };
}
