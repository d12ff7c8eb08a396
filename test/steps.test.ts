// Work in steps: run at once, or in slices that give the event loop (and a background writer) a turn.
import { describe, expect, it } from 'vitest';
import { runSteps, runStepsInSlices, type Steps } from '../src/steps.ts';

function* countTo(n: number, seen: number[], busy: () => number): Steps<number> {
  for (let i = 1; i <= n; i += 1) {
    seen.push(busy());
    yield;
  }
  return n;
}

describe('steps', () => {
  it('runs to the end at once', () => {
    expect(runSteps(countTo(5, [], () => 0))).toBe(5);
  });

  it('in slices, lets other work run between slices and holds the turn only during one', async () => {
    let busy = 0;
    const turns = { enter: () => void (busy += 1), leave: () => void (busy -= 1), isWriterWaiting: () => false };
    const seen: number[] = [];
    // Other work on the event loop: it must find the turn free whenever it runs.
    const busyWhenOthersRan: number[] = [];
    let running = true;
    const other = (): void => {
      busyWhenOthersRan.push(busy);
      if (running) setImmediate(other);
    };
    setImmediate(other);
    // A slice of 0 ms: the loop gets a turn after every step.
    const result = await runStepsInSlices(countTo(6, seen, () => busy), 0, turns);
    running = false;
    expect(result).toBe(6);
    expect(busyWhenOthersRan.length).toBeGreaterThanOrEqual(5);
    expect(busyWhenOthersRan.every((n) => n === 0)).toBe(true);
    expect(seen).toEqual([1, 1, 1, 1, 1, 1]);
    expect(busy).toBe(0);
  });

  it('gives the turn back when a step throws', async () => {
    let busy = 0;
    const turns = { enter: () => void (busy += 1), leave: () => void (busy -= 1), isWriterWaiting: () => false };
    function* failing(): Steps<void> {
      yield;
      throw new Error('broken step');
    }
    await expect(runStepsInSlices(failing(), 0, turns)).rejects.toThrow('broken step');
    expect(busy).toBe(0);
  });
});
