// Whose turn it is to take the database's write lock. SQLite has one writer at a time, and a
// writer that finds the lock taken waits inside busy_timeout, synchronously: on the bot's thread
// that froze every reply (measured: 240 ms stalls while a worker re-read the corpus into a 1M
// index, most of them the bot waiting to record an update it handled). So the bot's thread says
// when it is working on an update (not while it waits for Telegram or for a background job), and
// a background writer (the ingest worker) waits, bounded, before each transaction until it is
// not: the bot's writes then mostly find the lock free.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface WriteTurns {
  /** Shared memory, handed to the worker through workerData. */
  readonly buffer: SharedArrayBuffer;
  /** The bot's thread: around synchronous work that may write (a slice of the digest build). */
  enter(): void;
  leave(): void;
  /** Runs `work` (an update) holding the turn, except inside `outside` calls it makes. */
  hold<T>(work: () => Promise<T>): Promise<T>;
  /** Inside `hold`: gives the turn back while waiting for `wait` (a Telegram call, a background job). */
  outside<T>(wait: () => Promise<T>): Promise<T>;
  /** Whether a background writer is waiting for its turn now (then give it a real gap). */
  isWriterWaiting(): boolean;
}

/** How long a background writer waits for a quiet moment before it writes anyway (no starving). */
export const MAX_BACKGROUND_WAIT_MS = 100;
const POLL_MS = 20;
/** Slots of the shared Int32Array. */
const BUSY = 0;
const WAITING = 1;

export function createWriteTurns(): WriteTurns {
  const buffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const shared = new Int32Array(buffer);
  // Per held update: how many of its waits are under way (an update may wait for two calls at once).
  const scope = new AsyncLocalStorage<{ away: number }>();
  const enter = (): void => void Atomics.add(shared, BUSY, 1);
  const leave = (): void => {
    if (Atomics.sub(shared, BUSY, 1) === 1) Atomics.notify(shared, BUSY);
  };
  return {
    buffer,
    enter,
    leave,
    async hold(work) {
      enter();
      try {
        return await scope.run({ away: 0 }, work);
      } finally {
        leave();
      }
    },
    async outside(wait) {
      const held = scope.getStore();
      if (!held) return wait();
      if (held.away++ === 0) leave();
      try {
        return await wait();
      } finally {
        if (--held.away === 0) enter();
      }
    },
    isWriterWaiting: () => Atomics.load(shared, WAITING) > 0,
  };
}

/**
 * For the background writer: a function to call before each write transaction. It blocks (this
 * is the worker's thread, not the bot's) while the bot is working, up to `maxWaitMs`.
 */
export function waitForQuietTurn(buffer: SharedArrayBuffer, maxWaitMs = MAX_BACKGROUND_WAIT_MS): () => void {
  const shared = new Int32Array(buffer);
  return () => {
    const deadline = performance.now() + maxWaitMs;
    Atomics.add(shared, WAITING, 1);
    try {
      for (;;) {
        const current = Atomics.load(shared, BUSY);
        const left = deadline - performance.now();
        if (current <= 0 || left <= 0) return;
        Atomics.wait(shared, BUSY, current, Math.min(POLL_MS, left));
      }
    } finally {
      Atomics.sub(shared, WAITING, 1);
    }
  };
}
