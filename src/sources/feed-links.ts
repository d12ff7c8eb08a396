// Where a feed's relative links point. XML says a relative reference resolves against xml:base
// (on the entry, else on the root or channel), and failing that against the document's own
// address: the feed's self link when it gives one, else its site link, else the URL it was finally
// fetched from. A relative link with none of these is unknown, never guessed.
import { httpUrl } from '../corpus/html-text.ts';

export interface XmlBases {
  /** xml:base on the root element or the RSS channel. */
  feed: string | null;
  /** xml:base of each entry element (<item>, <entry>), in document order. */
  entries: Array<string | null>;
}

const XML_BASE = /\sxml:base\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const START_TAG = /<((?:[A-Za-z][\w.-]*:)?(?:rss|feed|channel|RDF|item|entry))(\s(?:[^>"']|"[^"]*"|'[^']*')*)?\/?>/g;

/** xml:base attributes of the feed and its entries; CDATA and comments are skipped. */
export function xmlBases(xml: string): XmlBases {
  const text = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  const bases: XmlBases = { feed: null, entries: [] };
  for (const m of text.matchAll(START_TAG)) {
    const name = (m[1] ?? '').replace(/^.*:/, '');
    const attr = XML_BASE.exec(m[2] ?? '');
    const base = attr ? (attr[1] ?? attr[2] ?? '').trim() || null : null;
    if (name === 'item' || name === 'entry') bases.entries.push(base);
    else if (base) bases.feed = bases.feed ? resolveBase(base, bases.feed) : base;
  }
  return bases;
}

/** `ref` against `base`, kept only when the result is an http(s) URL. */
export function resolveBase(ref: string | null | undefined, base: string | null | undefined): string | null {
  return httpUrl(ref, base ?? null) ?? (base ? httpUrl(base, null) : null);
}

/**
 * The base for the feed's entries: its xml:base, resolved against the feed's own address — its
 * self link (resolved against the fetched URL), else its site link when that is absolute (a feed
 * served from a CDN or a copy still links relative to its site), else the fetched URL.
 */
export function feedBase(fetchedUrl: string | null, self: string | null | undefined, home: string | null | undefined, bases: XmlBases): string | null {
  const fetched = fetchedUrl ? httpUrl(fetchedUrl, null) : null;
  const stated = self?.trim() ? httpUrl(self, fetched) : null;
  const document = stated ?? httpUrl(home, null) ?? fetched ?? httpUrl(home, fetched);
  return bases.feed ? resolveBase(bases.feed, document) : document;
}
