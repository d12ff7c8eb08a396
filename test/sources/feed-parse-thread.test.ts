// Feed parsing on a worker thread: the same result as on the calling thread, errors with the
// same reasons, a deadline that fails the parse (each queued parse gets its own), and the calling
// thread free while a big feed is parsed.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFeedEntries } from '../../src/sources/feed.ts';
import { createThreadFeedParser } from '../../src/sources/feed-parse-thread.ts';

const PODCAST = readFileSync(new URL('../fixtures/feeds/rss-parser/giantbomb-podcast.rss', import.meta.url), 'utf8');
const SAX = readFileSync(new URL('../fixtures/feeds/node-feedparser/saxerror.xml', import.meta.url), 'utf8');

describe('createThreadFeedParser', () => {
  // Every body goes to the thread here (no inline size), so the thread itself is what is tested.
  const parser = createThreadFeedParser(undefined, 0);
  afterAll(() => parser.close());

  it('returns what the inline parser returns, and its reasons for bodies that are not feeds', async () => {
    const options = { baseUrl: 'http://127.0.0.1:8080/feed.xml', maxEntries: 200 };
    expect(await parser.parse(SAX, options)).toEqual(parseFeedEntries(SAX, options));
    await expect(parser.parse('Service temporarily unavailable', options)).rejects.toThrow('Cannot parse feed: neither XML nor JSON');
  });

  it('leaves the calling thread free while a big feed is parsed', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const started = performance.now();
    const feed = await parser.parse(PODCAST, { maxEntries: 10_000 });
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(feed.entries).toHaveLength(730);
    // On the calling thread the interval could not fire at all until the parse ended.
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
  });

  it('a parse over its deadline fails the poll with a reason; the parses queued behind it still run', async () => {
    const hasty = createThreadFeedParser(1, 0);
    const first = hasty.parse(PODCAST, { maxEntries: 10_000 });
    const second = hasty.parse(SAX, {});
    await expect(first).rejects.toThrow('Cannot parse feed: parsing took longer than 1 ms');
    await expect(second).rejects.toThrow('Cannot parse feed: parsing took longer than 1 ms');
    await hasty.close();
  });

  it('parses a small body in place, so most feeds cost no thread hop', async () => {
    const hasty = createThreadFeedParser(1); // a deadline no thread could meet
    expect((await hasty.parse(SAX, {})).entries.length).toBe(3);
    await hasty.close();
  });
});
