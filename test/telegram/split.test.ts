// Splitting long Telegram HTML (D9) and plain text into messages Telegram accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, link } from '../../src/telegram/html.ts';
import { parseTelegramHtml } from '../../src/telegram/parse-html.ts';
import { splitHtml, splitPlain } from '../../src/telegram/split.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function visibleText(html: string): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(`${parsed.error} in ${JSON.stringify(html)}`);
  return parsed.text;
}

/** The documented contract: the parts' texts, in order, are the whole text with only whitespace dropped between them. */
function expectSameTextExceptWhitespaceAtCuts(whole: string, parts: string[]): void {
  let at = 0;
  for (const part of parts) {
    if (!whole.startsWith(part, at)) while (/\s/.test(whole[at] ?? '')) at += 1;
    expect(whole.startsWith(part, at), `part ${JSON.stringify(part)} at ${at} of ${JSON.stringify(whole)}`).toBe(true);
    at += part.length;
  }
  expect(whole.slice(at)).toMatch(/^\s*$/);
}

function expectGoodParts(html: string, limit: number): string[] {
  const parts = splitHtml(html, limit);
  const texts = parts.map(visibleText);
  for (const text of texts) {
    expect(text.length).toBeLessThanOrEqual(limit);
    expect(text).toMatch(/\S/);
    expect(text).not.toMatch(LONE_SURROGATE);
  }
  expectSameTextExceptWhitespaceAtCuts(visibleText(html), texts);
  return texts;
}

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(' ', '\n', '\n\n', '😀', '🇺🇦', 'word ', 'Санкції ') },
  { weight: 1, arbitrary: fc.constantFrom('&'.repeat(120), '<'.repeat(90), '😀'.repeat(60), 'x'.repeat(150), 'ab\u00a0'.repeat(30)) },
);
const paragraphText = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));

const WRAPPERS: Array<(inner: string) => string> = [
  (s) => `<b>${s}</b>`,
  (s) => `<i>${s}</i>`,
  (s) => `<u><s>${s}</s></u>`,
  (s) => `<code>${s}</code>`,
  (s) => `<pre><code class="language-ts">${s}</code></pre>`,
  (s) => `<blockquote>${s}</blockquote>`,
  (s) => `<blockquote expandable><b>${s}</b></blockquote>`,
  (s) => `<tg-spoiler>${s}</tg-spoiler>`,
  (s) => `<span class="tg-spoiler">${s}</span>`,
  (s) => `<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">${s}</a>`,
  (s) => `<a href='tg://user?id=1'>x<i>${s}</i></a>`,
];

const paragraph = fc.oneof(
  paragraphText.map(escapeHtml),
  fc.tuple(paragraphText, fc.nat(WRAPPERS.length - 1)).map(([text, w]) => (WRAPPERS[w] as (s: string) => string)(escapeHtml(text))),
  fc.tuple(paragraphText, paragraphText, fc.nat(WRAPPERS.length - 1)).map(
    ([a, b, w]) => `${escapeHtml(a)}${(WRAPPERS[w] as (s: string) => string)(escapeHtml(b))}${escapeHtml(a)}`,
  ),
);
const document = fc.tuple(fc.array(paragraph, { minLength: 1, maxLength: 10 }), fc.constantFrom('\n\n', '\n', ' ', '')).map(([ps, sep]) => ps.join(sep));

describe('D9: splitting', () => {
  it('D9: splitHtml chunks are each ≤ 4096, valid, no lone surrogate, and concatenate to the input text', () => {
    fc.assert(fc.property(document, fc.constantFrom(2, 3, 7, 50, 120), (html, limit) => void expectGoodParts(html, limit)), { numRuns: 600 });
    // Full-size messages: repeat documents so they exceed 4096 units.
    fc.assert(fc.property(fc.array(document, { minLength: 1, maxLength: 40 }), (docs) => void expectGoodParts(docs.join('\n\n'), 4096)), {
      numRuns: 25,
    });
  });

  it('returns a message that fits unchanged, and nothing for one with no visible text', () => {
    expect(splitHtml('  <b>short</b>\n')).toEqual(['  <b>short</b>\n']);
    expect(splitHtml(' <b> </b>\n\n ', 3)).toEqual([]);
    expect(splitHtml('')).toEqual([]);
  });

  it('cuts at a blank line first, then a line break, then a space, then anywhere', () => {
    const a = 'a'.repeat(30);
    expect(splitHtml(`${a}\n\n${a} ${a}\n${a}`, 70)).toEqual([`${a}\n\n${a}`, `${a}\n${a}`]);
    expect(splitHtml(`${a} ${a}\n${a} ${a}`, 70)).toEqual([`${a} ${a}`, `${a} ${a}`]);
    expect(splitHtml(`${a} ${a}${a}`, 70)).toEqual([a, a + a]);
    expect(splitHtml('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('prefers a lesser break in the second half over a blank line that would leave the part under half full', () => {
    const parts = splitHtml(`intro\n\n${'word '.repeat(40)}`, 100);
    expect(parts[0]).toMatch(/^intro\n\nword word/);
    expect(parts[0]?.length).toBeGreaterThan(50);
  });

  it('closes tags open at a cut and reopens them with the same attributes', () => {
    const quote = `<blockquote expandable><b>${'word '.repeat(30)}</b></blockquote>`;
    const parts = splitHtml(quote, 50);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(p).toMatch(/^<blockquote expandable><b>word[\s\S]*word ?<\/b><\/blockquote>$/);

    const linked = splitHtml(link('x '.repeat(40), 'https://e.org/?a=1&b=2'), 30);
    expect(linked.every((p) => p.startsWith('<a href="https://e.org/?a=1&amp;b=2">') && p.endsWith('</a>'))).toBe(true);
  });

  it('does not leave an empty tag pair when a tag opens right at a hard cut', () => {
    expect(splitHtml(`${'x'.repeat(10)}<b>${'y'.repeat(5)}</b>`, 10)).toEqual(['x'.repeat(10), `<b>${'y'.repeat(5)}</b>`]);
  });

  it('never cuts inside a character reference or a surrogate pair', () => {
    expect(splitHtml('&amp;'.repeat(5), 2)).toEqual(['&amp;&amp;', '&amp;&amp;', '&amp;']);
    expect(splitHtml('😀'.repeat(5), 3)).toEqual(['😀', '😀', '😀', '😀', '😀']);
    expect(splitHtml('&#128512;'.repeat(3), 5)).toEqual(['&#128512;&#128512;', '&#128512;']);
  });

  it('refuses a limit too small for an astral character', () => {
    expect(() => splitHtml('abc', 1)).toThrow(RangeError);
    expect(() => splitPlain('abc', 2.5)).toThrow(RangeError);
  });
});

describe('splitPlain', () => {
  it('uses the same cut preferences and never splits a surrogate pair', () => {
    expect(splitPlain('<b>a & b</b>\n\nnext', 14)).toEqual(['<b>a & b</b>', 'next']);
    const parts = splitPlain('😀'.repeat(100), 51);
    expect(parts.every((p) => p.length <= 51 && !LONE_SURROGATE.test(p))).toBe(true);
    expect(parts.join('')).toBe('😀'.repeat(100));
  });

  it('keeps all text but the whitespace at cuts', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), fc.constantFrom(2, 5, 40), (text, limit) => {
        const parts = splitPlain(text, limit);
        for (const p of parts) expect(p.length <= limit && /\S/.test(p) && !LONE_SURROGATE.test(p)).toBe(true);
        expectSameTextExceptWhitespaceAtCuts(text, parts);
      }),
      { numRuns: 300 },
    );
  });
});
