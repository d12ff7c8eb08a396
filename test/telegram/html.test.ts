// Building Telegram HTML: escaping (D8), hostile corpus text (D7), links and highlighting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockquote, bold, code, decodeEntities, escapeHtml, highlight, italic, link, toPlainText } from '../../src/telegram/html.ts';
import { parseTelegramHtml } from '../../src/telegram/parse-html.ts';

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.stringMatching(/^[&<>"';#x0-9a-z ]{0,120}$/),
);

const HREF = 'https://example.org/?a=1&b="2"';

describe('escapeHtml and decodeEntities', () => {
  it('escapes the four characters Telegram cares about, and decodes what Telegram decodes', () => {
    expect(escapeHtml(`<a href="x">&amp;</a> 'ok'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt; \'ok\'');
    expect(decodeEntities('&lt;&gt;&amp;&quot; &#65;&#x42;&#128512; &#0; &#xD800; &nbsp; &amp')).toBe('<>&" AB😀 &#0; &#xD800; &nbsp; &amp');
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
  });

  it('D8: decodeEntities(escapeHtml(s)) === s and output has no raw < > or stray &', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const html = escapeHtml(s);
        expect(decodeEntities(html)).toBe(s);
        expect(html).not.toMatch(/[<>"]/);
        expect(html).not.toMatch(/&(?!(?:amp|lt|gt|quot);)/);

        const built = bold(s) + escapeHtml(s) + link(s, HREF);
        const parsed = parseTelegramHtml(built);
        expect(parsed).toMatchObject({ ok: true, text: s + s + s });
        if (parsed.ok && s.length > 0) expect(parsed.entities.find((e) => e.type === 'text_link')?.url).toBe(HREF);
      }),
      { numRuns: 400 },
    );
  });
});

describe('element helpers', () => {
  it('wrap escaped text', () => {
    expect(bold('a<b')).toBe('<b>a&lt;b</b>');
    expect(italic('"q"')).toBe('<i>&quot;q&quot;</i>');
    expect(code('x && y')).toBe('<code>x &amp;&amp; y</code>');
    expect(blockquote('<i>')).toBe('<blockquote>&lt;i&gt;</blockquote>');
  });

  it('S9: link() escapes the href and accepts only http(s) URLs', () => {
    expect(link('a&b', 'https://e.org/?q="x"&y=<1>')).toBe('<a href="https://e.org/?q=&quot;x&quot;&amp;y=&lt;1&gt;">a&amp;b</a>');
    expect(link('e', 'HTTP://e.org/a')).toBe('<a href="HTTP://e.org/a">e</a>');
    for (const href of ['javascript:alert(1)', 'JavaScript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', '//e.org', ' https://e.org',
      'tg://user?id=1', 'MAILTO:a@b.c', 'https://e.org/\nx', 'https://user:pw@e.org/', 'vbscript:x']) {
      expect(link('<x>', href)).toBe('&lt;x&gt;');
    }
  });

  it('toPlainText strips tags and decodes references, leaving a raw < of broken HTML alone', () => {
    expect(toPlainText('<b>a &lt;b&gt;</b> <a href="https://e.org/?x=>">l</a>&amp;')).toBe('a <b> l&');
    expect(toPlainText("<a href='>'>x</a> 1 < 2 </>")).toBe('x 1 < 2 ');
  });
});

describe('D7: hostile corpus text', () => {
  it('D7: corpus text with <b>, </a>, &, &amp;, <a href="tg://user?id=1">x</a>, <script>, and quotes renders literally', () => {
    const statement = `He wrote <b>bold</b>, </a> & &amp; <a href="tg://user?id=1">x</a> <script>alert('1')</script> "quoted" ʼ’`;
    const escaped = parseTelegramHtml(escapeHtml(statement));
    expect(escaped).toEqual({ ok: true, text: statement, entities: [] });

    const card = `${escapeHtml(statement)}\n${link(statement, 'https://example.org/a?b=1&c=2')}`;
    const parsed = parseTelegramHtml(card);
    expect(parsed).toEqual({
      ok: true,
      text: `${statement}\n${statement}`,
      entities: [{ type: 'text_link', offset: statement.length + 1, length: statement.length, url: 'https://example.org/a?b=1&c=2' }],
    });
  });
});

describe('highlight', () => {
  it('bolds whole words that start with a token, in English, escaping the rest', () => {
    expect(highlight('New sanctions & <more> SANCTIONED, unsanctioned', ['sanction'])).toBe(
      'New <b>sanctions</b> &amp; &lt;more&gt; <b>SANCTIONED</b>, unsanctioned',
    );
    expect(highlight('a1sanction 1sanction sanction', ['sanction'])).toBe('a1sanction 1sanction <b>sanction</b>');
    expect(highlight('x_sanction', ['sanction'])).toBe('x_<b>sanction</b>');
  });

  it('works in Cyrillic and across Ukrainian apostrophes (ʼ ’ \')', () => {
    expect(highlight('Санкції проти Росії, САНКЦІЙНИЙ', ['санкці'])).toBe('<b>Санкції</b> проти Росії, <b>САНКЦІЙНИЙ</b>');
    expect(highlight('пʼять, п’ятий і п\'ятниця', ['пят'])).toBe("<b>пʼять</b>, <b>п’ятий</b> і <b>п'ятниця</b>");
    expect(highlight("'Сім'я' – сімейний", ['сімя'])).toBe("'<b>Сім'я</b>' – сімейний");
  });

  it('matches folded text (diacritics), several tokens, and ignores empty ones', () => {
    expect(highlight('Café cafe ca', ['cafe', ''])).toBe('<b>Café</b> <b>cafe</b> ca');
    expect(highlight('Zelensky met Shmyhal', ['shm', 'zel'])).toBe('<b>Zelensky</b> met <b>Shmyhal</b>');
    expect(highlight('<b> & "x"', [])).toBe('&lt;b&gt; &amp; &quot;x&quot;');
    expect(highlight('b&amp;', ['b', 'amp'])).toBe('<b>b</b>&amp;<b>amp</b>;');
  });

  it('always yields valid HTML showing exactly the original text, bold only around whole words', () => {
    const token = fc.stringMatching(/^[a-zа-яіїєґ0-9]{1,3}$/);
    const text = fc.oneof(anyText, fc.array(fc.constantFrom('Санкції', 'sanction', "п'ять", 'пʼять', '<b>', '&amp;', ' ', '\n', '😀', 'é'), { maxLength: 20 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, fc.array(token, { maxLength: 3 }), (s, tokens) => {
        const parsed = parseTelegramHtml(highlight(s, tokens));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.text).toBe(s);
        for (const e of parsed.entities) {
          expect(e.type).toBe('bold');
          expect(s.slice(e.offset - 1, e.offset)).not.toMatch(/[\p{L}\p{N}]/u);
        }
      }),
      { numRuns: 400 },
    );
  });
});
