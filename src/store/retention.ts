// What is kept how long. Message texts and per-attempt events of finished digests are kept
// `retentionDays` (enough to answer "what did we send last week?"); the decisions themselves
// (who got a digest on which day, and why not) and run summaries are kept a year. Without this
// every digest ever sent stayed in the file forever.
import type { Db } from './db.ts';

const DAY_MS = 86_400_000;
export const DECISION_RETENTION_DAYS = 365;
export const HANDLED_UPDATE_HOURS = 24;
export const RESULT_LIST_DAYS = 7;
export const SOURCE_FAILURE_DAYS = 30;

export interface PruneCounts {
  parts: number;
  texts: number;
  events: number;
  deliveries: number;
  digestRuns: number;
  ingestRuns: number;
  handledUpdates: number;
  resultLists: number;
  sourceFailures: number;
}

export function createRetention(db: Db) {
  const before = (now: Date, days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString();
  // Only finished digests lose their texts: a pending one still has parts to send.
  const partsQuery = db.prepare(
    `DELETE FROM delivery_parts WHERE delivery_id IN (SELECT id FROM deliveries WHERE status <> 'pending' AND updated_at < ?)`,
  );
  const eventsQuery = db.prepare(
    `DELETE FROM delivery_events WHERE delivery_id IN (SELECT id FROM deliveries WHERE status <> 'pending' AND updated_at < ?)`,
  );
  const deliveriesQuery = db.prepare(`DELETE FROM deliveries WHERE status <> 'pending' AND updated_at < ?`);
  // A digest text shared by many chats goes when the last part naming it has gone.
  const textsQuery = db.prepare('DELETE FROM digest_texts WHERE NOT EXISTS (SELECT 1 FROM delivery_parts p WHERE p.text_id = digest_texts.id)');
  const digestRunsQuery = db.prepare('DELETE FROM digest_runs WHERE started_at < ?');
  // The newest ingest run stays whatever its age: /about shows when the corpus was last read.
  const ingestRunsQuery = db.prepare('DELETE FROM ingest_runs WHERE started_at < ? AND id < (SELECT MAX(id) FROM ingest_runs)');
  const handledQuery = db.prepare('DELETE FROM handled_updates WHERE handled_at < ?');
  const listsQuery = db.prepare('DELETE FROM result_lists WHERE created_at < ?');
  const failuresQuery = db.prepare('DELETE FROM source_failures WHERE failed_at < ?');

  return {
    prune(now: Date, retentionDays: number): PruneCounts {
      const decisions = before(now, Math.max(DECISION_RETENTION_DAYS, retentionDays));
      return db.transaction(() => ({
        parts: partsQuery.run(before(now, retentionDays)).changes,
        texts: textsQuery.run().changes,
        events: eventsQuery.run(before(now, retentionDays)).changes,
        deliveries: deliveriesQuery.run(decisions).changes,
        digestRuns: digestRunsQuery.run(decisions).changes,
        ingestRuns: ingestRunsQuery.run(decisions).changes,
        handledUpdates: handledQuery.run(new Date(now.getTime() - HANDLED_UPDATE_HOURS * 3_600_000).toISOString()).changes,
        resultLists: listsQuery.run(before(now, RESULT_LIST_DAYS)).changes,
        sourceFailures: failuresQuery.run(before(now, SOURCE_FAILURE_DAYS)).changes,
      }))();
    },
  };
}
