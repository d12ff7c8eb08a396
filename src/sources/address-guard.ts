// Article pages are fetched from links inside feeds, which the feed's publisher controls. A link
// to a loopback, private or link-local address (a cloud metadata endpoint, an admin panel) would
// make the bot fetch and then publish internal text. Such links are refused unless the feed itself
// lives on such an address (an operator's own test or intranet feed).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const INTERNAL = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::1', 128], ['::', 128], ['fc00::', 7], ['fe80::', 10]] as const) INTERNAL.addSubnet(net, prefix, 'ipv6');

function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  return INTERNAL.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** True when the URL's host is, or resolves to, an internal address. Unresolvable → false (the fetch fails anyway). */
export async function isInternalUrl(url: string): Promise<boolean> {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host)) return isInternalAddress(host);
  try {
    return (await lookup(host, { all: true })).some((a) => isInternalAddress(a.address));
  } catch {
    return false;
  }
}
