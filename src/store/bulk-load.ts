// Bulk loads into an empty index: the secondary indexes are dropped for the load and built once at
// the end, which is far cheaper than keeping six indexes in step row by row over a million rows.
// The unique external-id index stays (ingest looks rows up by it). Definitions are saved in
// `deferred_indexes` in the same transaction as the drop, so nothing is lost if the process dies.
import type { Db } from './db.ts';

/** Threads SQLite's sorter may use besides the caller's while building the indexes (two cores here). */
const SORT_THREADS = 2;

/** Indexes ingest itself never reads while loading an empty index. */
export const DEFERRABLE_INDEXES = [
  'statements_latest', 'statements_document', 'statements_translation', 'statements_seq',
  'statement_actors_actor', 'statement_topics_topic',
] as const;

export function createBulkLoad(db: Db) {
  const isEmptyQuery = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM statements) AS empty').pluck();
  const indexSqlQuery = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).pluck();
  const saveQuery = db.prepare('INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?, ?)');
  const deferredQuery = db.prepare('SELECT name, sql FROM deferred_indexes ORDER BY name');
  const forgetQuery = db.prepare('DELETE FROM deferred_indexes WHERE name = ?');
  const importsInProgressQuery = db.prepare('SELECT COUNT(*) FROM import_checkpoints').pluck();

  return {
    isIndexEmpty: (): boolean => isEmptyQuery.get() === 1,

    /** Drops the deferrable indexes (their definitions kept); the caller has checked the index is empty. */
    deferIndexes(): void {
      db.transaction(() => {
        for (const name of DEFERRABLE_INDEXES) {
          const sql = indexSqlQuery.get(name) as string | undefined;
          if (!sql) continue;
          saveQuery.run(name, sql);
          db.exec(`DROP INDEX ${name}`);
        }
      }).immediate();
    },

    /** Builds every deferred index; returns their names. */
    buildDeferredIndexes(): string[] {
      const deferred = deferredQuery.all() as Array<{ name: string; sql: string }>;
      if (deferred.length === 0) return [];
      // SQLite's sorter may use helper threads: the 1M index builds took 5.7-6.7 s without, 4.9-5.1 s with.
      const threadsBefore = db.pragma('threads', { simple: true }) as number;
      db.pragma(`threads = ${SORT_THREADS}`);
      try {
        for (const { name, sql } of deferred) {
          db.transaction(() => {
            db.exec(sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
            forgetQuery.run(name);
          }).immediate();
        }
      } finally {
        db.pragma(`threads = ${threadsBefore}`);
      }
      return deferred.map((d) => d.name);
    },

    /** On open: an import that died and will not be resumed must not leave the index without them. */
    repairIfAbandoned(): string[] {
      return importsInProgressQuery.get() === 0 ? this.buildDeferredIndexes() : [];
    },
  };
}

export type BulkLoad = ReturnType<typeof createBulkLoad>;
