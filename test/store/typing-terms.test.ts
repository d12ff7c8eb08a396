// Completions for a word being typed (migration 0012, src/store/typing-terms.ts): every word of the
// search index's body column is there, counted. All of a fragment's completions match exactly what
// FTS5's prefix query matched; an inline search uses the eight most frequent of them, so a
// statement whose only match is a rarer completion is found once that word is typed in full.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import { openDatabase } from '../../src/store/db.ts';
import { toFtsQuery, toSearchTerms } from '../../src/store/fts-query.ts';
import { loadMigrations, migrate } from '../../src/store/migrate.ts';
import type { Store } from '../../src/store/index.ts';
import { createTypingTerms } from '../../src/store/typing-terms.ts';
import { memoryStore, reference, seededStore, tempDir } from '../helpers/store.ts';

const FRAGMENTS = ['sanct', 'zel', 'зелен', 'kor', 'ukr', 'україн', 'дрон', 'war', 'пере'];

/** Rowids FTS5 matches for a body-column expression. */
const matching = (store: Store, match: string): number[] =>
  store.db.prepare('SELECT rowid FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rowid').pluck().all(match) as number[];

function expectCompletionsToMatchPrefix(store: Store): number {
  const terms = createTypingTerms(store.db);
  let compared = 0;
  for (const fragment of FRAGMENTS) {
    const all = terms.completions(fragment, 100_000);
    const byPrefix = matching(store, `body : "${fragment}"*`);
    const byCompletions = all.length ? matching(store, `body : (${all.map((t) => `"${t}"`).join(' OR ')})`) : [];
    expect(byCompletions, fragment).toEqual(byPrefix);
    if (byPrefix.length > 0) compared += 1;
  }
  return compared;
}

describe('typing terms', () => {
  it('holds every word of the indexed text: all of a fragment\'s completions match what its prefix matches', () => {
    const store = seededStore();
    expect(expectCompletionsToMatchPrefix(store)).toBeGreaterThanOrEqual(5);
  });

  it('orders completions by how often the word was written', () => {
    const store = memoryStore();
    const dir = tempDir('sd-typing-');
    const path = join(dir, 'a.jsonl');
    const text = (i: number) => (i % 10 === 0 ? `Sanctuary ${i} of sanctions.` : `Sanctions ${i} against Russia.`);
    writeFileSync(path, `${Array.from({ length: 2_500 }, (_, i) => JSON.stringify({ id: `r${i}`, text: text(i), date: '2025-03-01' })).join('\n')}\n`);
    ingest({ paths: [path], corpusDir: dir, store, reference: reference(), now: () => new Date('2026-11-30T08:00:00Z') });
    const terms = createTypingTerms(store.db);
    expect(terms.completions('sanct')).toEqual(['sanctions', 'sanctuary']);
    expect(store.db.prepare("SELECT n FROM typing_terms WHERE term = 'sanctions'").pluck().get()).toBe(2_500);
    expect(expectCompletionsToMatchPrefix(store)).toBeGreaterThanOrEqual(1);
  });

  it('an inline search expands the word being typed to its completions, not a prefix', () => {
    const store = seededStore();
    const parsed = toSearchTerms('North Kor', { typing: true });
    expect(toFtsQuery({ ...parsed, terms: parsed.terms.map((t) => (t.prefix ? { ...t, completions: ['korea', 'korean'] } : t)) }))
      .toBe('{stems names title} : "north" AND ({stems names title} : "kor" OR body : ("korea" OR "korean"))');
    expect(toFtsQuery(parsed)).toContain('body : "kor"*');
    const found = store.statements.search('North Kor', 50, null, { typing: true });
    expect(found.items.length).toBeGreaterThan(0);
    // 'north' may be in the title (a searched column), the fragment is in the text.
    expect(found.items.every((s) => /kor/i.test(s.text))).toBe(true);
  });

  it('migration 0012 fills the list from a search index that already has rows', () => {
    const db = openDatabase(':memory:');
    migrate(db, loadMigrations().filter((m) => m.name < '0012'));
    db.prepare("INSERT INTO statements_fts (rowid, body, stems, names, title) VALUES (1, 'sanctions against russia sanctions', 'sanction against russia sanction', '', '')").run();
    migrate(db);
    expect(db.prepare('SELECT term, n FROM typing_terms ORDER BY term').all()).toEqual([
      { term: 'against', n: 1 }, { term: 'russia', n: 1 }, { term: 'sanctions', n: 2 },
    ]);
    db.close();
  });
});
