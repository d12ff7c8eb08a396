// `npm run bench:big-import [-- --gb 1]`: one realistic JSONL archive of about that many GB,
// imported by the real CLI into a fresh database, with the CLI's peak resident memory (goal:
// ≤ 300 MB whatever the file size) and a check that every line became exactly one statement.
// Long (≈ 6 min per GB here): kept out of `npm run bench` and CI.
import Database from 'better-sqlite3';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchArchiveIngest } from './ingest-bench.ts';
import { realisticFolders, realSentences, writeRealisticArchive } from './realistic.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Bytes per line of the realistic archive (measured: 574 MB for 1,000,000 lines). */
const BYTES_PER_LINE = 574;

export async function benchBigImport(gigabytes: number, workDir: string, log: (s: string) => void) {
  const lines = Math.round((gigabytes * 1024 ** 3) / BYTES_PER_LINE);
  const file = join(workDir, 'big-archive.jsonl');
  const dbPath = join(workDir, 'big-index.db');
  log(`writing a ${lines.toLocaleString('en')}-line archive…`);
  await writeRealisticArchive(file, lines, realSentences(realisticFolders(ROOT)), log);
  const bytes = statSync(file).size;
  log(`importing ${(bytes / 1024 ** 3).toFixed(2)} GB…`);
  const figure = await benchArchiveIngest({ file, dbPath, progress: log, baseline: false });
  const db = new Database(dbPath, { readonly: true });
  const statements = db.prepare('SELECT COUNT(*) FROM statements WHERE gone = 0').pluck().get() as number;
  const distinct = db.prepare('SELECT COUNT(DISTINCT external_id) FROM statements WHERE gone = 0').pluck().get() as number;
  db.close();
  rmSync(file, { force: true });
  return { lines, bytes, seconds: figure.oursSeconds, perSecond: figure.oursPerSecond, peakRssMb: figure.peakRssMb, statements, distinct };
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const { values } = parseArgs({ options: { gb: { type: 'string', default: '1' }, work: { type: 'string' } } });
  const workDir = values.work ?? join(ROOT, 'bench', 'out', 'big-import');
  mkdirSync(workDir, { recursive: true });
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  const r = await benchBigImport(Number(values.gb), workDir, log);
  const md = [
    '# Import of one big realistic JSONL archive',
    '',
    `Measured ${new Date().toISOString()}, Node ${process.version}. Reproduce: \`npm run bench:big-import -- --gb ${values.gb}\`.`,
    '',
    '| file (GB) | lines | seconds | statements/s | peak RSS of the import (MB) | goal ≤ 300 MB | statements | every line once |',
    '|---|---|---|---|---|---|---|---|',
    `| ${(r.bytes / 1024 ** 3).toFixed(2)} | ${r.lines.toLocaleString('en')} | ${r.seconds} | ${r.perSecond.toLocaleString('en')} | ${r.peakRssMb} | ${r.peakRssMb <= 300 ? 'met' : '**missed**'} | ${r.statements.toLocaleString('en')} | ${r.statements === r.lines && r.distinct === r.lines ? 'yes' : '**no**'} |`,
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'bench', 'results-big-import.md'), md);
  rmSync(join(workDir, 'big-index.db'), { force: true });
  process.stderr.write(`${md}\nwritten to bench/results-big-import.md\n`);
}
