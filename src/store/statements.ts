// Reading statements: latest, by actor, by topic, full-text search, one by id; each page with a
// stable cursor. Rows are hydrated with speakers, mentions, topics and translations in batches.
import type { DatePrecision, Lang, StatementKind } from '../corpus/types.ts';
import { decodeListCursor, encodeListCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { toFtsQuery, toSearchTerms } from './fts-query.ts';
import type { TypingTerms } from './typing-terms.ts';
import { createSearchHits } from './search-hits.ts';
import { runSteps, type Steps } from '../steps.ts';
import type { SearchHit } from './search-hits.ts';

export interface Statement {
  id: number;
  externalId: string;
  kind: StatementKind;
  title: string | null;
  text: string;
  parts: string[] | null;
  partsTotal: number | null;
  attribution: string | null;
  lang: Lang;
  date: string | null;
  datePrecision: DatePrecision;
  speakers: string[];
  mentioned: string[];
  topics: string[];
  source: string;
  url: string | null;
  homeUrl: string | null;
  translationOf: number | null;
  translations: number[];
  ingestedAt: string;
}

export interface Page {
  items: Statement[];
  /** Pass back to get the next page; null on the last page. */
  next: string | null;
}

export interface SearchResult {
  /** Statement ids, best first; a translated pair appears once, in the reader's language when it has one. */
  ids: number[];
  tokens: string[];
  /** Stems of the query's words, and the words of its quoted phrases: what a snippet highlights. */
  stems: string[];
  exact: string[];
  /** 'any' when no statement had every word and the results match some of them. */
  mode: 'all' | 'any';
  /** The query was longer than the words used. */
  truncated: boolean;
  /** More statements matched than MAX_SEARCH_MATCHES: the list holds the newest of them. */
  cut: boolean;
}

export interface SearchPage extends Page {
  tokens: string[];
  stems: string[];
  exact: string[];
  mode: 'all' | 'any';
  truncated: boolean;
  cut: boolean;
  total: number;
}

export interface SearchOptions {
  /** The last word is still being typed (inline mode): it also matches by prefix. */
  typing?: boolean;
  /** The reader's language: of a translated pair, this version is shown. */
  lang?: string;
}

interface StatementRow {
  id: number;
  external_id: string;
  kind: StatementKind;
  title: string | null;
  text: string;
  parts_json: string | null;
  parts_total: number | null;
  attribution: string | null;
  lang: Lang;
  date: string | null;
  date_precision: DatePrecision;
  date_sort: string;
  translation_group: string | null;
  url: string | null;
  statement_source: string | null;
  source_name: string;
  doc_url: string | null;
  home_url: string | null;
  ingested_at: string;
}

const SELECT_STATEMENT = `SELECT s.id, s.external_id, s.kind, s.title, s.text, s.parts_json, s.parts_total, s.attribution, s.lang,
  s.date, s.date_precision, s.date_sort, s.translation_group, s.url, s.source_name AS statement_source, s.ingested_at,
  d.source_name, d.url AS doc_url, d.home_url
  FROM statements s JOIN documents d ON d.id = s.document_id`;

const LIST_ORDER = 'ORDER BY s.date_sort DESC, s.id DESC';
/** Rows per page when reading new statements (and per hydration batch: bound parameter lists).
 *  A page of 500 with its people and topics was a 30-50 ms step of a digest run; 200 is ~13 ms. */
const NEW_PAGE_ROWS = 200;
/**
 * What is new since @since (up to @until) and dated from @cutoffDay on, found through the date
 * index: shared by newSince's walk and the read-ahead that warms its pages (warm-pages.ts).
 */
export const NEW_BY_DATE_WHERE = `s.gone = 0 AND s.date_sort >= @lowSort AND s.date_sort <= @highSort AND +s.seq > @since AND +s.seq <= @until
       AND ((s.date_precision = 'day' AND s.date >= @cutoffDay) OR (s.date_precision = 'month' AND s.date >= @cutoffMonth))`;
/**
 * The date_sort ranges that hold a window's rows, newest first: days from the cutoff day on (and
 * later months, 'YYYY-MM-00' sorting after every day of the cutoff month), then the cutoff month's
 * own month-precision rows. One range from the cutoff month's start also walked the days of that
 * month before the cutoff, row by row, only to reject them: up to three weeks of rows (~50 ms at 1M).
 */
export function newByDateRanges(cutoffDay: string): Array<{ lowSort: string; highSort: string }> {
  const cutoffSort = `${cutoffDay.slice(0, 7)}-00`;
  return [{ lowSort: cutoffDay, highSort: '\uffff' }, { lowSort: cutoffSort, highSort: cutoffSort }];
}
/** Past this many newer rows, what is new is found through the date index (newSince). */
export const FAR_BEHIND_ROWS = 20_000;

/** A search ranks at most this many of the newest matches; a longer list says it was cut. */
export const MAX_SEARCH_MATCHES = 500;
/** Matches of a typed word taken as a whole word that make its prefix expansion unnecessary (an inline page). */
const WHOLE_WORD_ENOUGH = 20;
/** Lists are counted up to this many ("1–5 of 1,000+"): a count is one index range, bounded. */
export const MAX_COUNTED = 1000;
const LIST_AFTER = '(s.date_sort < @dateSort OR (s.date_sort = @dateSort AND s.id < @id))';

export function createStatementStore(db: Db, typingTerms?: TypingTerms) {
  const idsPlaceholder = (n: number): string => Array.from({ length: n }, () => '?').join(',');
  const latestQuery = db.prepare(`${SELECT_STATEMENT} WHERE s.gone = 0 ${LIST_ORDER} LIMIT @limit`);
  const latestAfterQuery = db.prepare(`${SELECT_STATEMENT} WHERE s.gone = 0 AND ${LIST_AFTER} ${LIST_ORDER} LIMIT @limit`);
  // Newest first through the link tables' own (date_sort, id) index, then the statement rows
  // (CROSS JOIN keeps that order of work: never a scan of all statements by date).
  const linkRange = (table: string, where: string, after: boolean): string =>
    `SELECT statement_id, date_sort FROM ${table} WHERE ${where}
       ${after ? 'AND (date_sort < @dateSort OR (date_sort = @dateSort AND statement_id < @id))' : ''}
       ORDER BY date_sort DESC, statement_id DESC LIMIT @scan`;
  const linkSql = (links: string): string =>
    `SELECT s.id, s.external_id, s.kind, s.title, s.text, s.parts_json, s.parts_total, s.attribution, s.lang,
       s.date, s.date_precision, s.date_sort, s.translation_group, s.url, s.source_name AS statement_source, s.ingested_at,
       d.source_name, d.url AS doc_url, d.home_url
     FROM (${links}) l
     CROSS JOIN statements s ON s.id = l.statement_id
     JOIN documents d ON d.id = s.document_id
     WHERE s.gone = 0
     ORDER BY l.date_sort DESC, l.statement_id DESC LIMIT @limit`;
  // Any role: the newest of each role's index range, merged. One range over both roles could not
  // follow the index's order (role comes before the date), so it sorted every link of the person:
  // ~9 ms for someone mentioned in 100,000 statements (the /actor p95 at 1M).
  const anyRoleLinks = (after: boolean): string =>
    `SELECT statement_id, date_sort FROM (SELECT * FROM (${linkRange('statement_actors', `actor_id = @actorId AND role = 'speaker'`, after)})
       UNION ALL SELECT * FROM (${linkRange('statement_actors', `actor_id = @actorId AND role = 'mentioned'`, after)}))
     ORDER BY date_sort DESC, statement_id DESC LIMIT @scan`;
  // A list's first page and the pages after a cursor.
  const pageQueries = (sql: (after: boolean) => string) => [db.prepare(sql(false)), db.prepare(sql(true))] as const;
  const byActorQueries = {
    speaker: pageQueries((after) => linkSql(linkRange('statement_actors', `actor_id = @actorId AND role = 'speaker'`, after))),
    any: pageQueries((after) => linkSql(anyRoleLinks(after))),
  };
  const byTopicQueries = pageQueries((after) => linkSql(linkRange('statement_topics', 'topic_slug = @slug', after)));
  // The newest MAX_SEARCH_MATCHES matches (+1 to know whether the list was cut), ranked by bm25
  // when that is affordable: see search-hits.ts. Each hit comes with its translation group and
  // language, for collapsing translated pairs.
  const searchHits = createSearchHits(db, MAX_SEARCH_MATCHES);
  const byIdQuery = db.prepare(`${SELECT_STATEMENT} WHERE s.id = ?`);
  // Link rows leave with their statement when it goes (markStatementGone), so counting them is
  // one index range: the "of 37" of a list.
  const countByTopicQuery = db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM statement_topics WHERE topic_slug = ? LIMIT ${MAX_COUNTED + 1})`);
  const countSpokeQuery = db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM statement_actors WHERE actor_id = ? AND role = 'speaker' LIMIT ${MAX_COUNTED + 1})`);
  const countAnyQuery = db.prepare(`SELECT COUNT(*) AS n FROM (SELECT DISTINCT statement_id FROM statement_actors WHERE actor_id = ? LIMIT ${MAX_COUNTED + 1})`);
  // New for digests: committed after the `since` sequence number and up to `until` (see migration
  // 0007), made on a day or in a month that reaches into the window. Undated statements never
  // qualify: their age is unknown. Read in pages of the sequence, so no row is ever cut off.
  // `+s.gone`: without it SQLite walks statements_latest (every live row, 1 s at 1M) instead of
  // the short seq range of what is new.
  const newSinceQuery = db.prepare(
    `${SELECT_STATEMENT} WHERE s.seq > @since AND s.seq <= @until AND +s.gone = 0
       AND ((s.date_precision = 'day' AND s.date >= @cutoffDay) OR (s.date_precision = 'month' AND s.date >= @cutoffMonth))
     ORDER BY s.seq LIMIT @limit`,
  );
  // The same question driven by date, for a watermark far behind (a new subscriber to a big
  // archive): walking the seq index over a million rows to keep the last week of them took seconds;
  // this walks the date index from the newest down to the cutoff, a page at a time (keyset: the
  // last row's date_sort and id), and only checks each row's seq (+seq keeps SQLite off that index).
  const newSinceByDateQuery = db.prepare(
    `${SELECT_STATEMENT} WHERE ${NEW_BY_DATE_WHERE}
       AND (s.date_sort < @beforeSort OR (s.date_sort = @beforeSort AND s.id < @beforeId))
     ${LIST_ORDER} LIMIT @limit`,
  );
  const seqOfQuery = db.prepare('SELECT seq FROM statements WHERE id = ?').pluck();
  const currentSeqQuery = db.prepare('SELECT value FROM commit_sequence WHERE id = 1').pluck();
  // Something committed since the last look: data_version moves on other connections' commits,
  // total_changes() on this one's.
  const totalChangesQuery = db.prepare('SELECT total_changes()').pluck();
  const changeMark = (): string => `${String(db.pragma('data_version', { simple: true }))}:${String(totalChangesQuery.get())}`;

  /**
   * A statement and its translation found by one query are one result: the first-ranked member of
   * a translation group stands for it, replaced by the version in the reader's language if any.
   */
  function collapseTranslations(hits: SearchHit[], lang?: string): number[] {
    const groups = [...new Set(hits.map((r) => r.grp).filter((g): g is string => g !== null))];
    const inLang = new Map<string, number>();
    if (lang && groups.length > 0) {
      for (const r of inLangQuery.all(lang, JSON.stringify(groups)) as Array<{ id: number; grp: string }>) if (!inLang.has(r.grp)) inLang.set(r.grp, r.id);
    }
    const seen = new Set<string>();
    const out: number[] = [];
    for (const hit of hits) {
      if (hit.grp === null) {
        out.push(hit.id);
        continue;
      }
      if (seen.has(hit.grp)) continue;
      seen.add(hit.grp);
      out.push(hit.lang === lang ? hit.id : (inLang.get(hit.grp) ?? hit.id));
    }
    return out;
  }

  // The groups passed as one JSON array: preparing a statement with hundreds of placeholders on
  // every search cost more than the ranking itself.
  const inLangQuery = db.prepare(
    `SELECT id, translation_group AS grp FROM statements
     WHERE gone = 0 AND lang = ? AND translation_group IN (SELECT value FROM json_each(?)) ORDER BY id`,
  );

  function hydrate(rows: StatementRow[]): Statement[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const actorRows = db
      .prepare(`SELECT sa.statement_id AS id, sa.role, a.canonical FROM statement_actors sa JOIN actors a ON a.id = sa.actor_id
                WHERE sa.statement_id IN (${idsPlaceholder(ids.length)}) ORDER BY sa.rowid`)
      .all(...ids) as Array<{ id: number; role: string; canonical: string }>;
    const topicRows = db
      .prepare(`SELECT statement_id AS id, topic_slug AS slug FROM statement_topics WHERE statement_id IN (${idsPlaceholder(ids.length)}) ORDER BY topic_slug`)
      .all(...ids) as Array<{ id: number; slug: string }>;
    const groups = [...new Set(rows.map((r) => r.translation_group).filter((g): g is string => g !== null))];
    const groupRows = groups.length
      ? (db
          .prepare(`SELECT id, external_id AS externalId, translation_group AS grp FROM statements
                    WHERE gone = 0 AND translation_group IN (${idsPlaceholder(groups.length)}) ORDER BY id`)
          .all(...groups) as Array<{ id: number; externalId: string; grp: string }>)
      : [];
    return rows.map((r) => {
      const inGroup = groupRows.filter((g) => g.grp === r.translation_group);
      const original = inGroup.find((g) => g.externalId === r.translation_group);
      return {
        id: r.id,
        externalId: r.external_id,
        kind: r.kind,
        title: r.title,
        text: r.text,
        parts: r.parts_json ? (JSON.parse(r.parts_json) as string[]) : null,
        partsTotal: r.parts_total,
        attribution: r.attribution,
        lang: r.lang,
        date: r.date,
        datePrecision: r.date_precision,
        speakers: actorRows.filter((a) => a.id === r.id && a.role === 'speaker').map((a) => a.canonical),
        mentioned: actorRows.filter((a) => a.id === r.id && a.role === 'mentioned').map((a) => a.canonical),
        topics: topicRows.filter((t) => t.id === r.id).map((t) => t.slug),
        source: r.statement_source ?? r.source_name,
        url: r.url ?? r.doc_url,
        homeUrl: r.home_url,
        translationOf: original && original.id !== r.id ? original.id : null,
        translations: inGroup.filter((g) => g.id !== r.id).map((g) => g.id),
        ingestedAt: r.ingested_at,
      };
    });
  }

  /** Runs a keyset-paged list query: fetch one extra row to know whether a next page exists. */
  function listPage(queries: readonly [{ all(p: object): unknown[] }, { all(p: object): unknown[] }], params: object, limit: number, cursor?: string | null): Page {
    const n = clampLimit(limit);
    const after = decodeListCursor(cursor);
    // Link rows of gone statements are skipped by the outer query: scan a little past the page.
    const scan = { limit: n + 1, scan: (n + 1) * 4 + 50 };
    const rows = (after ? queries[1].all({ ...params, ...after, ...scan }) : queries[0].all({ ...params, ...scan })) as StatementRow[];
    const page = rows.slice(0, n);
    const last = page[page.length - 1];
    return { items: hydrate(page), next: rows.length > n && last ? encodeListCursor({ dateSort: last.date_sort, id: last.id }) : null };
  }

  return {
    latest(limit: number, cursor?: string | null): Page {
      return listPage([latestQuery, latestAfterQuery], {}, limit, cursor);
    },
    byActor(actorId: number, limit: number, cursor?: string | null, role: 'speaker' | 'any' = 'speaker'): Page {
      return listPage(byActorQueries[role], { actorId }, limit, cursor);
    },
    byTopic(slug: string, limit: number, cursor?: string | null): Page {
      return listPage(byTopicQueries, { slug }, limit, cursor);
    },
    /** Every match of a query (up to MAX_SEARCH_MATCHES), ranked, translated pairs collapsed. */
    searchIds(query: string, options: SearchOptions = {}): SearchResult {
      const parsed = toSearchTerms(query, { typing: options.typing });
      // A word being typed matches its most frequent completions (typing-terms.ts), when they are known.
      const terms = typingTerms && parsed.terms.some((t) => t.prefix)
        ? { ...parsed, terms: parsed.terms.map((t) => (t.prefix ? { ...t, completions: typingTerms.completions(t.words[0] ?? '') } : t)) }
        : parsed;
      const run = (mode: 'all' | 'any'): SearchHit[] => {
        const match = toFtsQuery(used, mode);
        return match ? searchHits.hits(match, used) : [];
      };
      // A word being typed that is already a word with a page of matches is searched as that word:
      // expanding a prefix reads every posting of every word it starts ("war" → war, warn, ward…:
      // 12-30 ms at 1M). A fragment that is no word yet ("Kor") matches its completions.
      let used = terms;
      let mode: 'all' | 'any' = 'all';
      let hits: SearchHit[] = [];
      if (terms.terms.some((t) => t.prefix)) {
        used = { ...terms, terms: terms.terms.map((t) => ({ ...t, prefix: false })) };
        hits = run(mode);
        if (hits.length < WHOLE_WORD_ENOUGH) used = terms;
      }
      if (used === terms) hits = run(mode);
      if (hits.length === 0 && terms.terms.length > 1) {
        mode = 'any';
        hits = run(mode);
      }
      const cut = hits.length > MAX_SEARCH_MATCHES;
      const ranked = collapseTranslations(hits.slice(0, MAX_SEARCH_MATCHES), options.lang);
      return { ids: ranked, tokens: terms.tokens, stems: terms.stems, exact: terms.exact, mode, truncated: terms.truncated, cut };
    },
    /** One page of a search; the cursor is the offset into the ranked list. */
    search(query: string, limit: number, cursor?: string | null, options: SearchOptions = {}): SearchPage {
      const n = clampLimit(limit);
      const result = this.searchIds(query, options);
      const offset = /^\d{1,7}$/.test(cursor ?? '') ? Number(cursor) : 0;
      const pageIds = result.ids.slice(offset, offset + n);
      const next = offset + n < result.ids.length ? String(offset + n) : null;
      return { ...result, items: this.byIds(pageIds), next, total: result.ids.length };
    },
    /** How many statements carry the topic, up to MAX_COUNTED + 1 (more than MAX_COUNTED: "1,000+"). */
    countByTopic(slug: string): number {
      return (countByTopicQuery.get(slug) as { n: number }).n;
    },
    countByActor(actorId: number, role: 'speaker' | 'any' = 'speaker'): number {
      return ((role === 'speaker' ? countSpokeQuery : countAnyQuery).get(actorId) as { n: number }).n;
    },
    byId(id: number): Statement | undefined {
      const row = byIdQuery.get(id) as StatementRow | undefined;
      return row ? hydrate([row])[0] : undefined;
    },
    /** The last committed sequence number: every row at or below it is visible now, none above. */
    currentSeq(): number {
      return currentSeqQuery.get() as number;
    },
    /**
     * Every statement committed in (since, until] and dated inside the window, newest first.
     * Paged by sequence number with no overall cap: a per-chat filter decides what is kept.
     */
    newSince(since: number, until: number, cutoffDay: string, farBehindRows = FAR_BEHIND_ROWS): Statement[] {
      return runSteps(this.newSinceInPages(since, until, cutoffDay, farBehindRows));
    },
    /**
     * The same, a page of rows (read and hydrated) per step, so a digest run for a chat far
     * behind can yield to the event loop between pages instead of reading a week of a big
     * archive in one go.
     */
    *newSinceInPages(since: number, until: number, cutoffDay: string, farBehindRows = FAR_BEHIND_ROWS): Steps<Statement[]> {
      const found: Array<{ sort: string; statement: Statement }> = [];
      const seen = new Set<number>();
      const keep = (rows: StatementRow[]): void => {
        const fresh = rows.filter((row) => !seen.has(row.id));
        const statements = hydrate(fresh);
        for (const [i, row] of fresh.entries()) {
          seen.add(row.id);
          found.push({ sort: row.date_sort, statement: statements[i] as Statement });
        }
      };
      const cutoffMonth = cutoffDay.slice(0, 7);
      const walkByDate = function* (): Steps<void> {
        for (const range of newByDateRanges(cutoffDay)) {
          for (let before = { sort: '\uffff', id: Number.MAX_SAFE_INTEGER }; ;) {
            const page = newSinceByDateQuery.all({
              since, until, cutoffDay, cutoffMonth, ...range, beforeSort: before.sort, beforeId: before.id, limit: NEW_PAGE_ROWS,
            }) as StatementRow[];
            keep(page);
            const last = page[page.length - 1];
            if (page.length < NEW_PAGE_ROWS || !last) break;
            before = { sort: last.date_sort, id: last.id };
            yield;
          }
          yield;
        }
      };
      if (until - since > farBehindRows) {
        // Pages follow (date, id), which an update may change between two pages: a row re-dated
        // newer, from the part not yet read into the part already read, would be missed. When
        // anything was committed during the walk (by this connection or another), walk again:
        // the second walk reads only what the first did not return.
        const before = changeMark();
        yield* walkByDate();
        if (changeMark() !== before) yield* walkByDate();
      } else for (let after = since; ;) {
        // Pages follow seq, which never changes: nothing moves between pages.
        const page = newSinceQuery.all({ since: after, until, cutoffDay, cutoffMonth, limit: NEW_PAGE_ROWS }) as StatementRow[];
        keep(page);
        const last = page[page.length - 1];
        if (page.length < NEW_PAGE_ROWS || !last) break;
        after = seqOfQuery.get(last.id) as number;
        yield;
      }
      // Sorting a week of a big archive is a step of its own.
      yield;
      found.sort((a, b) => (a.sort === b.sort ? b.statement.id - a.statement.id : a.sort < b.sort ? 1 : -1));
      return found.map((f) => f.statement);
    },
    byIds(ids: number[]): Statement[] {
      return hydrate(ids.map((id) => byIdQuery.get(id) as StatementRow | undefined).filter((r): r is StatementRow => r !== undefined));
    },
  };
}

export function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(Math.max(1, Math.trunc(limit)), Number.MAX_SAFE_INTEGER) : 10;
}

export type StatementStore = ReturnType<typeof createStatementStore>;
