import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, fetchWithLimits, parseRetryAfter } from '../../src/sources/fetch.ts';
import type { FetchOutcome } from '../../src/sources/fetch.ts';
import { rssFeed } from '../helpers/feed-fixtures.ts';
import type { FeedServer } from '../helpers/feed-server.ts';
import { startFeedServer } from '../helpers/feed-server.ts';

const NO_VALIDATORS = { etag: null, lastModified: null };
const FEED = rssFeed([{ id: 'a', url: 'https://example.org/a', title: 'A statement', text: 'Text.', date: '2026-03-01T10:00:00Z' }]);

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

/** The FetchError a call rejects with (fails the test when it resolves or throws anything else). */
async function fetchError(promise: Promise<FetchOutcome>): Promise<FetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

const requestsTo = (path: string) => server.requests.filter((r) => r.path === path);

describe('fetchWithLimits: conditional GET', () => {
  it('returns the body, content type and both validators on 200', async () => {
    server.set('/feed.xml', { body: FEED, etag: '"v1"', lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT' });
    const outcome = await fetchWithLimits(server.url('/feed.xml'), NO_VALIDATORS);
    expect(outcome).toEqual({
      status: 'ok',
      body: FEED,
      contentType: 'application/xml; charset=utf-8',
      finalUrl: server.url('/feed.xml'),
      validators: { etag: '"v1"', lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT' },
    });
    const sent = requestsTo('/feed.xml').at(-1)?.headers;
    expect(sent?.['user-agent']).toBe('StatementDigest/0.1 (+feed reader)');
    expect(sent?.['if-none-match']).toBeUndefined();
  });

  it('sends the validators on the next GET and reports not-modified on 304', async () => {
    server.set('/cond.xml', { body: FEED, etag: '"v2"', lastModified: 'Mon, 02 Mar 2026 08:00:00 GMT' });
    const first = await fetchWithLimits(server.url('/cond.xml'), NO_VALIDATORS);
    if (first.status !== 'ok') throw new Error('expected a body on the first GET');
    const second = await fetchWithLimits(server.url('/cond.xml'), first.validators);
    expect(second).toEqual({ status: 'not-modified', finalUrl: server.url('/cond.xml') });
    const sent = requestsTo('/cond.xml').at(-1)?.headers;
    expect(sent?.['if-none-match']).toBe('"v2"');
    expect(sent?.['if-modified-since']).toBe('Mon, 02 Mar 2026 08:00:00 GMT');
  });

  it('uses Last-Modified alone when the server sends no ETag, and refetches when the feed changed', async () => {
    server.set('/lm.xml', { body: FEED, lastModified: 'Tue, 03 Mar 2026 08:00:00 GMT' });
    const validators = { etag: null, lastModified: 'Tue, 03 Mar 2026 08:00:00 GMT' };
    expect((await fetchWithLimits(server.url('/lm.xml'), validators)).status).toBe('not-modified');
    server.set('/lm.xml', { body: `${FEED}\n`, lastModified: 'Wed, 04 Mar 2026 08:00:00 GMT' });
    const changed = await fetchWithLimits(server.url('/lm.xml'), validators);
    expect(changed.status === 'ok' && changed.validators.lastModified).toBe('Wed, 04 Mar 2026 08:00:00 GMT');
  });
});

describe('fetchWithLimits: limits', () => {
  it('fails with "timed out" when headers come later than the deadline', async () => {
    server.set('/slow.xml', { body: FEED, delayMs: 10_000 });
    const started = Date.now();
    const error = await fetchError(fetchWithLimits(server.url('/slow.xml'), NO_VALIDATORS, { timeoutMs: 300 }));
    expect(error.reason).toBe('timed out after 300 ms');
    expect(error.message).toBe(`Cannot fetch ${server.url('/slow.xml')}: timed out after 300 ms`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('counts the body in the deadline: a body that stalls after the headers times out', async () => {
    server.set('/stall.xml', { body: FEED, hangMs: 10_000 });
    const started = Date.now();
    const error = await fetchError(fetchWithLimits(server.url('/stall.xml'), NO_VALIDATORS, { timeoutMs: 400 }));
    expect(error.reason).toMatch(/^timed out/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops reading an endless body at the cap and closes the connection', async () => {
    const huge = 512 * 1024 * 1024;
    server.set('/huge.xml', { hugeBytes: huge });
    const error = await fetchError(fetchWithLimits(server.url('/huge.xml'), NO_VALIDATORS, { maxBytes: 1024 * 1024 }));
    expect(error.reason).toBe(`body over ${1024 * 1024} bytes`);
    // Read to the end (or left streaming), the response would not settle within these seconds.
    const gaveUp = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000));
    const served = await Promise.race([requestsTo('/huge.xml').at(-1)?.finished, gaveUp]);
    expect(served?.completed).toBe(false);
    expect(served?.bytesSent).toBeLessThan(64 * 1024 * 1024); // socket buffers, not the 512 MB
  });

  it('refuses a declared Content-Length over the cap before reading, and accepts a body of exactly the cap', async () => {
    // Half the body, then a stall: only the up-front Content-Length check fails this fast with "body over".
    server.set('/declared.xml', { body: 'x'.repeat(2000), hangMs: 10_000 });
    const error = await fetchError(fetchWithLimits(server.url('/declared.xml'), NO_VALIDATORS, { maxBytes: 1500, timeoutMs: 3_000 }));
    expect(error.reason).toBe('body over 1500 bytes');
    server.set('/big.xml', { body: 'x'.repeat(2000) });
    expect((await fetchError(fetchWithLimits(server.url('/big.xml'), NO_VALIDATORS, { maxBytes: 1999 }))).reason).toBe('body over 1999 bytes');
    const exact = await fetchWithLimits(server.url('/big.xml'), NO_VALIDATORS, { maxBytes: 2000 });
    expect(exact.status === 'ok' && exact.body.length).toBe(2000);
  });
});

describe('fetchWithLimits: redirects', () => {
  it('follows a relative redirect to a feed and reports the final URL', async () => {
    server.set('/old/feed', { redirectTo: '../new/feed.xml', status: 301 });
    server.set('/new/feed.xml', { body: FEED });
    const outcome = await fetchWithLimits(server.url('/old/feed'), NO_VALIDATORS);
    expect(outcome.status).toBe('ok');
    expect(outcome.finalUrl).toBe(server.url('/new/feed.xml'));
  });

  it('stops a redirect loop with "too many redirects" after a few requests', async () => {
    server.set('/loop-a', { redirectTo: '/loop-b' });
    server.set('/loop-b', { redirectTo: '/loop-a' });
    const error = await fetchError(fetchWithLimits(server.url('/loop-a'), NO_VALIDATORS));
    expect(error.reason).toBe('too many redirects');
    expect(requestsTo('/loop-a').length + requestsTo('/loop-b').length).toBeLessThanOrEqual(3); // stopped at the first repeat, not after 5 hops
  });

  it('follows at most maxRedirects hops', async () => {
    server.set('/hop1', { redirectTo: '/hop2' });
    server.set('/hop2', { redirectTo: '/hop3' });
    server.set('/hop3', { body: FEED });
    const error = await fetchError(fetchWithLimits(server.url('/hop1'), NO_VALIDATORS, { maxRedirects: 1 }));
    expect(error.reason).toBe('too many redirects');
    expect((await fetchWithLimits(server.url('/hop1'), NO_VALIDATORS, { maxRedirects: 2 })).finalUrl).toBe(server.url('/hop3'));
  });

  it('refuses a redirect to a non-http scheme', async () => {
    server.set('/to-file', { redirectTo: 'file:///etc/passwd' });
    const error = await fetchError(fetchWithLimits(server.url('/to-file'), NO_VALIDATORS));
    expect(error.reason).toBe('redirect to unsupported scheme file:');
  });
});

describe('fetchWithLimits: failures', () => {
  it('turns a 500 into FetchError "HTTP 500" with the status', async () => {
    server.set('/error.xml', { status: 500, body: 'boom' });
    const error = await fetchError(fetchWithLimits(server.url('/error.xml'), NO_VALIDATORS));
    expect(error.message).toBe(`Cannot fetch ${server.url('/error.xml')}: HTTP 500`);
    expect([error.reason, error.status, error.retryAfterSeconds]).toEqual(['HTTP 500', 500, null]);
  });

  it('reads Retry-After from 503 and 429', async () => {
    server.set('/busy.xml', { status: 503, headers: { 'retry-after': '120' } });
    expect((await fetchError(fetchWithLimits(server.url('/busy.xml'), NO_VALIDATORS))).retryAfterSeconds).toBe(120);
    server.set('/limited.xml', { status: 429, headers: { 'retry-after': new Date(Date.now() + 600_000).toUTCString() } });
    const limited = await fetchError(fetchWithLimits(server.url('/limited.xml'), NO_VALIDATORS));
    expect(limited.retryAfterSeconds).toBeGreaterThan(500);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(600);
  });

  it('parses Retry-After seconds and dates against the given now', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startFeedServer();
    const url = closed.url('/feed.xml');
    await closed.close();
    const error = await fetchError(fetchWithLimits(url, NO_VALIDATORS));
    expect(error.reason).toBe('network error: ECONNREFUSED');
  });

  it('refuses non-http URLs and keeps credentials out of the message', async () => {
    expect((await fetchError(fetchWithLimits('ftp://127.0.0.1/feed', NO_VALIDATORS))).reason).toBe('unsupported scheme ftp:');
    expect((await fetchError(fetchWithLimits('not a url', NO_VALIDATORS))).reason).toBe('invalid URL');
    const withSecret = await fetchError(fetchWithLimits('http://user:s3cret@127.0.0.1:1/feed', NO_VALIDATORS));
    expect(withSecret.message).not.toContain('s3cret');
  });
});

describe('fetchWithLimits: character sets', () => {
  const cyrillic = 'Заява Президента';

  it('decodes the charset named in Content-Type', async () => {
    const cp1251 = Buffer.from([0xc7, 0xe0, 0xff, 0xe2, 0xe0]); // "Заява" in windows-1251
    server.set('/cp1251.xml', { body: cp1251, headers: { 'content-type': 'application/rss+xml; charset=Windows-1251' } });
    const outcome = await fetchWithLimits(server.url('/cp1251.xml'), NO_VALIDATORS);
    expect(outcome.status === 'ok' && outcome.body).toBe('Заява');
    server.set('/latin1.xml', { body: Buffer.from('café', 'latin1'), headers: { 'content-type': 'text/xml; charset=ISO-8859-1' } });
    const latin = await fetchWithLimits(server.url('/latin1.xml'), NO_VALIDATORS);
    expect(latin.status === 'ok' && latin.body).toBe('café');
  });

  it('falls back to the XML declaration, then to UTF-8 for an unknown charset', async () => {
    const declared = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1251"?><t>'), Buffer.from([0xc7, 0xe0, 0xff, 0xe2, 0xe0]), Buffer.from('</t>')]);
    server.set('/prolog.xml', { body: declared, headers: { 'content-type': 'application/xml' } });
    const outcome = await fetchWithLimits(server.url('/prolog.xml'), NO_VALIDATORS);
    expect(outcome.status === 'ok' && outcome.body).toContain('<t>Заява</t>');
    server.set('/unknown.xml', { body: Buffer.from(cyrillic), headers: { 'content-type': 'text/xml; charset=x-made-up' } });
    const unknown = await fetchWithLimits(server.url('/unknown.xml'), NO_VALIDATORS);
    expect(unknown.status === 'ok' && unknown.body).toBe(cyrillic);
  });

  it('reads an HTML page charset from <meta charset> when the header has none', async () => {
    const page = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1251"><title>'), Buffer.from([0xc7, 0xe0, 0xff, 0xe2, 0xe0]), Buffer.from('</title></head></html>')]);
    server.set('/page-1251.html', { body: page, headers: { 'content-type': 'text/html' } });
    const outcome = await fetchWithLimits(server.url('/page-1251.html'), NO_VALIDATORS);
    expect(outcome.status === 'ok' && outcome.body).toContain('<title>Заява</title>');
    const equiv = Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><p>'), Buffer.from([0xc7, 0xe0, 0xff, 0xe2, 0xe0]), Buffer.from('</p>')]);
    server.set('/page-equiv.html', { body: equiv, headers: { 'content-type': 'text/html' } });
    const second = await fetchWithLimits(server.url('/page-equiv.html'), NO_VALIDATORS);
    expect(second.status === 'ok' && second.body).toContain('<p>Заява</p>');
  });
});

describe('fetchWithLimits: allowUrl', () => {
  it('asks before every hop, so a redirect to a refused address is never requested', async () => {
    server.set('/public-link', { redirectTo: '/internal-secret', status: 302 });
    server.set('/internal-secret', { body: 'secret admin page' });
    const error = await fetchWithLimits(server.url('/public-link'), NO_VALIDATORS, { allowUrl: async (url) => !url.includes('internal') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).reason).toMatch(/^address not allowed/);
    expect(server.requests.some((r) => r.path === '/internal-secret')).toBe(false);
    expect(server.requests.some((r) => r.path === '/public-link')).toBe(true);
  });
});
