// The strict Telegram HTML parser behind the fake Bot API: what it accepts, the text and entities
// it reports (UTF-16 offsets), and the errors it gives in Telegram's shape.
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_UTF16, parseTelegramHtml } from '../../src/telegram/parse-html.ts';

const errorOf = (html: string): string => {
  const parsed = parseTelegramHtml(html);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(html)} to be rejected`);
  return parsed.error;
};

describe('accepted HTML', () => {
  it('maps every supported tag to its entity', () => {
    const html =
      '<b>b</b><strong>b</strong><i>i</i><em>i</em><u>u</u><ins>u</ins><s>s</s><strike>s</strike><del>s</del>' +
      '<code>c</code><tg-spoiler>p</tg-spoiler><span class="tg-spoiler">p</span><blockquote>q</blockquote>' +
      '<blockquote expandable>e</blockquote>';
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok && parsed.text).toBe('bbiiuussscppqe');
    expect(parsed.ok && parsed.entities.map((e) => e.type)).toEqual([
      'bold', 'bold', 'italic', 'italic', 'underline', 'underline', 'strikethrough', 'strikethrough', 'strikethrough',
      'code', 'spoiler', 'spoiler', 'blockquote', 'expandable_blockquote',
    ]);
  });

  it('reads links with double- or single-quoted href, decoding references in it', () => {
    const parsed = parseTelegramHtml(`<a href="https://e.org/?a=1&amp;b=&quot;2&quot;">x</a> <A HREF='tg://user?id=1'>y</A>`);
    expect(parsed).toEqual({
      ok: true,
      text: 'x y',
      entities: [
        { type: 'text_link', offset: 0, length: 1, url: 'https://e.org/?a=1&b="2"' },
        { type: 'text_link', offset: 2, length: 1, url: 'tg://user?id=1' },
      ],
    });
  });

  it('merges <pre><code class="language-x"> into one pre entity with the language', () => {
    expect(parseTelegramHtml('<pre><code class="language-ts">let a = 1 &lt; 2;</code></pre>')).toEqual({
      ok: true,
      text: 'let a = 1 < 2;',
      entities: [{ type: 'pre', offset: 0, length: 14, language: 'ts' }],
    });
  });

  it('counts offsets and lengths in UTF-16 units, with astral characters and references', () => {
    const parsed = parseTelegramHtml('🇺🇦 <b>ok 😀</b> &#128512;<i>&#x1F600;x</i>');
    expect(parsed).toEqual({
      ok: true,
      text: '🇺🇦 ok 😀 😀😀x',
      entities: [
        { type: 'bold', offset: 5, length: 5 },
        { type: 'italic', offset: 13, length: 3 },
      ],
    });
  });

  it('lists an outer entity before the inner ones and drops empty ones', () => {
    const parsed = parseTelegramHtml('<b><i>x</i>y</b><u></u>');
    expect(parsed.ok && parsed.entities).toEqual([
      { type: 'bold', offset: 0, length: 2 },
      { type: 'italic', offset: 0, length: 1 },
    ]);
  });

  it('accepts what Telegram accepts: raw ">", "</>", spaces and case in tags', () => {
    expect(parseTelegramHtml('a > b <b >x</b > <I>y</>')).toMatchObject({ ok: true, text: 'a > b x y' });
  });

  it('exports the message limit', () => {
    expect(MAX_MESSAGE_UTF16).toBe(4096);
  });
});

describe('rejected HTML', () => {
  it('names an unsupported tag and its UTF-8 byte offset, as Telegram does', () => {
    expect(errorOf('ä<script>x</script>')).toBe('Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 2');
    expect(errorOf('<div>x</div>')).toContain('Unsupported start tag "div"');
    expect(errorOf('a<br>b')).toContain('Unsupported start tag "br"');
    expect(errorOf('<b/>')).toContain('Unsupported start tag "b/"');
    expect(errorOf('<tg-emoji emoji-id="1">x</tg-emoji>')).toContain('Unsupported start tag "tg-emoji"');
  });

  it('rejects a raw "<" that does not start a valid tag', () => {
    expect(errorOf('a < b')).toBe('Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2');
    expect(errorOf('1 <2')).toContain('Unclosed start tag at byte offset 2');
    expect(errorOf('x <b')).toContain('Unclosed start tag');
    expect(errorOf('<a href="x>y</a>')).toContain('Unclosed start tag');
  });

  it('rejects unclosed and mismatched tags', () => {
    expect(errorOf('<b>x')).toBe('Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"');
    expect(errorOf('<b><i>x</b></i>')).toBe(
      'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
    );
    expect(errorOf('x</b>')).toContain('Unexpected end tag at byte offset 1');
    expect(errorOf('<b>x</b')).toContain('Unclosed end tag');
    expect(errorOf('<b>x</ b>')).toContain('Unclosed end tag');
  });

  it('rejects a "&" that does not start &lt; &gt; &amp; &quot; &#NNN; or &#xHH;', () => {
    for (const html of ['a & b', '&amp', '&nbsp;', '&apos;', '&#;', '&#0;', '&#xD800;', '&#x110000;', '&#X41;', '<a href="?a=1&b=2">x</a>']) {
      expect(errorOf(html), html).toContain("can't parse entities: Character entity expected at byte offset");
    }
  });

  it('rejects links in links, span without the spoiler class, and lone surrogates', () => {
    expect(errorOf('<a href="https://a">x<b><a href="https://b">y</a></b></a>')).toContain('Nested links');
    expect(errorOf('<span>x</span>')).toContain('Tag "span" must have class "tg-spoiler"');
    expect(errorOf('<span class="bold">x</span>')).toContain('must have class');
    expect(errorOf('x\uD83D')).toBe('Bad Request: strings must be encoded in UTF-8');
    expect(errorOf('\uDE00x')).toContain('UTF-8');
  });

  it('rejects malformed attributes', () => {
    expect(errorOf('<a href=https://e.org>x</a>')).toContain('Unexpected end of name token');
    expect(errorOf('<a ="x">y</a>')).toContain('Empty attribute name');
  });
});
