// Entry of the ingest worker: a worker thread does not inherit the parent's `--import tsx` hooks
// on Node 20, so it registers tsx itself before loading the TypeScript worker. A failure to load
// is posted like any other (with the hooks registered, a rejected top-level import would leave
// the worker hanging instead of ending it).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

try {
  register();
  await import('./ingest-worker.ts');
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
