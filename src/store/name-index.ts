// Finding people by a name key that is not one of theirs exactly, through the trigram index of
// migration 0010 (actor_name_grams: ' <name key> ', kept in step with actor_aliases by triggers).
// Comparing the user's key with every alias took 1.5 s at 1M statements; the index hands over
// the few keys that share pieces with it, and only those are compared.
import { editDistance } from '../corpus/names.ts';
import type { Db } from './db.ts';

/** Keys compared by edit distance, those sharing the most trigrams first: enough for any real near-miss. */
const MAX_COMPARED = 200;
/** A trigram held by more keys than this is left out of the lookup (unless all are). */
const MAX_GRAM_KEYS = 3000;
/** Rows the lookup reads at most. */
const MAX_CANDIDATES = 3000;
export const MAX_SUGGESTIONS = 6;

export interface KeyRow {
  actorId: number;
  nameKey: string;
}

/** A phrase for the trigram tokenizer: matched as a substring. Keys hold only letters, digits and spaces; quotes are doubled anyway. */
const phrase = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The trigrams of ' word ' for each word: the spaces make a word's start and end count too. */
export function trigramsOf(key: string): string[] {
  const grams = new Set<string>();
  for (const word of key.split(' ').filter(Boolean)) {
    const padded = [...` ${word} `];
    for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3).join(''));
  }
  return [...grams];
}

/** How many edits a key of this length may be away and still be suggested. */
const editLimit = (key: string): number => (key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3);

export function createNameIndex(db: Db) {
  const matchQuery = db.prepare(
    `SELECT actor_id AS actorId, trim(padded_key) AS nameKey FROM actor_name_grams WHERE actor_name_grams MATCH ? LIMIT ${MAX_CANDIDATES}`,
  );
  const allMatchQuery = db.prepare(
    `SELECT actor_id AS actorId, trim(padded_key) AS nameKey FROM actor_name_grams WHERE actor_name_grams MATCH ?`,
  );
  const gramKeysQuery = db.prepare('SELECT doc FROM actor_name_gram_terms WHERE term = ?').pluck();

  /**
   * The trigrams worth looking up: those few keys hold. Ranking by shared trigrams inside FTS5
   * (bm25) read every row of the common ones: 11 ms for "Peskov" at 1M statements.
   */
  function selectiveGrams(grams: string[]): string[] {
    const counted = grams.map((g) => ({ g, n: (gramKeysQuery.get(g) as number | undefined) ?? 0 })).filter((x) => x.n > 0);
    const rare = counted.filter((x) => x.n <= MAX_GRAM_KEYS);
    return (rare.length > 0 ? rare : counted.sort((a, b) => a.n - b.n).slice(0, 2)).map((x) => x.g);
  }

  return {
    /** Keys holding every one of these words as a whole word ("volodymyr" in "volodymyr zelenski"). */
    holdingWords(words: string[]): KeyRow[] {
      if (words.length === 0) return [];
      const rows = allMatchQuery.all(words.map((w) => phrase(` ${w} `)).join(' AND ')) as KeyRow[];
      // The index matches substrings without regard to case; the keys are lower case: confirm.
      return rows.filter((r) => {
        const parts = r.nameKey.split(' ');
        return words.every((w) => parts.includes(w));
      });
    },

    /**
     * People whose key, or a word of it, is within a few edits of `key`, or starts with it:
     * closest first, at most MAX_SUGGESTIONS. Same scoring as the scan it replaces.
     */
    closest(key: string): number[] {
      const grams = trigramsOf(key);
      if (grams.length === 0) return [];
      const lookup = selectiveGrams(grams);
      if (lookup.length === 0) return [];
      const all = new Set(grams);
      const shared = (k: string): number => trigramsOf(k).filter((g) => all.has(g)).length;
      const candidates = (matchQuery.all(lookup.map(phrase).join(' OR ')) as KeyRow[])
        .map((r) => ({ ...r, shared: shared(r.nameKey) }))
        .sort((a, b) => b.shared - a.shared)
        .slice(0, MAX_COMPARED);
      const limit = editLimit(key);
      const scored = new Map<number, number>();
      for (const a of candidates) {
        const words = a.nameKey.split(' ');
        const d = Math.min(...[a.nameKey, ...words].map((c) => editDistance(key, c, limit)));
        const prefix = key.length >= 3 && words.some((p) => p.startsWith(key));
        const score = prefix ? 0 : d <= limit ? d : Infinity;
        if (score < (scored.get(a.actorId) ?? Infinity)) scored.set(a.actorId, score);
      }
      return [...scored.entries()]
        .filter(([, s]) => s !== Infinity)
        .sort((a, b) => a[1] - b[1] || a[0] - b[0])
        .slice(0, MAX_SUGGESTIONS)
        .map(([id]) => id);
    },
  };
}
