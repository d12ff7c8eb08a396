// feedsmith's four result shapes (RSS, Atom, JSON Feed, RDF) → one raw entry shape, in feed order,
// with the feed-level links a relative link may be resolved against.
import type { AnyFeed, AtomFeed } from 'feedsmith';
import { looksLikeHtml } from '../corpus/html-text.ts';

export type Maybe = string | null | undefined;

/** One entry as read from any format, before the shared clean-up. */
export interface RawEntry {
  id: Maybe;
  links: Maybe[]; // in order of preference
  title: { value: Maybe; html: boolean };
  bodies: Array<{ value: Maybe; html: boolean }>; // content first, then summary
  dates: Maybe[];
  author: Maybe;
}

export interface RawFeed {
  title: string | null;
  /** The feed's own address as it states it (Atom or atom:link rel="self", JSON feed_url). */
  self: Maybe;
  /** The site's address (RSS channel link, Atom alternate, JSON home_page_url). */
  home: Maybe;
  raws: RawEntry[];
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
  return [...alternate, ...all.filter((l) => l.rel !== 'self' && !alternate.includes(l))].map((l) => str(l.href));
}

const selfLink = (links: AtomFeed.Link<string>[] | undefined): Maybe => str(links?.find((l) => l.rel === 'self')?.href);

export function rawFeed(parsed: AnyFeed): RawFeed {
  switch (parsed.format) {
    case 'rss': {
      const f = parsed.feed;
      const raws = (f.items ?? []).map((item): RawEntry => {
        const permalink = item.guid && item.guid.isPermaLink !== false ? item.guid.value : undefined;
        return {
          id: str(item.guid?.value),
          links: [str(item.link), str(permalink), ...atomLinks(item.atom?.links)],
          title: { value: str(item.title), html: looksLikeHtml(item.title ?? '') },
          bodies: [markup(item.content?.encoded), markup(item.description)],
          dates: [str(item.pubDate), str(item.dc?.dates?.[0]), str(item.atom?.published), str(item.atom?.updated)],
          author: item.dc?.creators?.[0] ?? item.authors?.[0]?.name ?? item.authors?.[0]?.email,
        };
      });
      return { title: str(f.title) ?? null, self: selfLink(f.atom?.links), home: str(f.link), raws };
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
      return { title: str(f.title?.value) ?? null, self: selfLink(f.links), home: atomLinks(f.links)[0], raws };
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
      return { title: str(f.title) ?? null, self: str(f.feed_url), home: str(f.home_page_url), raws };
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
      return { title: str(f.title) ?? null, self: undefined, home: str(f.link), raws };
    }
  }
}
