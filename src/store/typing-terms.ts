// The words of the search index's body column with about how often each was written (migration
// 0012), so that a word still being typed expands to its most frequent completions: an FTS5 prefix
// query reads every posting of every completion before it returns a row. Counted as search rows
// are written and written in the same transaction as those rows — except in a bulk load into an
// empty document, which writes them every FLUSH_TERMS distinct words and at its end; a bulk load
// that was interrupted recounts every word from the index when it is resumed (rebuild).
import { forEachWord } from '../corpus/words.ts';
import type { Db } from './db.ts';

/** Distinct words counted in memory before they are written (a few MB). */
export const FLUSH_TERMS = 20_000;
/** Completions a typed fragment expands to: the most frequent ones. */
export const MAX_COMPLETIONS = 8;
/** Sorts after every character: the end of a prefix's range of words. */
const LAST_CHAR = '\u{10FFFF}';

export function createTypingTerms(db: Db) {
  const addQuery = db.prepare('INSERT INTO typing_terms (term, n) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET n = n + excluded.n');
  const completionsQuery = db.prepare('SELECT term FROM typing_terms WHERE term >= ? AND term < ? ORDER BY n DESC, term LIMIT ?').pluck();
  const clearQuery = db.prepare('DELETE FROM typing_terms');
  const pending = new Map<string, number>();
  const add = (word: string): void => void pending.set(word, (pending.get(word) ?? 0) + 1);

  return {
    /** Counts the words of a folded body just written to the search index. */
    count(body: string): void {
      forEachWord(body, false, add);
    },
    /** Writes what was counted, inside the caller's transaction; with `ifOver`, only past that many words. */
    flush(ifOver = 0): void {
      if (pending.size <= ifOver) return;
      for (const [term, n] of pending) addQuery.run(term, n);
      pending.clear();
    },
    /** Forgets what was counted and not written (its rows' transaction failed, or an import gave up). */
    discard(): void {
      pending.clear();
    },
    /**
     * Counts every word from the search index itself, inside the caller's transaction: after an
     * import that was interrupted (its counts in memory were lost with it) or failed.
     */
    rebuild(): void {
      pending.clear();
      clearQuery.run();
      db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.typing_terms_source USING fts5vocab(main, statements_fts, col)`);
      db.exec(`INSERT INTO typing_terms (term, n) SELECT term, cnt FROM temp.typing_terms_source WHERE col = 'body'`);
    },
    /** The most frequent words starting with a folded fragment (itself included when it is a word). */
    completions(fragment: string, limit = MAX_COMPLETIONS): string[] {
      return completionsQuery.all(fragment, `${fragment}${LAST_CHAR}`, limit) as string[];
    },
  };
}

export type TypingTerms = ReturnType<typeof createTypingTerms>;
