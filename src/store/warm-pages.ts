// Reading, in a worker thread, the pages a digest run is about to read on the bot's thread.
// SQLite reads synchronously: a chat far behind walks a week of a big archive, and when those
// pages are not in the OS cache a page of 500 rows took ~1 s from disk (measured at 1M
// statements with the index evicted), all of it a stall. The worker shares the OS cache, so after
// it the bot's own reads of the same rows are memory reads.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { NEW_BY_DATE_WHERE, newByDateRanges } from './statements.ts';

// Plain JavaScript, no TypeScript loader: a worker of a few megabytes that starts in milliseconds.
// It runs one read query to its end and says how many rows it read.
const READ_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
let rows = 0;
try {
  for (const row of db.prepare(workerData.sql).iterate(workerData.params)) rows += 1;
} finally {
  db.close();
}
parentPort.postMessage(rows);
`;

// What newSince's walk by date and its hydration touch: the rows (and their text), their
// document, their people and topics.
const WARM_NEW_SINCE_SQL = `SELECT s.id, length(s.text) + length(d.source_name),
    (SELECT COUNT(*) FROM statement_actors sa WHERE sa.statement_id = s.id),
    (SELECT COUNT(*) FROM statement_topics st WHERE st.statement_id = s.id)
  FROM statements s JOIN documents d ON d.id = s.document_id
  WHERE ${NEW_BY_DATE_WHERE}`;

/** Reads the rows newSince's walk by date will read for this window; resolves with how many. */
export function warmNewSinceOffThread(databasePath: string, window: { since: number; until: number; cutoffDay: string }): Promise<number> {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const cutoffMonth = window.cutoffDay.slice(0, 7);
  // Both of the walk's ranges at once (and the cutoff month's earlier days between them, which the
  // walk skips: one query is simpler, and this runs off the bot's thread).
  const ranges = newByDateRanges(window.cutoffDay);
  const params = { since: window.since, until: window.until, cutoffDay: window.cutoffDay, cutoffMonth, lowSort: ranges[ranges.length - 1]?.lowSort, highSort: ranges[0]?.highSort };
  return new Promise((resolve, reject) => {
    const worker = new Worker(READ_WORKER, { eval: true, workerData: { path: databasePath, sqlite, sql: WARM_NEW_SINCE_SQL, params } });
    worker.once('message', (rows: number) => resolve(rows));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`Cannot read ahead: the worker stopped (exit code ${code})`));
    });
  });
}
