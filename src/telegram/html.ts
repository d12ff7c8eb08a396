// The only place that builds Telegram HTML by hand. Every helper takes plain text and escapes it.
import { APOSTROPHES } from '../corpus/names.ts';

export const MAX_MESSAGE_UTF16 = 4096;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Decodes exactly the entities Telegram accepts: &lt; &gt; &amp; &quot; and numeric ones. */
export function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_m, name: string) => {
    if (name === 'lt') return '<';
    if (name === 'gt') return '>';
    if (name === 'amp') return '&';
    if (name === 'quot') return '"';
    const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

export const bold = (text: string): string => `<b>${escapeHtml(text)}</b>`;
export const italic = (text: string): string => `<i>${escapeHtml(text)}</i>`;
export const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;
export const blockquote = (text: string): string => `<blockquote>${escapeHtml(text)}</blockquote>`;

/** A link only to schemes Telegram opens safely; anything else is shown as plain text. */
export function link(text: string, href: string): string {
  if (!/^(https?:\/\/|tg:\/\/|mailto:)/i.test(href)) return escapeHtml(text);
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

/** Strips tags and decodes entities: the text a user sees, for plain-text fallbacks and lengths. */
export function toPlainText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''));
}

/**
 * Escaped text with the words that start with any token in bold. Tokens are folded (lower case,
 * no apostrophes); matching ignores case and Ukrainian apostrophes in the text.
 */
export function highlight(text: string, tokens: string[]): string {
  const wanted = tokens.filter((t) => t.length > 0).map((t) => t.toLowerCase());
  if (wanted.length === 0) return escapeHtml(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}_\u02BC\u2019'\u2018`]+/gu)) {
    const word = m[0];
    const start = m.index ?? 0;
    const folded = word.replace(APOSTROPHES, '').toLowerCase();
    if (!wanted.some((t) => folded.startsWith(t))) continue;
    out += `${escapeHtml(text.slice(last, start))}<b>${escapeHtml(word)}</b>`;
    last = start + word.length;
  }
  return out + escapeHtml(text.slice(last));
}
