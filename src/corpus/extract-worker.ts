// The extraction worker of big imports: JSONL lines in, prepared statements out, over a port the
// writer reads synchronously (ingest stays one synchronous pass; see extractors.ts).
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { ActorEntry } from './actors.ts';
import { createActorMatcher } from './actors.ts';
import type { RawLine } from './extract-lines.ts';
import { extractLines } from './extract-lines.ts';
import type { TopicEntry } from './topics.ts';
import { createTopicTagger } from './topics.ts';

interface Setup {
  port: MessagePort;
  signal: Int32Array;
  actors: ActorEntry[];
  topics: TopicEntry[];
}

const { port, signal, actors, topics } = workerData as Setup;
const tables = { matcher: createActorMatcher(actors), tagger: createTopicTagger(topics) };

port.on('message', (batch: RawLine[]) => {
  try {
    port.postMessage({ lines: extractLines(batch, tables) });
  } catch (error) {
    port.postMessage({ error: (error as Error).message });
  }
  // Wakes the writer, which waits on this counter between batches.
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
// Tables loaded: the writer may hand batches over.
Atomics.store(signal, 1, 1);
Atomics.notify(signal, 1);
