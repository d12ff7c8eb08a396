// S15 on the real process: a flood of 2,000 mixed updates from one user (plain text, /search,
// Full text, /digest, inline) arrives over ~20 s through the fake Bot API (which answers 429 past
// one message a second to a chat, as Telegram does), while other users
// send /help twice a second. Counted: messages to the flooder. Measured and printed (tests never
// assert wall-clock times): the other user's /help latency, p50 / p99 / max.
import Database from 'better-sqlite3';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { hostileLines } from '../helpers/hostile-corpus.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';
import type { TestUser } from '../helpers/updates.ts';
import { commandMessage } from '../helpers/updates.ts';

const FLOODER: TestUser = { id: 931, is_bot: false, first_name: 'Flood', language_code: 'en' };
/** The other users: a different person each time (one person's /help is itself limited to 30 a minute). */
const other = (k: number): TestUser => ({ id: 10_000 + k, is_bot: false, first_name: `Calm${k}`, language_code: 'en' });
const FLOOD = 2000;
const FLOOD_SECONDS = 20;

let api: FakeBotApi | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  await bot?.stop('SIGKILL');
  await api?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('S15: under a 2,000-update flood from one user, another user\'s /help is answered every time and the flooder gets ≤ 30 messages a minute', async () => {
  const corpus = tempDir('sd-flood-');
  cpSync(SHIPPED_CORPUS, corpus, { recursive: true });
  writeFileSync(join(corpus, 'hostile.jsonl'), hostileLines().map((l) => JSON.stringify(l)).join('\n'));
  const dbPath = join(tempDir(), 'flood.db');
  // Telegram's own per-chat limit (1 message a second, 429 beyond): a bot that waits out a 429 in
  // its update loop would hold every other user's answer too.
  api = await startFakeBotApi({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 } });
  bot = startBotProcess({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: corpus, LOG_LEVEL: 'warn' });
  await api.waitFor((c) => c.method === 'getUpdates', 60_000);
  const reader = new Database(dbPath, { readonly: true });
  const longId = (reader.prepare("SELECT id FROM statements WHERE external_id LIKE '%h-long'").get() as { id: number }).id;
  reader.close();
  api.pushUpdate(commandMessage('/subscribe', FLOODER));
  await api.waitFor((c) => c.method === 'sendMessage' && c.params.chat_id === FLOODER.id, 15_000);
  // Full text edits the card it is pressed under (issue 17): the presses come from a real card.
  api.pushUpdate(commandMessage(`/show ${longId}`, FLOODER));
  const card = await api.waitFor((c) => c.method === 'sendMessage' && c.ok && c.params.chat_id === FLOODER.id && String(c.params.text).includes(`#${longId}`), 15_000);
  const cardMessageId = Number(card.result.message_id);
  const floodStart = Date.now();
  const before = api.calls.length;

  const helpPushedAt: number[] = [];
  const perTick = FLOOD / (FLOOD_SECONDS * 10);
  for (let i = 0; i < FLOOD; i += 1) {
    const kind = i % 5;
    if (kind === 0) api.pushUpdate(commandMessage(`drones ${i}`, FLOODER));
    else if (kind === 1) api.pushUpdate(commandMessage(`/search sanctions ${i}`, FLOODER));
    else if (kind === 2) api.pushUpdate({ callback_query: { id: `cb${i}`, from: FLOODER, chat_instance: 'x', data: `f:${longId}`, message: { message_id: cardMessageId, date: 0, chat: { id: FLOODER.id, type: 'private' }, text: '' } } });
    else if (kind === 3) api.pushUpdate(commandMessage('/digest', FLOODER));
    else api.pushUpdate({ inline_query: { id: `iq${i}`, from: FLOODER, query: `drones ${i}`, offset: '' } });
    if ((i + 1) % perTick === 0) {
      await sleep(100);
      if (((i + 1) / perTick) % 5 === 0) {
        api.pushUpdate(commandMessage('/help', other(helpPushedAt.length)));
        helpPushedAt.push(Date.now());
      }
    }
  }
  const last = other(helpPushedAt.length - 1).id;
  await api.waitFor((c) => c.method === 'sendMessage' && c.params.chat_id === last, 30_000);
  const floodEnd = Date.now();
  const calls = api.calls.slice(before);
  const answerAt = (k: number) => calls.find((c) => c.method === 'sendMessage' && c.ok && c.params.chat_id === other(k).id)?.at;
  const latencies = helpPushedAt.map((at, k) => (answerAt(k) ?? Infinity) - at).sort((a, b) => a - b);
  expect(latencies.every(Number.isFinite)).toBe(true);
  const toFlooder = calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === FLOODER.id);
  // The whole flood fits in one minute, so this is the count for that minute.
  expect(floodEnd - floodStart).toBeLessThan(60_000);
  expect(toFlooder.length).toBeLessThanOrEqual(30);
  expect(calls.filter((c) => !c.ok && c.invalid)).toEqual([]);
  // Only the flooder's chat ever meets a 429; the bot does not sleep on it (re-sent once later, or dropped).
  expect(calls.filter((c) => c.error?.error_code === 429 && c.params.chat_id !== FLOODER.id)).toEqual([]);
  const dropped = calls.filter((c) => c.error?.error_code === 429).length;
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * q) - 1)] ?? 0;
  console.log(`e2e flood: ${FLOOD} updates in ${((floodEnd - floodStart) / 1000).toFixed(1)} s; ${toFlooder.length} messages to the flooder (${dropped} of them answered 429); /help ×${latencies.length}: p50 ${pick(0.5)} ms, p99 ${pick(0.99)} ms, max ${latencies.at(-1)} ms`);
}, 150_000);
