// Search ranks the newest matches by bm25 when that is affordable, and lists them newest first
// when the words are so common that bm25's counting would read most of the index.
import { describe, expect, it } from 'vitest';
import { toFtsQuery, toSearchTerms } from '../../src/store/fts-query.ts';
import { createSearchHits } from '../../src/store/search-hits.ts';
import { seededStore } from '../helpers/store.ts';

describe('search hits', () => {
  const store = seededStore();
  const bm25Order = (match: string, limit: number): number[] =>
    (store.db.prepare(`SELECT id FROM (SELECT rowid AS id, bm25(statements_fts, 0.0, 1.0, 4.0, 1.0) AS r FROM statements_fts WHERE statements_fts MATCH ?
      ORDER BY rowid DESC LIMIT ${limit}) ORDER BY r, id`).all(match) as Array<{ id: number }>).map((r) => r.id);
  const newestOrder = (match: string, limit: number): number[] =>
    (store.db.prepare(`SELECT rowid AS id FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rowid DESC LIMIT ${limit}`).all(match) as Array<{ id: number }>).map((r) => r.id);

  it.each(['the war', 'Ukraine', 'North Korean troops', 'Zelensky said'])('"%s": bm25 order within the budget, newest first past it', (query) => {
    const terms = toSearchTerms(query);
    const match = toFtsQuery(terms) as string;
    const ranked = createSearchHits(store.db, 30).hits(match, terms).map((h) => h.id);
    expect(ranked.length).toBeGreaterThan(1);
    expect(ranked).toEqual(bm25Order(match, 31));
    const newest = createSearchHits(store.db, 30, 0).hits(match, terms).map((h) => h.id);
    expect(newest).toEqual(newestOrder(match, 31));
    expect(new Set(newest)).toEqual(new Set(ranked));
  });

  it('a word still being typed is listed newest first (its prefix expansion is read whole)', () => {
    const terms = toSearchTerms('Ukrai', { typing: true });
    expect(terms.terms[0]?.prefix).toBe(true);
    const match = toFtsQuery(terms) as string;
    const hits = createSearchHits(store.db, 30).hits(match, terms).map((h) => h.id);
    expect(hits.length).toBeGreaterThan(1);
    expect(hits).toEqual(newestOrder(match, 31));
  });

  it('each hit carries its translation group and language', () => {
    const terms = toSearchTerms('Zelensky');
    const hit = createSearchHits(store.db, 30).hits(toFtsQuery(terms) as string, terms)[0];
    const row = store.db.prepare('SELECT translation_group AS grp, lang FROM statements WHERE id = ?').get(hit?.id);
    expect(hit).toEqual({ id: hit?.id, ...(row as object) });
  });
});

describe('a word being typed (inline)', () => {
  const store = seededStore();
  it('is searched as the word when it already is one with a page of matches, else by prefix', () => {
    const typed = store.statements.searchIds('Ukraine', { typing: true });
    expect(typed.ids.length).toBeGreaterThanOrEqual(20);
    expect(typed.ids).toEqual(store.statements.searchIds('Ukraine').ids);
    // "Ukrai" is no word: its prefix finds Ukraine, Ukrainian…
    const fragment = store.statements.searchIds('Ukrai', { typing: true });
    expect(fragment.ids.length).toBeGreaterThan(0);
    expect(store.statements.searchIds('Ukrai').ids).toEqual([]);
  });
});
