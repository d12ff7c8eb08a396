// Summaries, clustering, filters and rendering of digests (pure parts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterItems } from '../../src/digest/cluster.ts';
import { renderDigest } from '../../src/digest/render.ts';
import { matchesFilters } from '../../src/digest/select.ts';
import { splitSentences, summarise } from '../../src/digest/summarise.ts';
import type { Filters, Statement } from '../../src/store/index.ts';
import { parseTelegramHtml } from '../../src/telegram/parse-html.ts';
import { reference, seededStore } from '../helpers/store.ts';

const store = seededStore();
const all = store.statements.latest(1000).items;
const ALL: Filters = { topics: [], actors: [], include: [], exclude: [], languagePref: 'both' };

function fake(overrides: Partial<Statement>): Statement {
  return {
    id: 1, externalId: 'x', kind: 'quote', title: null, text: 'Text.', parts: null, partsTotal: null, attribution: null, lang: 'en',
    date: '2025-01-01', datePrecision: 'day', speakers: ['A'], mentioned: [], topics: [], source: 'S', url: null, homeUrl: null,
    translationOf: null, translations: [], ingestedAt: '2026-01-01T00:00:00Z', ...overrides,
  };
}

describe('summaries', () => {
  it('use only sentences of the statement, at most two, within ~280 characters', () => {
    for (const s of all) {
      const summary = summarise(s.text);
      expect(summary.length).toBeLessThanOrEqual(282);
      const sentences = splitSentences(s.text);
      const pieces = summary.endsWith(' …') ? [summary.slice(0, -2)] : splitSentences(summary);
      for (const piece of pieces) expect(sentences.some((x) => x.includes(piece)), piece).toBe(true);
      expect(pieces.length).toBeLessThanOrEqual(2);
    }
  });

  it('keeps a short statement whole', () => {
    expect(summarise('We must stop the war. Now.')).toBe('We must stop the war. Now.');
    expect(splitSentences(summarise('One. Two two. Three three three. Four four four four.'))).toHaveLength(2);
  });
});

describe('clustering', () => {
  it('makes one item of a thread and its translation, preferred language first', () => {
    const pair = all.filter((s) => s.id === 1 || s.id === 2);
    expect(clusterItems(pair, 'both', 'uk').map((i) => [i.primary.lang, i.also.map((a) => a.lang)])).toEqual([['uk', ['en']]]);
    expect(clusterItems(pair, 'both', 'en').map((i) => i.primary.lang)).toEqual(['en']);
    expect(clusterItems(pair, 'uk', 'en').map((i) => [i.primary.lang, i.also.length])).toEqual([['uk', 0]]);
  });

  it('folds the same quote from two outlets into one item, also reported by the other', () => {
    const a = fake({ id: 10, text: 'This illegal military cooperation threatens peace on the Korean Peninsula and around the world.', source: 'ElitExpert' });
    const b = fake({ id: 11, text: 'The illegal military cooperation threatens peace on the Korean Peninsula and the world.', source: 'Yonhap' });
    const c = fake({ id: 12, text: 'Something else entirely about drones.', source: 'Yonhap' });
    const items = clusterItems([a, b, c], 'both', 'en');
    expect(items.map((i) => [i.primary.id, i.also.map((x) => x.source)])).toEqual([[10, ['Yonhap']], [12, []]]);
  });
});

describe('filters', () => {
  it('follow topics or people, then narrow by keywords', () => {
    const zelensky = store.actors.find('Zelensky').matches[0]?.id as number;
    const on = (f: Partial<Filters>, names: string[] = []) => all.filter((s) => matchesFilters(s, { ...ALL, ...f }, names)).length;
    expect(on({})).toBe(all.length);
    expect(on({ topics: ['sanctions'] })).toBe(all.filter((s) => s.topics.includes('sanctions')).length);
    const either = on({ topics: ['nuclear'], actors: [zelensky] }, ['Volodymyr Zelensky']);
    expect(either).toBe(all.filter((s) => s.topics.includes('nuclear') || [...s.speakers, ...s.mentioned].includes('Volodymyr Zelensky')).length);
    expect(on({ include: ['drones'] })).toBeGreaterThan(0);
    expect(on({ include: ['drones'], exclude: ['shahed'] })).toBeLessThan(on({ include: ['drones'] }));
  });
});

describe('B15: rendering long digests', () => {
  it('splits into numbered parts of valid HTML at item boundaries, every item with its source', () => {
    const nasty = Array.from({ length: 40 }, (_, i) =>
      fake({ id: 100 + i, text: `${'🇺🇦 Drones & <b>missiles</b> "quoted" '.repeat(12)} Sentence ${i}.`, topics: ['drones'], url: i % 2 ? `https://example.org/${i}?a=1&b=2` : null }),
    );
    const parts = renderDigest({ items: clusterItems(nasty, 'both', 'en'), localDate: '2026-11-23', followedTopics: [], failedSources: ['broken.jsonl'], locale: { lang: 'en', topics: reference().tagger.entries } });
    expect(parts.length).toBeGreaterThan(1);
    let visible = '';
    parts.forEach((part, i) => {
      const parsed = parseTelegramHtml(part);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.text.length).toBeLessThanOrEqual(4096);
      expect(parsed.text.startsWith(`(${i + 1}/${parts.length})`)).toBe(true);
      // Cut only between items: no part starts in the middle of one.
      if (i > 0) expect(parsed.text.replace(/^\(\d+\/\d+\) /, '')).toMatch(/^(•|Drones)/);
      visible += parsed.text;
    });
    for (const s of nasty) expect(visible).toContain(`/show_${s.id}`);
    expect(visible).toContain('example.org'.length ? 'Drones' : '');
    expect(visible).toContain('1 source failed to update since the last digest: broken.jsonl');
    expect(visible).toContain('(link unknown)');
  });

  it('renders any statement text as valid HTML (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (text) => {
        const parts = renderDigest({ items: [{ primary: fake({ text: text || 'x' }), also: [] }], localDate: '2026-11-23', followedTopics: [], failedSources: [], locale: { lang: 'uk', topics: [] } });
        for (const p of parts) expect(parseTelegramHtml(p).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('digest length', () => {
  it('lists at most 30 items and counts the rest', async () => {
    const { composeDigest } = await import('../../src/digest/build.ts');
    const statements = Array.from({ length: 40 }, (_, i) => fake({ id: 500 + i, kind: 'report', text: `Item ${i} about drones.`, source: `Outlet ${i}` }));
    const content = composeDigest({ statements, filters: ALL, followedNames: [], uiLang: 'en', localDate: '2026-11-23', failedSources: [], reference: reference() });
    const text = content.parts.map((p) => (parseTelegramHtml(p) as { text: string }).text).join('\n');
    expect(content.items).toBe(40);
    expect(text).toContain('40 new statements');
    expect(text.match(/\/show_\d+/g)).toHaveLength(30);
    expect(text).toContain('…and 10 more new statements: /latest');
  });
});
