// `node --import tsx bench/latency.ts --db PATH [--rounds N]`: the handler latency table alone, on
// an existing database (e.g. a 1M-statement one built once), without the ingest phases of run.ts.
// Opening the store applies pending migrations: run it on a copy of a database you care about.
import { parseArgs } from 'node:util';
import { loadReferenceData } from '../src/corpus/reference.ts';
import { openStore } from '../src/store/index.ts';
import { timeSync } from './measure.ts';
import { benchQueries } from './query-bench.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, rounds: { type: 'string', default: '3000' } } });
if (!values.db) throw new Error('Cannot run: --db PATH is required');
const reference = loadReferenceData();
const { ms: openMs, value: store } = timeSync(() => openStore(values.db as string, { actors: reference.actors, tagger: reference.tagger }));
const statements = store.catalog.stats().statements;
const result = await benchQueries(store, reference, Number(values.rounds));
store.close();
const lines = [
  `statements ${statements}, store opened (with pending migrations) in ${Math.round(openMs)} ms, longest event-loop stall ${result.maxStallMs} ms, slowest request ${result.slowest.ms} ms (${result.slowest.input})`,
  '| command | ours p50 | p95 | p99 | n | raw SQL p50 | p95 | p99 |',
  '|---|---|---|---|---|---|---|---|',
  ...result.figures.map((f) => `| ${f.command} | ${f.ours.p50} | ${f.ours.p95} | ${f.ours.p99} | ${f.ours.n} | ${f.raw ? `${f.raw.p50} | ${f.raw.p95} | ${f.raw.p99}` : '— | — | —'} |`),
];
process.stdout.write(`${lines.join('\n')}\n${JSON.stringify(result)}\n`);
