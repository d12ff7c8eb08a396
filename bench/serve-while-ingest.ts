// The bot answering while its corpus is re-read: the same off-thread ingest the bot runs (start,
// interval, /reindex) writes an archive into the served database while queries go through
// bot.handleUpdate every 20 ms. Reported: reply latency during the ingest and the longest stall.
import type { Update, UserFromGetMe } from 'grammy/types';
import pino from 'pino';
import { dirname } from 'node:path';
import { createBot } from '../src/bot/create-bot.ts';
import { ingestOffThread } from '../src/corpus/ingest-off-thread.ts';
import type { ReferenceData } from '../src/corpus/reference.ts';
import type { Store } from '../src/store/index.ts';
import { percentiles, timeAsync } from './measure.ts';
import { measurePhase } from './stall.ts';

const BOT_INFO = { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false, has_main_web_app: false } as UserFromGetMe;
const ASKED = ['/search sanctions', '/latest', '/search санкції', '/actor Rutte', '/search peace talks'];

export async function benchServeWhileIngesting(store: Store, reference: ReferenceData, dbPath: string, archive: string, lines: number) {
  const bot = createBot({ token: '1:bench-token-xxxxxxxxxxxxxxxxxxxx', apiRoot: 'http://127.0.0.1:9', botInfo: BOT_INFO }, {
    store, reference, logger: pino({ level: 'silent' }), clock: () => new Date(), reindex: () => { throw new Error('not in bench'); },
    options: { adminIds: [], searchRatePerMinute: 1_000_000, dedupeUpdates: true, defaultTimeZone: 'Europe/Kyiv', digestMaxAgeDays: 7 },
  });
  bot.api.config.use(async (_prev, method, payload) => ({ ok: true, result: method === 'sendMessage' ? { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: (payload as { text: string }).text } : true }) as never);
  const latencies: number[] = [];
  let updateId = 1_500_000_000;
  const phase = await measurePhase(async () => {
    const ingesting = ingestOffThread({ databasePath: dbPath, paths: [archive], corpusDir: dirname(archive), synchronous: 'NORMAL' });
    let done = false;
    void ingesting.finally(() => (done = true)).catch(() => {});
    while (!done) {
      const text = ASKED[latencies.length % ASKED.length] as string;
      const userId = 300 + (latencies.length % 1000);
      const command = text.split(' ')[0] as string;
      const update = { update_id: updateId++, message: { message_id: latencies.length + 1, date: 0, text, from: { id: userId, is_bot: false, first_name: 'S' }, chat: { id: userId, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: command.length }] } } as Update;
      latencies.push((await timeAsync(() => bot.handleUpdate(update))).ms);
      await new Promise((r) => setTimeout(r, 20));
    }
    return ingesting;
  });
  const report = await phase.value;
  return { lines, added: report.added, replies: percentiles(latencies), longestStallMs: phase.longestStallMs, p99StallMs: phase.p99StallMs, peakRssMb: phase.peakRssMb };
}
