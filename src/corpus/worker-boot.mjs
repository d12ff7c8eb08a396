// Entry of the app's worker threads. A worker thread does not inherit the parent's `--import tsx`
// hooks on Node 20, so it registers tsx itself, then loads the TypeScript module named in
// `workerData.module`. A failure to load is posted like any other (with the hooks registered, a
// rejected top-level import would leave the worker hanging instead of ending it).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

try {
  register();
  await import(workerData.module);
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
