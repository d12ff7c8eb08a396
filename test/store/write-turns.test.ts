// The bot's thread and a background writer take turns: the writer waits while the bot answers,
// wakes when it is done, and never waits without a bound.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createWriteTurns, waitForQuietTurn } from '../../src/store/write-turns.ts';
import { commandMessage } from '../helpers/updates.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { seededStore } from '../helpers/store.ts';

const BOOT = new URL('../../src/corpus/worker-boot.mjs', import.meta.url);
const MODULE = new URL('../helpers/quiet-turn-worker.ts', import.meta.url).href;

function startWaiter(turns: SharedArrayBuffer, phase: SharedArrayBuffer, maxWaitMs: number) {
  const worker = new Worker(BOOT, { workerData: { module: MODULE, turns, phase, maxWaitMs } });
  const ready = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  const returned = ready.then(() => new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { phaseWhenReturned?: number; error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m.phaseWhenReturned as number)));
  }));
  return { ready, returned: returned.finally(() => worker.terminate()) };
}

describe('write turns', () => {
  it('lets a background writer through at once when the bot is not answering', () => {
    const turns = createWriteTurns();
    waitForQuietTurn(turns.buffer, 60_000)();
    turns.enter();
    turns.leave();
    waitForQuietTurn(turns.buffer, 60_000)();
  });

  it('holds the writer while the bot answers and wakes it when the last answer ends', async () => {
    const turns = createWriteTurns();
    const phase = new SharedArrayBuffer(4);
    turns.enter();
    turns.enter();
    const waiter = startWaiter(turns.buffer, phase, 60_000);
    await waiter.ready;
    await new Promise((r) => setTimeout(r, 50));
    turns.leave();
    await new Promise((r) => setTimeout(r, 50));
    Atomics.store(new Int32Array(phase), 0, 1);
    turns.leave();
    // It returned only after the second answer ended (phase 1 was set just before).
    expect(await waiter.returned).toBe(1);
  });

  it('writes anyway after its bound when the bot never stops answering (no starving)', async () => {
    const turns = createWriteTurns();
    const phase = new SharedArrayBuffer(4);
    turns.enter();
    const waiter = startWaiter(turns.buffer, phase, 30);
    expect(await waiter.returned).toBe(0);
    turns.leave();
  });
});

describe('write turns in the bot', () => {
  it('counts an update as answering from its first middleware until its reply is sent', async () => {
    const turns = createWriteTurns();
    const busy = new Int32Array(turns.buffer);
    const seen: number[] = [];
    const harness = recordingBot(seededStore(), { writeTurns: turns });
    harness.bot.api.config.use(async (prev, method, payload, signal) => {
      seen.push(Atomics.load(busy, 0));
      return prev(method, payload, signal);
    });
    await harness.handle(commandMessage('/latest', { id: 5, is_bot: false, first_name: 'A' }) as never);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n === 1)).toBe(true);
    expect(Atomics.load(busy, 0)).toBe(0);
  });
});
