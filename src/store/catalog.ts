// Lists and figures over the index: actors and topics with counts, corpus stats, ingest runs.
import type { TopicEntry } from '../corpus/topics.ts';
import type { IngestReject } from '../corpus/types.ts';
import type { Db } from './db.ts';

export interface ActorCount {
  id: number;
  canonical: string;
  nameUk: string | null;
  role: string | null;
  spoke: number;
  mentioned: number;
}

export interface TopicCount {
  slug: string;
  labelEn: string;
  labelUk: string;
  count: number;
}

export interface CorpusStats {
  statements: number;
  byKind: Record<string, number>;
  byLang: Record<string, number>;
  documents: number;
  sources: string[];
  actors: number;
  firstDate: string | null;
  lastDate: string | null;
  undated: number;
  lastIngest: IngestRun | null;
}

export interface IngestRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  filesRead: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejects: IngestReject[];
}

export function createCatalog(db: Db) {
  const upsertTopicQuery = db.prepare(
    `INSERT INTO topics (slug, label_en, label_uk) VALUES (?, ?, ?)
     ON CONFLICT (slug) DO UPDATE SET label_en = excluded.label_en, label_uk = excluded.label_uk`,
  );
  const actorCountsQuery = db.prepare(
    `SELECT a.id, a.canonical, a.name_uk AS nameUk, a.role,
       SUM(sa.role = 'speaker') AS spoke, SUM(sa.role = 'mentioned') AS mentioned
     FROM actors a JOIN statement_actors sa ON sa.actor_id = a.id JOIN statements s ON s.id = sa.statement_id AND s.gone = 0
     GROUP BY a.id ORDER BY spoke DESC, mentioned DESC, a.canonical`,
  );
  const topicCountsQuery = db.prepare(
    `SELECT t.slug, t.label_en AS labelEn, t.label_uk AS labelUk, COUNT(s.id) AS count
     FROM topics t LEFT JOIN statement_topics st ON st.topic_slug = t.slug LEFT JOIN statements s ON s.id = st.statement_id AND s.gone = 0
     GROUP BY t.slug ORDER BY count DESC, t.slug`,
  );
  const countQuery = db.prepare(
    `SELECT COUNT(*) AS n, SUM(date_sort = '') AS undated, MIN(NULLIF(date_sort, '')) AS first, MAX(date_sort) AS last
     FROM statements WHERE gone = 0`,
  );
  const kindQuery = db.prepare('SELECT kind AS k, COUNT(*) AS n FROM statements WHERE gone = 0 GROUP BY kind');
  const langQuery = db.prepare('SELECT lang AS k, COUNT(*) AS n FROM statements WHERE gone = 0 GROUP BY lang');
  const documentsQuery = db.prepare('SELECT COUNT(*) AS n FROM documents WHERE gone = 0');
  const sourcesQuery = db.prepare(
    `SELECT DISTINCT COALESCE(s.source_name, d.source_name) AS name FROM statements s JOIN documents d ON d.id = s.document_id
     WHERE s.gone = 0 ORDER BY name`,
  );
  const actorsQuery = db.prepare('SELECT COUNT(DISTINCT actor_id) AS n FROM statement_actors');
  const startRunQuery = db.prepare('INSERT INTO ingest_runs (started_at) VALUES (?) RETURNING id');
  const finishRunQuery = db.prepare(
    `UPDATE ingest_runs SET finished_at = @finishedAt, files_read = @filesRead, added = @added, updated = @updated,
       unchanged = @unchanged, removed = @removed, rejects_json = @rejects WHERE id = @id`,
  );
  const rejectsSinceQuery = db.prepare('SELECT rejects_json AS r FROM ingest_runs WHERE finished_at > ?');
  // A feed that failed since then, or that is still failing (it has not updated since then either).
  const feedFailuresSinceQuery = db.prepare(
    `SELECT source_name AS name FROM source_failures WHERE failed_at > ?
     UNION SELECT name FROM source_state WHERE consecutive_failures > 0 ORDER BY name`,
  );
  const lastRunQuery = db.prepare('SELECT * FROM ingest_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1');

  const toDay = (sortKey: string | null): string | null => (sortKey ? sortKey.replace(/-00/g, '') : null);
  const tally = (rows: Array<{ k: string; n: number }>): Record<string, number> => Object.fromEntries(rows.map((r) => [r.k, r.n]));

  return {
    syncTopics(entries: TopicEntry[]): void {
      db.transaction(() => {
        for (const t of entries) upsertTopicQuery.run(t.slug, t.en, t.uk);
      })();
    },
    actorCounts: (): ActorCount[] => actorCountsQuery.all() as ActorCount[],
    topicCounts: (): TopicCount[] => topicCountsQuery.all() as TopicCount[],
    stats(): CorpusStats {
      const c = countQuery.get() as { n: number; undated: number | null; first: string | null; last: string | null };
      return {
        statements: c.n,
        byKind: tally(kindQuery.all() as Array<{ k: string; n: number }>),
        byLang: tally(langQuery.all() as Array<{ k: string; n: number }>),
        documents: (documentsQuery.get() as { n: number }).n,
        sources: (sourcesQuery.all() as Array<{ name: string }>).map((r) => r.name),
        actors: (actorsQuery.get() as { n: number }).n,
        firstDate: toDay(c.first),
        lastDate: c.last ? toDay(c.last) : null,
        undated: c.undated ?? 0,
        lastIngest: this.lastIngest(),
      };
    },
    startIngestRun(now: string): number {
      return (startRunQuery.get(now) as { id: number }).id;
    },
    finishIngestRun(id: number, run: Omit<IngestRun, 'id' | 'startedAt'>): void {
      finishRunQuery.run({ id, ...run, rejects: JSON.stringify(run.rejects) });
    },
    /** Corpus files that failed to ingest and feeds that failed to poll after `since` (digest footers, /about). */
    failedSourcesSince(since: string): string[] {
      const files = (rejectsSinceQuery.all(since) as Array<{ r: string }>).flatMap((row) => (JSON.parse(row.r) as IngestReject[]).map((x) => x.file));
      const feeds = (feedFailuresSinceQuery.all(since) as Array<{ name: string }>).map((r) => r.name);
      return [...new Set([...files.map((f) => f.split('/').pop() ?? f), ...feeds])];
    },
    lastIngest(): IngestRun | null {
      const r = lastRunQuery.get() as
        | { id: number; started_at: string; finished_at: string | null; files_read: number; added: number; updated: number; unchanged: number; removed: number; rejects_json: string }
        | undefined;
      return r
        ? {
            id: r.id, startedAt: r.started_at, finishedAt: r.finished_at, filesRead: r.files_read, added: r.added,
            updated: r.updated, unchanged: r.unchanged, removed: r.removed, rejects: JSON.parse(r.rejects_json) as IngestReject[],
          }
        : null;
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
