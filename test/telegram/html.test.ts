// Escaping, parsing and splitting Telegram HTML (RELIABILITY D7, D8, D9).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bold, decodeEntities, escapeHtml, highlight, link, toPlainText } from '../../src/telegram/html.ts';
import { parseTelegramHtml } from '../../src/telegram/parse-html.ts';
import { splitHtml, splitPlain } from '../../src/telegram/split.ts';

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.stringMatching(/^[&<>"'a-z ]{0,200}$/),
);

describe('D8: escaping', () => {
  it('round-trips any string and leaves no raw < > or stray &', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const html = escapeHtml(s);
        expect(decodeEntities(html)).toBe(s);
        expect(html).not.toMatch(/[<>]/);
        expect(html).not.toMatch(/&(?!(amp|lt|gt|quot);)/);
        const built = bold(s) + escapeHtml(s) + link(s, 'https://example.org/?a=1&b="2"');
        const parsed = parseTelegramHtml(built);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.text).toBe(s + s + s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('D7: hostile corpus text renders literally', () => {
  it('shows tags, entities and links as text, with no entity but the bot’s own link', () => {
    const statement = 'He wrote <b>bold</b>, </a> & &amp; <a href="tg://user?id=1">x</a> <script>alert(1)</script> "quoted"';
    const card = `${escapeHtml(statement)}\n${link('Source', 'https://example.org/a?b=1&c=2')}`;
    const parsed = parseTelegramHtml(card);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.text).toBe(`${statement}\nSource`);
    expect(parsed.entities).toEqual([{ type: 'text_link', offset: statement.length + 1, length: 6, url: 'https://example.org/a?b=1&c=2' }]);
  });

  it('refuses links to schemes Telegram should not open', () => {
    expect(link('x', 'javascript:alert(1)')).toBe('x');
  });
});

describe('the parser rejects what Telegram rejects', () => {
  it.each([
    ['<script>x</script>', 'Unsupported start tag'],
    ['<b>x', "Can't find end tag"],
    ['<b>x</i>', 'Unmatched end tag'],
    ['a & b', 'Character entity expected'],
    ['a < b', 'Unclosed start tag'],
    ['a <1 b>', 'Unsupported start tag'],
    ['<a href="https://a">x<a href="https://b">y</a></a>', 'Nested links'],
  ])('%s', (html, message) => {
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('counts offsets in UTF-16 units', () => {
    const parsed = parseTelegramHtml('🇺🇦 <b>ok</b>');
    expect(parsed.ok && parsed.entities).toEqual([{ type: 'bold', offset: 5, length: 2 }]);
  });
});

describe('highlight', () => {
  it('bolds words starting with a token in both scripts, across apostrophes, escaping the rest', () => {
    expect(highlight('New sanctions & <more> Sanctioned', ['sanction'])).toBe('New <b>sanctions</b> &amp; &lt;more&gt; <b>Sanctioned</b>');
    expect(highlight('Санкції проти Росії', ['санкці'])).toBe('<b>Санкції</b> проти Росії');
    expect(highlight('weʼve done it', ['weve'])).toBe('<b>weʼve</b> done it');
    expect(highlight('unsanctioned', ['sanction'])).toBe('unsanctioned');
  });

  it('always yields valid HTML with the original text', () => {
    fc.assert(
      fc.property(anyText, fc.array(fc.stringMatching(/^[a-zа-я]{1,4}$/), { maxLength: 3 }), (s, tokens) => {
        const parsed = parseTelegramHtml(highlight(s, tokens));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.text).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});

const TAGS = ['b', 'i', 'u', 's', 'code', 'blockquote'] as const;
const htmlDoc = fc.array(
  fc.tuple(fc.oneof(anyText, fc.constant('&&&&<<<<>>>>'.repeat(20)), fc.constant('😀'.repeat(70)), fc.constant('x'.repeat(300))), fc.constantFrom(...TAGS, null)),
  { minLength: 1, maxLength: 12 },
).map((paras) => paras.map(([text, tag]) => (tag ? `<${tag}>${escapeHtml(text)}</${tag}>` : escapeHtml(text))).join('\n\n'));

const squash = (s: string): string => s.replace(/\s+/g, '');

describe('D9: splitting', () => {
  it('gives valid parts within the limit, no lone surrogates, the same text in order', () => {
    for (const limit of [50, 4096]) {
      fc.assert(
        fc.property(htmlDoc, (html) => {
          const parts = splitHtml(html, limit);
          let joined = '';
          for (const part of parts) {
            const parsed = parseTelegramHtml(part);
            expect(parsed.ok, part).toBe(true);
            if (!parsed.ok) return;
            expect(parsed.text.length).toBeLessThanOrEqual(limit);
            expect(parsed.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
            joined += parsed.text;
          }
          // Only whitespace at the cuts may go.
          expect(squash(joined)).toBe(squash(toPlainText(html)));
        }),
        { numRuns: limit === 50 ? 200 : 60 },
      );
    }
  });

  it('cuts at paragraph boundaries first', () => {
    const html = ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)].join('\n\n');
    expect(splitHtml(html, 70)).toEqual(['a'.repeat(30) + '\n\n' + 'b'.repeat(30), 'c'.repeat(30)]);
  });

  it('closes and reopens a tag cut in the middle', () => {
    const parts = splitHtml(`<blockquote>${'word '.repeat(30)}</blockquote>`, 50);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(p).toMatch(/^<blockquote>[\s\S]*<\/blockquote>$/);
  });

  it('splits plain text the same way', () => {
    const parts = splitPlain('😀'.repeat(100), 51);
    expect(parts.every((p) => p.length <= 51 && !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
    expect(parts.join('')).toBe('😀'.repeat(100));
  });
});
