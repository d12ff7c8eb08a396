// The matches of a search, best first: the newest MAX_SEARCH_MATCHES + 1 matches, ranked by bm25
// when ranking is affordable, else newest first.
//
// Why not always bm25: before ranking a single row, FTS5's bm25 counts how many rows hold each
// phrase, reading the phrase's whole doclist. For a word in most statements ("the", "war") that
// is 10-40 ms at 1M statements, whatever the LIMIT. Finding the newest matches is cheap (FTS5
// walks rowids downward and stops). So the words' frequencies are estimated first from how far
// back their newest matches reach; when the rows bm25 would read pass RANK_BUDGET_ROWS, the list
// is newest first — for words that common, "relevance" ranks near-equal rows anyway. A word still
// being typed (inline prefix) is always treated as common: its expansion is read whole.
import type { Db } from './db.ts';
import type { SearchTerms } from './fts-query.ts';
import { toFtsQuery } from './fts-query.ts';

/** Postings bm25 may read to rank one search (~3-4 ms at the measured ~30 ns a posting). */
export const RANK_BUDGET_ROWS = 100_000;

export interface SearchHit {
  id: number;
  grp: string | null;
  lang: string;
}

export function createSearchHits(db: Db, maxMatches: number, rankBudgetRows = RANK_BUDGET_ROWS) {
  const take = maxMatches + 1;
  const newestQuery = db.prepare(`SELECT rowid FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rowid DESC LIMIT ${take}`).pluck();
  // Only the rows already selected are ranked (rowid >= the oldest of them): the same rows.
  // Columns: body, stems, names, title.
  const rankQuery = db.prepare(
    `SELECT rowid AS id, bm25(statements_fts, 0.0, 1.0, 4.0, 1.0) AS rank FROM statements_fts
     WHERE statements_fts MATCH ? AND rowid >= ? ORDER BY rowid DESC LIMIT ${take}`,
  );
  const maxIdQuery = db.prepare('SELECT MAX(rowid) FROM statements_fts').pluck();
  const rowsQuery = db.prepare(`SELECT id, translation_group AS grp, lang FROM statements WHERE id IN (SELECT value FROM json_each(?))`);

  /** About how many rows hold this match: exact under `take`, else extrapolated from its newest rows. */
  function estimateRows(match: string, maxId: number): number {
    const ids = newestQuery.all(match) as number[];
    const oldest = ids[ids.length - 1];
    if (ids.length < take || oldest === undefined) return ids.length;
    return Math.round((ids.length * maxId) / Math.max(1, maxId - oldest + 1));
  }

  function isRankAffordable(terms: SearchTerms): boolean {
    if (terms.terms.some((t) => t.prefix)) return false;
    const maxId = (maxIdQuery.get() as number | null) ?? 0;
    let rows = 0;
    for (const t of terms.terms) {
      const match = toFtsQuery({ ...terms, terms: [t] });
      if (match) rows += estimateRows(match, maxId);
      if (rows > rankBudgetRows) return false;
    }
    return true;
  }

  return {
    /** Up to maxMatches + 1 hits for `match` (built from `terms`), best first. */
    hits(match: string, terms: SearchTerms): SearchHit[] {
      let ids = newestQuery.all(match) as number[];
      const oldest = ids[ids.length - 1];
      if (oldest === undefined) return [];
      if (isRankAffordable(terms)) {
        const ranked = rankQuery.all(match, oldest) as Array<{ id: number; rank: number }>;
        ids = ranked.sort((a, b) => a.rank - b.rank || a.id - b.id).map((r) => r.id);
      }
      const rows = new Map((rowsQuery.all(JSON.stringify(ids)) as SearchHit[]).map((r) => [r.id, r]));
      return ids.flatMap((id) => rows.get(id) ?? []);
    },
  };
}
