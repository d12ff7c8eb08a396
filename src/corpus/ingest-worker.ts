// The bot's re-read of its corpus (start, interval, /reindex) runs here, in a worker thread with
// its own connection to the database file: a big folder never keeps the bot from answering.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.ts';
import { waitForQuietTurn } from '../store/write-turns.ts';
import { ingest } from './ingest.ts';
import { loadReferenceData } from './reference.ts';

export interface IngestJob {
  databasePath: string;
  paths: string[];
  corpusDir: string;
  synchronous: 'FULL' | 'NORMAL';
  batchLines: number;
  /** The bot's write turns (store/write-turns.ts): this worker writes when the bot is not answering. */
  writeTurns?: SharedArrayBuffer;
}

const job = workerData as IngestJob;
try {
  const reference = loadReferenceData();
  const store = openStore(job.databasePath, { actors: reference.actors, tagger: reference.tagger }, { synchronous: job.synchronous });
  try {
    const report = ingest({
      paths: job.paths, corpusDir: job.corpusDir, store, reference, now: () => new Date(),
      // One worker is enough: extraction stays on this thread, the bot keeps the other core.
      extraction: 'in-process', batchLines: job.batchLines,
      ...(job.writeTurns ? { beforeWrite: waitForQuietTurn(job.writeTurns) } : {}),
    });
    parentPort?.postMessage({ report });
  } finally {
    store.close();
  }
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
