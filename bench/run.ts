// `npm run bench [-- --scale tiny|quick|1m] [--out DIR]`: measures the figures of issue 5 against
// baselines measured in the same run, and writes results.md and results.json.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadReferenceData } from '../src/corpus/reference.ts';
import { openStore } from '../src/store/index.ts';
import { benchDigestRunInProcess } from './digest-process.ts';
import { benchEndToEnd } from './e2e-bench.ts';
import { benchArchiveIngest } from './ingest-bench.ts';
import { benchQueries } from './query-bench.ts';
import { renderResults } from './report.ts';
import { benchRss } from './rss-bench.ts';
import { benchServeWhileIngesting } from './serve-while-ingest.ts';
import { realisticFolders, realSentences, writeRealisticArchive } from './realistic.ts';

export const SCALES = {
  tiny: { ingest: [2_000], queryRounds: 100, e2e: 12, digest: [200], fanout: 40, rssQueries: 10, serveIngest: 1_000 },
  quick: { ingest: [10_000, 100_000], queryRounds: 2_000, e2e: 200, digest: [10_000], fanout: 280, rssQueries: 200, serveIngest: 20_000 },
  '1m': { ingest: [100_000, 1_000_000], queryRounds: 3_000, e2e: 200, digest: [10_000, 100_000], fanout: 840, rssQueries: 300, serveIngest: 50_000 },
} as const;
export type Scale = keyof typeof SCALES;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIGEST_NOW = new Date('2025-12-27T06:00:00Z');

/**
 * Waits until the OS has written back what earlier phases wrote (the ingest and its raw baseline
 * write gigabytes), so a phase's own fsyncs (WAL checkpoints on commit) never wait for them.
 */
function settleDisk(): void {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No sync(1) here: the phases are measured as they come.
  }
}

export async function runBench(scale: Scale, outDir: string, workDir: string, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)) {
  const plan = SCALES[scale];
  const reference = loadReferenceData();
  const corpusDir = join(ROOT, 'data', 'corpus');
  const pool = realSentences(realisticFolders(ROOT));
  const results: Record<string, unknown> = {
    scale, date: new Date().toISOString(), machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? '?', node: process.version },
  };
  const ingestFigures = [];
  let biggest = '';
  for (const n of plan.ingest) {
    log(`ingest of a ${n}-statement archive…`);
    const file = join(workDir, `archive-${n}.jsonl`);
    await writeRealisticArchive(file, n, pool, log);
    const dbPath = join(workDir, `index-${n}.db`);
    ingestFigures.push(await benchArchiveIngest({ file, dbPath, progress: log }));
    log(`  ${JSON.stringify(ingestFigures[ingestFigures.length - 1])}`);
    rmSync(file, { force: true });
    rmSync(`${dbPath}.baseline`, { force: true });
    biggest = dbPath;
  }
  results.ingest = ingestFigures;
  results.archive = { sentencesEn: pool.en.length, sentencesUk: pool.uk.length, from: pool.sources.map((f) => f.replace(ROOT, '')) };
  const at = plan.ingest[plan.ingest.length - 1];
  settleDisk();

  log(`handler latency at ${at} statements…`);
  const store = openStore(biggest, { actors: reference.actors, tagger: reference.tagger });
  results.latency = { statements: at, rounds: plan.queryRounds, ...(await benchQueries(store, reference, plan.queryRounds)) };

  log('end-to-end reply latency…');
  results.endToEnd = { statements: at, ...(await benchEndToEnd(store, reference, plan.e2e)) };

  // The store closes first: the digest run is a process of its own over the same file.
  store.close();
  settleDisk();
  log('digest build and fan-out (in a process of their own)…');
  const digestRun = await benchDigestRunInProcess({ dbPath: biggest, subscribers: [...plan.digest], fanout: plan.fanout, now: DIGEST_NOW, ratePerSecond: 28, log });
  results.digestBuild = digestRun.digestBuild;
  results.fanout = digestRun.fanout;
  results.digestProcess = { subscribers: plan.digest.reduce((a, b) => a + b, 0), peakRssMb: digestRun.processPeakRssMb };
  const served = openStore(biggest, { actors: reference.actors, tagger: reference.tagger });

  log(`serving while ${plan.serveIngest} statements are ingested off-thread…`);
  const extra = join(workDir, 'extra-archive.jsonl');
  await writeRealisticArchive(extra, plan.serveIngest, pool, log, 7);
  settleDisk();
  results.serveWhileIngesting = await benchServeWhileIngesting(served, reference, biggest, extra, plan.serveIngest);
  served.close();

  log('peak RSS of the bot process…');
  results.rss = { statements: at, ...(await benchRss(biggest, corpusDir, plan.rssQueries)) };

  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'results.md'), renderResults(results as never));
  return results;
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'quick' }, out: { type: 'string' } } });
  const scale = values.scale as Scale;
  if (!(scale in SCALES)) {
    process.stderr.write(`--scale must be one of ${Object.keys(SCALES).join(', ')}\n`);
    process.exit(2);
  }
  const workDir = join(ROOT, 'bench', 'out', 'work');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  await runBench(scale, values.out ?? join(ROOT, 'bench'), workDir);
  rmSync(workDir, { recursive: true, force: true });
  process.stderr.write(`results written to ${join(values.out ?? join(ROOT, 'bench'), 'results.md')} and results.json\n`);
}
