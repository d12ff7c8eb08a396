// The shared send gate, on a virtual clock: an even pace, a hold after a 429 that every sender
// respects (also those already waiting), and per-chat holds that leave other chats alone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateGate, sleep } from '../../src/digest/rate-gate.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `n` takes and records the virtual time each one is let through. */
function takeAll(gate: ReturnType<typeof createRateGate>, n: number, signal?: AbortSignal): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) void gate.take(signal).then(() => times.push(Date.now() - 1_000_000));
  return times;
}

describe('the shared send gate', () => {
  it('lets senders through one interval apart', async () => {
    const times = takeAll(createRateGate(10, Date.now), 4);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(times).toEqual([0, 100, 200, 300]);
  });

  it('G4: a 429 hold stops everyone — including senders already waiting — and the pace resumes after it, evenly', async () => {
    const gate = createRateGate(10, Date.now);
    const times = takeAll(gate, 5);
    await vi.advanceTimersByTimeAsync(150); // two went through (0, 100); three are waiting
    gate.holdAll(Date.now() + 2_000); // told at 150: nobody before 2,150
    await vi.advanceTimersByTimeAsync(5_000);
    expect(times.slice(0, 2)).toEqual([0, 100]);
    const after = times.slice(2);
    expect(after.every((t) => t >= 2_150)).toBe(true);
    // Spread at the gate's pace after the hold, not a burst when it ends.
    expect(after[1]! - after[0]!).toBeGreaterThanOrEqual(100);
    expect(after[2]! - after[1]!).toBeGreaterThanOrEqual(100);
  });

  it('a chat hold is that chat’s alone', () => {
    const gate = createRateGate(10, Date.now);
    gate.holdChat(5, Date.now() + 600_000);
    expect(gate.chatFreeAt(5)).toBe(Date.now() + 600_000);
    expect(gate.chatFreeAt(6)).toBe(0);
  });

  it('an abort ends a wait at once', async () => {
    const stop = new AbortController();
    let done = false;
    void sleep(600_000, stop.signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false);
    stop.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });
});
