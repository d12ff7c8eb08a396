// The bot answering while its corpus is re-read: the same off-thread ingest the bot runs (start,
// interval, /reindex) writes an archive into the served database while queries go through
// bot.handleUpdate every 20 ms. Reported: reply latency during the ingest and the longest stall.
import { dirname } from 'node:path';
import { ingestOffThread } from '../src/corpus/ingest-off-thread.ts';
import type { ReferenceData } from '../src/corpus/reference.ts';
import type { Store } from '../src/store/index.ts';
import { createWriteTurns } from '../src/store/write-turns.ts';
import { percentiles, timeAsync } from './measure.ts';
import { createBenchBot, updateFor } from './query-bench.ts';
import { measurePhase } from './stall.ts';

const ASKED = ['/search sanctions', '/latest', '/search санкції', '/actor Rutte', '/search peace talks'];

export async function benchServeWhileIngesting(store: Store, reference: ReferenceData, dbPath: string, archive: string, lines: number) {
  // Wired as main.ts wires it: the worker writes when the bot is not answering.
  const writeTurns = createWriteTurns();
  const bot = createBenchBot(store, reference, () => new Date(), writeTurns);
  const latencies: number[] = [];
  let updateId = 1_500_000_000;
  const phase = await measurePhase(async () => {
    const ingesting = ingestOffThread({ databasePath: dbPath, paths: [archive], corpusDir: dirname(archive), synchronous: 'NORMAL', writeTurns: writeTurns.buffer });
    let done = false;
    void ingesting.finally(() => (done = true)).catch(() => {});
    while (!done) {
      const update = updateFor({}, ASKED[latencies.length % ASKED.length] as string, updateId++, 300 + (latencies.length % 1000));
      latencies.push((await timeAsync(() => bot.handleUpdate(update))).ms);
      await new Promise((r) => setTimeout(r, 20));
    }
    return ingesting;
  });
  const report = await phase.value;
  return { lines, added: report.added, replies: percentiles(latencies), longestStallMs: phase.longestStallMs, p99StallMs: phase.p99StallMs, peakRssMb: phase.peakRssMb };
}
