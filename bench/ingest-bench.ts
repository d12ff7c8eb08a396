// Ingest throughput: our ingest of N synthetic JSONL statements against a raw better-sqlite3
// insert of the very same rows (read back from our result) into the same tables and FTS index.
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../src/corpus/ingest.ts';
import type { ReferenceData } from '../src/corpus/reference.ts';
import { migrate } from '../src/store/migrate.ts';
import { applyPragmas } from '../src/store/db.ts';
import { openStore } from '../src/store/index.ts';
import { round, timeSync } from './measure.ts';
import { syntheticLine } from './synth.ts';

// Files stay well under the 20 MB per-file limit of ingest.
export const LINES_PER_FILE = 20_000;

export interface IngestFigure {
  statements: number;
  oursSeconds: number;
  oursPerSecond: number;
  baselineSeconds: number;
  baselinePerSecond: number;
  ratio: number;
}

export function writeSyntheticCorpus(dir: string, count: number, sentences: { en: string[]; uk: string[] }, progress: (s: string) => void): void {
  mkdirSync(dir, { recursive: true });
  for (let start = 0; start < count; start += LINES_PER_FILE) {
    const end = Math.min(count, start + LINES_PER_FILE);
    const lines: string[] = [];
    for (let i = start; i < end; i += 1) lines.push(JSON.stringify(syntheticLine(i, sentences)));
    writeFileSync(join(dir, `part-${String(start / LINES_PER_FILE).padStart(4, '0')}.jsonl`), `${lines.join('\n')}\n`);
    progress(`  generated ${end}/${count}`);
  }
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

export function benchIngest(input: { dir: string; corpusDir: string; dbPath: string; reference: ReferenceData; now: Date; progress: (s: string) => void }): IngestFigure {
  const store = openStore(input.dbPath, { actors: input.reference.actors, tagger: input.reference.tagger });
  let lastShown = 0;
  const { ms, value: report } = timeSync(() =>
    ingest({
      paths: [input.dir], corpusDir: input.corpusDir, store, reference: input.reference, now: () => input.now,
      onProgress: (done, total) => {
        if (Date.now() - lastShown > 5000) {
          lastShown = Date.now();
          input.progress(`  ingest: file ${done}/${total}`);
        }
      },
    }),
  );
  store.close();
  const statements = report.added;
  const baselineSeconds = rawInsert(input.dbPath, `${input.dbPath}.baseline`);
  return {
    statements,
    oursSeconds: round(ms / 1000),
    oursPerSecond: Math.round(statements / (ms / 1000)),
    baselineSeconds: round(baselineSeconds),
    baselinePerSecond: Math.round(statements / baselineSeconds),
    ratio: round(ms / 1000 / baselineSeconds, 2),
  };
}

/**
 * The realistic workload: ONE JSONL archive (real sentences, mixed languages, no lang, many
 * speakers) ingested by the app into a fresh database, against the raw insert of the same rows.
 */
export function benchArchiveIngest(input: { file: string; dbPath: string; reference: ReferenceData; now: Date; progress: (s: string) => void }): IngestFigure & { file: string } {
  const store = openStore(input.dbPath, { actors: input.reference.actors, tagger: input.reference.tagger });
  let lastShown = 0;
  const { ms, value: report } = timeSync(() =>
    ingest({
      paths: [input.file], corpusDir: join(input.file, '..'), store, reference: input.reference, now: () => input.now,
      onStream: (p) => {
        if (Date.now() - lastShown > 10_000) {
          lastShown = Date.now();
          input.progress(`  ingest: ${p.lines} lines, ${Math.round((100 * p.bytesDone) / p.bytesTotal)}%`);
        }
      },
    }),
  );
  store.close();
  if (report.rejects.length > 0) throw new Error(`the archive had rejects: ${JSON.stringify(report.rejects.slice(0, 3))}`);
  const statements = report.added;
  const baselineSeconds = rawInsert(input.dbPath, `${input.dbPath}.baseline`);
  return {
    file: input.file,
    statements,
    oursSeconds: round(ms / 1000),
    oursPerSecond: Math.round(statements / (ms / 1000)),
    baselineSeconds: round(baselineSeconds),
    baselinePerSecond: Math.round(statements / baselineSeconds),
    ratio: round(ms / 1000 / baselineSeconds, 2),
  };
}
