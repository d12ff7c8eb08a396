// Update intake of the real process (`node --import tsx src/main.ts`) against the fake Bot API:
// crashes and shutdowns in built-in polling and in runner mode (RELIABILITY A1, A2, A3).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { DelayProxy } from '../helpers/delay-proxy.ts';
import { startDelayProxy } from '../helpers/delay-proxy.ts';
import type { FakeBotApi, FakeCall } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { tempDir } from '../helpers/store.ts';

let api: FakeBotApi | undefined;
let proxy: DelayProxy | undefined;
const bots: BotProcess[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop('SIGKILL');
  await proxy?.close();
  await api?.close();
  proxy = undefined;
});

function start(env: Record<string, string>): BotProcess {
  const bot = startBotProcess(env);
  bots.push(bot);
  return bot;
}

function baseEnv(apiRoot: string, extra: Record<string, string> = {}): { env: Record<string, string>; dbPath: string } {
  const dbPath = join(tempDir('sd-intake-'), 'intake.db');
  // An empty corpus: these tests are about updates, and startup stays quick.
  // No live sources: whatever data/sources.json holds, the process talks only to 127.0.0.1.
  const none = join(tempDir('sd-nosources-'), 'sources.json');
  return { dbPath, env: { TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: tempDir('sd-corpus-'), SOURCES_FILE: none, ...extra } };
}

function commandUpdate(text: string, chatId: number): Record<string, any> {
  return {
    message: { message_id: chatId, date: 0, text, from: { id: chatId, is_bot: false, first_name: 'U', language_code: 'en' }, chat: { id: chatId, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: text.length }] },
  };
}

async function waitUntil(what: string, pred: () => boolean, timeoutMs: number, bot?: BotProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) {
      if (bot) process.stdout.write(bot.output().slice(-4000));
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function query<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const handledIds = (dbPath: string): number[] => query<{ id: number }>(dbPath, 'SELECT update_id AS id FROM handled_updates ORDER BY update_id').map((r) => r.id);
const isPoll = (c: FakeCall): boolean => c.method === 'getUpdates';
const updateIds = (c: FakeCall): number[] => ((c.result ?? []) as Array<{ update_id: number }>).map((u) => u.update_id);
const logLines = (bot: BotProcess): Array<{ msg?: string; time?: number }> =>
  bot.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg?: string; time?: number });

