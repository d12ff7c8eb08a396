// Opening the database: pragmas on every open (better-sqlite3 does not keep them), and a refusal
// to touch a file that is not a healthy SQLite database.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { nameKey } from '../corpus/names.ts';
import { CorruptDatabaseError } from './errors.ts';
import { checkStateTables } from './integrity.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** FULL survives power loss at every commit; NORMAL (the default here) is safe for crashes of the process. */
  synchronous?: 'FULL' | 'NORMAL';
  busyTimeoutMs?: number;
  /**
   * Check the file on open (in-memory skipped; default off): true runs the full `PRAGMA quick_check`
   * (every page: ~20 s at 1M statements); 'state-tables' checks only the bot's own state tables
   * (the bot's start, which runs the full check in the background: see integrity.ts).
   */
  checkIntegrity?: boolean | 'state-tables';
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
/** After a checkpoint resets the WAL, SQLite truncates the -wal file down to this size. */
export const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

export function applyPragmas(db: Db, options: OpenOptions = {}): void {
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma(`busy_timeout = ${Math.max(1, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
  db.pragma('foreign_keys = ON');
  // Deleted rows (a /stop) are overwritten, so a chat id does not linger in the file's free pages.
  db.pragma('secure_delete = ON');
  // Migrations that re-key names call the same folding the code uses (corpus/names.ts).
  db.function('name_key', { deterministic: true }, (alias: unknown) => nameKey(String(alias ?? '')));
}

/** The database holds chat ids and subscriptions: owner-only, like its -wal, -shm and backups. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the file owner-only before SQLite does (SQLite gives -wal and -shm the database file's
 * mode), and tightens a file created by an older version, and its -wal / -shm, to the same.
 */
function makePrivate(path: string, stage: 'before' | 'after'): void {
  if (stage === 'before') {
    if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
    return;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(file, PRIVATE_FILE_MODE);
    } catch {
      // -wal / -shm may not exist yet; SQLite creates them with the database file's mode.
    }
  }
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const onDisk = path !== ':memory:' && path !== '';
  if (onDisk) {
    mkdirSync(dirname(path), { recursive: true });
    makePrivate(path, 'before');
  }
  let db: Db | undefined;
  try {
    db = new Database(path);
    applyPragmas(db, options);
    if (onDisk) makePrivate(path, 'after');
    if (options.checkIntegrity && path !== ':memory:') {
      const problems = options.checkIntegrity === 'state-tables' ? checkStateTables(db) : [db.pragma('quick_check', { simple: true })].filter((r) => r !== 'ok');
      if (problems.length > 0) throw new CorruptDatabaseError(`Cannot open database ${path}: integrity check says ${problems.slice(0, 5).map(String).join('; ')}`);
    }
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof CorruptDatabaseError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new CorruptDatabaseError(
        `Cannot open database ${path}: ${code} (the file is not a healthy SQLite database; it was left untouched — restore a backup or move it away)`,
        { cause: error },
      );
    }
    throw error;
  }
}
