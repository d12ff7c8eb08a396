import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { CorruptDatabaseError, UnknownMigrationError } from '../../src/store/errors.ts';
import { loadMigrations, migrate } from '../../src/store/migrate.ts';
import { tempDir } from '../helpers/store.ts';

describe('migrations', () => {
  it('G1: migration 0007 numbers existing statements in first-seen order, carries watermarks over, and gives JSONL ids their file', () => {
    const db = openDatabase(':memory:');
    const all = loadMigrations();
    const at = all.findIndex((m) => m.name.startsWith('0007_'));
    migrate(db, all.slice(0, at));
    db.exec(`INSERT INTO documents (id, source_key, source_name, kind, date_precision, content_hash, first_seen_at, last_seen_at)
               VALUES (1, 'file:feed.jsonl', 'feed.jsonl', 'jsonl', 'unknown', 'h', 't', 't'), (2, 'file:a.txt', 'a', 'other', 'unknown', 'h', 't', 't')`);
    const add = db.prepare(`INSERT INTO statements (id, document_id, external_id, kind, text, lang, date_precision, date_sort, content_hash, ingested_at, updated_at)
                            VALUES (?, ?, ?, 'post', 'x', 'en', 'unknown', '', 'h', ?, ?)`);
    add.run(10, 1, 'abc', '2026-11-02T00:00:00Z', 'x');
    add.run(11, 2, 'file:a.txt#p1', '2026-11-01T00:00:00Z', 'x');
    add.run(12, 1, 'file:feed.jsonl#sha:123', '2026-11-03T00:00:00Z', 'x');
    db.exec(`INSERT INTO subscriptions (chat_id, chat_type, time_zone, watermark, next_due_at, created_at, updated_at)
               VALUES (1, 'private', 'UTC', '2026-11-02T12:00:00Z', 'n', 'c', 'u')`);
    migrate(db, all);
    const rows = db.prepare('SELECT id, external_id AS externalId, seq FROM statements ORDER BY id').all();
    expect(rows).toEqual([
      { id: 10, externalId: 'file:feed.jsonl#id:abc', seq: 2 },
      { id: 11, externalId: 'file:a.txt#p1', seq: 1 },
      { id: 12, externalId: 'file:feed.jsonl#sha:123', seq: 3 },
    ]);
    expect(db.prepare('SELECT watermark_seq FROM subscriptions').pluck().get()).toBe(2);
    expect(db.prepare('SELECT value FROM commit_sequence').pluck().get()).toBe(3);
    // New rows continue the sequence inside their own transaction.
    add.run(13, 2, 'file:a.txt#p2', 't', 't');
    expect(db.prepare('SELECT value FROM commit_sequence').pluck().get()).toBe(4);
  });

  it('applies every file once, in order, and records it', () => {
    const db = openDatabase(':memory:');
    const names = loadMigrations().map((m) => m.name);
    expect(migrate(db)).toEqual(names);
    expect(migrate(db)).toEqual([]);
    expect((db.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name)).toEqual(names);
  });

  it('refuses a database that has a migration this version does not know', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run('9999_from_the_future.sql', 'x');
    expect(() => migrate(db)).toThrow(UnknownMigrationError);
  });

  it('rolls back a failing migration entirely', () => {
    const db = openDatabase(':memory:');
    expect(() => migrate(db, [{ name: '0001_bad.sql', sql: 'CREATE TABLE a (x); CREATE TABLE oops (' }])).toThrow(/Cannot apply migration 0001_bad.sql/);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'`).get()).toEqual({ n: 0 });
  });
});

describe('C1: pragmas on every open', () => {
  it('WAL, synchronous as configured, busy_timeout and foreign keys, on first open and on reopen', () => {
    const path = join(tempDir(), 'x.db');
    for (const synchronous of ['FULL', 'NORMAL'] as const) {
      for (let open = 0; open < 2; open += 1) {
        const db = openDatabase(path, { synchronous });
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('synchronous', { simple: true })).toBe(synchronous === 'FULL' ? 2 : 1);
        expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
        db.close();
      }
    }
  });
});

describe('C4: a corrupt database file', () => {
  it('is refused with SQLITE_NOTADB and left untouched', () => {
    const path = join(tempDir(), 'garbage.db');
    const garbage = Buffer.from('this is not a database at all, just text '.repeat(200));
    writeFileSync(path, garbage);
    expect(() => openDatabase(path)).toThrow(CorruptDatabaseError);
    expect(() => openDatabase(path)).toThrow(/SQLITE_NOTADB/);
    expect(Buffer.compare(readFileSync(path), garbage)).toBe(0);
  });

  it('is refused when a healthy file was truncated', () => {
    const dir = tempDir();
    const good = join(dir, 'good.db');
    const db = new Database(good);
    db.exec('CREATE TABLE t (x TEXT); ');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 2000; i += 1) insert.run('row '.repeat(20) + i);
    db.close();
    const bytes = readFileSync(good);
    const cut = join(dir, 'cut.db');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    // The bot checks at start; a plain open (every CLI call) no longer reads the whole file.
    expect(() => openDatabase(cut, { checkIntegrity: true })).toThrow(CorruptDatabaseError);
  });

  it('G17: two processes migrating a new file at once: both open it, each migration applied once', async () => {
    const path = join(tempDir(), 'race.db');
    const { spawn } = await import('node:child_process');
    const script = `import { openDatabase } from './src/store/db.ts'; import { migrate } from './src/store/migrate.ts';
      const db = openDatabase(${JSON.stringify(path)}); migrate(db); db.close(); console.log('ok');`;
    const run = () => new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: new URL('../../', import.meta.url).pathname });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => resolve({ code, out }));
    });
    const results = await Promise.all([run(), run(), run()]);
    for (const r of results) expect(r, r.out).toMatchObject({ code: 0 });
    const db = new Database(path);
    const names = (db.prepare('SELECT name FROM schema_migrations').all() as Array<{ name: string }>).map((r) => r.name);
    db.close();
    expect(names).toEqual([...new Set(names)]);
    expect(names.length).toBeGreaterThanOrEqual(5);
  }, 60_000);
});
