// The feed poller against a local HTTP server: entries become statements with their links and
// dates, 304s and unchanged entries write nothing, edits update in place, a broken feed is
// counted and retried with backoff while the others go on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FetchOutcome } from '../../src/sources/fetch.ts';
import { createSourcePoller, MAX_ENTRIES_PER_POLL, retryDelayMs } from '../../src/sources/poller.ts';
import type { FeedSourceConfig, SourceConfig } from '../../src/sources/sources-file.ts';
import type { Store } from '../../src/store/index.ts';
import { quietLogger } from '../helpers/digest-fixture.ts';
import { atomFeed, rssFeed } from '../helpers/feed-fixtures.ts';
import type { FeedServer } from '../helpers/feed-server.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { memoryStore, reference } from '../helpers/store.ts';

const T0 = new Date('2026-11-23T08:00:00Z');

function source(server: FeedServer, name: string, path: string, extra: Partial<FeedSourceConfig> = {}): FeedSourceConfig {
  return { name, url: server.url(path), kind: 'feed', speaker: null, lang: null, pollMinutes: 30, fetchArticles: false, enabled: true, ...extra };
}

const ARTICLE = (who: string) =>
  `${who} said that air defence for the cities remains the first priority for the partners. ` +
  `"We need more systems, and we need them before winter," ${who} told reporters in Kyiv after the meeting with European ministers.`;

