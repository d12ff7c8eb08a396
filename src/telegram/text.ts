// Length-aware, surrogate-safe text helpers for everything the bot sends. Telegram counts UTF-16
// units; a cut through a surrogate pair sends a lone surrogate, which Telegram rejects or shows as
// garbage. These never split a pair, and drop lone surrogates that came in from a corpus.

/** What a user typed, echoed back ("No results for …"): a short, whole-character excerpt. */
export const ECHO_CHARS = 80;
/** The most of a query the search reads (it uses 12 words / 256 characters of it anyway). */
export const MAX_QUERY_CHARS = 512;
/** A name or topic argument longer than this is not a name. */
export const MAX_NAME_CHARS = 200;
/** Telegram shows about this much of a button's label; longer labels only waste the message. */
export const BUTTON_LABEL_CHARS = 60;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lone surrogates (a corpus "\ud800", a bad cut elsewhere) replaced with U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * At most `max` UTF-16 units of `s` (well-formed), ending with "…" when cut. The cut falls at the
 * last space of the window when that keeps at least half of it, and never inside a surrogate pair.
 */
export function cutText(s: string, max: number, ellipsis = '…'): string {
  const text = wellFormed(s);
  if (text.length <= max) return text;
  let end = Math.max(0, max - ellipsis.length);
  if (end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  let head = text.slice(0, end);
  const space = head.lastIndexOf(' ');
  if (space > end / 2) head = head.slice(0, space);
  return `${head.replace(/\s+$/, '')}${ellipsis}`;
}

/** User input quoted back to them: one line, cut short. */
export function echo(s: string, max = ECHO_CHARS): string {
  return cutText(s.replace(/\s+/g, ' ').trim(), max);
}

/** A button label: `main` cut so that `suffix` (a count) always shows. */
export function buttonLabel(main: string, suffix = ''): string {
  return `${cutText(main, Math.max(8, BUTTON_LABEL_CHARS - suffix.length))}${suffix}`;
}

/** A URL that may leave the bot (a link, an inline result's url): absolute http(s) only, else null. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  const text = url;
  // Whitespace or control characters inside a URL are a trick or a broken record, not a link.
  if (!text || !/^https?:\/\//i.test(text) || /[\s\p{Cc}]/u.test(text)) return null;
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.username || parsed.password) return null;
    return wellFormed(text);
  } catch {
    return null;
  }
}

/** "A, B, C … (+2997)": names joined while they fit in `max` units, the rest counted. */
export function nameList(names: string[], max: number): string {
  let out = '';
  let shown = 0;
  for (const name of names) {
    const next = shown === 0 ? cutText(name, max) : `${out}, ${name}`;
    const rest = names.length - shown - 1;
    if (shown > 0 && next.length + (rest > 0 ? ` … (+${rest})`.length : 0) > max) break;
    out = next;
    shown += 1;
  }
  const hidden = names.length - shown;
  return hidden > 0 ? `${out} … (+${hidden})` : out;
}
