// S1: every hop of every feed fetch goes through the address guard, the connection is pinned to
// the address that was checked, and the guard's ranges are complete (each tested on its own).
import { afterEach, describe, expect, it } from 'vitest';
import { createAddressGuard, isBlockedAddress } from '../../src/sources/address-guard.ts';
import { fetchWithLimits } from '../../src/sources/fetch.ts';
import { createSourcePoller } from '../../src/sources/poller.ts';
import type { SourceConfig } from '../../src/sources/sources-file.ts';
import { quietLogger } from '../helpers/digest-fixture.ts';
import { rssFeed } from '../helpers/feed-fixtures.ts';
import type { FeedServer } from '../helpers/feed-server.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { memoryStore, reference } from '../helpers/store.ts';

const BLOCKED: Array<[string, string]> = [
  ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback /8'], ['0.0.0.0', 'this network'], ['10.1.2.3', 'private 10/8'],
  ['172.16.0.1', 'private 172.16/12'], ['172.31.255.255', 'private 172.16/12 end'], ['192.168.1.1', 'private 192.168/16'],
  ['100.64.0.1', 'carrier-grade NAT'], ['169.254.169.254', 'link-local / cloud metadata'], ['192.0.0.8', 'IETF assignments'],
  ['198.18.0.1', 'benchmarking 198.18/15'], ['198.19.255.255', 'benchmarking 198.18/15 end'], ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast (SSDP)'], ['240.0.0.1', 'reserved'], ['255.255.255.255', 'broadcast'], ['192.0.2.1', 'documentation'],
  ['::1', 'IPv6 loopback'], ['::', 'IPv6 unspecified'], ['::ffff:127.0.0.1', 'IPv4-mapped loopback'], ['::ffff:7f00:1', 'IPv4-mapped loopback (hex)'],
  ['::ffff:169.254.169.254', 'IPv4-mapped metadata'], ['::127.0.0.1', 'IPv4-compatible'], ['::a9fe:a9fe', 'IPv4-compatible (hex)'],
  ['64:ff9b::7f00:1', 'NAT64 of 127.0.0.1'], ['64:ff9b::a9fe:a9fe', 'NAT64 of metadata'], ['64:ff9b:1::1', 'local-use NAT64'],
  ['2002:7f00:1::1', '6to4 of 127.0.0.1'], ['2002:c0a8:101::1', '6to4 of 192.168.1.1'], ['2001:0:4136:e378::1', 'Teredo'],
  ['fc00::1', 'unique local'], ['fd12:3456::1', 'unique local fd'], ['fe80::1', 'link-local'], ['fec0::1', 'site-local'],
  ['ff02::1', 'multicast'], ['2001:db8::1', 'documentation'], ['100::1', 'discard'], ['not-an-ip', 'not an address'],
];
const ALLOWED = ['93.184.216.34', '8.8.8.8', '1.1.1.1', '198.20.0.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8'];

describe('S1: the address guard', () => {
  it.each(BLOCKED)('refuses %s (%s)', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });
  it.each(ALLOWED)('allows the public address %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it('refuses a name with any internal answer, localhost, and internal literals; trusts only an internal feed\'s own origin', async () => {
    const lookup = async (host: string) => (host === 'mixed.test' ? [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }] : [{ address: '93.184.216.34', family: 4 }]);
    const guard = createAddressGuard({ lookup });
    await expect(guard.pin(new URL('http://mixed.test/x'))).rejects.toThrow(/internal address \(10\.0\.0\.5\)/);
    await expect(guard.pin(new URL('http://localhost:8080/'))).rejects.toThrow(/this machine/);
    await expect(guard.pin(new URL('http://[::ffff:127.0.0.1]/'))).rejects.toThrow(/internal/);
    await expect(guard.pin(new URL('http://public.test/'))).resolves.toEqual({ address: '93.184.216.34', family: 4 });
    const local = createAddressGuard({ feedUrl: 'http://127.0.0.1:8080/feed.xml', lookup });
    await expect(local.pin(new URL('http://127.0.0.1:8080/page'))).resolves.toEqual({ address: '127.0.0.1', family: 4 });
    await expect(local.pin(new URL('http://127.0.0.1:8081/admin'))).rejects.toThrow(/internal/);
    await expect(local.pin(new URL('http://169.254.169.254/latest/meta-data'))).rejects.toThrow(/internal/);
  });
});

describe('S1: feeds', () => {
  const servers: FeedServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it('a feed redirecting to another internal service is refused at the hop; nothing from it is stored', async () => {
    const feed = await startFeedServer();
    const internal = await startFeedServer();
    servers.push(feed, internal);
    internal.set('/secret.xml', { body: rssFeed([{ id: 'x', url: 'https://example.org/x', title: 'Internal', text: 'Internal admin secret token list.' }]) });
    feed.set('/feed.xml', { redirectTo: internal.url('/secret.xml'), status: 302 });
    const store = memoryStore();
    const source: SourceConfig = { name: 'Redirecting', url: feed.url('/feed.xml'), kind: 'feed', speaker: null, lang: null, pollMinutes: 30, fetchArticles: false, enabled: true };
    const [result] = await createSourcePoller({ store, reference: reference(), logger: quietLogger(), clock: () => new Date('2026-11-23T08:00:00Z'), sources: () => [source], limits: { timeoutMs: 2000 } }).pollDue();
    expect(result?.status).toBe('failed');
    expect(result?.error).toMatch(/address not allowed/);
    expect(internal.requests).toHaveLength(0);
    expect(store.statements.search('secret token', 5).items).toEqual([]);
    store.close();
  });

  it('resolves once per hop and connects to the checked address (DNS rebinding cannot reach the internal one)', async () => {
    // 127.0.0.2 stands in for a public address; the rebinding name answers it first, then 127.0.0.1.
    const publicSide = await startFeedServer('127.0.0.2');
    const port = Number(new URL(publicSide.url('/')).port);
    const internalSide = await startFeedServer('127.0.0.1', port).catch(() => null);
    servers.push(publicSide, ...(internalSide ? [internalSide] : []));
    publicSide.set('/feed.xml', { body: rssFeed([{ id: 'p', url: 'https://example.org/p', title: 'Public', text: 'Public text.' }]) });
    publicSide.set('/hop', { redirectTo: `http://rebind.test:${port}/feed.xml`, status: 302 });
    internalSide?.set('/feed.xml', { body: 'internal' });
    const answers: string[] = [];
    const lookup = async () => {
      const address = answers.length === 0 ? '127.0.0.2' : '127.0.0.1';
      answers.push(address);
      return [{ address, family: 4 }];
    };
    const guard = createAddressGuard({ lookup, isBlocked: (a) => a !== '127.0.0.2' && isBlockedAddress(a) });
    const outcome = await fetchWithLimits(`http://rebind.test:${port}/feed.xml`, { etag: null, lastModified: null }, { guard, timeoutMs: 2000 });
    expect(outcome.status === 'ok' && outcome.body).toContain('Public text.');
    expect(answers).toEqual(['127.0.0.2']);
    // The next request's name now answers 127.0.0.1: the hop is refused, nothing reaches it.
    const hop = await fetchWithLimits(`http://127.0.0.2:${port}/hop`, { etag: null, lastModified: null }, { guard, timeoutMs: 2000 }).catch((e: Error) => e);
    expect((hop as Error).message).toMatch(/address not allowed: rebind\.test/);
    expect(internalSide?.requests ?? []).toHaveLength(0);
  });
});
