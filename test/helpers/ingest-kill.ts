// The ingest kill loop (RELIABILITY C2): the real CLI ingests a 1,000-line JSONL batch (one file,
// one transaction) into a database file and is SIGKILLed at a random moment, either of the whole
// run or of the write transaction itself (a preload marks its start and commit on stderr); after
// each kill the database must hold the batch entirely or not at all, pass integrity_check, and
// keep the FTS index in step with the live statements.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { ROOT } from './bot-process.ts';
import { TX_BEGIN, TX_COMMITTED } from './ingest-tx-marker.ts';
import { reference, tempDir } from './store.ts';

export const BATCH_ROWS = 1000;

/** 'run': a random moment after the run began (parsing, then writing); 'transaction': after BEGIN. */
export type KillAim = 'run' | 'transaction';

export interface IngestKillRound {
  batch: number;
  aim: KillAim;
  /** Milliseconds after the aim's start (the ingest_runs row, or BEGIN) that the kill was sent. */
  killAfterMs: number;
  /** The child had already exited when the kill was due. */
  finishedFirst: boolean;
  /** The kill landed between BEGIN and COMMIT of the batch's transaction. */
  inTransaction: boolean;
  rows: number;
  outcome: 'present' | 'absent' | 'partial';
  integrity: string;
  fts: number;
  live: number;
  seconds: number;
}

