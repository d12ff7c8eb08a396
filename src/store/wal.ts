// Keeping the -wal file small. SQLite's automatic checkpoint (every ~1000 pages) copies pages
// back into the database but never shrinks the -wal file, and while any reader holds an old
// snapshot (a long iteration, a backup, another process) the WAL cannot be reset at all and grows
// with every write. This policy, run on a timer, truncates the WAL once it passes a threshold.
import { statSync } from 'node:fs';
import type { Db } from './db.ts';

export const DEFAULT_MAX_WAL_BYTES = 32 * 1024 * 1024;

export interface WalCheckpointResult {
  /** What was done: nothing (under the threshold, or an in-memory db), or a TRUNCATE checkpoint. */
  action: 'none' | 'truncate';
  walBytesBefore: number;
  walBytesAfter: number;
  /** true when a reader or writer kept the checkpoint from finishing (the WAL could not be reset). */
  busy: boolean;
  /** Frames in the WAL and frames copied back into the database, as SQLite reports them (-1: n/a). */
  walFrames: number;
  checkpointedFrames: number;
}

/** Size of the -wal file next to the database; 0 when there is none. */
export function walSizeBytes(db: Db): number {
  if (db.memory || db.name === '' || db.name === ':memory:') return 0;
  try {
    return statSync(`${db.name}-wal`).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/**
 * When the -wal file is over `maxWalBytes`, runs `PRAGMA wal_checkpoint(TRUNCATE)`: every frame is
 * copied back and the file truncated to zero bytes. While a reader still holds an older snapshot
 * the checkpoint copies what it can and reports `busy`; the next call finishes the job.
 *
 * It waits on locks at most `waitMs` (default 0): TRUNCATE otherwise calls the busy handler for up
 * to busy_timeout, and better-sqlite3 would block the event loop (the bot) all that time.
 */
export function checkpointWal(db: Db, options: { maxWalBytes?: number; waitMs?: number } = {}): WalCheckpointResult {
  const maxWalBytes = options.maxWalBytes ?? DEFAULT_MAX_WAL_BYTES;
  const walBytesBefore = walSizeBytes(db);
  if (walBytesBefore <= maxWalBytes) {
    return { action: 'none', walBytesBefore, walBytesAfter: walBytesBefore, busy: false, walFrames: -1, checkpointedFrames: -1 };
  }
  const previousTimeout = Number(db.pragma('busy_timeout', { simple: true }));
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.waitMs ?? 0))}`);
  let row: { busy: number; log: number; checkpointed: number } | undefined;
  try {
    row = (db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>)[0];
  } finally {
    db.pragma(`busy_timeout = ${previousTimeout}`);
  }
  return {
    action: 'truncate',
    walBytesBefore,
    walBytesAfter: walSizeBytes(db),
    busy: (row?.busy ?? 1) !== 0,
    walFrames: row?.log ?? -1,
    checkpointedFrames: row?.checkpointed ?? -1,
  };
}
