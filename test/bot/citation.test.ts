// Citations: speaker and role, quote marks by language, the date as precise as known, outlet and
// link (or "link unknown"), which version is quoted; the Markdown form agrees with the card.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/bot/cards.ts';
import { buildCitation, escapeMarkdown, quoteWords, renderCitationMarkdown, renderCitationText, speakerDirectoryFor } from '../../src/bot/citation.ts';
import { TEXTS } from '../../src/bot/i18n/index.ts';
import { formatStatementDate } from '../../src/format-date.ts';
import type { Statement } from '../../src/store/index.ts';
import { parseTelegramHtml } from '../../src/telegram/parse-html.ts';
import { reference, seededStore } from '../helpers/store.ts';

const speakers = speakerDirectoryFor(reference().actors);

function statement(over: Partial<Statement> = {}): Statement {
  return {
    id: 7, externalId: 'x#7', kind: 'post', title: null, text: 'We need air defence now.', parts: null, partsTotal: null,
    attribution: null, lang: 'en', date: '2025-09-04', datePrecision: 'day', speakers: ['Volodymyr Zelensky'], mentioned: [],
    topics: [], source: 'President of Ukraine', url: 'https://www.president.gov.ua/en/news/1', homeUrl: null,
    translationOf: null, translations: [], ingestedAt: '2026-01-01T00:00:00Z', ...over,
  };
}

describe('plain citation', () => {
  it('English: name and role, “…”, the day, the outlet and its link', () => {
    const text = renderCitationText(buildCitation(statement(), 'en', speakers), 'en');
    expect(text).toBe([
      'Volodymyr Zelensky, President of Ukraine — post, 4 September 2025:',
      '“We need air defence now.”',
      'Source: President of Ukraine, https://www.president.gov.ua/en/news/1',
    ].join('\n'));
  });

  it('Ukrainian: the name and role in Ukrainian, «…», the date in Ukrainian, "посилання невідоме"', () => {
    const s = statement({ url: null, date: '2024-10', datePrecision: 'month', text: 'Провів розмову про «Рамштайн».', lang: 'uk' });
    const text = renderCitationText(buildCitation(s, 'uk', speakers), 'uk');
    expect(text.split('\n')).toEqual([
      'Володимир Зеленський, Президент України — допис, жовтень 2024 (день невідомий):',
      '«Провів розмову про „Рамштайн“.»',
      'Джерело: President of Ukraine (посилання невідоме)',
    ]);
  });

  it('says the precision of every kind of date, and who spoke when no named person did', () => {
    const cases = [
      [{ date: '2024', datePrecision: 'year' }, '2024 (day unknown)'],
      [{ date: null, datePrecision: 'unknown' }, 'date unknown'],
    ] as const;
    for (const [over, said] of cases) {
      expect(renderCitationText(buildCitation(statement({ ...over, speakers: [], attribution: 'A top US diplomat', kind: 'quote' }), 'en', speakers), 'en'))
        .toMatch(new RegExp(`^A top US diplomat — as reported, ${said.replace(/[()]/g, '\\$&')}:`));
    }
    // An actor met only in a source: no role invented, the name in the reader's script (romanised for English).
    expect(buildCitation(statement({ speakers: ['Ірина Верещук'] }), 'en', speakers).who).toBe('Iryna Vereshchuk');
    expect(buildCitation(statement({ speakers: ['Ірина Верещук'] }), 'uk', speakers).who).toBe('Ірина Верещук');
  });

  it('says which version is quoted, for a translation and for an original', () => {
    const versions = new Map([[1, 'en' as const], [2, 'uk' as const]]);
    const translated = buildCitation(statement({ id: 2, lang: 'uk', translationOf: 1 }), 'en', speakers, versions);
    expect(translated.version).toBe('Version quoted: Ukrainian, a translation; the original is in English (statement #1).');
    const original = buildCitation(statement({ id: 1, translations: [2] }), 'uk', speakers, versions);
    expect(original.version).toBe('Цитована версія: оригінал, англійською; є також українською (заява #2).');
    expect(renderCitationText(original, 'uk').split('\n').at(-1)).toBe(original.version);
  });

  it('a link that is not http(s) is never offered as the link', () => {
    expect(buildCitation(statement({ url: 'javascript:alert(1)' }), 'en', speakers).link).toBeNull();
  });

  it('fits one Telegram message: long words are cut, marked […] and pointed to /show', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 3000, maxLength: 9000 }), fc.constantFrom('en', 'uk' as const), (words, lang) => {
      const text = renderCitationText(buildCitation(statement({ text: words }), lang, speakers), lang);
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      if (words.trim().length + 200 > 4096) expect(text).toContain('/show 7');
    }), { numRuns: 40 });
  });

  it('a reported quote keeps only the quoted words; a paraphrase is never put in quote marks', () => {
    const quoted = statement({ kind: 'quote', text: '“Russia must be stopped,” he said. “Now.”' });
    expect(renderCitationText(buildCitation(quoted, 'en', speakers), 'en').split('\n')[1]).toBe('“Russia must be stopped […] Now.”');
    expect(renderCitationText(buildCitation(quoted, 'uk', speakers), 'uk').split('\n')[1]).toBe('«Russia must be stopped […] Now.»');
    const paraphrase = statement({ kind: 'quote', text: 'Zelensky said neither North Korea nor Russia took any account of the dead.' });
    const lines = renderCitationText(buildCitation(paraphrase, 'en', speakers), 'en').split('\n');
    expect(lines[1]).toBe('Reported, not a direct quote: Zelensky said neither North Korea nor Russia took any account of the dead.');
    expect(renderCitationMarkdown(buildCitation(paraphrase, 'uk', speakers), 'uk')).toContain('> Переказ, не пряма цитата: Zelensky said');
  });

  it('inner quotes take the inner marks of each language', () => {
    expect(quoteWords('he said “no”', 'en')).toBe('“he said ‘no’”');
    expect(quoteWords('сказав «ні»', 'uk')).toBe('«сказав „ні“»');
  });
});

