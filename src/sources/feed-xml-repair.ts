// A lenient second try for feed XML that is not well-formed. Real feeds break in a few ways over
// and over: a bare `&` in a link or title (the most common), HTML entities XML does not define
// (&nbsp;), control characters pasted from word processors, a CDATA section or the document cut
// off (a truncated download, a body over the size cap). Each is repaired here, textually and only
// outside CDATA sections, and named, so the poller can count the recovery in the source's health.
// A document cut mid-entry is cut back to its last complete entry: a half entry would rewrite a
// stored statement with a truncated text.
import { ENTITY_CODEPOINTS } from './html-entities.ts';

export interface Repair {
  text: string;
  /** What was repaired, for people ("unescaped &", "cut off after the last complete entry"). */
  fixes: string[];
}

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';
// XML 1.0 forbids C0 controls other than tab, LF and CR, and the two non-characters.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const AMPERSAND = /&(?:(#\d{1,7}|#x[0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));|&/g;

/** Splits text into runs outside and inside CDATA sections (an unclosed one runs to the end). */
function cdataRuns(text: string): Array<{ cdata: boolean; text: string }> {
  const runs: Array<{ cdata: boolean; text: string }> = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf(CDATA_OPEN, at);
    if (open < 0) {
      runs.push({ cdata: false, text: text.slice(at) });
      break;
    }
    runs.push({ cdata: false, text: text.slice(at, open) });
    const close = text.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
    const end = close < 0 ? text.length : close + CDATA_CLOSE.length;
    runs.push({ cdata: true, text: text.slice(open, end) });
    at = end;
  }
  return runs;
}

/** A bare `&` becomes &amp;; an HTML entity XML lacks becomes its character reference. */
function escapeAmpersands(text: string, fixes: Set<string>): string {
  return text.replace(AMPERSAND, (match, numeric: string | undefined, name: string | undefined) => {
    if (numeric) return match;
    if (name && XML_ENTITIES.has(name)) return match;
    const code = name ? ENTITY_CODEPOINTS[name] : undefined;
    if (code !== undefined) {
      fixes.add('HTML entities');
      return `&#${code};`;
    }
    fixes.add('unescaped &');
    return `&amp;${match.slice(1)}`;
  });
}

/** Drops what may not come before the root element: junk, and an XML declaration not at the start. */
function cleanStart(text: string, fixes: Set<string>): string {
  const declaration = /<\?xml\s[^>]*\?>/.exec(text);
  let out = text;
  if (declaration && declaration.index > 0 && text.slice(0, declaration.index).trim() !== '') {
    out = text.slice(0, declaration.index).replace(/^[\s\S]*?(?=<)/, '') + text.slice(declaration.index + declaration[0].length);
    fixes.add('XML declaration not at the start');
  }
  const firstTag = out.indexOf('<');
  if (firstTag > 0 && out.slice(0, firstTag).trim() !== '') {
    fixes.add('text before the document');
    out = out.slice(firstTag);
  }
  return out;
}

/** Names of the elements open at the end of `text` (tags outside CDATA, comments and PIs). */
function openElements(text: string): string[] {
  const stack: string[] = [];
  const tag = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[?!][^>]*>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  for (const m of text.matchAll(tag)) {
    const [, closing, opening, selfClosing] = m;
    if (opening && !selfClosing) stack.push(opening);
    else if (closing) {
      const i = stack.lastIndexOf(closing);
      if (i >= 0) stack.length = i;
    }
  }
  return stack;
}

/** Ends of complete entries, so a cut document keeps only whole ones. */
const ENTRY_END = /<\/(?:[A-Za-z][\w.-]*:)?(?:item|entry)\s*>/g;

/**
 * A document whose root is never closed (cut off, or a broken last tag) is cut after its last
 * complete entry, and its open elements are closed.
 */
function closeDocument(text: string, fixes: Set<string>): string {
  const trimmed = text.trimEnd();
  const root = openElements(trimmed.slice(0, 4096))[0];
  if (!root || new RegExp(`</${root.replace(/[.]/g, '\\.')}\\s*>$`).test(trimmed)) return text;
  let lastEnd = -1;
  for (const m of trimmed.matchAll(ENTRY_END)) lastEnd = m.index + m[0].length;
  // Nothing complete to keep: closing the tags would turn half an entry into a whole one.
  if (lastEnd < 0) return text;
  let kept = trimmed.slice(0, lastEnd);
  // An unclosed CDATA section left in the kept part (one before the first entry) is closed here.
  const lastOpen = kept.lastIndexOf(CDATA_OPEN);
  if (lastOpen >= 0 && kept.indexOf(CDATA_CLOSE, lastOpen) < 0) kept += CDATA_CLOSE;
  const open = openElements(kept);
  fixes.add('cut off: kept the complete entries');
  return kept + open.reverse().map((name) => `</${name}>`).join('');
}

/** The repaired text and what was done; `fixes` is empty when nothing needed repair. */
export function repairFeedXml(input: string): Repair {
  const fixes = new Set<string>();
  let text = cleanStart(input.replace(/^\uFEFF/, ''), fixes);
  if (HAS_CONTROL.test(text)) {
    fixes.add('control characters');
    text = text.replace(CONTROL, '');
  }
  text = cdataRuns(text).map((run) => (run.cdata ? run.text : escapeAmpersands(run.text, fixes))).join('');
  text = closeDocument(text, fixes);
  return { text, fixes: [...fixes] };
}

/**
 * The text with only its first `max` entries (feeds list the newest first), the rest cut and the
 * document closed; `total` counts the complete entries seen.
 */
export function keepFirstEntries(text: string, max: number): { text: string; total: number; dropped: number } {
  let total = 0;
  let cutAt = -1;
  for (const m of text.matchAll(ENTRY_END)) {
    total += 1;
    if (total === max) cutAt = m.index + m[0].length;
  }
  if (total <= max || cutAt < 0) return { text, total, dropped: 0 };
  const kept = text.slice(0, cutAt);
  return { text: kept + openElements(kept).reverse().map((name) => `</${name}>`).join(''), total, dropped: total - max };
}
