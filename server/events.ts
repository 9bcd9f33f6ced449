/**
 * The live feed. Services publish `{ boardId, id }` after their transaction commits; each
 * subscriber reads the event itself from the activity log, so what it receives live and
 * what it catches up on after a reconnect are the same rows.
 */
import { EventEmitter } from 'node:events';

export interface FeedSignal {
  boardId: number;
  id: number;
}

export interface EventBus {
  publish(signal: FeedSignal): void;
  subscribe(listener: (signal: FeedSignal) => void): () => void;
  close(): Promise<void>;
}

/** One process: an in-memory emitter. */
export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (signal) => emitter.emit('signal', signal),
    subscribe(listener) {
      emitter.on('signal', listener);
      return () => emitter.off('signal', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