export interface IngestKillLoop {
  dbPath: string;
  /** Milliseconds from the run's start to the child's exit, measured on an uninterrupted batch. */
  runMs: number;
  /** Milliseconds from BEGIN to COMMIT of the batch's transaction, measured likewise. */
  txMs: number;
  round(batch: number, aim: KillAim, random?: () => number): Promise<IngestKillRound>;
  /** Throws unless every earlier batch is still as it was left (present or absent). */
  checkEarlierBatches(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function writeBatch(dir: string, batch: number): string {
  const file = join(dir, `batch-${batch}.jsonl`);
  const actors = ['Volodymyr Zelensky', 'Antony Blinken', 'Денис Шмигаль', 'Emmanuel Macron'];
  const lines = Array.from({ length: BATCH_ROWS }, (_, i) => JSON.stringify({
    id: `c2-b${batch}-${i}`,
    text: `Batch ${batch} statement ${i}: sanctions on drones and energy were discussed at length, with talks planned for next week in Kyiv.`,
    date: `2026-0${1 + (i % 9)}-1${i % 10}`,
    actor: actors[i % actors.length],
    url: `https://example.org/c2/${batch}/${i}`,
  }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function lastRunId(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM ingest_runs').get() as { id: number }).id;
  } finally {
    db.close();
  }
}

function spawnIngest(file: string, dbPath: string, corpusDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/helpers/ingest-tx-marker.ts', 'src/cli.ts', 'ingest', file, '--db', dbPath], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CORPUS_DIR: corpusDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const marks: { began?: number; committed?: number } = {};
  let onBegin = (): void => {};
  const began = new Promise<void>((resolve) => (onBegin = resolve));
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (marks.began === undefined && stderr.includes(TX_BEGIN)) {
      marks.began = Date.now();
      onBegin();
    }
    if (marks.committed === undefined && stderr.includes(TX_COMMITTED)) marks.committed = Date.now();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, began, marks, stderr: () => stderr };
}

/** Waits for the child's ingest run to begin (a committed ingest_runs row) or for it to exit. */
async function runStarted(dbPath: string, before: number, exited: Promise<unknown>): Promise<number> {
  let done = false;
  void exited.then(() => (done = true));
  const limit = Date.now() + 60_000;
  while (!done && Date.now() < limit) {
    if (lastRunId(dbPath) > before) return Date.now();
    await sleep(5);
  }
  if (!done) throw new Error('the ingest child neither started a run nor exited within 60 s');
  return Date.now();
}

export function inspect(dbPath: string, batch: number): { count: number; integrity: string; fts: number; live: number } {
  // Read-write, as the bot would open it after a crash (WAL recovery, then the checks).
  const db = new Database(dbPath);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    // FTS5's own check of its index structure; throws on a damaged index.
    db.prepare(`INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')`).run();
    const count = (db.prepare('SELECT COUNT(*) AS n FROM statements WHERE external_id LIKE ?').get(`%#id:c2-b${batch}-%`) as { n: number }).n;
    const fts = (db.prepare('SELECT COUNT(*) AS n FROM statements_fts').get() as { n: number }).n;
    const live = (db.prepare('SELECT COUNT(*) AS n FROM statements WHERE gone = 0').get() as { n: number }).n;
    return { count, integrity, fts, live };
  } finally {
    db.close();
  }
}

export async function createIngestKillLoop(): Promise<IngestKillLoop> {
  const dir = tempDir('sd-ingest-kill-');
  const corpusDir = tempDir('sd-ingest-corpus-');
  const dbPath = join(dir, 'ingest.db');
  const ref = reference();
  openStore(dbPath, { actors: ref.actors, tagger: ref.tagger }).close();
  const left = new Map<number, number>();

  // Calibration: batch 0 ingested without a kill; how long a run takes on this machine now.
  const before = lastRunId(dbPath);
  const first = spawnIngest(writeBatch(dir, 0), dbPath, corpusDir);
  const startedAt = await runStarted(dbPath, before, first.exited);
  const exit = await first.exited;
  if (exit.code !== 0) throw new Error(`calibration ingest failed (${exit.code}): ${first.stderr()}`);
  const runMs = Math.max(50, Date.now() - startedAt);
  const { began, committed } = first.marks;
  if (began === undefined || committed === undefined) throw new Error(`the transaction markers did not show: ${first.stderr()}`);
  const txMs = Math.max(5, committed - began);
  left.set(0, inspect(dbPath, 0).count);

  return {
    dbPath,
    runMs,
    txMs,
    async round(batch, aim, random = Math.random) {
      const t0 = Date.now();
      const file = writeBatch(dir, batch);
      const runBefore = lastRunId(dbPath);
      const p = spawnIngest(file, dbPath, corpusDir);
      let from: number;
      let killAfterMs: number;
      if (aim === 'run') {
        from = await runStarted(dbPath, runBefore, p.exited);
        // Anywhere from the run's first moment to a little past its usual end (parse, then write).
        killAfterMs = Math.round(random() * runMs * 1.2);
      } else {
        await Promise.race([p.began, p.exited]);
        from = p.marks.began ?? Date.now();
        // Anywhere inside the transaction, or just after its usual commit.
        killAfterMs = Math.round(random() * txMs * 1.1);
      }
      await sleep(Math.max(0, from + killAfterMs - Date.now()));
      const finishedFirst = p.child.exitCode !== null || p.child.signalCode !== null;
      if (!finishedFirst) p.child.kill('SIGKILL');
      const inTransaction = !finishedFirst && p.marks.began !== undefined && p.marks.committed === undefined;
      const exit = await p.exited;
      if (finishedFirst && exit.code !== 0) throw new Error(`ingest failed (${exit.code}): ${p.stderr()}`);
      const state = inspect(dbPath, batch);
      left.set(batch, state.count);
      return {
        batch, aim, killAfterMs, finishedFirst, inTransaction, rows: state.count,
        outcome: state.count === BATCH_ROWS ? 'present' : state.count === 0 ? 'absent' : 'partial',
        integrity: state.integrity, fts: state.fts, live: state.live,
        seconds: (Date.now() - t0) / 1000,
      };
    },
    checkEarlierBatches() {
      const db = new Database(dbPath, { readonly: true });
      try {
        const rowsOf = db.prepare('SELECT COUNT(*) AS n FROM statements WHERE external_id LIKE ?');
        for (const [batch, count] of left) {
          const now = (rowsOf.get(`%#id:c2-b${batch}-%`) as { n: number }).n;
          if (now !== count) throw new Error(`batch ${batch} changed from ${count} to ${now} rows`);
        }
      } finally {
        db.close();
      }
    },
  };
}
