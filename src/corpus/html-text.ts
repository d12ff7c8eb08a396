// Markup → the plain text the corpus pipeline reads (feed content, article pages): paragraphs
// separated by a blank line, line breaks inside a paragraph kept, no tags, no script or style text.
// The markup is parsed by linkedom (a real HTML parser), so entities, unclosed <p> and
// CDATA-wrapped HTML come out right.
import { parseHTML } from './dom.ts';

/** Elements whose text is never prose a speaker said. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas',
  'head', 'title', 'form', 'button', 'select', 'textarea', 'video', 'audio',
]);

/** Page furniture Readability sometimes keeps in an article (photo captions are chrome in clean.ts too). */
const CHROME = new Set(['nav', 'footer', 'aside', 'figcaption']);

/** Elements that end the paragraph before them and start a new one. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'dl', 'dt', 'div', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

/** Soft hyphens and zero-width spaces: invisible in a browser, noise in search and quotes. */
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;

interface Collector {
  paragraphs: string[];
  current: string;
}

function flush(c: Collector): void {
  const lines = c.current
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  if (lines.length > 0) c.paragraphs.push(lines.join('\n'));
  c.current = '';
}

function walk(node: Node, c: Collector, inPre: boolean, skipped: Set<string>): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_NODE) {
      const text = (child.nodeValue ?? '').replace(INVISIBLE, '');
      // Outside <pre> a newline in the source is just a space, as a browser renders it.
      c.current += inPre ? text : text.replace(/\s+/g, ' ');
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue; // comments, processing instructions
    const name = (child as Element).localName.toLowerCase();
    if (skipped.has(name)) continue;
    if (name === 'br') {
      c.current += '\n';
      continue;
    }
    const isBlock = BLOCKS.has(name);
    if (isBlock) flush(c);
    if (name === 'td' || name === 'th') c.current += ' ';
    walk(child, c, inPre || name === 'pre', skipped);
    if (isBlock) flush(c);
  }
}

export interface TextOptions {
  /** Also drop navigation, footers, asides and captions (for an article's main content). */
  dropChrome?: boolean;
}

/** Plain text under a parsed node: paragraphs joined by '\n\n', lines inside one by '\n'. */
export function nodeToText(root: Node, options: TextOptions = {}): string {
  const collector: Collector = { paragraphs: [], current: '' };
  walk(root, collector, false, options.dropChrome ? new Set([...SKIPPED, ...CHROME]) : SKIPPED);
  flush(collector);
  return collector.paragraphs.join('\n\n');
}

/** The same for an HTML fragment. */
export function htmlToText(html: string, options: TextOptions = {}): string {
  const { document } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>');
  document.body.innerHTML = html;
  return nodeToText(document.body as unknown as Node, options);
}

/** An absolute http(s) URL for a link, resolved against `base` when it is relative; else null. */
export function httpUrl(href: string | null | undefined, base?: string | null): string | null {
  const text = href?.trim();
  if (!text) return null;
  try {
    const url = base ? new URL(text, new URL(base)) : new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    // An unparseable base is ignored: an absolute link still stands on its own.
    return base ? httpUrl(text, null) : null;
  }
}

/** The same shape for text that is already plain (JSON Feed content_text, Atom type="text"). */
export function plainToText(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .split(/\r?\n[ \t\u00a0]*(?:\r?\n[\s]*)+/)
    .map((paragraph) =>
      paragraph
        .split(/\r?\n/)
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** Markup or an entity in a string that is supposed to be text (RSS titles often carry both). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text);
}

/** A one-line text: titles and names, where a paragraph break would be meaningless. */
export function oneLine(text: string, isHtml: boolean): string {
  return (isHtml ? htmlToText(text) : text.replace(INVISIBLE, '')).replace(/\s+/g, ' ').trim();
}
