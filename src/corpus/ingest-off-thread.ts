// Runs an ingest of a database file in a worker thread and resolves with its report. It writes in
// batches of 50 lines, each started when the bot is not working on an update (store/write-turns.ts),
// so the bot's own writes seldom find the lock taken, and then mostly behind one small batch.
import { Worker } from 'node:worker_threads';
import type { IngestJob } from './ingest-worker.ts';
import type { IngestReport } from './ingest.ts';

const WORKER_BOOT = new URL('./worker-boot.mjs', import.meta.url);
const WORKER_MODULE = new URL('./ingest-worker.ts', import.meta.url).href;
/** Lines per transaction while the bot serves: short lock holds, so no reply waits long. */
export const SERVING_BATCH_LINES = 50;

export class IngestWorkerError extends Error {
  override name = 'IngestWorkerError';
}

export function ingestOffThread(job: Omit<IngestJob, 'batchLines'> & { batchLines?: number }): Promise<IngestReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { workerData: { module: WORKER_MODULE, batchLines: SERVING_BATCH_LINES, ...job } satisfies IngestJob & { module: string } });
    let settled = false;
    worker.once('message', (message: { report?: IngestReport; error?: string }) => {
      settled = true;
      // Its one answer given, the worker goes (tsx's loader hooks would otherwise keep it alive).
      void worker.terminate();
      if (message.report) resolve(message.report);
      else reject(new IngestWorkerError(`Cannot ingest: ${message.error ?? 'the worker gave no report'}`));
    });
    worker.once('error', (error) => {
      if (settled) return;
      settled = true;
      reject(new IngestWorkerError(`Cannot ingest: ${error.message}`, { cause: error }));
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new IngestWorkerError(`Cannot ingest: the worker stopped (exit code ${code})`));
    });
  });
}
