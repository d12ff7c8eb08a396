// C8: a long-lived read (an open iterator) during 10k writes. The -wal file grows past the
// threshold while the reader holds its snapshot (no checkpoint can reset it); once the reader is
// done, one checkpointWal call brings the file back under the threshold.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_SIZE_LIMIT_BYTES, openDatabase } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createBotState } from '../../src/store/bot-state.ts';
import { checkpointWal, walSizeBytes } from '../../src/store/wal.ts';
import { tempDir } from '../helpers/store.ts';

const THRESHOLD = 1024 * 1024;
const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function writer(): { db: Database.Database; path: string } {
  const path = join(tempDir(), 'wal.db');
  const db = openDatabase(path);
  migrate(db);
  open.push(db);
  return { db, path };
}

/** 10k handled-update claims, as the bot writes them, in 200 transactions of 50. */
function write10k(db: Database.Database, from: number): void {
  const state = createBotState(db);
  for (let batch = 0; batch < 200; batch += 1) {
    db.transaction(() => {
      for (let i = 0; i < 50; i += 1) state.markUpdateHandled(1, from + batch * 50 + i, new Date(1_800_000_000_000 + batch).toISOString());
    })();
  }
}

describe('C8: WAL growth under a long read', () => {
  it('C8: journal_size_limit is set on every open', () => {
    const { path } = writer();
    for (let i = 0; i < 2; i += 1) {
      const db = openDatabase(path);
      open.push(db);
      expect(db.pragma('journal_size_limit', { simple: true })).toBe(JOURNAL_SIZE_LIMIT_BYTES);
    }
  });

  it('C8: the -wal grows past the threshold while an iterator is open; after it closes one checkpoint brings it under', () => {
    const { db, path } = writer();
    write10k(db, 1); // rows for the reader to walk
    expect(checkpointWal(db, { maxWalBytes: 0 }).walBytesAfter).toBe(0);

    const reader = new Database(path, { readonly: true });
    open.push(reader);
    const rows = reader.prepare('SELECT update_id FROM handled_updates ORDER BY update_id').iterate();
    expect(rows.next().done).toBe(false); // the read transaction (and its snapshot) is now open

    write10k(db, 100_000);
    const grown = walSizeBytes(db);
    expect(grown).toBeGreaterThan(THRESHOLD);
    // A checkpoint now cannot reset the WAL past the reader's snapshot: it reports busy, the file stays big.
    const during = checkpointWal(db, { maxWalBytes: THRESHOLD });
    expect(during.action).toBe('truncate');
    expect(during.busy).toBe(true);
    expect(during.walBytesAfter).toBeGreaterThan(THRESHOLD);
    // The reader still sees its snapshot: none of the 10k new rows.
    let seen = 1;
    for (const row of rows) {
      expect((row as { update_id: number }).update_id).toBeLessThan(100_000);
      seen += 1;
    }
    expect(seen).toBe(10_000); // walking to the end closes the iterator and ends the read

    const after = checkpointWal(db, { maxWalBytes: THRESHOLD });
    expect(after).toMatchObject({ action: 'truncate', busy: false });
    expect(after.walBytesBefore).toBeGreaterThan(THRESHOLD);
    expect(after.walBytesAfter).toBeLessThan(THRESHOLD);
    expect(after.checkpointedFrames).toBe(after.walFrames);
    // Under the threshold, nothing is done.
    expect(checkpointWal(db, { maxWalBytes: THRESHOLD }).action).toBe('none');
    expect((db.prepare('SELECT COUNT(*) AS n FROM handled_updates').get() as { n: number }).n).toBe(20_000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('C8: a checkpoint while a reader blocks does not wait out busy_timeout (the bot is not frozen)', () => {
    const { db, path } = writer();
    db.pragma('busy_timeout = 5000');
    write10k(db, 1);
    const reader = new Database(path, { readonly: true });
    open.push(reader);
    const rows = reader.prepare('SELECT update_id FROM handled_updates').iterate();
    rows.next();
    write10k(db, 100_000);
    const started = Date.now();
    expect(checkpointWal(db, { maxWalBytes: THRESHOLD }).busy).toBe(true);
    // A generous bound: the 5 s busy_timeout was not waited out.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000); // restored
    rows.return?.();
  });

  it('C8: an in-memory database has no -wal: nothing to do', () => {
    const db = openDatabase(':memory:');
    open.push(db);
    expect(checkpointWal(db, { maxWalBytes: 0 })).toMatchObject({ action: 'none', walBytesBefore: 0 });
  });
});
