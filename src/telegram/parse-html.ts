// A strict parser of Telegram's HTML parse mode: what Telegram would accept, the visible text,
// and entity offsets in UTF-16 units. The fake Bot API validates every message with it.

export interface ParsedEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

export type ParseResult = { ok: true; text: string; entities: ParsedEntity[] } | { ok: false; error: string };

const TAG_TYPES: Record<string, string> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', a: 'text_link', code: 'code',
  pre: 'pre', blockquote: 'blockquote', 'tg-spoiler': 'spoiler', span: 'spoiler', 'tg-emoji': 'custom_emoji',
};

const fail = (detail: string, at: number): ParseResult => ({
  ok: false,
  error: `Bad Request: can't parse entities: ${detail} at byte offset ${at}`,
});

function parseAttributes(raw: string): Record<string, string> | null {
  const attrs: Record<string, string> = {};
  const re = /\s*([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while (consumed < raw.length && (m = re.exec(raw)) !== null) {
    if (m[0].length === 0) break;
    attrs[(m[1] ?? '').toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
    consumed = re.lastIndex;
  }
  return raw.slice(consumed).trim() === '' ? attrs : null;
}

function decodeEntity(html: string, at: number): { text: string; length: number } | null {
  const m = /^&(lt|gt|amp|quot|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/.exec(html.slice(at, at + 12));
  if (!m) return null;
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  const name = m[1] ?? '';
  if (named[name]) return { text: named[name] as string, length: m[0].length };
  const cp = m[2] !== undefined ? Number(m[2]) : parseInt(m[3] ?? '', 16);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return { text: String.fromCodePoint(cp), length: m[0].length };
}

export function parseTelegramHtml(html: string): ParseResult {
  let text = '';
  const entities: ParsedEntity[] = [];
  const stack: Array<{ name: string; type: string; start: number; url?: string }> = [];
  const byteAt = (i: number): number => Buffer.byteLength(html.slice(0, i));
  let i = 0;
  while (i < html.length) {
    const ch = html[i] as string;
    if (ch === '&') {
      const entity = decodeEntity(html, i);
      if (!entity) return fail('Character entity expected', byteAt(i));
      text += entity.text;
      i += entity.length;
      continue;
    }
    if (ch === '>') return fail('Unexpected end tag', byteAt(i));
    if (ch !== '<') {
      text += ch;
      i += 1;
      continue;
    }
    const end = html.indexOf('>', i);
    if (end === -1) return fail('Unclosed start tag', byteAt(i));
    const inner = html.slice(i + 1, end);
    const closing = inner.startsWith('/');
    const nameMatch = /^\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(inner);
    if (!nameMatch) return fail('Unsupported start tag', byteAt(i));
    const name = (nameMatch[1] ?? '').toLowerCase();
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name || inner.slice(nameMatch[0].length).trim() !== '') {
        return fail(`Unmatched end tag "${name}"`, byteAt(i));
      }
      const length = text.length - open.start;
      if (length > 0) entities.push({ type: open.type, offset: open.start, length, ...(open.url ? { url: open.url } : {}) });
    } else {
      const type = TAG_TYPES[name];
      if (!type) return fail(`Unsupported start tag "${name}"`, byteAt(i));
      const attrs = parseAttributes(inner.slice(nameMatch[0].length));
      if (!attrs) return fail(`Invalid attributes in tag "${name}"`, byteAt(i));
      if (name === 'span' && attrs.class !== 'tg-spoiler') return fail('Tag "span" must have class "tg-spoiler"', byteAt(i));
      if (name === 'a' && stack.some((s) => s.name === 'a')) return fail('Nested links are not allowed', byteAt(i));
      let url: string | undefined;
      if (name === 'a') {
        url = attrs.href ? decodeEntitiesStrict(attrs.href) : undefined;
        if (!url) return fail('Link without href', byteAt(i));
      }
      stack.push({ name, type, start: text.length, ...(url ? { url } : {}) });
    }
    i = end + 1;
  }
  if (stack.length > 0) return fail(`Can't find end tag corresponding to start tag "${stack[stack.length - 1]?.name}"`, byteAt(html.length));
  entities.sort((a, b) => a.offset - b.offset);
  return { ok: true, text, entities };
}

function decodeEntitiesStrict(value: string): string {
  return value.replace(/&(lt|gt|amp|quot);/g, (_m, n: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"' })[n] ?? '');
}
