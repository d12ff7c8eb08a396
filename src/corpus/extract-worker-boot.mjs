// Entry of the extraction worker. A worker thread does not inherit the parent's `--import tsx`
// hooks on Node 20, so it registers tsx itself before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');
