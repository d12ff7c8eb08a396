// Whose turn it is to take the database's write lock. SQLite has one writer at a time, and a
// writer that finds the lock taken waits inside busy_timeout, synchronously: on the bot's thread
// that froze every reply (measured: 240 ms stalls while a worker re-read the corpus into a 1M
// index, most of them the bot waiting to record an update it handled). So the bot's thread says
// when it is answering, and a background writer (the ingest worker) waits, bounded, before each
// transaction until it is not: the bot then waits at most for one transaction already running.
export interface WriteTurns {
  /** Shared memory, handed to the worker through workerData. */
  readonly buffer: SharedArrayBuffer;
  /** The bot's thread: around work that may write (answering an update). Nestable, concurrent. */
  enter(): void;
  leave(): void;
}

/** How long a background writer waits for a quiet moment before it writes anyway (no starving). */
export const MAX_BACKGROUND_WAIT_MS = 100;
const POLL_MS = 20;

export function createWriteTurns(): WriteTurns {
  const buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const busy = new Int32Array(buffer);
  return {
    buffer,
    enter: () => void Atomics.add(busy, 0, 1),
    leave: () => {
      if (Atomics.sub(busy, 0, 1) === 1) Atomics.notify(busy, 0);
    },
  };
}

/**
 * For the background writer: a function to call before each write transaction. It blocks (this
 * is the worker's thread, not the bot's) while the bot is answering, up to `maxWaitMs`.
 */
export function waitForQuietTurn(buffer: SharedArrayBuffer, maxWaitMs = MAX_BACKGROUND_WAIT_MS): () => void {
  const busy = new Int32Array(buffer);
  return () => {
    const deadline = performance.now() + maxWaitMs;
    for (;;) {
      const current = Atomics.load(busy, 0);
      const left = deadline - performance.now();
      if (current <= 0 || left <= 0) return;
      Atomics.wait(busy, 0, current, Math.min(POLL_MS, left));
    }
  };
}
