// Ingest throughput: the CLI's import of a realistic JSONL archive against a raw better-sqlite3
// insert of the very same rows (read back from our result) into the same tables and FTS index.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/store/migrate.ts';
import { applyPragmas } from '../src/store/db.ts';
import { round, timeSync } from './measure.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Rows per transaction of the raw baseline. */
export const LINES_PER_FILE = 20_000;

export interface IngestFigure {
  statements: number;
  oursSeconds: number;
  oursPerSecond: number;
  baselineSeconds: number;
  baselinePerSecond: number;
  ratio: number;
}

const TABLES = ['documents', 'actors', 'actor_aliases', 'topics', 'statements', 'statement_actors', 'statement_topics'] as const;

/** Copies the rows `source` holds into a fresh database with plain prepared inserts. */
export function rawInsert(sourcePath: string, targetPath: string): number {
  const source = new Database(sourcePath, { readonly: true });
  const target = new Database(targetPath);
  applyPragmas(target);
  migrate(target);
  // Read everything first: the baseline times the inserts, not the reads.
  const data = Object.fromEntries(TABLES.map((t) => [t, source.prepare(`SELECT * FROM ${t}`).raw().all() as unknown[][]]));
  const fts = source.prepare('SELECT rowid, body, stems, names, title FROM statements_fts').raw().all() as unknown[][];
  source.close();
  const { ms } = timeSync(() => {
    for (const table of TABLES) {
      const rows = data[table] as unknown[][];
      if (rows.length === 0) continue;
      const insert = target.prepare(`INSERT OR REPLACE INTO ${table} VALUES (${(rows[0] as unknown[]).map(() => '?').join(',')})`);
      for (let i = 0; i < rows.length; i += LINES_PER_FILE) {
        target.transaction(() => {
          for (const row of rows.slice(i, i + LINES_PER_FILE)) insert.run(...row);
        })();
      }
    }
    const insertFts = target.prepare('INSERT INTO statements_fts (rowid, body, stems, names, title) VALUES (?, ?, ?, ?, ?)');
    for (let i = 0; i < fts.length; i += LINES_PER_FILE) {
      target.transaction(() => {
        for (const row of fts.slice(i, i + LINES_PER_FILE)) insertFts.run(...row);
      })();
    }
  });
  target.close();
  return ms / 1000;
}

/**
 * The realistic workload: ONE JSONL archive (real sentences, mixed languages, no lang, many
 * speakers) imported by the real CLI (`cli ingest FILE`) into a fresh database, as a user would,
 * against the raw insert of the same rows. The CLI's resident memory is sampled while it runs.
 */
export async function benchArchiveIngest(input: { file: string; dbPath: string; progress: (s: string) => void; baseline?: boolean }): Promise<IngestFigure & { bytes: number; peakRssMb: number; report: { added: number; rejects: number } }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ingest', input.file, '--db', input.dbPath, '--json'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0));
    } catch {
      // the process has just exited
    }
  }, 200);
  const lastShown = setInterval(() => input.progress(`  ingest running ${Math.round((performance.now() - started) / 1000)} s, peak RSS ${Math.round(peakKb / 1024)} MB`), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sample);
  clearInterval(lastShown);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`cli ingest failed (${code}): ${err.slice(-2000)}`);
  const report = JSON.parse(out) as { added: number; rejects: unknown[] };
  if (report.rejects.length > 0) throw new Error(`the archive had rejects: ${JSON.stringify(report.rejects.slice(0, 3))}`);
  const statements = report.added;
  // The raw baseline reads every row into memory first: skipped for the big-file memory run.
  const baselineSeconds = input.baseline === false ? Number.NaN : rawInsert(input.dbPath, `${input.dbPath}.baseline`);
  return {
    statements,
    bytes: statSync(input.file).size,
    peakRssMb: Math.round(peakKb / 1024),
    report: { added: report.added, rejects: report.rejects.length },
    oursSeconds: round(seconds),
    oursPerSecond: Math.round(statements / seconds),
    baselineSeconds: round(baselineSeconds),
    baselinePerSecond: Math.round(statements / baselineSeconds),
    ratio: round(seconds / baselineSeconds, 2),
  };
}
