// E2: SIGTERM in the middle of a digest fan-out (Telegram slow to answer), then a restart.
// Policy: a graceful stop lets the sends in flight finish and records them, starts no new part,
// stops the schedules before the digests and the database last; the restart resumes from the
// delivery log. So a graceful stop causes no duplicate at all (only a crash may cause one).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { DelayProxy } from '../helpers/delay-proxy.ts';
import { startDelayProxy } from '../helpers/delay-proxy.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { prepareDatabase } from '../helpers/fanout.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

const SUBSCRIBERS = 200;
const SEND_DELAY_MS = 300;

let api: FakeBotApi | undefined;
let proxy: DelayProxy | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  await bot?.stop('SIGKILL');
  await proxy?.close();
  await api?.close();
});

function count(dbPath: string, sql: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('E2: SIGTERM during a digest run', () => {
  it('E2: sends in flight finish and are recorded, cron stops before the database closes, exit 0; the restart delivers the rest with no duplicate', async () => {
    const dbPath = join(tempDir('sd-shutdown-'), 'shutdown.db');
    prepareDatabase(dbPath, SUBSCRIBERS);
    api = await startFakeBotApi({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 } });
    // Every send reaches Telegram at once; its answer comes back 300 ms later (sends are in flight).
    proxy = await startDelayProxy(api.apiRoot, (method) => (method === 'sendMessage' ? SEND_DELAY_MS : 0));
    const env = { TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: proxy.apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: SHIPPED_CORPUS, DIGEST_TICK_SECONDS: '1',
      SOURCES_FILE: join(tempDir('sd-nosources-'), 'sources.json') };
    bot = startBotProcess(env);
    await api.waitFor(() => api!.sent().length >= 20, 60_000).catch((e) => {
      process.stdout.write(bot?.output().slice(-3000) ?? '');
      throw e;
    });
    const termAt = Date.now();
    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    const output = bot.output();
    expect(exit).toEqual({ code: 0, signal: null });

    // Interrupted mid-run, with answers outstanding at the signal.
    const reachedTelegram = api.sent().length;
    expect(reachedTelegram).toBeLessThan(SUBSCRIBERS);
    expect(proxy.held.filter((h) => h.receivedAt < termAt && h.releasedAt >= termAt).length).toBeGreaterThan(0);
    // Every send Telegram accepted is recorded as sent; nothing is left claimed (ambiguous).
    expect(count(dbPath, `SELECT COUNT(*) AS n FROM delivery_parts WHERE status = 'claimed'`)).toBe(0);
    expect(count(dbPath, `SELECT COUNT(*) AS n FROM delivery_parts WHERE status = 'sent'`)).toBe(reachedTelegram);

    // Order of the shutdown: schedules, then the digest run ends, then updates, then the database.
    const msgs = output.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg?: string }).msg);
    const at = (msg: string): number => msgs.lastIndexOf(msg);
    expect(at('shutting down')).toBeGreaterThanOrEqual(0);
    expect(at('shutting down')).toBeLessThan(at('schedules stopped'));
    expect(at('schedules stopped')).toBeLessThan(at('digest run'));
    expect(at('digest run')).toBeLessThan(at('updates stopped'));
    expect(at('updates stopped')).toBeLessThan(at('database closed'));
    expect(at('database closed')).toBe(msgs.length - 1);
    expect(output).not.toMatch(/digest run failed|database connection is not open|handler failed/);

    // Restart: the rest goes out from the delivery log.
    bot = startBotProcess(env);
    const deadline = Date.now() + 90_000;
    while (count(dbPath, `SELECT COUNT(*) AS n FROM deliveries WHERE status = 'sent'`) < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const perChat = new Map<number, number>();
    for (const c of api.sent()) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
    expect(count(dbPath, `SELECT COUNT(*) AS n FROM deliveries WHERE status = 'sent'`)).toBe(SUBSCRIBERS);
    expect(perChat.size).toBe(SUBSCRIBERS);
    expect(Math.max(...perChat.values())).toBe(1);
    expect(api.rejected()).toEqual([]);
  }, 180_000);
});
