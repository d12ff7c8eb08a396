// Streaming JSONL import: no whole-file cap, batches with checkpoints, resume without doubles,
// a changed file starts over, bad and repeated lines reported by line across batches.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import { BATCH_LINES } from '../../src/corpus/ingest-jsonl.ts';
import type { Store } from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { ROOT } from '../helpers/bot-process.ts';
import { memoryStore, reference, tempDir } from '../helpers/store.ts';

const line = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: `r${i}`, text: `Statement number ${i} about sanctions and air defence for Kyiv.`, date: '2025-03-01', actor: i % 2 ? 'Volodymyr Zelensky' : 'Андрій Сибіга', ...extra });

function archive(count: number, name = 'archive.jsonl', dir = tempDir('sd-jsonl-')): string {
  const path = join(dir, name);
  writeFileSync(path, `${Array.from({ length: count }, (_, i) => line(i)).join('\n')}\n`);
  return path;
}

const run = (store: Store, path: string, onStream?: () => void) =>
  ingest({ paths: [path], corpusDir: join(path, '..'), store, reference: reference(), now: () => new Date('2026-11-30T08:00:00Z'), onStream });
const count = (store: Store, sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
const live = (store: Store) => count(store, 'SELECT COUNT(*) AS n FROM statements WHERE gone = 0');
const distinctIds = (store: Store) => count(store, 'SELECT COUNT(DISTINCT external_id) AS n FROM statements WHERE gone = 0');
const fts = (store: Store) => count(store, 'SELECT COUNT(*) AS n FROM statements_fts');
const typingCounts = (store: Store) => store.db.prepare('SELECT term, n FROM typing_terms ORDER BY term').all() as Array<{ term: string; n: number }>;
/** Every word of the search index's body column with its count, read from the index itself. */
function indexCounts(store: Store): Array<{ term: string; n: number }> {
  store.db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_body_terms USING fts5vocab(main, statements_fts, col)');
  return store.db.prepare(`SELECT term, cnt AS n FROM temp.test_body_terms WHERE col = 'body' ORDER BY term`).all() as Array<{ term: string; n: number }>;
}

/** Runs an import that "crashes" (throws) after `batches` committed batches, as a kill would leave it. */
function crashAfter(store: Store, path: string, batches: number): void {
  let seen = 0;
  expect(() => run(store, path, () => {
    seen += 1;
    if (seen === batches) throw new Error('simulated crash');
  })).toThrow('simulated crash');
}

describe('streaming JSONL import', () => {
  it('imports a file over the old 20 MB whole-file limit', () => {
    const path = join(tempDir('sd-jsonl-'), 'big.jsonl');
    // 42 lines of 512 KB of spaces (blank once trimmed) between real lines: 21 MB, cheap to read.
    const padding = ' '.repeat(512 * 1024);
    writeFileSync(path, `${Array.from({ length: 42 }, (_, i) => `${line(i)}\n${padding}`).join('\n')}\n`);
    const store = memoryStore();
    const report = run(store, path);
    expect(report.rejects).toEqual([]);
    expect(report.added).toBe(42);
    expect(live(store)).toBe(42);
  });

  it('resumes after a crash where it stopped: every row once, the checkpoint gone at the end', () => {
    const total = BATCH_LINES * 3 + 17;
    const path = archive(total);
    const store = memoryStore();
    crashAfter(store, path, 2);
    expect(live(store)).toBe(BATCH_LINES * 2);
    const checkpoint = store.imports.checkpoint('file:archive.jsonl');
    expect(checkpoint).toMatchObject({ lineNumber: BATCH_LINES * 2 });
    // Until it is finished, the file does not count as imported.
    expect(store.writer.documentsOfFile('file:archive.jsonl')[0]?.hash).toMatch(/^importing:/);

    const resumed = run(store, path);
    expect(resumed.added).toBe(total - BATCH_LINES * 2);
    expect(resumed.rejects).toEqual([]);
    expect(live(store)).toBe(total);
    expect(distinctIds(store)).toBe(total);
    expect(fts(store)).toBe(total);
    expect(store.imports.checkpoint('file:archive.jsonl')).toBeNull();
    expect(count(store, 'SELECT COUNT(*) AS n FROM import_seen')).toBe(0);
    // Done means done: a third run finds the file unchanged.
    expect(run(store, path)).toMatchObject({ filesSkippedUnchanged: 1, added: 0, unchanged: total });
  });

  it('recounts the typing words when an interrupted import resumes: counts a crash lost come back', () => {
    const total = BATCH_LINES * 3 + 17;
    const path = archive(total);
    const store = memoryStore();
    crashAfter(store, path, 2);
    // What a killed bulk load leaves: rows written, their words' counts still in the dead process.
    store.db.exec('DELETE FROM typing_terms');
    run(store, path);
    expect(typingCounts(store)).toEqual(indexCounts(store));
    expect(typingCounts(store).find((t) => t.term === 'sanctions')?.n).toBe(total);
  });

  it('starts over when the file changed after the crash, and marks what it no longer holds gone', () => {
    const dir = tempDir('sd-jsonl-');
    const path = archive(BATCH_LINES * 2 + 5, 'archive.jsonl', dir);
    const store = memoryStore();
    crashAfter(store, path, 1);
    expect(live(store)).toBe(BATCH_LINES);
    // The new version drops the first 10 lines and adds 3.
    writeFileSync(path, `${Array.from({ length: BATCH_LINES * 2 + 8 }, (_, i) => line(i)).slice(10).join('\n')}\n`);
    const report = run(store, path);
    expect(report.rejects).toEqual([]);
    expect(live(store)).toBe(BATCH_LINES * 2 - 2);
    expect(distinctIds(store)).toBe(BATCH_LINES * 2 - 2);
    expect(count(store, `SELECT COUNT(*) AS n FROM statements WHERE external_id LIKE '%#id:r3' AND gone = 1`)).toBe(1);
    expect(fts(store)).toBe(live(store));
  });

  it('reports bad and repeated lines by number, across batches, and ingests the rest', () => {
    const lines = Array.from({ length: BATCH_LINES + 10 }, (_, i) => line(i));
    lines[3] = '{not json';
    lines[BATCH_LINES + 4] = line(7, { text: 'A later line reusing id r7.' });
    lines[BATCH_LINES + 6] = JSON.stringify({ id: 'x', text: '', date: '2025-01-01' });
    const path = join(tempDir('sd-jsonl-'), 'mixed.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const store = memoryStore();
    const report = run(store, path);
    expect(report.rejects.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '4: not valid JSON',
      `${BATCH_LINES + 5}: duplicate of an earlier line (id r7)`,
      `${BATCH_LINES + 7}: text: text is empty`,
    ]);
    expect(report.added).toBe(BATCH_LINES + 7);
    // The first r7 stands as it was.
    expect(count(store, `SELECT COUNT(*) AS n FROM statements WHERE text = 'A later line reusing id r7.'`)).toBe(0);
  });

  it('reports a repeated line in a re-read of a file already imported (the import remembers what it wrote)', () => {
    const path = join(tempDir('sd-jsonl-'), 'again.jsonl');
    writeFileSync(path, `${Array.from({ length: 10 }, (_, i) => line(i)).join('\n')}\n`);
    const store = memoryStore();
    run(store, path);
    const changed = Array.from({ length: 10 }, (_, i) => line(i, { text: `Changed statement ${i} about sanctions.` }));
    changed.push(line(3, { text: 'A later line reusing id r3.' }));
    writeFileSync(path, `${changed.join('\n')}\n`);
    const report = run(store, path);
    expect(report.rejects.map((r) => `${r.line}: ${r.reason}`)).toEqual(['11: duplicate of an earlier line (id r3)']);
    expect(report.updated).toBe(10);
    expect(count(store, `SELECT COUNT(*) AS n FROM statements WHERE text = 'Changed statement 3 about sanctions.' AND gone = 0`)).toBe(1);
  });

  it('survives SIGKILL of the real CLI mid-import: the rerun holds every row exactly once', async () => {
    const total = BATCH_LINES * 10;
    const dir = tempDir('sd-jsonl-kill-');
    const path = archive(total, 'archive.jsonl', dir);
    const dbPath = join(dir, 'index.db');
    const ref = reference();
    openStore(dbPath, { actors: ref.actors, tagger: ref.tagger }).close();
    const cli = () => spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ingest', path, '--db', dbPath], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CORPUS_DIR: dir }, stdio: 'ignore',
    });
    const offset = (): number => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return (db.prepare('SELECT COALESCE(MAX(line_number), 0) AS n FROM import_checkpoints').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const child = cli();
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let killedAt = 0;
    for (let i = 0; i < 6000 && child.exitCode === null; i += 1) {
      killedAt = offset();
      if (killedAt >= BATCH_LINES) {
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThanOrEqual(BATCH_LINES);
    expect(killedAt).toBeLessThan(total);

    const again = cli();
    await new Promise<void>((resolve) => again.on('exit', () => resolve()));
    expect(again.exitCode).toBe(0);
    const store = openStore(dbPath, { actors: ref.actors, tagger: ref.tagger });
    try {
      expect(live(store)).toBe(total);
      expect(distinctIds(store)).toBe(total);
      expect(count(store, 'SELECT COUNT(*) AS n FROM statements')).toBe(total);
      expect(fts(store)).toBe(total);
      expect(store.imports.checkpoint('file:archive.jsonl')).toBeNull();
      // The typing words count every written row once, whatever the kill cost.
      expect(typingCounts(store)).toEqual(indexCounts(store));
    } finally {
      store.close();
    }
  }, 180_000);
});

describe('big imports', () => {
  const snapshot = (store: Store) => ({
    statements: store.db.prepare('SELECT external_id, lang, kind, date, text FROM statements ORDER BY external_id').all(),
    topics: store.db.prepare('SELECT s.external_id, t.topic_slug, t.matched FROM statement_topics t JOIN statements s ON s.id = t.statement_id ORDER BY 1, 2').all(),
    actors: store.db.prepare('SELECT s.external_id, a.canonical, sa.role FROM statement_actors sa JOIN statements s ON s.id = sa.statement_id JOIN actors a ON a.id = sa.actor_id ORDER BY 1, 2, 3').all(),
    search: store.db.prepare('SELECT s.external_id, f.body, f.stems, f.names FROM statements_fts f JOIN statements s ON s.id = f.rowid ORDER BY 1').all(),
  });
  const texts = [
    'Президент заявив, що Україна потребує більше систем ППО для захисту міст від ракетних ударів.',
    'The minister said the new sanctions package targets Russian oil revenues and the shadow fleet.',
    'Rutte said NATO allies must keep sending air defence to Ukraine before the winter.',
    'Сибіга наголосив, що мирні переговори можливі лише після припинення вогню.',
  ];
  const varied = (i: number) => JSON.stringify({ id: `v${i}`, text: `${texts[i % texts.length]} (${i})`, date: '2025-05-0' + (1 + (i % 9)), actor: i % 3 ? 'Mark Rutte' : 'Андрій Сибіга' });

  it('a worker extracts exactly what the writer thread would', () => {
    const path = join(tempDir('sd-jsonl-'), 'varied.jsonl');
    writeFileSync(path, `${Array.from({ length: 3 * BATCH_LINES + 11 }, (_, i) => varied(i)).join('\n')}\n`);
    const inWorker = memoryStore();
    const inProcess = memoryStore();
    const where = new Set<boolean>();
    const go = (store: Store, extraction: 'worker' | 'in-process') =>
      ingest({ paths: [path], corpusDir: join(path, '..'), store, reference: reference(), now: () => new Date('2026-11-30T08:00:00Z'), extraction, onStream: (p) => where.add(p.inWorker) });
    expect(go(inWorker, 'worker').added).toBe(3 * BATCH_LINES + 11);
    expect([...where]).toEqual([true]);
    where.clear();
    expect(go(inProcess, 'in-process').added).toBe(3 * BATCH_LINES + 11);
    expect([...where]).toEqual([false]);
    expect(snapshot(inWorker)).toEqual(snapshot(inProcess));
    expect(snapshot(inWorker).topics.length).toBeGreaterThan(BATCH_LINES);
  });

  it('a big file into an empty index builds the secondary indexes at the end; an abandoned load gets them back on open', () => {
    const dir = tempDir('sd-jsonl-bulk-');
    const path = join(dir, 'bulk.jsonl');
    // Over WORKER_MIN_BYTES (4 MB): the bulk path.
    const padded = (i: number) => varied(i).replace('"date"', `"title":"${'t'.repeat(500)}","date"`);
    writeFileSync(path, `${Array.from({ length: 8_000 }, (_, i) => padded(i)).join('\n')}\n`);
    const dbPath = join(dir, 'index.db');
    const ref = reference();
    const indexNames = (store: Store) => (store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]);
    const fresh = openStore(dbPath, { actors: ref.actors, tagger: ref.tagger });
    const expected = indexNames(fresh);
    crashAfter(fresh, path, 1);
    // Mid-load: the deferred indexes are gone and remembered; an import is in progress, so opening leaves them.
    expect(indexNames(fresh)).not.toContain('statements_latest');
    fresh.close();
    const reopened = openStore(dbPath, { actors: ref.actors, tagger: ref.tagger });
    expect(indexNames(reopened)).not.toContain('statements_latest');
    // The import resumes and finishes: every index is there again, and the rows are all there once.
    expect(run(reopened, path).rejects).toEqual([]);
    expect(indexNames(reopened)).toEqual(expected);
    expect(distinctIds(reopened)).toBe(8_000);
    expect(count(reopened, 'SELECT COUNT(*) AS n FROM deferred_indexes')).toBe(0);

    // An abandoned load (its checkpoint gone, e.g. the file deleted and never re-imported): rebuilt on open.
    reopened.db.prepare(`INSERT INTO deferred_indexes (name, sql) SELECT name, sql FROM sqlite_master WHERE name = 'statements_seq'`).run();
    reopened.db.exec('DROP INDEX statements_seq');
    reopened.close();
    const repaired = openStore(dbPath, { actors: ref.actors, tagger: ref.tagger });
    expect(indexNames(repaired)).toEqual(expected);
    repaired.close();
  }, 120_000);
});
