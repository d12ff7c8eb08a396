// The bot starts on a damaged file whose state tables are sound (the start check is bounded), and
// stops with exit code 1 when the full check, run in the background, finds the damage.
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { tempDir } from '../helpers/store.ts';

let api: FakeBotApi | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  await bot?.stop('SIGKILL');
  await api?.close();
});

/** Statements from a feed (not a corpus file: the start-up ingest leaves them alone), pages last. */
function damagedDatabase(dir: string): string {
  const path = join(dir, 'index.db');
  const db = openDatabase(path);
  migrate(db);
  db.prepare(`INSERT INTO documents (id, source_key, source_name, kind, date_precision, content_hash, first_seen_at, last_seen_at) VALUES (1, 'feed:a', 'A', 'other', 'unknown', 'h', 'x', 'x')`).run();
  const insert = db.prepare(`INSERT INTO statements (document_id, external_id, kind, text, lang, date_precision, date_sort, content_hash, ingested_at, updated_at)
    VALUES (1, ?, 'quote', ?, 'en', 'unknown', '', 'h', 'x', 'x')`);
  db.transaction(() => {
    for (let i = 0; i < 3000; i += 1) insert.run(`s${i}`, `Statement number ${i} with some words to fill a page or two. `.repeat(4));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(4096 * 6, 0x5a), 0, 4096 * 6, size - 4096 * 6);
  closeSync(fd);
  return path;
}

describe('integrity check at start', () => {
  it('damage outside the state tables passes the bounded start check; the background check finds it and the bot stops with exit 1', async () => {
    const dir = tempDir('sd-integrity-');
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    const dbPath = damagedDatabase(dir);
    api = await startFakeBotApi();
    bot = startBotProcess({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: corpus });
    const exited = await bot.exited;
    expect(exited.code, bot.output()).toBe(1);
    expect(bot.output()).toContain('failed its integrity check');
  }, 60_000);
});
