// Full-text search: safe for any input (D10, D11), both languages, ranked, paged by a stable cursor.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toFtsQuery, toSearchTerms } from '../../src/store/fts-query.ts';
import type { Store } from '../../src/store/index.ts';
import { seededStore } from '../helpers/store.ts';

let store: Store;
beforeAll(() => {
  store = seededStore();
});

describe('D10: FTS syntax in user input is neutralised', () => {
  const inputs = ['tax"es', 'NEAR(a b', 'AND', '*', 'c++', "o'brien", 'body:x', 'a -b', 'a*', 'x'.repeat(4096), '"', ')', 'OR OR', '^north', 'names:Putin', '\u0000', '🇺🇦 drones'];
  it.each(inputs)('%s returns results or none, never an error', (input) => {
    const page = store.statements.search(input, 10);
    expect(Array.isArray(page.items)).toBe(true);
  });

  it('quotes every token so operators and column filters are words', () => {
    const S = '{stems names title} : ';
    expect(toFtsQuery(toSearchTerms('body:x NEAR(a b) -c'))).toBe(`${S}"bodi" AND ${S}"x" AND ${S}"near" AND ${S}"a" AND ${S}"b" AND ${S}"c"`);
    expect(toFtsQuery(toSearchTerms('"tax ""es" say'))).toBe(`body : "tax" AND body : "es" AND ${S}"say"`);
    expect(toFtsQuery(toSearchTerms('*'))).toBeNull();
  });

  it('survives arbitrary strings (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        store.statements.search(s, 5);
      }),
      { numRuns: 300 },
    );
  });
});

describe('D11: huge queries are cut to a bounded size', () => {
  it('keeps at most 12 tokens and 256 characters, and says it cut', () => {
    const terms = toSearchTerms(Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' '));
    expect(terms.tokens.length).toBe(12);
    expect(terms.truncated).toBe(true);
    const page = store.statements.search('x'.repeat(4096), 10);
    expect(page.truncated).toBe(true);
    expect(page.items.length).toBeLessThanOrEqual(10);
  });
});

describe('search quality', () => {
  it('finds the North Korean troops statements, best first', () => {
    const page = store.statements.search('North Korean troops', 5);
    expect(page.mode).toBe('all');
    expect(page.items.length).toBe(5);
    for (const s of page.items) expect(`${s.title} ${s.text}`.toLowerCase()).toMatch(/north korean/);
  });

  it('matches Ukrainian word forms and folds apostrophes', () => {
    expect(store.statements.search('північнокорейські військові', 5).items.map((s) => s.lang)).toContain('uk');
    expect(store.statements.search('Юн Сок Йоль', 5).items.length).toBeGreaterThan(0);
    // "weʼve" (U+02BC) in the corpus is found as "weve" and as "we’ve".
    const a = store.statements.search('weʼve discussed', 5).items.map((s) => s.id);
    expect(a.length).toBeGreaterThan(0);
    expect(store.statements.search('we’ve discussed', 5).items.map((s) => s.id)).toEqual(a);
  });

  it('matches the last word by prefix only while it is typed, and names in any script find the speaker', () => {
    expect(store.statements.search('sanct', 5, null, { typing: true }).items.length).toBeGreaterThan(0);
    expect(store.statements.search('sanct', 5).items.length).toBe(0);
    const byCyrillic = store.statements.search('Зеленський', 100).items.map((s) => s.id);
    expect(byCyrillic.length).toBeGreaterThan(20);
  });

  it('falls back to any word when no statement has them all', () => {
    const page = store.statements.search('Pyongyang xylophone', 5);
    expect(page.mode).toBe('any');
    expect(page.items.length).toBeGreaterThan(0);
  });

  it('pages with a cursor that covers every hit once, in order', () => {
    const all = store.statements.search('war', 1000).items.map((s) => s.id);
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page = store.statements.search('war', 7, cursor);
      paged.push(...page.items.map((s) => s.id));
      cursor = page.next;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThan(14);
  });

  it('keeps list pages stable when new statements arrive meanwhile', () => {
    const first = store.statements.latest(10);
    const ids = store.statements.latest(21).items.map((s) => s.id);
    // A statement from the second page moves to the top: the second page neither repeats the first
    // page's rows nor skips any of the rest.
    store.db.prepare(`UPDATE statements SET date_sort = '2099-01-01' WHERE id = ?`).run(ids[15]);
    const second = store.statements.latest(10, first.next);
    expect(second.items.map((s) => s.id)).toEqual([...ids.slice(10, 15), ...ids.slice(16, 21)]);
  });
});
