// A strict parser of Telegram's HTML parse mode, modelled on tdlib's parse_html: what Telegram
// accepts, the visible text and the entities with offsets in UTF-16 units. The fake Bot API
// checks every message with it, so a message it accepts is one Telegram accepts.
// Stricter than Telegram on purpose: a '&' that does not start a reference is an error (Telegram
// shows it literally, but in our output it means something was not escaped), and so are <a>
// inside <a> and lone surrogates. Like Telegram, a raw '>' in text is accepted.
import { decodeEntity, ENTITY_PATTERN } from './html.ts';

export { MAX_MESSAGE_UTF16 } from './html.ts';

export interface ParsedEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export type ParseResult = { ok: true; text: string; entities: ParsedEntity[] } | { ok: false; error: string };

const ENTITY_TYPE: Record<string, string> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', a: 'text_link', code: 'code',
  pre: 'pre', blockquote: 'blockquote', 'tg-spoiler': 'spoiler', span: 'spoiler',
};

interface OpenTag {
  name: string;
  start: number;
  attributes: Map<string, string>;
}

class HtmlError extends Error {}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ENTITY = new RegExp(ENTITY_PATTERN, 'y');
const SPACE = /\s/;

export function parseTelegramHtml(html: string): ParseResult {
  // JSON carries a lone surrogate fine, but it is not UTF-8, and Telegram refuses the request.
  if (LONE_SURROGATE.test(html)) return { ok: false, error: 'Bad Request: strings must be encoded in UTF-8' };
  try {
    return { ok: true, ...new Parser(html).parse() };
  } catch (error) {
    if (error instanceof HtmlError) return { ok: false, error: `Bad Request: can't parse entities: ${error.message}` };
    throw error;
  }
}

class Parser {
  private i = 0;
  private text = '';
  private readonly entities: ParsedEntity[] = [];
  private readonly stack: OpenTag[] = [];

  constructor(private readonly html: string) {}