describe('source poller', () => {
  let server: FeedServer;
  let store: Store;
  let now: Date;
  const clock = () => now;

  beforeEach(async () => {
    server = await startFeedServer();
    store = memoryStore();
    now = T0;
  });
  afterEach(async () => {
    store.close();
    await server.close();
  });

  const poller = (sources: SourceConfig[]) =>
    createSourcePoller({ store, reference: reference(), logger: quietLogger(), clock, sources: () => sources, limits: { timeoutMs: 2000 } });

  it('stores each entry with its link and publication date, then skips a 304 and unchanged entries', async () => {
    server.set('/news.xml', {
      etag: '"v1"',
      body: rssFeed([
        { id: 'a-1', url: 'https://news.example/a-1', title: 'Zelensky on air defence', text: ARTICLE('Volodymyr Zelensky'), date: '2026-11-22T10:00:00Z' },
        { id: 'a-2', url: 'https://news.example/a-2', title: 'Undated teaser', text: 'Short teaser without a date.' },
      ]),
    });
    const p = poller([source(server, 'News', '/news.xml')]);
    const [first] = await p.pollDue();
    expect(first).toMatchObject({ source: 'News', status: 'updated', entries: 2 });
    expect(first?.added).toBeGreaterThanOrEqual(2);

    const latest = store.statements.latest(20).items;
    const dated = latest.filter((s) => s.url === 'https://news.example/a-1');
    expect(dated.length).toBeGreaterThanOrEqual(2); // the report and Zelensky's quote
    expect(dated.every((s) => s.date === '2026-11-22')).toBe(true);
    const quote = dated.find((s) => s.kind === 'quote');
    expect(quote?.speakers).toContain('Volodymyr Zelensky');
    const teaser = latest.find((s) => s.url === 'https://news.example/a-2');
    expect(teaser?.text).toContain('Short teaser');
    expect(teaser?.datePrecision).toBe('unknown'); // never the fetch time

    // Due again only after its interval; then a conditional GET answered 304.
    expect(await p.pollDue()).toEqual([]);
    now = new Date(T0.getTime() + 31 * 60_000);
    const [second] = await p.pollDue();
    expect(second?.status).toBe('not-modified');
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(store.statements.latest(50).items.length).toBe(latest.length);
  });

  it('updates an edited entry in place instead of adding a duplicate', async () => {
    const entry = { id: 'urn:post:7', url: 'https://president.example/7', title: 'Address', date: '2026-11-22T18:00:00Z' };
    server.set('/feed.atom', { body: atomFeed([{ ...entry, text: 'We will keep the energy system working through the winter.' }]) });
    const p = poller([source(server, 'President', '/feed.atom', { speaker: 'Volodymyr Zelensky', pollMinutes: 5 })]);
    await p.pollDue();
    const before = store.statements.latest(5).items;
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ kind: 'post', url: 'https://president.example/7' });
    expect(before[0]?.speakers).toEqual(['Volodymyr Zelensky']);

    server.set('/feed.atom', { body: atomFeed([{ ...entry, text: 'We will keep the energy system and the water supply working through the winter.' }]) });
    now = new Date(T0.getTime() + 6 * 60_000);
    const [result] = await p.pollDue();
    expect(result).toMatchObject({ added: 0, updated: 1 });
    const after = store.statements.latest(5).items;
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before[0]?.id);
    expect(after[0]?.text).toContain('water supply');
    // A feed repeating the same entry writes nothing.
    now = new Date(T0.getTime() + 12 * 60_000);
    expect((await p.pollDue())[0]).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
  });

  it('a broken feed is counted, backed off and reported while the other feeds are ingested', async () => {
    server.set('/good.xml', { body: rssFeed([{ id: 'g', url: 'https://good.example/g', title: 'Good', text: ARTICLE('Volodymyr Zelensky'), date: '2026-11-22T10:00:00Z' }]) });
    server.set('/broken.xml', { body: '<rss><channel><item><title>cut off' });
    server.set('/down.xml', { status: 503, headers: { 'retry-after': '600' } });
    const p = poller([source(server, 'Broken', '/broken.xml'), source(server, 'Down', '/down.xml'), source(server, 'Good', '/good.xml')]);
    const results = await p.pollDue();
    expect(results.find((r) => r.source === 'Good')?.status).toBe('updated');
    expect(results.find((r) => r.source === 'Broken')).toMatchObject({ status: 'failed' });
    expect(results.find((r) => r.source === 'Down')?.error).toMatch(/503/);
    expect(store.statements.latest(5).items.some((s) => s.url === 'https://good.example/g')).toBe(true);

    const broken = store.sources.get('Broken');
    expect(broken).toMatchObject({ consecutiveFailures: 1, totalFailures: 1 });
    expect(broken?.nextPollAt).toBe(new Date(T0.getTime() + 60_000).toISOString());
    expect(store.sources.get('Down')?.nextPollAt).toBe(new Date(T0.getTime() + 600_000).toISOString()); // Retry-After wins
    expect(store.catalog.failedSourcesSince(new Date(T0.getTime() - 1).toISOString()).sort()).toEqual(['Broken', 'Down']);

    // Not retried before its time; retried after, and a second failure doubles the wait.
    const requestsBefore = server.requests.filter((r) => r.path === '/broken.xml').length;
    now = new Date(T0.getTime() + 30_000);
    await p.pollDue();
    expect(server.requests.filter((r) => r.path === '/broken.xml').length).toBe(requestsBefore);
    now = new Date(T0.getTime() + 61_000);
    await p.pollDue();
    expect(store.sources.get('Broken')).toMatchObject({ consecutiveFailures: 2, totalFailures: 2 });
    expect(store.sources.get('Broken')?.nextPollAt).toBe(new Date(now.getTime() + 120_000).toISOString());

    // Fixed: one success resets the streak; the health list no longer shows it failing.
    server.set('/broken.xml', { body: rssFeed([{ id: 'b', url: 'https://broken.example/b', title: 'Back', text: ARTICLE('Volodymyr Zelensky') }]) });
    now = new Date(T0.getTime() + 10 * 60_000);
    await p.pollDue();
    const health = store.sources.health();
    expect(health.find((h) => h.name === 'Broken')).toMatchObject({ consecutiveFailures: 0, failingSince: null });
    expect(health.find((h) => h.name === 'Down')?.failingSince).toBe(T0.toISOString());
  });

  it('fetches the article page behind a teaser when asked, and keeps the teaser when the page fails', async () => {
    const page = `<html><head><title>Talks</title></head><body><nav>Home | World | Sport</nav><article><h1>Talks in Geneva</h1>
      <p>${ARTICLE('Volodymyr Zelensky')}</p><p>The talks continue on Tuesday with the delegations of both countries present in the hall.</p></article>
      <footer>Cookie settings · Subscribe</footer></body></html>`;
    server.set('/article.html', { body: page, headers: { 'content-type': 'text/html; charset=utf-8' } });
    server.set('/teasers.xml', {
      body: rssFeed([
        { id: 't1', url: server.url('/article.html'), title: 'Talks in Geneva', text: 'Teaser one.', date: '2026-11-22T09:00:00Z' },
        { id: 't2', url: server.url('/missing.html'), title: 'Missing page', text: 'Teaser two stays.', date: '2026-11-22T09:00:00Z' },
      ]),
    });
    server.set('/missing.html', { status: 404 });
    await poller([source(server, 'Teasers', '/teasers.xml', { fetchArticles: true })]).pollDue();
    const items = store.statements.latest(20).items;
    const fromPage = items.filter((s) => s.url === server.url('/article.html'));
    expect(fromPage.some((s) => s.kind === 'quote' && s.speakers.includes('Volodymyr Zelensky'))).toBe(true);
    expect(fromPage.every((s) => !/Cookie|Subscribe|Home \|/.test(s.text))).toBe(true);
    expect(items.find((s) => s.url === server.url('/missing.html'))?.text).toContain('Teaser two stays.');
  });

  it('tries the article page again on the next poll when it failed, instead of keeping the teaser for good', async () => {
    const page = `<html><body><article><h1>Geneva</h1><p>${ARTICLE('Volodymyr Zelensky')}</p>
      <p>The talks continue on Tuesday with the delegations of both countries present in the hall.</p></article></body></html>`;
    server.set('/later.html', { status: 503 });
    server.set('/teasers.xml', { body: rssFeed([{ id: 'l1', url: server.url('/later.html'), title: 'Geneva', text: 'Teaser only.', date: '2026-11-22T09:00:00Z' }]) });
    const p = poller([source(server, 'Teasers', '/teasers.xml', { fetchArticles: true, pollMinutes: 5 })]);
    await p.pollDue();
    expect(store.statements.latest(5).items.map((s) => s.text)).toEqual(['Teaser only.']);
    server.set('/later.html', { body: page, headers: { 'content-type': 'text/html' } });
    now = new Date(T0.getTime() + 6 * 60_000);
    await p.pollDue();
    const items = store.statements.latest(10).items;
    expect(items.some((s) => s.kind === 'quote' && s.speakers.includes('Volodymyr Zelensky'))).toBe(true);
    expect(items.some((s) => s.text === 'Teaser only.')).toBe(false);
  });

  it('takes at most the newest entries of a huge feed, and a date far in the future is unknown', async () => {
    const many = Array.from({ length: MAX_ENTRIES_PER_POLL + 50 }, (_, i) => ({ id: `m${i}`, url: `https://many.example/${i}`, title: `Item ${i}`, text: `Item number ${i} of a long feed.`, date: '2026-11-21T09:00:00Z' }));
    many[0] = { ...many[0], date: '2031-01-01T00:00:00Z' } as (typeof many)[number];
    server.set('/many.xml', { body: rssFeed(many) });
    const [result] = await poller([source(server, 'Many', '/many.xml')]).pollDue();
    expect(result).toMatchObject({ entries: MAX_ENTRIES_PER_POLL + 50, added: MAX_ENTRIES_PER_POLL });
    const first = store.statements.search('Item number 0 of a long feed', 5).items.find((s) => s.url === 'https://many.example/0');
    expect(first?.datePrecision).toBe('unknown');
    expect(store.statements.search('"Item number 220"', 5).items.filter((s) => s.url === 'https://many.example/220')).toEqual([]);
  });

  it('never fetches a page on an internal address for a feed that is not itself internal', async () => {
    const requested: string[] = [];
    const fetch = async (url: string): Promise<FetchOutcome> => {
      requested.push(url);
      return { status: 'ok', body: rssFeed([{ id: 's', url: 'http://127.0.0.1:9/admin', title: 'Inside', text: 'Teaser of a link to an internal address.' }]), contentType: 'application/rss+xml', finalUrl: url, validators: { etag: null, lastModified: null } };
    };
    const feed: SourceConfig = { name: 'Public', url: 'https://93.184.216.34/feed.xml', kind: 'feed', speaker: null, lang: null, pollMinutes: 30, fetchArticles: true, enabled: true };
    await createSourcePoller({ store, reference: reference(), logger: quietLogger(), clock, sources: () => [feed], fetch }).pollDue();
    expect(requested).toEqual(['https://93.184.216.34/feed.xml']);
    expect(store.statements.latest(5).items[0]?.text).toContain('Teaser of a link');
  });

  it('forgets a failing source once it is disabled, so it stops showing as failing', async () => {
    server.set('/bad.xml', { body: 'not a feed' });
    let sources = [source(server, 'Bad', '/bad.xml')];
    const p = createSourcePoller({ store, reference: reference(), logger: quietLogger(), clock, sources: () => sources });
    await p.pollDue();
    expect(store.sources.health().map((h) => h.name)).toEqual(['Bad']);
    sources = [{ ...sources[0] as FeedSourceConfig, enabled: false }];
    await p.pollDue();
    expect(store.sources.health()).toEqual([]);
    expect(store.catalog.failedSourcesSince(new Date(T0.getTime() + 1).toISOString())).toEqual([]);
  });

  it('a slow feed holds one slot, not the others: a feed due meanwhile is polled at once', async () => {
    server.set('/slow.xml', { delayMs: 1500, body: rssFeed([{ id: 's', url: 'https://slow.example/s', title: 'Slow', text: 'From the slow feed.' }]) });
    server.set('/fast.xml', { body: rssFeed([{ id: 'f', url: 'https://fast.example/f', title: 'Fast', text: 'From the fast feed.' }]) });
    let sources = [source(server, 'Slow', '/slow.xml')];
    const p = createSourcePoller({ store, reference: reference(), logger: quietLogger(), clock, sources: () => sources });
    const first = p.pollDue();
    while (!server.requests.some((r) => r.path === '/slow.xml')) await new Promise((r) => setTimeout(r, 10));
    sources = [...sources, source(server, 'Fast', '/fast.xml')];
    const second = await p.pollDue(); // the slow one is not queued twice, the fast one goes now
    expect(second.map((r) => r.source)).toEqual(['Fast']);
    const urls = () => store.statements.latest(10).items.map((s) => s.url);
    expect(urls()).toEqual(['https://fast.example/f']); // the slow feed is still being fetched
    expect((await first).map((r) => r.status)).toEqual(['updated']);
    expect(urls().sort()).toEqual(['https://fast.example/f', 'https://slow.example/s']);
  });

  it('stop() aborts a hanging fetch at once and does not count it as a failure', async () => {
    server.set('/hang.xml', { delayMs: 60_000, body: rssFeed([]) });
    const hang = [source(server, 'Hang', '/hang.xml')];
    const p = createSourcePoller({ store, reference: reference(), logger: quietLogger(), clock, sources: () => hang, limits: { timeoutMs: 30_000 } });
    const polling = p.pollDue();
    while (!server.requests.some((r) => r.path === '/hang.xml')) await new Promise((r) => setTimeout(r, 10));
    await p.stop(); // without the abort this waits out the 30 s fetch timeout, past the test's limit
    expect((await polling).map((r) => r.status)).toEqual(['cancelled']);
    expect(store.sources.get('Hang')).toMatchObject({ consecutiveFailures: 0, totalFailures: 0 });
    expect(await p.pollDue()).toEqual([]);
  }, 10_000);

  it('forgets the state of a source removed from the sources file', async () => {
    server.set('/a.xml', { body: rssFeed([{ id: 'x', url: 'https://a.example/x', title: 'A', text: 'Some text here.' }]) });
    let sources = [source(server, 'A', '/a.xml')];
    const p = createSourcePoller({ store, reference: reference(), logger: quietLogger(), clock, sources: () => sources });
    await p.pollDue();
    expect(store.sources.list().map((s) => s.name)).toEqual(['A']);
    sources = [];
    await p.pollDue();
    expect(store.sources.list()).toEqual([]);
  });
});

describe('retryDelayMs', () => {
  it('doubles from one minute, caps at the interval or an hour, and honours Retry-After', () => {
    expect(retryDelayMs(1, 30, null)).toBe(60_000);
    expect(retryDelayMs(3, 30, null)).toBe(4 * 60_000);
    expect(retryDelayMs(20, 30, null)).toBe(60 * 60_000);
    expect(retryDelayMs(20, 180, null)).toBe(180 * 60_000);
    expect(retryDelayMs(1, 30, 900)).toBe(900_000);
    expect(retryDelayMs(1, 30, 10 ** 9)).toBe(24 * 3600_000);
  });
});
