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

/** Runs the steps, letting the event loop run whenever `sliceMs` have passed since it last did. */
export async function runStepsInSlices<T>(steps: Steps<T>, sliceMs: number): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