  parse(): { text: string; entities: ParsedEntity[] } {
    const { html } = this;
    while (this.i < html.length) {
      const ch = html[this.i];
      if (ch === '&') this.text += this.entity();
      else if (ch === '<' && html[this.i + 1] === '/') this.endTag();
      else if (ch === '<') this.startTag();
      else this.text += html[this.i++];
    }
    const unclosed = this.stack.at(-1);
    if (unclosed) throw new HtmlError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    // Telegram lists entities by offset, an outer one before the inner ones that start with it.
    this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text: this.text, entities: this.entities };
  }

  /** Telegram reports positions as UTF-8 byte offsets into the message. */
  private fail(detail: string, at: number, more = ''): never {
    throw new HtmlError(`${detail} at byte offset ${Buffer.byteLength(this.html.slice(0, at))}${more}`);
  }

  private entity(): string {
    ENTITY.lastIndex = this.i;
    const raw = ENTITY.exec(this.html)?.[0];
    const decoded = raw === undefined ? null : decodeEntity(raw);
    if (raw === undefined || decoded === null) return this.fail('Character entity expected', this.i);
    this.i += raw.length;
    return decoded;
  }

  private skipSpaces(): void {
    while (SPACE.test(this.html[this.i] ?? '')) this.i += 1;
  }

  /** Reads up to a space or '>' (tdlib's notion of a tag name); fails at the end of the text. */
  private nameToken(begin: number, what: string): string {
    const start = this.i;
    while (this.i < this.html.length && !SPACE.test(this.html[this.i] as string) && this.html[this.i] !== '>') this.i += 1;
    if (this.i >= this.html.length) this.fail(`Unclosed ${what} tag`, begin);
    return this.html.slice(start, this.i);
  }

  private startTag(): void {
    const begin = this.i;
    this.i += 1;
    const name = this.nameToken(begin, 'start').toLowerCase();
    if (!Object.hasOwn(ENTITY_TYPE, name)) this.fail(`Unsupported start tag "${name}"`, begin);
    const attributes = this.attributes(name, begin);
    this.i += 1; // the '>'
    if (name === 'span' && attributes.get('class') !== 'tg-spoiler') this.fail('Tag "span" must have class "tg-spoiler"', begin);
    // Telegram cannot show a link inside a link; it would silently drop one, so treat it as a bug.
    if (name === 'a' && this.stack.some((t) => t.name === 'a')) this.fail('Nested links are not allowed', begin);
    this.stack.push({ name, start: this.text.length, attributes });
  }

  /** name="value", name='value', name=token or a bare name, up to the closing '>'. */
  private attributes(tag: string, begin: number): Map<string, string> {
    const attributes = new Map<string, string>();
    const { html } = this;
    for (;;) {
      this.skipSpaces();
      if (this.i >= html.length) this.fail('Unclosed start tag', begin);
      if (html[this.i] === '>') return attributes;
      const nameMatch = /[a-zA-Z-]+/y;
      nameMatch.lastIndex = this.i;
      const name = nameMatch.exec(html)?.[0].toLowerCase();
      if (!name) this.fail(`Empty attribute name in the tag "${tag}"`, begin);
      this.i += name.length;
      this.skipSpaces();
      if (html[this.i] !== '=') {
        attributes.set(name, ''); // e.g. <blockquote expandable>
        continue;
      }
      this.i += 1;
      this.skipSpaces();
      attributes.set(name, this.attributeValue(begin));
    }
  }

  private attributeValue(begin: number): string {
    const { html } = this;
    const quote = html[this.i];
    if (quote !== '"' && quote !== "'") {
      const token = /[a-zA-Z0-9.-]*/y;
      token.lastIndex = this.i;
      const value = token.exec(html)?.[0] ?? '';
      this.i += value.length;
      const after = html[this.i];
      if (after === undefined) this.fail('Unclosed start tag', begin);
      if (after !== '>' && !SPACE.test(after)) this.fail('Unexpected end of name token', this.i);
      return value.toLowerCase();
    }
    this.i += 1;
    let value = '';
    while (this.i < html.length && html[this.i] !== quote) {
      if (html[this.i] === '&') value += this.entity();
      else value += html[this.i++];
    }
    if (this.i >= html.length) this.fail('Unclosed start tag', begin);
    this.i += 1;
    return value;
  }

  private endTag(): void {
    const begin = this.i;
    const open = this.stack.pop();
    if (!open) this.fail('Unexpected end tag', begin);
    this.i += 2;
    // Telegram also accepts "</>" as the end of whatever is open.
    const name = this.nameToken(begin, 'end').toLowerCase();
    this.skipSpaces();
    if (this.html[this.i] !== '>') this.fail('Unclosed end tag', begin);
    this.i += 1;
    if (name !== '' && name !== open.name) this.fail('Unmatched end tag', begin, `, expected "</${open.name}>", found "</${name}>"`);
    this.addEntity(open);
  }

  private addEntity(open: OpenTag): void {
    const offset = open.start;
    const length = this.text.length - offset;
    if (length === 0) return; // Telegram drops empty entities
    const entity: ParsedEntity = { type: ENTITY_TYPE[open.name] as string, offset, length };
    if (open.name === 'a') entity.url = open.attributes.get('href') || this.text.slice(offset);
    if (open.name === 'blockquote' && open.attributes.has('expandable')) entity.type = 'expandable_blockquote';
    const language = open.attributes.get('class')?.match(/^language-(.+)$/)?.[1];
    if (open.name === 'code' && language) entity.language = language;
    const last = this.entities.at(-1);
    // <pre><code class="language-x">…</code></pre> is one pre entity carrying the language.
    if (open.name === 'pre' && last?.type === 'code' && last.offset === offset && last.length === length) {
      this.entities.pop();
      if (last.language) entity.language = last.language;
    }
    this.entities.push(entity);
  }
}
