// An HTML article page (a saved .html file, or a page a feed links to) → the same documents and
// statements a .txt article gives: Readability finds the article, the text pipeline attributes quotes.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ActorMatcher } from './actors.ts';
import { parseIsoDate, parseWrittenDate } from './dates.ts';
import { parseTextDocument } from './documents.ts';
import type { DocumentMeta } from './metadata.ts';
import type { ParseResult, PartialDate } from './types.ts';
import { UNKNOWN_DATE } from './types.ts';

/** Below this much text Readability has found a teaser, a menu or an error page, not an article. */
export const MIN_ARTICLE_CHARS = 200;

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL',
  'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'TD', 'TH', 'DL', 'DT', 'DD', 'FIGURE', 'HR',
]);
/** Never text: code, page furniture Readability sometimes keeps, and photo captions (chrome in clean.ts too). */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'NAV', 'FOOTER', 'ASIDE', 'FORM', 'BUTTON', 'FIGCAPTION']);

export interface HtmlPageOptions {
  /** Where the page was fetched from, when it was. */
  url?: string | null;
}

type Doc = ReturnType<typeof parseHTML>['document'];

export function httpUrl(href: string | null | undefined, base?: string | null): string | null {
  if (!href?.trim()) return null;
  try {
    const url = new URL(href.trim(), base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Block elements become paragraphs separated by blank lines; <br> a line break inside one. */
export function blocksToText(root: Node): string {
  const blocks: string[] = [];
  let current = '';
  const flush = (): void => {
    const lines = current.split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()).filter(Boolean);
    if (lines.length > 0) blocks.push(lines.join('\n'));
    current = '';
  };
  const walk = (node: Node, inPre: boolean): void => {
    if (node.nodeType === 3) {
      current += inPre ? (node.textContent ?? '') : (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'BR') {
      current += '\n';
      return;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) flush();
    for (const child of Array.from(node.childNodes)) walk(child, inPre || tag === 'PRE');
    if (isBlock) flush();
  };
  walk(root, false);
  flush();
  return blocks.join('\n\n');
}

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
    article = new Readability(document as unknown as Document).parse();
  } catch (error) {
    return reject(`cannot read the page: ${(error as Error).message}`);
  }
  const content = parseHTML(`<!doctype html><html><body>${article?.content ?? ''}</body></html>`).document;
  const text = blocksToText(content.body as unknown as Node).replace(/\n{3,}/g, '\n\n');
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
