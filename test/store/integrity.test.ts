// The start checks the bot's state tables only; the full check runs in a child process. Both must
// still find damage: the full one anywhere, the start one in the state tables.
import { closeSync, copyFileSync, openSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { CorruptDatabaseError } from '../../src/store/errors.ts';
import { checkIntegrityInBackground, checkStateTables } from '../../src/store/integrity.ts';
import { migrate } from '../../src/store/migrate.ts';
import { tempDir } from '../helpers/store.ts';

/** A migrated file with a chat, a subscription, then many statements (their pages come last). */
function makeDatabase(dir: string): string {
  const path = join(dir, 'index.db');
  const db = openDatabase(path);
  migrate(db);
  db.prepare(`INSERT INTO chats (id, type, created_at, updated_at) VALUES (1, 'private', '2026-01-01', '2026-01-01')`).run();
  db.prepare(`INSERT INTO documents (id, source_key, source_name, kind, date_precision, content_hash, first_seen_at, last_seen_at) VALUES (1, 'file:a', 'A', 'jsonl', 'unknown', 'h', 'x', 'x')`).run();
  const insert = db.prepare(`INSERT INTO statements (document_id, external_id, kind, text, lang, date_precision, date_sort, content_hash, ingested_at, updated_at)
    VALUES (1, ?, 'quote', ?, 'en', 'unknown', '', 'h', 'x', 'x')`);
  db.transaction(() => {
    for (let i = 0; i < 3000; i += 1) insert.run(`s${i}`, `Statement number ${i} with some words to fill a page or two. `.repeat(4));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return path;
}

/** Overwrites the file's last pages with garbage: statement pages, far from the state tables. */
function damageLastPages(path: string, pages = 6): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(4096 * pages, 0x5a), 0, 4096 * pages, size - 4096 * pages);
  closeSync(fd);
}

describe('integrity checks', () => {
  it('a healthy file passes both checks', async () => {
    const path = makeDatabase(tempDir());
    const db = openDatabase(path, { checkIntegrity: 'state-tables' });
    expect(checkStateTables(db)).toEqual([]);
    db.close();
    await expect(checkIntegrityInBackground(path).result).resolves.toEqual([]);
  });

  it('damage outside the state tables: the start lets the bot up, the background check finds it', async () => {
    const dir = tempDir();
    const path = makeDatabase(dir);
    damageLastPages(path);
    const db = openDatabase(path, { checkIntegrity: 'state-tables' });
    db.close();
    const problems = await checkIntegrityInBackground(path).result;
    expect(problems.length).toBeGreaterThan(0);
    // The full check on open (as `cli check` and the old start did) refuses the same file.
    expect(() => openDatabase(path, { checkIntegrity: true })).toThrow(CorruptDatabaseError);
  });

  it('a truncated file is reported by the background check, not a crash', async () => {
    const dir = tempDir();
    const path = makeDatabase(dir);
    const cut = join(dir, 'cut.db');
    copyFileSync(path, cut);
    truncateSync(cut, Math.floor(statSync(path).size / 2));
    const problems = await checkIntegrityInBackground(cut).result;
    expect(problems.length).toBeGreaterThan(0);
  });

  it('can be cancelled in the middle (shutdown)', async () => {
    const check = checkIntegrityInBackground(makeDatabase(tempDir()));
    check.cancel();
    const settled = await Promise.race([check.result.then(() => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 300))]);
    expect(settled).toBe('pending');
  });
});
