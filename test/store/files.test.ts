// S13: the database, its -wal and -shm, and backups are owner-only (0600); backup refuses to
// overwrite without --force, refuses the live database and reports a bad target in one line.
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { openStore } from '../../src/store/index.ts';
import { reference, SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: { CORPUS_DIR: SHIPPED_CORPUS }, isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('S13: files are owner-only and backups never overwrite by accident', () => {
  it('creates the database, -wal and -shm as 0600, and tightens an existing 0644 database', () => {
    const previous = process.umask(0o022);
    try {
      const dir = tempDir();
      const path = join(dir, 'fresh.db');
      const ref = reference();
      const store = openStore(path, { actors: ref.actors, tagger: ref.tagger });
      store.botState.setChatLanguage(1, 'private', 'en', '2026-11-23T00:00:00Z');
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file), file).toBe(0o600);
      store.close();
      chmodSync(path, 0o644);
      const again = openStore(path, { actors: ref.actors, tagger: ref.tagger });
      expect(mode(path)).toBe(0o600);
      again.close();
    } finally {
      process.umask(previous);
    }
  });

  it('backup: 0600, refuses an existing file without --force, the live database, a folder and a non-SQLite file, in one line', async () => {
    const dir = tempDir();
    const db = join(dir, 'live.db');
    expect((await cli(['ingest', '--db', db])).code).toBe(0);
    const copy = join(dir, 'copy.db');
    expect((await cli(['backup', copy, '--db', db])).code).toBe(0);
    expect(mode(copy)).toBe(0o600);

    const again = await cli(['backup', copy, '--db', db]);
    expect(again.code).toBe(1);
    expect(again.err).toBe(`Cannot back up to ${copy}: the file exists (add --force to overwrite it)`);
    expect((await cli(['backup', copy, '--force', '--db', db])).code).toBe(0);

    const live = await cli(['backup', db, '--force', '--db', db]);
    expect(live.err).toBe(`Cannot back up to ${db}: that is the live database`);
    expect((await cli(['backup', `${dir}/./live.db-wal`, '--force', '--db', db])).err).toContain('that is the live database');

    mkdirSync(join(dir, 'folder'));
    expect((await cli(['backup', join(dir, 'folder'), '--force', '--db', db])).err).toContain('it is a folder');
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'my notes, not a database');
    const notSqlite = await cli(['backup', text, '--force', '--db', db]);
    expect(notSqlite.code).toBe(1);
    expect(notSqlite.err).toBe(`Cannot back up to ${text}: the file is not a SQLite database; it was left untouched`);
    const missingDir = await cli(['backup', join(dir, 'no', 'such', 'dir.db'), '--db', db]);
    expect(missingDir.code).toBe(1);
    expect(missingDir.err.split('\n')).toHaveLength(1);
    expect(missingDir.err).toContain('ENOENT');
  });
});
