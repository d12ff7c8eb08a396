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
  // Counts come from the summary tables of migration 0010 (kept by triggers), never from grouping
  // the statements: at 1M rows that took 1.6 s for /actors and 9 s for /about.
  const ACTOR_COLUMNS = `a.id, a.canonical, a.name_uk AS nameUk, a.role, t.spoke, t.mentioned`;
  const ACTOR_ORDER = 'ORDER BY t.spoke DESC, t.mentioned DESC, t.canonical';
  const actorCountsQuery = db.prepare(
    `SELECT ${ACTOR_COLUMNS} FROM actor_tallies t JOIN actors a ON a.id = t.actor_id
     WHERE t.spoke + t.mentioned > 0 ${ACTOR_ORDER}`,
  );
  // One walk of the (spoke, mentioned, canonical) index that stops after `limit` rows.
  const topSpeakersQuery = db.prepare(
    `SELECT ${ACTOR_COLUMNS} FROM actor_tallies t JOIN actors a ON a.id = t.actor_id
     WHERE t.spoke > 0 ${ACTOR_ORDER} LIMIT ?`,
  );
  const actorCountsOfQuery = db.prepare(
    `SELECT ${ACTOR_COLUMNS} FROM actor_tallies t JOIN actors a ON a.id = t.actor_id
     WHERE t.actor_id IN (SELECT value FROM json_each(?)) AND t.spoke + t.mentioned > 0 ${ACTOR_ORDER}`,
  );
  const topicCountsQuery = db.prepare(
    `SELECT t.slug, t.label_en AS labelEn, t.label_uk AS labelUk, COALESCE(c.n, 0) AS count
     FROM topics t LEFT JOIN topic_tallies c ON c.topic_slug = t.slug ORDER BY count DESC, t.slug`,
  );
  const tallyQuery = db.prepare('SELECT COALESCE((SELECT n FROM tallies WHERE dim = ? AND key = \'\'), 0) AS n').pluck();
  const tallyKeysQuery = db.prepare('SELECT key AS k, n FROM tallies WHERE dim = ? AND n > 0 ORDER BY key');
  // Oldest and newest dates: two seeks at the ends of the statements_latest index (gone, date_sort).
  const lastDateQuery = db.prepare(`SELECT MAX(date_sort) FROM statements WHERE gone = 0`).pluck();
  const firstDateQuery = db.prepare(`SELECT MIN(date_sort) FROM statements WHERE gone = 0 AND date_sort > ''`).pluck();
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
    /** Every person with a live statement, most spoken first (the CLI's full list). */
    actorCounts: (): ActorCount[] => actorCountsQuery.all() as ActorCount[],
    /** The `limit` people who spoke most: the pickers' buttons. */
    topSpeakers: (limit: number): ActorCount[] => topSpeakersQuery.all(limit) as ActorCount[],
    /** Counts of these people (those with a live statement), in the same order. */
    actorCountsOf: (ids: number[]): ActorCount[] => (ids.length ? (actorCountsOfQuery.all(JSON.stringify(ids)) as ActorCount[]) : []),
    /** How many people spoke in at least one live statement. */
    speakerTotal: (): number => tallyQuery.get('speakers') as number,
    topicCounts: (): TopicCount[] => topicCountsQuery.all() as TopicCount[],
    stats(): CorpusStats {
      const last = lastDateQuery.get() as string | null;
      return {
        statements: tallyQuery.get('statements') as number,
        byKind: tally(tallyKeysQuery.all('kind') as Array<{ k: string; n: number }>),
        byLang: tally(tallyKeysQuery.all('lang') as Array<{ k: string; n: number }>),
        documents: tallyQuery.get('documents') as number,
        sources: (tallyKeysQuery.all('source') as Array<{ k: string }>).map((r) => r.k),
        actors: tallyQuery.get('actors') as number,
        firstDate: toDay(firstDateQuery.get() as string | null),
        lastDate: last ? toDay(last) : null,
        undated: tallyQuery.get('undated') as number,
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