describe('update intake: crashes and shutdowns', () => {
  it('A1: built-in polling, SIGKILL after 2 of 5 updates: the old offset is asked again, all 5 redelivered, one row per chat', async () => {
    api = await startFakeBotApi();
    const { env, dbPath } = baseEnv(api.apiRoot);
    const chats = [201, 202, 203, 204, 205];
    for (const chat of chats) api.pushUpdate(commandUpdate('/subscribe', chat));
    // The third handler hangs on its reply: the process dies with 2 handled, 1 in flight, 2 waiting.
    api.script({ method: 'sendMessage', chatId: 203, respond: 'hang' });
    let bot = start(env);
    await api.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === 203, 30_000);
    expect(api.sent().map((c) => Number(c.params.chat_id))).toEqual([201, 202]);
    bot.child.kill('SIGKILL');
    await bot.exited;
    const polls = api.calls.filter(isPoll);
    expect(updateIds(polls[0] as FakeCall)).toEqual([1, 2, 3, 4, 5]);
    // Nothing past the batch was ever confirmed.
    expect(polls.every((c) => Number(c.params.offset ?? 0) <= 1)).toBe(true);
    const seen = api.calls.length;

    bot = start(env);
    await waitUntil('the redelivered updates handled', () => handledIds(dbPath).length === 5 && [203, 204, 205].every((c) => api!.sent(c).length === 1), 30_000, bot);
    const repoll = api.calls.slice(seen).find(isPoll) as FakeCall;
    expect(Number(repoll.params.offset)).toBe(Number(polls[0]?.params.offset));
    expect(updateIds(repoll)).toEqual([1, 2, 3, 4, 5]);

    expect(handledIds(dbPath)).toEqual([1, 2, 3, 4, 5]);
    // Duplicate state: none. One subscription per chat, all active.
    const rows = query<{ chat: number; n: number; active: number }>(dbPath, 'SELECT chat_id AS chat, COUNT(*) AS n, MIN(active) AS active FROM subscriptions GROUP BY chat_id ORDER BY chat_id');
    expect(rows).toEqual(chats.map((chat) => ({ chat, n: 1, active: 1 })));
    // Updates 1 and 2 were recorded as handled, so their redelivery changed nothing (no second reply).
    for (const chat of chats) expect(api.sent(chat)).toHaveLength(1);
    expect(bot.output().match(/update already handled; skipped/g)).toHaveLength(2);
    expect(api.rejected()).toEqual([]);
  }, 120_000);

  it('A2: runner mode, SIGTERM while a handler awaits its reply: the stop waits for it, its writes commit, exit 0, nothing handled twice', async () => {
    api = await startFakeBotApi();
    const CHAT = 301;
    let holdOnce = true;
    // Telegram gets the reply at once; the bot gets the answer only 2 s later (the handler waits).
    proxy = await startDelayProxy(api.apiRoot, (method, p) => {
      if (method !== 'sendMessage' || Number(p.chat_id) !== CHAT || !holdOnce) return 0;
      holdOnce = false;
      return 2000;
    });
    const { env, dbPath } = baseEnv(proxy.apiRoot, { POLLING_MODE: 'runner' });
    api.pushUpdate(commandUpdate('/subscribe', CHAT));
    let bot = start(env);
    await api.waitFor((c) => c.method === 'sendMessage' && c.ok && Number(c.params.chat_id) === CHAT, 30_000);
    const termAt = Date.now();
    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    const exitAt = Date.now();

    expect(exit).toEqual({ code: 0, signal: null });
    // db.close() ran: the last connection folds the WAL back and removes it (checked before we open it).
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    expect(proxy.held).toHaveLength(1);
    const releasedAt = proxy.held[0]?.releasedAt ?? Infinity;
    expect(releasedAt).toBeGreaterThanOrEqual(termAt);
    expect(exitAt).toBeGreaterThanOrEqual(releasedAt);
    // Shutdown order: the runner (with its handler) stopped after the reply came back, then the store closed.
    const lines = logLines(bot);
    const at = (msg: string): number => lines.findIndex((l) => l.msg === msg);
    expect(at('shutting down')).toBeGreaterThanOrEqual(0);
    expect(at('shutting down')).toBeLessThan(at('updates stopped'));
    expect(at('updates stopped')).toBeLessThan(at('database closed'));
    expect(lines[at('updates stopped')]?.time).toBeGreaterThanOrEqual(releasedAt);
    expect(bot.output()).not.toContain('handler failed');
    // The handler's last write (the update recorded as handled) committed.
    expect(handledIds(dbPath)).toEqual([1]);
    expect(query<{ active: number }>(dbPath, 'SELECT active FROM subscriptions WHERE chat_id = ?', CHAT)).toEqual([{ active: 1 }]);

    // Restart: update 1 is not handled again; the next update is.
    bot = start(env);
    api.pushUpdate(commandUpdate('/help', CHAT));
    await waitUntil('the /help reply', () => api!.sent(CHAT).length >= 2 && handledIds(dbPath).length === 2, 30_000, bot);
    await new Promise((r) => setTimeout(r, 500));
    expect(api.sent(CHAT)).toHaveLength(2);
    expect(String(api.sent(CHAT)[0]?.params.text)).toContain('Time:');
    expect(String(api.sent(CHAT)[1]?.params.text)).not.toContain('Time:');
    expect(handledIds(dbPath)).toEqual([1, 2]);
    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(bot.output()).not.toContain('handler failed');
  }, 120_000);

  it('A3: runner mode, SIGKILL after the next fetch was issued while a batch is still handled: the batch is lost (accepted), the bot stays consistent', async () => {
    api = await startFakeBotApi();
    const { env, dbPath } = baseEnv(api.apiRoot, { POLLING_MODE: 'runner' });
    const batch = [401, 402, 403];
    for (const chat of batch) api.pushUpdate(commandUpdate('/subscribe', chat));
    // Batch N's handlers wait on their replies forever.
    api.script({ method: 'sendMessage', times: batch.length, match: (p) => batch.includes(Number(p.chat_id)), respond: 'hang' });
    let bot = start(env);
    await waitUntil(
      'batch N in flight and the fetch of batch N+1 issued',
      () => api!.calls.filter((c) => c.error?.description === 'hanging').length === batch.length && api!.calls.some((c) => isPoll(c) && Number(c.params.offset) === 4),
      30_000,
      bot,
    );
    bot.child.kill('SIGKILL');
    await bot.exited;
    const seen = api.calls.length;

    bot = start(env);
    api.pushUpdate(commandUpdate('/help', 404));
    await waitUntil('the reply to the next update', () => api!.sent(404).length === 1, 30_000, bot);
    // The policy pinned: Telegram never sends batch N again and the bot does not replay it.
    const redelivered = api.calls.slice(seen).filter(isPoll).flatMap(updateIds);
    expect(redelivered).toContain(4);
    expect(redelivered.filter((id) => id <= batch.length)).toEqual([]);
    for (const chat of batch) expect(api.sent(chat)).toEqual([]);
    expect(handledIds(dbPath)).toEqual([4]);
    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    // Consistent: no corruption, no dangling rows; each lost /subscribe left its row whole or none.
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const subs = db.prepare('SELECT chat_id AS chat, active, time_zone AS zone, next_due_at AS due FROM subscriptions').all() as Array<{ chat: number; active: number; zone: string; due: string }>;
    db.close();
    expect(subs.length).toBeLessThanOrEqual(batch.length);
    for (const s of subs) {
      expect(batch).toContain(s.chat);
      expect(s).toMatchObject({ active: 1, zone: 'Europe/Kyiv' });
      expect(Number.isNaN(Date.parse(s.due))).toBe(false);
    }
    expect(api.rejected()).toEqual([]);
  }, 120_000);

  for (const { id, code, description, says } of [
    { id: 'A8', code: 409, description: 'Conflict: terminated by other getUpdates request', says: 'another instance is polling' },
    { id: 'A9', code: 401, description: 'Unauthorized', says: 'token was rejected' },
  ]) it(`${id}: runner mode, getUpdates answers ${code}: the process stops non-zero at once, like built-in polling`, async () => {
    api = await startFakeBotApi();
    api.script({ method: 'getUpdates', times: 5, respond: { error_code: code, description } });
    const { env, dbPath } = baseEnv(api.apiRoot, { POLLING_MODE: 'runner' });
    const bot = start(env);
    const exit = await bot.exited;
    expect(exit.code).toBe(1);
    expect(bot.output()).toContain(says);
    expect(bot.output()).not.toContain(FAKE_TOKEN.split(':')[1]);
    // The runner does not retry these: no loop of requests.
    expect(api.calls.filter(isPoll).length).toBe(1);
    // It still shut down in order.
    expect(logLines(bot).map((l) => l.msg).filter((m) => m === 'updates stopped' || m === 'database closed')).toEqual(['updates stopped', 'database closed']);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
  }, 60_000);
});
