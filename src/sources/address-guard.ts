// Every hop of every feed and page fetch goes through this guard. A feed's publisher controls its
// redirects and links: one pointing at loopback, a private network, a cloud metadata endpoint or
// another service on the bot's machine would make the bot fetch internal text and show it to users.
// The guard resolves a host once and the connection is pinned to the address it checked, so a DNS
// answer that changes between the check and the connect (rebinding) cannot slip through.
// An operator's own feed on an internal address (a test or intranet feed, given as an IP literal
// or localhost) is allowed, and only that origin: its redirects elsewhere are checked like any other.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

export type LookupAll = (host: string) => Promise<Array<{ address: string; family: number }>>;

const BLOCKED = new BlockList();
const V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], ['198.51.100.0', 24], ['203.0.113.0', 24], // documentation
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];
const V6: Array<[string, number]> = [
  ['::', 128], ['::1', 128], // unspecified, loopback
  ['::', 96], // IPv4-compatible (deprecated): ::a.b.c.d
  ['64:ff9b::', 96], ['64:ff9b:1::', 48], // NAT64: reaches IPv4 (internal ones included) through a translator
  ['2002::', 16], // 6to4: an IPv4 address inside
  ['2001::', 32], // Teredo
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard
  ['fc00::', 7], // unique local
  ['fe80::', 10], ['fec0::', 10], // link-local, site-local
  ['ff00::', 8], // multicast
];
for (const [net, prefix] of V4) BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of V6) BLOCKED.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d or ::ffff:7f00:1), else null. */
function mappedIpv4(address: string): string | null {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted) return dotted;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const hi = Number.parseInt(hex[1] ?? '0', 16);
  const lo = Number.parseInt(hex[2] ?? '0', 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** True for every address the bot must not fetch from (see the ranges above). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse
  const mapped = mappedIpv4(address);
  if (mapped) return BLOCKED.check(mapped, 'ipv4');
  return BLOCKED.check(address, 'ipv6');
}

export class AddressRefusedError extends Error {
  override name = 'AddressRefusedError';
}

export interface AddressGuard {
  /** The checked address to connect to for this URL; throws AddressRefusedError when it is not allowed. */
  pin(url: URL): Promise<PinnedAddress>;
}

export interface GuardOptions {
  /** The configured feed URL: when it is itself on an internal IP literal (or localhost), that one origin is allowed. */
  feedUrl?: string;
  /** Resolves a host to all its addresses (tests give their own; default: the system resolver). */
  lookup?: LookupAll;
  /** Which addresses are refused (tests may stand in another address for a public one). */
  isBlocked?: (address: string) => boolean;
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
const isLocalhost = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost');
const familyOf = (address: string): 4 | 6 => (isIP(address) === 6 ? 6 : 4);

/** "http://127.0.0.1:8080" for an internal literal feed URL, else null (a DNS name is never trusted). */
function trustedOrigin(feedUrl: string | undefined, isBlocked: (a: string) => boolean): string | null {
  if (!feedUrl) return null;
  try {
    const url = new URL(feedUrl);
    const host = hostOf(url);
    return isLocalhost(host) || (isIP(host) !== 0 && isBlocked(host)) ? url.origin : null;
  } catch {
    return null;
  }
}

export function createAddressGuard(options: GuardOptions = {}): AddressGuard {
  const isBlocked = options.isBlocked ?? isBlockedAddress;
  const resolveAll: LookupAll = options.lookup ?? ((host) => dnsLookup(host, { all: true, verbatim: true }));
  const trusted = trustedOrigin(options.feedUrl, isBlocked);
  return {
    async pin(url) {
      const host = hostOf(url);
      const allowedInternal = trusted !== null && url.origin === trusted;
      if (isLocalhost(host)) {
        if (!allowedInternal) throw new AddressRefusedError(`${host} is this machine`);
        return { address: '127.0.0.1', family: 4 };
      }
      if (isIP(host)) {
        if (isBlocked(host) && !allowedInternal) throw new AddressRefusedError(`${host} is an internal address`);
        return { address: host, family: familyOf(host) };
      }
      let addresses: Array<{ address: string; family: number }>;
      try {
        addresses = await resolveAll(host);
      } catch (error) {
        throw new AddressRefusedError(`cannot resolve ${host}: ${(error as { code?: string }).code ?? 'lookup failed'}`);
      }
      // Every answer is checked, not only the first: a name with one public and one internal
      // address is refused, whichever the connection would have picked.
      const first = addresses[0];
      if (!first) throw new AddressRefusedError(`cannot resolve ${host}: no address`);
      const bad = addresses.find((a) => isBlocked(a.address));
      if (bad && !allowedInternal) throw new AddressRefusedError(`${host} resolves to an internal address (${bad.address})`);
      return { address: first.address, family: familyOf(first.address) };
    },
  };
}
