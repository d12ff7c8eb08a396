// A feed body (RSS 2.0, Atom, JSON Feed, RDF/RSS 1.0) → entries with a stable id, a link, plain
// text and a day. feedsmith reads the formats; it is lenient about broken XML (a feed cut off
// mid-item parses as a shorter feed, and its last entry's text as truncated), so XML is checked
// for well-formedness first: a damaged body must fail the poll, not rewrite stored statements.
import { createHash } from 'node:crypto';
import { XMLValidator } from 'fast-xml-parser';
import type { AnyFeed, AtomFeed } from 'feedsmith';
import { parseFeed } from 'feedsmith';
import type { PartialDate } from '../corpus/types.ts';
import { firstFeedDate } from './feed-dates.ts';
import { htmlToText, httpUrl, looksLikeHtml, oneLine, plainToText } from '../corpus/html-text.ts';

export interface FeedEntry {
  id: string;
  url: string | null;
  title: string | null;
  text: string;
  /** The UTC day of publication, or unknown. */
  published: PartialDate;
  author: string | null;
}

export class FeedParseError extends Error {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`Cannot parse feed: ${detail}`, options);
    this.name = 'FeedParseError';
  }
}

type Maybe = string | null | undefined;

/** One entry as read from any format, before the shared clean-up. */
interface RawEntry {
  id: Maybe;
  links: Maybe[]; // in order of preference
  title: { value: Maybe; html: boolean };
  bodies: Array<{ value: Maybe; html: boolean }>; // content first, then summary
  dates: Maybe[];
  author: Maybe;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Atom text constructs: type html/xhtml (or an HTML media type) is markup, anything else is text. */
const isAtomHtml = (type: Maybe): boolean => /html/i.test(type ?? '');

/** RSS leaves the description's type open: markup when it has tags or entities, else plain text whose line breaks are the paragraphs. */
const markup = (value: unknown) => {
  const text = str(value);
  return { value: text, html: text !== undefined && looksLikeHtml(text) };
};

function atomLinks(links: AtomFeed.Link<string>[] | undefined): Maybe[] {
  const all = links ?? [];
  const alternate = all.filter((l) => !l.rel || l.rel === 'alternate');
  return [...alternate, ...all].map((l) => str(l.href));
}

function rawEntries(parsed: AnyFeed): { title: string | null; base: Maybe; raws: RawEntry[] } {
  switch (parsed.format) {
    case 'rss': {
      const f = parsed.feed;
      const raws = (f.items ?? []).map((item): RawEntry => {
        const permalink = item.guid && item.guid.isPermaLink !== false ? item.guid.value : undefined;
        return {
          id: str(item.guid?.value),
          links: [str(item.link), str(permalink), str(item.atom?.links?.[0]?.href)],
          title: { value: str(item.title), html: looksLikeHtml(item.title ?? '') },
          bodies: [markup(item.content?.encoded), markup(item.description)],
          dates: [str(item.pubDate), str(item.dc?.dates?.[0]), str(item.atom?.published), str(item.atom?.updated)],
          author: item.dc?.creators?.[0] ?? item.authors?.[0]?.name ?? item.authors?.[0]?.email,
        };
      });
      return { title: str(f.title) ?? null, base: str(f.link), raws };
    }
    case 'atom': {
      const f = parsed.feed;
      const raws = (f.entries ?? []).map((entry): RawEntry => ({
        id: str(entry.id),
        links: atomLinks(entry.links),
        title: { value: str(entry.title?.value), html: isAtomHtml(entry.title?.type) },
        bodies: [
          // Content given only by reference (src=…) has no text here; the summary stands in.
          { value: entry.content?.src ? undefined : str(entry.content?.value), html: isAtomHtml(entry.content?.type) },
          { value: str(entry.summary?.value), html: isAtomHtml(entry.summary?.type) },
        ],
        dates: [str(entry.published), str(entry.updated), str(entry.dc?.dates?.[0])],
        author: entry.authors?.[0]?.name,
      }));
      return { title: str(f.title?.value) ?? null, base: atomLinks(f.links)[0], raws };
    }
    case 'json': {
      const f = parsed.feed;
      const raws = (f.items ?? []).map((item): RawEntry => ({
        id: item.id === undefined || item.id === null ? undefined : String(item.id),
        links: [str(item.url), str(item.external_url)],
        title: { value: str(item.title), html: false },
        bodies: [
          { value: str(item.content_html), html: true },
          { value: str(item.content_text), html: false },
          { value: str(item.summary), html: false },
        ],
        dates: [str(item.date_published), str(item.date_modified)],
        author: item.authors?.[0]?.name,
      }));
      return { title: str(f.title) ?? null, base: str(f.home_page_url), raws };
    }
    case 'rdf': {
      const f = parsed.feed;
      const raws = (f.items ?? []).map((item): RawEntry => ({
        id: str(item.rdf?.about),
        links: [str(item.link), str(item.rdf?.about)],
        title: { value: str(item.title), html: looksLikeHtml(item.title ?? '') },
        bodies: [markup(item.content?.encoded), markup(item.description)],
        dates: [str(item.dc?.dates?.[0]), str(item.dcterms?.modified?.[0])],
        author: item.dc?.creators?.[0],
      }));
      return { title: str(f.title) ?? null, base: str(f.link), raws };
    }
  }
}

function contentId(title: string | null, text: string): string {
  return `sha256:${createHash('sha256').update(JSON.stringify([title, text])).digest('hex')}`;
}

function finishEntry(raw: RawEntry, base: Maybe): FeedEntry | null {
  const title = raw.title.value ? oneLine(raw.title.value, raw.title.html) || null : null;
  let text = '';
  for (const body of raw.bodies) {
    text = body.value ? (body.html ? htmlToText(body.value) : plainToText(body.value)) : '';
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

/** Rejects what is not a feed document before feedsmith sees it, with a reason a person can act on. */
function readDocument(body: string): unknown {
  const text = body.replace(/^\uFEFF/, '').trimStart();
  if (text === '') throw new FeedParseError('the body is empty');
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new FeedParseError(`not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  if (!text.startsWith('<')) throw new FeedParseError('neither XML nor JSON');
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(text)) throw new FeedParseError('an HTML page, not a feed');
  const check = XMLValidator.validate(text);
  if (check !== true) throw new FeedParseError(`malformed XML at line ${check.err.line}: ${check.err.msg}`);
  return text;
}

/** Entries of a feed body, in feed order; throws FeedParseError on a body that is not a feed. */
export function parseFeedEntries(body: string): { title: string | null; entries: FeedEntry[] } {
  const document = readDocument(body);
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(document);
  } catch (error) {
    throw new FeedParseError(`not an RSS, Atom, RDF or JSON feed (${(error as Error).message})`, { cause: error });
  }
  const { title, base, raws } = rawEntries(parsed);
  const entries: FeedEntry[] = [];
  const seen = new Set<string>();
  for (const raw of raws) {
    const entry = finishEntry(raw, base);
    // A feed that repeats an id lists one entry twice; the first (newest, in feed order) wins.
    if (!entry || seen.has(entry.id)) continue;
    seen.add(entry.id);
    entries.push(entry);
  }
  return { title: title ? oneLine(title, looksLikeHtml(title)) || null : null, entries };
}
