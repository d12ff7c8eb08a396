// A feed body (RSS 2.0, Atom, JSON Feed, RDF/RSS 1.0) → entries with a stable id, an absolute link,
// plain text and a day. feed-document.ts checks (and if need be repairs) the body, feedsmith reads
// the formats, feed-raw.ts maps them to one shape, and this file cleans each entry up.
import { createHash } from 'node:crypto';
import type { AnyFeed } from 'feedsmith';
import { parseFeed } from 'feedsmith';
import type { PartialDate } from '../corpus/types.ts';
import { htmlToText, httpUrl, looksLikeHtml, oneLine, plainToText } from '../corpus/html-text.ts';
import { FeedParseError, readFeedDocument } from './feed-document.ts';
import { firstFeedDate } from './feed-dates.ts';
import { feedBase, resolveBase, xmlBases } from './feed-links.ts';
import type { RawEntry } from './feed-raw.ts';
import { rawFeed } from './feed-raw.ts';

export { FeedParseError } from './feed-document.ts';

export interface FeedEntry {
  id: string;
  url: string | null;
  title: string | null;
  text: string;
  /** The UTC day of publication, or unknown. */
  published: PartialDate;
  author: string | null;
}

export interface ParseFeedOptions {
  /** The URL the body was finally fetched from: the last resort for relative links. */
  baseUrl?: string | null;
  /** Entries read from the body (the rest are cut before parsing). */
  maxEntries?: number;
  /** The body was cut at the size cap: its end is expected to be broken. */
  truncated?: boolean;
}

export interface ParsedFeed {
  title: string | null;
  entries: FeedEntry[];
  /** What was repaired or cut (empty for a clean body): said in source health. */
  notes: string[];
  recovered: boolean;
  /** Entries in the body, those cut before parsing included. */
  total: number;
}

/** More than any feed publishes at once; a body with more is cut before parsing. */
const DEFAULT_MAX_ENTRIES = 10_000;

function contentId(title: string | null, text: string): string {
  return `sha256:${createHash('sha256').update(JSON.stringify([title, text])).digest('hex')}`;
}

// Markup that is still markup after one decoding: HTML escaped twice by the feed's generator.
const STILL_MARKUP = /^\s*(?:<!--[\s\S]*?-->\s*)?<(?:p|div|span|a|br|img|table|ul|ol|h[1-6]|blockquote)\b[^>]*>[\s\S]*<\/?[a-z][a-z0-9]*\s*\/?>/i;

function htmlBodyText(html: string): string {
  const text = htmlToText(html);
  return STILL_MARKUP.test(text) ? htmlToText(text) : text;
}

function finishEntry(raw: RawEntry, base: string | null): FeedEntry | null {
  const title = raw.title.value ? oneLine(raw.title.value, raw.title.html) || null : null;
  let text = '';
  for (const body of raw.bodies) {
    text = body.value ? (body.html ? htmlBodyText(body.value) : plainToText(body.value)) : '';
    if (text) break; // an image-only content:encoded falls back to the description
  }
  if (!title && !text) return null;
  const url = raw.links.map((link) => httpUrl(link, base)).find((u) => u !== null) ?? null;
  const rawLink = raw.links.find((link) => link?.trim())?.trim();
  const author = raw.author ? oneLine(raw.author, false) || null : null;
  return {
    id: raw.id?.trim() || url || rawLink || contentId(title, text),
    url,
    title,
    text,
    published: firstFeedDate(raw.dates),
    author,
  };
}

/**
 * Entries of a feed body, in feed order; throws FeedParseError on a body that is not a feed (or
 * is too broken to repair). An id seen twice is two entries (the second keyed by id and link, or by
 * id, link and content when the link repeats too); the very same entry twice is kept once.
 */
export function parseFeedEntries(body: string, options: ParseFeedOptions = {}): ParsedFeed {
  const read = readFeedDocument(body, { maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES, truncated: options.truncated ?? false });
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(read.document);
  } catch (error) {
    throw new FeedParseError(`not an RSS, Atom, RDF or JSON feed (${(error as Error).message})`, { cause: error });
  }
  const raw = rawFeed(parsed);
  const bases = read.xml ? xmlBases(read.xml) : { feed: null, entries: [] };
  const base = feedBase(options.baseUrl ?? null, raw.self, raw.home, bases);
  // feedsmith lists entries in document order, as xmlBases does; a count mismatch (an entry
  // feedsmith skipped) makes per-entry bases unsafe, so the feed's base is used for all.
  const aligned = bases.entries.length === raw.raws.length;
  const entries: FeedEntry[] = [];
  const ids = new Set<string>();
  const copies = new Set<string>(); // id, link and content of every entry kept
  raw.raws.forEach((rawEntry, index) => {
    const entryBase = aligned && bases.entries[index] ? resolveBase(bases.entries[index], base) : base;
    const entry = finishEntry(rawEntry, entryBase);
    if (!entry) return;
    const pair = `${entry.id} ${entry.url ?? ''}`;
    const copy = `${pair} ${contentId(entry.title, entry.text)}`;
    if (copies.has(copy)) return; // the same entry listed twice
    copies.add(copy);
    // A repeated id is another entry: keyed by id and link, and by its content when the link is
    // shared too (podcasts that link every episode to the home page).
    if (ids.has(entry.id)) entry.id = entry.url !== null && !ids.has(pair) ? pair : copy;
    ids.add(entry.id);
    entries.push(entry);
  });
  const title = raw.title ? oneLine(raw.title, looksLikeHtml(raw.title)) || null : null;
  return { title, entries, notes: read.notes, recovered: read.recovered, total: Math.max(read.total ?? 0, raw.raws.length) };
}
