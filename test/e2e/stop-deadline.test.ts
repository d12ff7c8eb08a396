// Shutdown always ends, against a Telegram that says "retry after 600" or does not answer at all.
// The real process (`npm start`'s entry) against the fake Bot API on 127.0.0.1.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { prepareDatabase } from '../helpers/fanout.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

const STOP_BOUND_MS = 30_000;
const SUBSCRIBERS = 20;
const HELD_CHAT = 10_005; // prepareDatabase numbers its subscribers from 10,000

let api: FakeBotApi | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  await bot?.stop('SIGKILL');
  await api?.close();
  bot = undefined;
  api = undefined;
});

async function timedStop(process: BotProcess): Promise<{ code: number | null; ms: number }> {
  const at = Date.now();
  process.child.kill('SIGTERM');
  const exit = await Promise.race([process.exited, new Promise<null>((r) => setTimeout(() => r(null), STOP_BOUND_MS + 5_000))]);
  return { code: exit ? exit.code : null, ms: Date.now() - at };
}

const env = (apiRoot: string, dbPath: string) => ({
  TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: SHIPPED_CORPUS, DIGEST_TICK_SECONDS: '1',
});

describe('shutdown against a slow or absent Telegram', () => {
  it('G4: retry_after 600 on one chat: the others are sent, SIGTERM exits within 30 s, and the restart sends nothing twice', async () => {
    const dbPath = join(tempDir('sd-stop-'), 'stop.db');
    prepareDatabase(dbPath, SUBSCRIBERS);
    api = await startFakeBotApi();
    api.script({ method: 'sendMessage', chatId: HELD_CHAT, times: 1, respond: { error_code: 429, description: 'Too Many Requests: retry after 600', parameters: { retry_after: 600 } } });
    bot = startBotProcess(env(api.apiRoot, dbPath));
    await api.waitFor(() => api!.sent().length >= SUBSCRIBERS - 1, 60_000).catch((e) => {
      process.stdout.write(bot?.output().slice(-3000) ?? '');
      throw e;
    });
    expect(api.sent(HELD_CHAT)).toHaveLength(0);
    const stopped = await timedStop(bot);
    expect(stopped.ms, bot.output().slice(-2000)).toBeLessThanOrEqual(STOP_BOUND_MS);
    expect(stopped.code).toBe(0);

    bot = startBotProcess(env(api.apiRoot, dbPath));
    await api.waitFor(() => api!.sent(HELD_CHAT).length >= 1, 60_000);
    await new Promise((r) => setTimeout(r, 1_500)); // a few more ticks: nothing else may go out
    expect((await timedStop(bot)).code).toBe(0);
    const perChat = new Map<number, number>();
    for (const c of api.sent()) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
    expect(perChat.size).toBe(SUBSCRIBERS);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'sent'`).get()).toEqual({ n: SUBSCRIBERS });
    db.close();
  }, 120_000);

  it('G5: Bot API refusing connections: the failure is logged, and SIGTERM exits within 30 s', async () => {
    const dbPath = join(tempDir('sd-stop-'), 'down.db');
    prepareDatabase(dbPath, 2);
    bot = startBotProcess(env('http://127.0.0.1:9', dbPath));
    const deadline = Date.now() + 30_000;
    while (!bot.output().includes('unreachable') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(bot.output()).toContain('Telegram Bot API unreachable');
    const stopped = await timedStop(bot);
    expect(stopped.ms, bot.output().slice(-2000)).toBeLessThanOrEqual(STOP_BOUND_MS);
    expect(stopped.code).not.toBeNull();
    expect(bot.output()).toContain('shutting down');
    expect(bot.output()).not.toContain(FAKE_TOKEN.split(':')[1]);
  }, 90_000);

  it('G5: Bot API accepting but never answering: SIGTERM exits within 30 s, logged', async () => {
    const dbPath = join(tempDir('sd-stop-'), 'hang.db');
    prepareDatabase(dbPath, 2);
    api = await startFakeBotApi();
    api.script({ method: /.*/, times: Infinity, respond: 'hang' });
    bot = startBotProcess(env(api.apiRoot, dbPath));
    await api.waitFor(() => true, 30_000); // it asked (getMe) and got no answer
    const stopped = await timedStop(bot);
    expect(stopped.ms, bot.output().slice(-2000)).toBeLessThanOrEqual(STOP_BOUND_MS);
    expect(stopped.code).not.toBeNull();
    expect(bot.output()).toContain('shutting down');
  }, 90_000);
});
