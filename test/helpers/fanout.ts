// The kill-and-restart fan-out scenario (RELIABILITY B1): N subscribers due now, the real process
// SIGKILLed after k sends, restarted; every subscriber must end with exactly one digest.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ingest } from '../../src/corpus/ingest.ts';
import { localDateOf } from '../../src/digest/due.ts';
import { openStore } from '../../src/store/index.ts';
import type { BotProcess } from './bot-process.ts';
import { startBotProcess } from './bot-process.ts';
import { addStatements } from './digest-fixture.ts';
import { FAKE_TOKEN, startFakeBotApi } from './fake-bot-api.ts';
import { reference, SHIPPED_CORPUS, tempDir } from './store.ts';

export interface FanoutOutcome {
  subscribers: number;
  killedAfter: number;
  sentBeforeKill: number;
  messages: number;
  duplicates: number;
  maxPerChat: number;
  missing: number;
  sentRows: number;
  rejected: number;
  rateLimited: number;
  seconds: number;
}

/** `subscribers` private chats due a minute ago, with statements ingested since they subscribed. */
export function prepareDatabase(path: string, subscribers: number): void {
  const ref = reference();
  const store = openStore(path, { actors: ref.actors, tagger: ref.tagger });
  const now = Date.now();
  ingest({ paths: [SHIPPED_CORPUS], corpusDir: SHIPPED_CORPUS, store, reference: ref, now: () => new Date(now - 2 * 86_400_000) });
  const subscribedAt = new Date(now - 86_400_000).toISOString();
  const due = new Date(now - 60_000).toISOString();
  store.db.transaction(() => {
    for (let i = 0; i < subscribers; i += 1) {
      store.subscriptions.subscribe({ chatId: 10_000 + i, chatType: 'private', ownerUserId: null, localTime: due.slice(11, 16), timeZone: 'UTC', nextDueAt: due, now: subscribedAt });
    }
  })();
  addStatements(store, new Date(now - 12 * 3_600_000), 4);
  store.close();
}

export async function runFanoutKill(subscribers: number, killAfter: number): Promise<FanoutOutcome> {
  const started = Date.now();
  const dbPath = join(tempDir('sd-fanout-'), 'fanout.db');
  prepareDatabase(dbPath, subscribers);
  const api = await startFakeBotApi({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 } });
  const env = { TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: SHIPPED_CORPUS, LOG_LEVEL: 'warn' };
  let bot: BotProcess | undefined;
  try {
    bot = startBotProcess(env);
    // k = 0: as soon as the process speaks to Telegram at all (getMe), before any digest send.
    if (killAfter === 0) await api.waitFor(() => true, 30_000);
    else await api.waitFor(() => api.sent().length >= killAfter, 120_000).catch((e) => { console.log(bot?.output()); throw e; });
    bot.child.kill('SIGKILL');
    await bot.exited;
    const sentBeforeKill = api.sent().length;
    bot = startBotProcess(env);
    const db = new Database(dbPath, { readonly: true });
    const today = localDateOf(new Date(), 'UTC');
    const sentRows = (): number => (db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'sent'`).get() as { n: number }).n;
    const deadline = Date.now() + 180_000;
    while (sentRows() < subscribers && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const perChat = new Map<number, number>();
    for (const c of api.sent()) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
    const rows = db.prepare(`SELECT chat_id AS chat, COUNT(*) AS n FROM deliveries WHERE status = 'sent' AND digest_date IN (?, date(?, '-1 day')) GROUP BY chat_id`).all(today, today) as Array<{ chat: number; n: number }>;
    db.close();
    const counts = [...perChat.values()];
    return {
      subscribers,
      killedAfter: killAfter,
      sentBeforeKill,
      messages: api.sent().length,
      duplicates: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      maxPerChat: Math.max(0, ...counts),
      missing: subscribers - perChat.size,
      sentRows: rows.filter((r) => r.n === 1).length,
      rejected: api.rejected().length,
      rateLimited: api.calls.filter((c) => c.error?.error_code === 429).length,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await bot?.stop('SIGKILL');
    await api.close();
  }
}
