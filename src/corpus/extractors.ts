// Where a big import's lines are extracted: in a worker thread, so that on a machine with two
// cores the writer's thread only writes while the worker parses, detects languages, tags topics
// and stems the next batch. Ingest stays one synchronous pass: the writer hands a batch over and
// later takes the result with receiveMessageOnPort, sleeping on a shared counter (Atomics.wait)
// until the worker has posted it. Small files, or a worker that cannot start, use the same code
// in-process.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ActorEntry } from './actors.ts';
import type { ExtractedLine, LineExtractionTables, RawLine } from './extract-lines.ts';
import { extractLines } from './extract-lines.ts';
import type { TopicTagger } from './topics.ts';

export interface Extractor {
  /** Hands a batch over; take() returns the results in the order batches were submitted. */
  submit(batch: RawLine[]): void;
  take(): ExtractedLine[];
  close(): void;
  readonly inWorker: boolean;
}

const WORKER_BOOT = new URL('./worker-boot.mjs', import.meta.url);
const WORKER_MODULE = new URL('./extract-worker.ts', import.meta.url).href;
const START_LIMIT_MS = 20_000;
const ANSWER_LIMIT_MS = 120_000;
const READY = 1;
const WORKER_OLD_MB = 96;
const WORKER_YOUNG_MB = 16;

export function inProcessExtractor(tables: LineExtractionTables): Extractor {
  const queue: RawLine[][] = [];
  return {
    inWorker: false,
    submit: (batch) => void queue.push(batch),
    take: () => extractLines(queue.shift() ?? [], tables),
    close: () => {},
  };
}

/** An extractor in a worker thread, or null when the worker does not start in time. */
export function workerExtractor(reference: { actors: ActorEntry[]; tagger: TopicTagger }): Extractor | null {
  const { port1, port2 } = new MessageChannel();
  // [0]: batches answered so far; [1]: READY once the worker has loaded its tables.
  const signal = new Int32Array(new SharedArrayBuffer(8));
  let worker: Worker;
  try {
    worker = new Worker(WORKER_BOOT, {
      workerData: { module: WORKER_MODULE, port: port2, signal, actors: reference.actors, topics: reference.tagger.entries },
      transferList: [port2],
      // Without a cap V8 lets the worker's old generation grow to hundreds of MB before collecting;
      // its live data (tables, one batch) is ~30 MB. Tighter caps cost dearly: 48 MB old with 8 MB
      // young made extraction 20× slower (the collector ran all the time); 8 MB young alone, 2×.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
  } catch {
    return null;
  }
  worker.unref();
  worker.on('error', () => {}); // a failure shows as no answer; the caller falls back or reports it
  const startedAt = Date.now();
  while (Atomics.load(signal, 1) !== READY && Date.now() - startedAt < START_LIMIT_MS) Atomics.wait(signal, 1, 0, 100);
  if (Atomics.load(signal, 1) !== READY) {
    port1.close();
    void worker.terminate();
    return null;
  }
  let answered = 0;
  return {
    inWorker: true,
    submit: (batch) => port1.postMessage(batch),
    take() {
      const waitingSince = Date.now();
      for (;;) {
        const received = receiveMessageOnPort(port1);
        if (received) {
          answered += 1;
          const message = received.message as { lines?: ExtractedLine[]; error?: string };
          if (message.error !== undefined) throw new Error(`Cannot extract lines: ${message.error}`);
          return message.lines ?? [];
        }
        if (Date.now() - waitingSince > ANSWER_LIMIT_MS) throw new Error('Cannot extract lines: the extraction worker stopped answering');
        Atomics.wait(signal, 0, answered, 1000);
      }
    },
    close() {
      port1.close();
      void worker.terminate();
    },
  };
}
