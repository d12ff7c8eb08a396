// An HTML article page (a saved .html file, or a page a feed links to) → the same documents and
// statements a .txt article gives: Readability finds the article, the text pipeline attributes quotes.
import type { Readability } from '@mozilla/readability';
import { parseHTML, readabilityClass } from './dom.ts';
import type { ActorMatcher } from './actors.ts';
import { parseIsoDate, parseWrittenDate } from './dates.ts';
import { parseTextDocument } from './documents.ts';
import { httpUrl, nodeToText } from './html-text.ts';
import type { DocumentMeta } from './metadata.ts';
import type { ParseResult, PartialDate } from './types.ts';
import { UNKNOWN_DATE } from './types.ts';

/** Below this much text Readability has found a teaser, a menu or an error page, not an article. */
export const MIN_ARTICLE_CHARS = 200;

export interface HtmlPageOptions {
  /** Where the page was fetched from, when it was. */
  url?: string | null;
}

type Doc = ReturnType<typeof parseHTML>['document'];

function attribute(document: Doc, selector: string, name: string): string | null {
  return document.querySelector(selector)?.getAttribute(name)?.trim() || null;
}

/** The first datePublished anywhere in the page's JSON-LD blocks (objects, arrays, @graph). */
function jsonLdDatePublished(document: Doc): string | null {
  const find = (value: unknown, depth: number): string | null => {
    if (depth > 6 || value === null || typeof value !== 'object') return null;
    if (Array.isArray(value)) return value.reduce<string | null>((hit, v) => hit ?? find(v, depth + 1), null);
    const record = value as Record<string, unknown>;
    if (typeof record.datePublished === 'string') return record.datePublished;
    return Object.values(record).reduce<string | null>((hit, v) => hit ?? find(v, depth + 1), null);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const hit = find(JSON.parse(script.textContent ?? ''), 0);
      if (hit) return hit;
    } catch {
      // A broken JSON-LD block is the site's problem; the other date sources still apply.
    }
  }
  return null;
}

const toDate = (s: string | null): PartialDate | null => (s ? (parseIsoDate(s) ?? parseWrittenDate(s)) : null);

interface PageFacts {
  title: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  publishedTime: string | null;
  metaDate: string | null;
  articleTime: string | null;
  jsonLdDate: string | null;
}

/** Read before Readability runs: it rewrites the document and drops scripts (and JSON-LD with them). */
function readPageFacts(document: Doc, base: string | null): PageFacts {
  return {
    title: attribute(document, 'meta[property="og:title"]', 'content') ?? (document.querySelector('title')?.textContent?.trim() || null),
    canonicalUrl:
      httpUrl(attribute(document, 'link[rel~="canonical"]', 'href'), base) ?? httpUrl(attribute(document, 'meta[property="og:url"]', 'content'), base),
    siteName: attribute(document, 'meta[property="og:site_name"]', 'content'),
    publishedTime: attribute(document, 'meta[property="article:published_time"]', 'content'),
    metaDate: attribute(document, 'meta[name="date"]', 'content'),
    articleTime: attribute(document, 'article time[datetime]', 'datetime'),
    jsonLdDate: jsonLdDatePublished(document),
  };
}

/**
 * `name` keys the document (`file:<name>`, rewritten by the caller like every parser's key).
 * Metadata the manifest gives wins; the page fills the gaps. Dates come from the page or stay
 * unknown: the time it was read is never its date.
 */
export function parseHtmlPage(name: string, html: string, meta: DocumentMeta, matcher: ActorMatcher, options: HtmlPageOptions = {}): ParseResult {
  const reject = (reason: string): ParseResult => ({ documents: [], rejects: [{ file: name, line: null, reason }] });
  const { document } = parseHTML(html);
  const facts = readPageFacts(document, httpUrl(options.url) ?? meta.url);
  let article: ReturnType<Readability['parse']>;
  try {
    const ReadabilityClass = readabilityClass();
    article = new ReadabilityClass(document as unknown as Document).parse();
  } catch (error) {
    return reject(`cannot read the page: ${(error as Error).message}`);
  }
  const content = parseHTML(`<!doctype html><html><body>${article?.content ?? ''}</body></html>`).document;
  const text = nodeToText(content.body as unknown as Node, { dropChrome: true });
  if (text.length < MIN_ARTICLE_CHARS) return reject('no article text found in the page');

  const url = facts.canonicalUrl ?? httpUrl(options.url) ?? meta.url;
  // A page without <article> still has its <time> in the part Readability chose.
  const articleTime = facts.articleTime ?? attribute(content, 'time[datetime]', 'datetime');
  const pageDate = [facts.publishedTime, facts.metaDate, articleTime, facts.jsonLdDate].map(toDate).find((d) => d?.value) ?? UNKNOWN_DATE;
  const isUndescribed = meta.source === name || meta.source === name.split('/').pop();
  const pageMeta: DocumentMeta = {
    ...meta,
    kind: 'article',
    source: isUndescribed ? facts.siteName || article?.siteName?.trim() || name : meta.source,
    title: meta.title ?? (article?.title?.trim() || null) ?? facts.title,
    date: meta.date.value ? meta.date : pageDate,
    url,
  };
  const documents = parseTextDocument(name, text, pageMeta, matcher).map((doc) => ({
    ...doc,
    statements: doc.statements.map((s) => ({ ...s, url })),
  }));
  if (documents.every((d) => d.statements.length === 0)) return reject('no statements found in the article text');
  return { documents, rejects: [] };
}
