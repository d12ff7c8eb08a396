// Bot start time: the real process (`npm start`'s entry) on an existing database, against a fake
// Bot API on loopback; the time from spawn to its first getUpdates, and to each call before it, so
// a slow start says which step held it. Also the first /about answered after that (the bot serves).
// `node --import tsx bench/start-bench.ts --db PATH --corpus DIR`: run it on a copy of the database.
import { parseArgs } from 'node:util';
import { startBotProcess } from '../test/helpers/bot-process.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../test/helpers/fake-bot-api.ts';

export interface StartFigure {
  /** Milliseconds from spawn to each Bot API call up to the first getUpdates. */
  calls: Array<{ method: string; ms: number }>;
  firstGetUpdatesMs: number;
  /** Spawn to the reply of an /about sent once polling began. */
  firstReplyMs: number;
}

export async function benchStart(dbPath: string, corpusDir: string, timeoutMs = 180_000): Promise<StartFigure> {
  const api = await startFakeBotApi();
  // Queued before the start: the first getUpdates is answered at once (the fake API holds an empty
  // one for 2 s), so its time is when the bot asked, and the reply shows the bot serving.
  api.pushUpdate({ update_id: Date.now() % 1_000_000_000, message: { message_id: 1, date: 0, text: '/about', from: { id: 77, is_bot: false, first_name: 'S' }, chat: { id: 77, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: 6 }] } });
  const started = Date.now();
  const bot = startBotProcess({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: corpusDir, LOG_LEVEL: 'info' });
  try {
    const first = await api.waitFor((c) => c.method === 'getUpdates', timeoutMs).catch((e) => {
      process.stderr.write(`bot process output:\n${bot.output()}\n`);
      throw e;
    });
    const calls = api.calls.filter((c) => c.at <= first.at).map((c) => ({ method: c.method, ms: c.at - started }));
    const reply = await api.waitFor((c) => c.method === 'sendMessage', timeoutMs);
    return { calls, firstGetUpdatesMs: first.at - started, firstReplyMs: reply.at - started };
  } finally {
    await bot.stop('SIGTERM');
    await api.close();
  }
}

if (process.argv[1]?.endsWith('start-bench.ts')) {
  const { values } = parseArgs({ options: { db: { type: 'string' }, corpus: { type: 'string' }, timeout: { type: 'string', default: '180000' } } });
  if (!values.db || !values.corpus) throw new Error('Cannot run: --db PATH and --corpus DIR are required');
  process.stdout.write(`${JSON.stringify(await benchStart(values.db, values.corpus, Number(values.timeout)), null, 1)}\n`);
}
