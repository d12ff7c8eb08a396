// The bot's thread and a background writer take turns: the writer waits while the bot works on
// an update, wakes when it is done, never waits without a bound, and the bot gives the turn back
// while it only waits (for Telegram, for a background job).
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotDeps } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create-bot.ts';
import { createWriteTurns } from '../../src/store/write-turns.ts';
import { FAKE_TOKEN, startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.ts';
import { TEST_BOT_INFO } from '../helpers/recording-bot.ts';
import { memoryStore, reference } from '../helpers/store.ts';
import { commandMessage } from '../helpers/updates.ts';

const BOOT = new URL('../../src/corpus/worker-boot.mjs', import.meta.url);
const MODULE = new URL('../helpers/quiet-turn-worker.ts', import.meta.url).href;
const BUSY = 0;

/** A worker that calls waitForQuietTurn; `returned` gives the test's phase when it came back. */
function startWaiter(turns: SharedArrayBuffer, phase: SharedArrayBuffer, maxWaitMs: number) {
  const worker = new Worker(BOOT, { workerData: { module: MODULE, turns, phase, maxWaitMs } });
  const ready = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  const returned = ready.then(() => new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { phaseWhenReturned?: number; error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m.phaseWhenReturned as number)));
  }));
  return { ready, returned: returned.finally(() => worker.terminate()) };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('write turns between threads', () => {
  it('lets a background writer through when the bot is not working (a wait of a minute would time the test out)', async () => {
    const turns = createWriteTurns();
    const waiter = startWaiter(turns.buffer, new SharedArrayBuffer(4), 60_000);
    expect(await waiter.returned).toBe(0);
  }, 10_000);

  it('holds the writer while the bot works, says it waits, and wakes it when the last work ends', async () => {
    const turns = createWriteTurns();
    const phase = new SharedArrayBuffer(4);
    turns.enter();
    turns.enter();
    const waiter = startWaiter(turns.buffer, phase, 60_000);
    await waiter.ready;
    while (!turns.isWriterWaiting()) await pause(5);
    turns.leave();
    await pause(50);
    expect(turns.isWriterWaiting()).toBe(true);
    Atomics.store(new Int32Array(phase), 0, 1);
    turns.leave();
    // It returned only after the second piece of work ended (phase 1 was set just before).
    expect(await waiter.returned).toBe(1);
    expect(turns.isWriterWaiting()).toBe(false);
  }, 10_000);

  it('writes anyway after its bound when the bot never stops working (no starving), having waited', async () => {
    const turns = createWriteTurns();
    const phase = new SharedArrayBuffer(4);
    turns.enter();
    const waiter = startWaiter(turns.buffer, phase, 2_000);
    await waiter.ready;
    await pause(50);
    Atomics.store(new Int32Array(phase), 0, 1);
    // Phase 1 was set while it waited: it did not return at once, and it did return.
    expect(await waiter.returned).toBe(1);
    turns.leave();
  }, 10_000);
});

describe('write turns on the bot thread', () => {
  it('an update holds the turn while it works and gives it back while it waits, however many waits overlap', async () => {
    const turns = createWriteTurns();
    const busy = new Int32Array(turns.buffer);
    const seen: Record<string, number> = {};
    await turns.hold(async () => {
      seen.working = Atomics.load(busy, BUSY);
      await Promise.all([
        turns.outside(async () => {
          await pause(10);
          seen.waitingA = Atomics.load(busy, BUSY);
        }),
        turns.outside(async () => {
          await pause(20);
          seen.waitingB = Atomics.load(busy, BUSY);
        }),
      ]);
      seen.workingAgain = Atomics.load(busy, BUSY);
    });
    // Outside any update, a wait changes nothing.
    await turns.outside(async () => undefined);
    expect(seen).toEqual({ working: 1, waitingA: 0, waitingB: 0, workingAgain: 1 });
    expect(Atomics.load(busy, BUSY)).toBe(0);
  });

  let api: FakeBotApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('the real bot gives the turn back while Telegram has not answered its reply', async () => {
    api = await startFakeBotApi();
    const turns = createWriteTurns();
    const busy = new Int32Array(turns.buffer);
    const deps: BotDeps = {
      store: memoryStore(), reference: reference(), logger: pino({ level: 'silent' }), clock: () => new Date(), writeTurns: turns,
      options: { adminIds: [], searchRatePerMinute: 20, dedupeUpdates: true, defaultTimeZone: 'Europe/Kyiv', digestMaxAgeDays: 7 },
      reindex: () => ({ filesRead: 0, filesSkippedUnchanged: 0, added: 0, updated: 0, unchanged: 0, removed: 0, rejects: [] }),
    };
    const bot = createBot({ token: FAKE_TOKEN, apiRoot: api.apiRoot, botInfo: TEST_BOT_INFO }, deps);
    api.script({ method: 'sendMessage', times: 1, respond: 'hang' });
    // Not awaited: the reply never gets its answer (the fake closes after the test, and the
    // handler's retries then fail on their own, silently).
    void bot.handleUpdate({ update_id: 1, ...commandMessage('/help', { id: 5, is_bot: false, first_name: 'A' }) } as never).catch(() => undefined);
    await api.waitFor((c) => c.method === 'sendMessage');
    expect(Atomics.load(busy, BUSY)).toBe(0);
  });
});
