// Splits a long message into parts Telegram accepts, each with at most `limit` UTF-16 units of
// visible text (tags do not count, "&amp;" counts as one).
//
// Where a part ends: within the text that fits, at the best whitespace run — one holding a blank
// line ("\n\n", between paragraphs and cards), else one holding a line break, else a space or tab
// — and among equals the latest. Runs in the second half of the part are tried first, so a blank
// line near the start does not leave an almost empty message; with no whitespace at all the part
// ends at the last character that fits. Parts never end inside a tag, a character reference or a
// surrogate pair (all are atomic tokens here). Tags open at a cut are closed at the end of the part
// and opened again, verbatim with their attributes, at the start of the next.
//
// What is kept, precisely: an input that fits in one part comes back unchanged (or as [] if it
// has no visible non-whitespace). Otherwise joining the parts' visible texts gives the input's
// visible text minus (1) its leading whitespace and (2) at each cut, the whole whitespace run (JS
// \s, with any tags inside it) between the last character of one part and the first of the next.
// Nothing else is dropped, added or reordered; every part starts with a visible non-whitespace
// character. Telegram trims each message anyway, so the dropped whitespace would not show.
import { decodeEntity, ENTITY_PATTERN, MAX_MESSAGE_UTF16 } from './html.ts';

type Token =
  | { kind: 'open'; raw: string; name: string }
  | { kind: 'close'; raw: string }
  | { kind: 'text'; raw: string; visible: string };

type OpenToken = Extract<Token, { kind: 'open' }>;

// Same lexing as the parser for valid input: a '>' inside a quoted attribute does not end a tag.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)?(?:[^>"']|"[^"]*"|'[^']*')*>/y;
const ENTITY = new RegExp(ENTITY_PATTERN, 'y');
const CHARACTER = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/y;
const WHITESPACE = /^\s+$/;

function matchAt(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

function tokenizeHtml(html: string): Token[] {
  const tokens: Token[] = [];
  for (let at = 0; at < html.length; ) {
    const tag = html[at] === '<' ? matchAt(TAG, html, at) : null;
    if (tag && (tag[1] === '/' || tag[2] !== undefined)) {
      tokens.push(tag[1] === '/' ? { kind: 'close', raw: tag[0] } : { kind: 'open', raw: tag[0], name: (tag[2] as string).toLowerCase() });
      at += tag[0].length;
      continue;
    }
    const entity = html[at] === '&' ? matchAt(ENTITY, html, at)?.[0] : undefined;
    // Input that is not valid HTML passes through as it is (still never cut inside a token).
    const raw = entity ?? (matchAt(CHARACTER, html, at)?.[0] as string);
    tokens.push({ kind: 'text', raw, visible: entity ? (decodeEntity(entity) ?? entity) : raw });
    at += raw.length;
  }
  return tokens;
}

function tokenizePlain(text: string): Token[] {
  return (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) ?? []).map((ch) => ({ kind: 'text', raw: ch, visible: ch }));
}

const isText = (t: Token | undefined): t is Extract<Token, { kind: 'text' }> => t?.kind === 'text';
const isSpace = (t: Token | undefined): boolean => isText(t) && WHITESPACE.test(t.visible);

/** The tags open after `token`, given those open before it. */
function afterToken(open: OpenToken[], token: Token): OpenToken[] {
  if (token.kind === 'open') return [...open, token];
  if (token.kind === 'close') return open.slice(0, -1);
  return open;
}

const closeAll = (open: OpenToken[]): string => [...open].reverse().map((t) => `</${t.name}>`).join('');

/** 3: a blank line, 2: a line break, 1: a space or tab, 0: no place to break (e.g. only NBSP). */
function runRank(tokens: Token[], start: number): number {
  let breaks = 0;
  let spaces = false;
  for (let t = start; t < tokens.length && (isSpace(tokens[t]) || !isText(tokens[t])); t += 1) {
    const token = tokens[t] as Token;
    if (!isText(token)) continue;
    breaks += token.visible.split('\n').length - 1;
    if (breaks >= 2) return 3;
    spaces ||= /[ \t]/.test(token.visible);
  }
  return breaks === 1 ? 2 : spaces ? 1 : 0;
}

/**
 * The token index where a part starting at `start` (a visible non-whitespace token) ends,
 * exclusive: the start of the chosen whitespace run, the first token that does not fit, or the end.
 */
function findCut(tokens: Token[], start: number, limit: number): number {
  let used = 0;
  let afterSpace = false;
  let early: { at: number; rank: number } | undefined;
  let late: { at: number; rank: number } | undefined;
  for (let t = start; t < tokens.length; t += 1) {
    const token = tokens[t] as Token;
    if (!isText(token)) continue;
    const space = isSpace(token);
    if (space && !afterSpace) {
      const rank = runRank(tokens, t);
      const isLate = used >= limit / 2;
      const best = isLate ? late : early;
      if (rank > 0 && (!best || rank >= best.rank)) {
        if (isLate) late = { at: t, rank };
        else early = { at: t, rank };
      }
    }
    if (used + token.visible.length > limit) return (late ?? early)?.at ?? t;
    used += token.visible.length;
    afterSpace = space;
  }
  return tokens.length;
}

function splitTokens(tokens: Token[], limit: number): string[] {
  // An astral character (or its &#x…; reference) is 2 units and cannot be cut.
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`split limit must be an integer ≥ 2, got ${limit}`);
  const visible = tokens.map((t) => (isText(t) ? t.visible : '')).join('');
  if (visible.length <= limit) return /\S/.test(visible) ? [tokens.map((t) => t.raw).join('')] : [];
  const parts: string[] = [];
  let open: OpenToken[] = [];
  let at = 0;
  for (;;) {
    // Whitespace left at a cut (and at the very start) is not sent; tags among it still count.
    while (at < tokens.length && (!isText(tokens[at]) || isSpace(tokens[at]))) open = afterToken(open, tokens[at++] as Token);
    if (at >= tokens.length) return parts;
    let end = findCut(tokens, at, limit);
    // A tag opened just before the cut belongs to the next part, not as an empty pair here.
    while (end > at && tokens[end - 1]?.kind === 'open') end -= 1;
    let body = '';
    let openAtEnd = open;
    for (let t = at; t < end; t += 1) {
      const token = tokens[t] as Token;
      body += token.raw;
      openAtEnd = afterToken(openAtEnd, token);
    }
    parts.push(open.map((t) => t.raw).join('') + body + closeAll(openAtEnd));
    open = openAtEnd;
    at = end;
  }
}

/** Splits valid Telegram HTML (as html.ts builds it) into parts that are each valid on their own. */
export function splitHtml(html: string, limit: number = MAX_MESSAGE_UTF16): string[] {
  return splitTokens(tokenizeHtml(html), limit);
}

/** The same for plain text (no parse mode): same cut preferences, same surrogate safety. */
export function splitPlain(text: string, limit: number = MAX_MESSAGE_UTF16): string[] {
  return splitTokens(tokenizePlain(text), limit);
}
