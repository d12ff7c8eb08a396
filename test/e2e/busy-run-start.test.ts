// G3 in the real process: another connection holds the write lock across a digest slot, so the
// run meets SQLITE_BUSY at its start. The process must stay up, log it, and send on a later tick.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { prepareDatabase } from '../helpers/fanout.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

let api: FakeBotApi | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  await bot?.stop('SIGKILL');
  await api?.close();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('G3: a busy database at a digest run’s start, in the real process', () => {
  it('G3: the write lock held across the slot: SQLITE_BUSY logged, the process lives, a later tick sends each digest once', async () => {
    const dbPath = join(tempDir('sd-busy-'), 'busy.db');
    prepareDatabase(dbPath, 3);
    const setup = new Database(dbPath);
    const dueAt = Date.now() + 15_000;
    setup.prepare('UPDATE subscriptions SET next_due_at = ?').run(new Date(dueAt).toISOString());
    setup.close();
    api = await startFakeBotApi();
    bot = startBotProcess({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: SHIPPED_CORPUS, DIGEST_TICK_SECONDS: '1' });
    const started = Date.now() + 30_000;
    while (!bot.output().includes('polling for updates') && Date.now() < started) await wait(100);
    expect(bot.output()).toContain('polling for updates');

    // Take the write lock before the slot and keep it until the bot has waited out busy_timeout (5 s).
    const holder = new Database(dbPath);
    holder.exec('BEGIN IMMEDIATE');
    while (Date.now() < dueAt + 7_000 && !bot.output().includes('SQLITE_BUSY')) await wait(200);
    await wait(500);
    holder.exec('COMMIT');
    holder.close();
    expect(bot.child.exitCode).toBeNull();

    await api.waitFor(() => api!.sent().length >= 3, 30_000).catch((e) => {
      process.stdout.write(bot?.output().slice(-3000) ?? '');
      throw e;
    });
    await wait(1_500);
    expect(bot.child.exitCode).toBeNull();
    const failures = bot.output().split('\n').filter((l) => l.includes('digest run failed')).map((l) => JSON.parse(l) as { err?: { code?: string } });
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.err?.code === 'SQLITE_BUSY')).toBe(true);
    const perChat = new Map<number, number>();
    for (const c of api.sent()) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
    expect([...perChat.values()]).toEqual([1, 1, 1]);
    expect((await bot.stop('SIGTERM')).code).toBe(0);
  }, 90_000);
});
