// Long work written once as a generator that yields between bounded pieces, then run either to
// the end at once (tests, CLI previews) or in slices that give the event loop a turn (the bot).
export type Steps<T> = Generator<void, T>;

/** Runs every step now and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Said around each slice (store/write-turns.ts): a background writer takes the lock between slices. */
export interface SliceTurns {
  enter(): void;
  leave(): void;
  /** A writer is waiting: the gap between slices must be long enough for it to start. */
  isWriterWaiting(): boolean;
}

/** The gap given to a waiting background writer: enough for it to wake and take the lock. */
const WRITER_GAP_MS = 2;

/** Runs the steps, letting the event loop run whenever `sliceMs` have passed since it last did. */
export async function runStepsInSlices<T>(steps: Steps<T>, sliceMs: number, turns?: SliceTurns): Promise<T> {
  let sliceStart = performance.now();
  turns?.enter();
  try {
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - sliceStart >= sliceMs) {
        turns?.leave();
        try {
          // setImmediate is far under a millisecond: a waiting writer would never catch it.
          await new Promise((resolve) => (turns?.isWriterWaiting() ? setTimeout(resolve, WRITER_GAP_MS) : setImmediate(resolve)));
        } finally {
          turns?.enter();
        }
        sliceStart = performance.now();
      }
    }
  } finally {
    turns?.leave();
  }
}
