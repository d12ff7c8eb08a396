// A11: handlers that never resolve must not exhaust the runner's slots. The product's runner
// (startPollingRunner) polls the fake Bot API in-process, with a 1 s handler timeout.
import vm from 'node:vm';
import v8 from 'node:v8';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotDeps } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create-bot.ts';
import type { PollingRunner } from '../../src/bot/polling-runner.ts';
import { RUNNER_CONCURRENCY, startPollingRunner } from '../../src/bot/polling-runner.ts';
import { recordingLogger } from '../helpers/digest-fixture.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { TEST_BOT_INFO } from '../helpers/recording-bot.ts';
import { memoryStore, reference } from '../helpers/store.ts';

const HUNG = 600;
const HELPER = { id: 9_999, is_bot: false, first_name: 'Ann', language_code: 'en' };

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

let api: FakeBotApi | undefined;
let runner: PollingRunner | undefined;
afterEach(async () => {
  await runner?.stop();
  await api?.close();
});

function message(text: string, chatId: number, from: { id: number }, chatType: 'private' | 'supergroup') {
  const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] : [];
  return { message: { message_id: 1, date: 0, text, from: { is_bot: false, first_name: 'U', ...from }, chat: { id: chatId, type: chatType, ...(chatType === 'private' ? {} : { title: 'G' }) }, entities } };
}

describe('A11: hung handlers under the runner', () => {
  it(`A11: ${HUNG} never-resolving handlers time out after 1 s each, /help is still answered, memory stays bounded`, async () => {
    api = await startFakeBotApi();
    const { logger, lines } = recordingLogger();
    const deps: BotDeps = {
      store: memoryStore(), reference: reference(), logger: pino({ level: 'silent' }), clock: () => new Date(),
      options: { adminIds: [], searchRatePerMinute: 20, dedupeUpdates: true, defaultTimeZone: 'Europe/Kyiv', digestMaxAgeDays: 7 },
      reindex: () => ({ filesRead: 0, filesSkippedUnchanged: 0, added: 0, updated: 0, unchanged: 0, removed: 0, rejects: [] }),
    };
    const bot = createBot({ token: FAKE_TOKEN, apiRoot: api.apiRoot, botInfo: TEST_BOT_INFO, sequentialize: true }, deps);
    // Injected by the test only: a group command nobody handles waits forever (a stuck handler).
    bot.on('message:text', (ctx, next) => (ctx.message.text === '/hang' ? new Promise<void>(() => {}) : next()));

    runner = startPollingRunner(bot, { allowedUpdates: ['message'], logger, handlerTimeoutMs: 1000 });
    // Warm up (JIT, prepared statements, sockets) before the baseline.
    api.pushUpdate(message('/help', HELPER.id, HELPER, 'private'));
    await api.waitFor((c) => c.method === 'sendMessage' && c.ok, 15_000);
    const baseline = heapAfterGc();

    // Distinct chats and users: sequentialize does not chain them behind one another.
    for (let i = 0; i < HUNG; i += 1) api.pushUpdate(message('/hang', -100_000 - i, { id: 50_000 + i }, 'supergroup'));
    api.pushUpdate(message('/help', HELPER.id, HELPER, 'private'));
    await api.waitFor((c) => c.method === 'sendMessage' && c.ok && api!.sent(HELPER.id).length >= 2, 60_000);

    // /help may come in the same batch as the last hung ones: give those their second to time out.
    const timedOut = (): number => lines.filter((l) => l.includes('update handler still running')).length;
    for (let waited = 0; timedOut() < HUNG && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(timedOut()).toBe(HUNG);
    // The sink holds nothing: every hung handler gave its slot back.
    expect(runner.inFlight()).toBe(0);
    // Batches were cut to the free slots: never more than the concurrency in one getUpdates.
    const fetched = api.calls.filter((c) => c.method === 'getUpdates' && c.ok).map((c) => (c.result as unknown[]).length);
    expect(Math.max(...fetched)).toBeLessThanOrEqual(RUNNER_CONCURRENCY);
    const growthMb = (heapAfterGc() - baseline) / 1e6;
    process.stdout.write(`A11: heap growth after ${HUNG} hung handlers: ${growthMb.toFixed(1)} MB\n`);
    expect(growthMb).toBeLessThan(25);
    expect(api.rejected()).toEqual([]);
  }, 90_000);
});
