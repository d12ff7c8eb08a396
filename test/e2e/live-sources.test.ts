// Acceptance for live sources, with the real process: a feed listed in the sources file is
// polled; a new entry shows up in /latest within one poll interval, with its link, and goes out
// in the next digest once — however many times the feed is polled again.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi, FakeCall } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { rssFeed } from '../helpers/feed-fixtures.ts';
import type { FeedServer } from '../helpers/feed-server.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';
import type { TestUser } from '../helpers/updates.ts';
import { say as sayAs } from '../helpers/updates.ts';

const USER: TestUser = { id: 902, is_bot: false, first_name: 'Olena', language_code: 'en' };
const POLL_SECONDS = 3;
let api: FakeBotApi;
let feeds: FeedServer;
let bot: BotProcess;

afterAll(async () => {
  await bot?.stop();
  await api?.close();
  await feeds?.close();
});

const say = (text: string): Promise<FakeCall> => sayAs(api, USER, text);

const today = (): string => new Date().toISOString();
const OLD = { id: 'pres-1', url: 'https://president.example/news/1', title: 'Address on energy', text: 'We are restoring power in Kharkiv and Odesa tonight.', date: '2026-11-20T19:00:00Z' };
const NEW = { id: 'pres-2', url: 'https://president.example/news/2', title: 'Meeting with partners', text: 'Air defence for our cities is the first thing we asked our partners for today.' };

describe('live sources', () => {
  it('a new feed entry reaches /latest within one poll interval and the next digest once', async () => {
    api = await startFakeBotApi();
    feeds = await startFeedServer();
    feeds.set('/president.xml', { etag: '"1"', body: rssFeed([OLD]) });
    const dir = tempDir();
    const corpus = join(dir, 'corpus');
    cpSync(SHIPPED_CORPUS, corpus, { recursive: true });
    const sourcesFile = join(dir, 'sources.json');
    writeFileSync(sourcesFile, JSON.stringify({
      sources: [
        { name: 'President of Ukraine', url: feeds.url('/president.xml'), speaker: 'Volodymyr Zelensky', lang: 'en', pollMinutes: POLL_SECONDS / 60 },
        { name: 'Broken feed', url: feeds.url('/broken.xml'), pollMinutes: 60 },
      ],
    }));
    feeds.set('/broken.xml', { body: '<rss><channel><item>' });
    bot = startBotProcess({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, 'd.db'), CORPUS_DIR: corpus,
      SOURCES_FILE: sourcesFile, SOURCES_TICK_SECONDS: '1', DIGEST_TICK_SECONDS: '2',
    });
    await api.waitFor((c) => c.method === 'getUpdates', 30_000);
    while (!feeds.requests.some((r) => r.path === '/president.xml')) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    const first = await say('/latest');
    expect(String(first.params.text)).toContain('href="https://president.example/news/1"');

    await say('/subscribe');
    await say('/timezone UTC');
    const slot = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
    await say(`/time ${slot.toISOString().slice(11, 16)}`);

    // The new entry: it must be on /latest after at most one interval (plus the 1 s tick).
    feeds.set('/president.xml', { etag: '"2"', body: rssFeed([{ ...NEW, date: today() }, OLD]) });
    const changedAt = Date.now();
    let shown: FakeCall | null = null;
    while (!shown && Date.now() - changedAt < (POLL_SECONDS + 2) * 1000 + 3000) {
      await new Promise((r) => setTimeout(r, 500));
      const reply = await say('/latest');
      if (String(reply.params.text).includes('href="https://president.example/news/2"')) shown = reply;
    }
    expect(shown, bot.output().slice(-2000)).not.toBeNull();
    expect(String(shown?.params.text)).toContain('Volodymyr Zelensky');

    const about = await say('/about');
    expect(String(about.params.text)).toMatch(/Live feeds: 2; 1 failing: Broken feed \(since/);

    const digest = await api.waitFor((c) => c.method === 'sendMessage' && c.ok && String(c.params.text).includes('Your digest'), 90_000);
    const text = String(digest.params.text);
    expect(text.split('https://president.example/news/2').length - 1).toBe(1);
    expect(text).not.toContain('https://president.example/news/1'); // ingested before subscribing
    expect(text).toMatch(/Broken feed/); // the footer names the failed source

    // More polls of the same feed (unchanged, then 304) send nothing more.
    await new Promise((r) => setTimeout(r, (POLL_SECONDS * 2 + 2) * 1000));
    expect(api.sent(USER.id).filter((c) => String(c.params.text).includes('Your digest'))).toHaveLength(1);
    expect(feeds.requests.filter((r) => r.path === '/president.xml').length).toBeGreaterThanOrEqual(3);
    // Backed off (1 min, then 2 …), not polled every tick.
    expect(feeds.requests.filter((r) => r.path === '/broken.xml').length).toBeLessThanOrEqual(2);
    expect(api.rejected()).toEqual([]);
  }, 150_000);
});
