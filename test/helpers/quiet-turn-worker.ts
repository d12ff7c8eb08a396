// A worker that waits for the bot's quiet turn (store/write-turns.ts), then says which phase the
// test's thread had reached when it returned.
import { parentPort, workerData } from 'node:worker_threads';
import { waitForQuietTurn } from '../../src/store/write-turns.ts';

const { turns, phase, maxWaitMs } = workerData as { turns: SharedArrayBuffer; phase: SharedArrayBuffer; maxWaitMs: number };
parentPort?.postMessage({ ready: true });
waitForQuietTurn(turns, maxWaitMs)();
parentPort?.postMessage({ phaseWhenReturned: Atomics.load(new Int32Array(phase), 0) });
