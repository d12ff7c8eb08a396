// F4: a large ingest by another process (the CLI) into the same database while the bot answers
// queries and sends a digest to 150 subscribers. WAL lets reads go on; the bot's own writes wait
// for the ingest's file transaction within busy_timeout. No user sees "busy", no digest is lost.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import { openStore } from '../../src/store/index.ts';
import type { BotProcess } from '../helpers/bot-process.ts';
import { ROOT, startBotProcess } from '../helpers/bot-process.ts';
import { addStatements } from '../helpers/digest-fixture.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { reference, SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';
import type { TestUser } from '../helpers/updates.ts';
import { say } from '../helpers/updates.ts';

const SUBSCRIBERS = 150;
const INGEST_LINES = 20_000;
const USER: TestUser = { id: 77, is_bot: false, first_name: 'Ana', language_code: 'en' };
let api: FakeBotApi;
let bot: BotProcess;

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await api?.close();
});

function prepare(dir: string): { dbPath: string; feedFile: string } {
  const dbPath = join(dir, 'f4.db');
  const ref = reference();
  const store = openStore(dbPath, { actors: ref.actors, tagger: ref.tagger });
  const now = Date.now();
  ingest({ paths: [SHIPPED_CORPUS], corpusDir: SHIPPED_CORPUS, store, reference: ref, now: () => new Date(now - 2 * 86_400_000) });
  const due = new Date(now - 60_000).toISOString();
  store.db.transaction(() => {
    for (let i = 0; i < SUBSCRIBERS; i += 1) {
      store.subscriptions.subscribe({ chatId: 20_000 + i, chatType: 'private', ownerUserId: null, localTime: due.slice(11, 16), timeZone: 'UTC', nextDueAt: due, now: new Date(now - 86_400_000).toISOString() });
    }
  })();
  addStatements(store, new Date(now - 3_600_000), 3);
  store.close();
  const feedFile = join(dir, 'bulk.jsonl');
  const lines = Array.from({ length: INGEST_LINES }, (_, i) =>
    JSON.stringify({ id: `bulk-${i}`, text: `Bulk statement ${i} about drones, sanctions and energy in the region ${i % 97}.`, date: '2026-11-01', actor: 'Volodymyr Zelensky', url: `https://bulk.example/${i}` }));
  writeFileSync(feedFile, lines.join('\n'));
  return { dbPath, feedFile };
}

describe('F4: ingest while serving', () => {
  it('F4: queries keep answering and the digest goes out while another process ingests 20,000 lines', async () => {
    const { dbPath, feedFile } = prepare(tempDir('sd-f4-'));
    api = await startFakeBotApi({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 } });
    bot = startBotProcess({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: SHIPPED_CORPUS, LOG_LEVEL: 'warn' });
    await api.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) >= 20_000, 60_000);

    // The ingest starts once the digest is under way.
    const cli = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ingest', feedFile, '--db', dbPath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let cliOutput = '';
    cli.stdout.on('data', (d: Buffer) => (cliOutput += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (cliOutput += d.toString()));
    const cliExit = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));

    // A user keeps asking while both run.
    const queries = ['/search drones', '/latest', '/actor Zelensky', '/search sanctions energy', '/topic energy'];
    let cliDone = false;
    void cliExit.then(() => (cliDone = true));
    let asked = 0;
    for (let i = 0; !cliDone || i < queries.length; i += 1) {
      const text = queries[i % queries.length] as string;
      await say(api, USER, text, 20_000);
      asked += 1;
      // A person's pace, under the per-user limits (a query as fast as answered would be a flood).
      await new Promise((r) => setTimeout(r, 3_500));
      if (i > 200) break;
    }
    expect(await cliExit, cliOutput).toBe(0);
    expect(asked).toBeGreaterThanOrEqual(queries.length);

    const db = new Database(dbPath, { readonly: true });
    const sentRows = (): number => (db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'sent'`).get() as { n: number }).n;
    const deadline = Date.now() + 60_000;
    while (sentRows() < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(sentRows()).toBe(SUBSCRIBERS);
    expect((db.prepare(`SELECT COUNT(*) AS n FROM statements WHERE external_id LIKE '%#id:bulk-%'`).get() as { n: number }).n).toBe(INGEST_LINES);
    db.close();

    const replies = api.sent(USER.id).map((c) => String(c.params.text));
    expect(replies.length).toBe(asked);
    expect(replies.filter((t) => /busy|went wrong/i.test(t))).toEqual([]);
    const perChat = new Map<number, number>();
    for (const c of api.sent()) if (Number(c.params.chat_id) >= 20_000) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
    expect(perChat.size).toBe(SUBSCRIBERS);
    expect(Math.max(...perChat.values())).toBe(1);
    expect(bot.output()).not.toMatch(/SQLITE_BUSY/);
    expect(api.rejected()).toEqual([]);
  }, 180_000);
});
