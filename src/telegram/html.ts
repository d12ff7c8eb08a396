// The only place that builds Telegram HTML by hand. Every helper takes PLAIN text and escapes it,
// so corpus text (which may contain "<b>", "&amp;" or "<script>") always shows up literally.
import { foldText } from '../corpus/names.ts';
import { safeHttpUrl } from './text.ts';

/** Telegram's limit on a message's visible text, in UTF-16 code units. */
export const MAX_MESSAGE_UTF16 = 4096;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for element content and for double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * The character references Telegram decodes: four named ones and decimal / lower-case-x hex ones,
 * always with the ';' (Telegram tolerates a missing ';', but then "&amp" and "&ampx" read
 * differently; we never write that and the strict parser refuses it).
 */
export const ENTITY_PATTERN = '&(?:lt|gt|amp|quot|#[0-9]{1,8}|#x[0-9a-fA-F]{1,8});';

const NAMED: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"' };

/**
 * Decodes one reference matched by ENTITY_PATTERN; null when Telegram would not decode it: code
 * point 0, a surrogate half, or 0x10FFFF and above (tdlib refuses those too).
 */
export function decodeEntity(raw: string): string | null {
  const named = NAMED[raw];
  if (named !== undefined) return named;
  const hex = raw.startsWith('&#x');
  const codePoint = Number.parseInt(raw.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
  if (!(codePoint > 0 && codePoint < 0x10ffff) || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return null;
  return String.fromCodePoint(codePoint);
}

/** Inverse of escapeHtml; also decodes numeric references. Anything else is left as it is. */
export function decodeEntities(s: string): string {
  return s.replace(new RegExp(ENTITY_PATTERN, 'g'), (raw) => decodeEntity(raw) ?? raw);
}

export const bold = (text: string): string => `<b>${escapeHtml(text)}</b>`;
export const italic = (text: string): string => `<i>${escapeHtml(text)}</i>`;
export const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;
export const blockquote = (text: string): string => `<blockquote>${escapeHtml(text)}</blockquote>`;

/**
 * A link when the URL is http(s) (URLs leave the bot only as http(s): a corpus "javascript:",
 * "data:", "file:" or "tg:" URL must not become a link); otherwise just the escaped text.
 */
export function link(text: string, href: string): string {
  const safe = safeHttpUrl(href);
  if (!safe) return escapeHtml(text);
  return `<a href="${escapeHtml(safe)}">${escapeHtml(text)}</a>`;
}

/**
 * A tag is '<' or '</' then a letter, up to the first '>' outside a quoted attribute value; '</>'
 * is Telegram's short end tag. A '<' followed by anything else is left alone, because this also
 * runs on HTML that Telegram rejected, where a raw '<' is most likely text.
 */
const TAG = /<\/?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>|<\/>/g;

/** What a reader sees: tags stripped, references decoded (for the plain-text fallback). */
export function toPlainText(html: string): string {
  // Strip first, then decode: "&lt;b&gt;" is the text "<b>", not a tag.
  return decodeEntities(html.replace(TAG, ''));
}

/** Ukrainian apostrophes inside words: ʼ ’ ' ‘ ` (the same set foldText removes). */
const APOSTROPHE = "\u02BC\u2019'\u2018`";
/**
 * A word starts with a letter or digit (so it is never preceded by one) and runs over letters,
 * digits and combining marks; an apostrophe between two letters stays inside ("п’ять", "we’ve"),
 * while one at either end is a quote mark and stays outside the bold.
 */
const WORD = new RegExp(`[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}]*(?:[${APOSTROPHE}][\\p{L}\\p{N}\\p{M}]+)*`, 'gu');

/**
 * Escaped text in which every word that starts with one of the tokens is bold, whole ("sanction"
 * bolds "Sanctions"). Words are folded the way search tokens are (foldText: case, diacritics,
 * apostrophes), so whatever the search matched is what gets highlighted. Each bold element wraps
 * one whole word and nothing else, so tags never nest or overlap.
 */
export function highlight(text: string, tokens: string[]): string {
  const wanted = tokens.map((t) => foldText(t)).filter((t) => t.length > 0);
  if (wanted.length === 0) return escapeHtml(text);
  return highlightWords(text, (folded) => wanted.some((t) => folded.startsWith(t)));
}

/** Escaped text in which every word the predicate accepts (given the word folded) is bold, whole. */
export function highlightWords(text: string, isHit: (folded: string) => boolean): string {
  let out = '';
  let done = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (!isHit(foldText(word))) continue;
    const start = match.index;
    out += `${escapeHtml(text.slice(done, start))}<b>${escapeHtml(word)}</b>`;
    done = start + word.length;
  }
  return out + escapeHtml(text.slice(done));
}