describe('Markdown citation', () => {
  it('matches the card of the same statement: speaker, day and link (every seeded statement, both languages)', () => {
    const store = seededStore();
    const ids = store.statements.latest(200).items.map((s) => s.id);
    expect(ids.length).toBe(65);
    for (const s of store.statements.byIds(ids)) {
      const card = renderCard(s, { t: TEXTS.en, lang: 'en', topics: reference().tagger.entries });
      const parsed = parseTelegramHtml(card);
      if (!parsed.ok) throw new Error(parsed.error);
      const cardSpeaker = parsed.text.split('\n')[0]?.split(' · ')[0] ?? '';
      const cardDay = parsed.text.split('\n')[1]?.split(' · ')[0] ?? '';
      const cardLink = parsed.entities.find((e) => e.type === 'text_link' && parsed.text.slice(e.offset, e.offset + e.length) === s.source)?.url;
      const md = renderCitationMarkdown(buildCitation(s, 'en', speakers), 'en');
      const head = md.split('\n')[0] ?? '';
      // The card's speaker line (names, else attribution, else outlet) starts the citation's.
      for (const name of cardSpeaker.split(', ')) expect(head).toContain(escapeMarkdown(name));
      expect(head).toContain(escapeMarkdown(cardDay));
      expect(cardDay).toBe(formatStatementDate(s.date, s.datePrecision, 'en'));
      if (s.url) {
        expect(cardLink).toBe(s.url);
        expect(md).toContain(`](${s.url})`);
      } else {
        expect(md).toMatch(/\(link unknown\)( {2})?$/m);
      }
      expect(head).toContain(`\`#${s.id}\``);
    }
    store.close();
  });

  it('corpus text cannot become markup: headings, lists, links, emphasis and HTML stay text', () => {
    const s = statement({ text: '# not a title\n- not a list\n1. nor this\n[x](javascript:alert(1)) *a* _b_ <script> &amp; `c`' });
    const md = renderCitationMarkdown(buildCitation(s, 'en', speakers), 'en');
    expect(md).toContain('> “# not a title');
    expect(md).toContain('> \\- not a list');
    expect(md).toContain('> 1\\. nor this');
    expect(md).toContain('\\[x\\](javascript:alert(1)) \\*a\\* \\_b\\_ \\<script\\> \\&amp; \\`c\\`');
  });
});
