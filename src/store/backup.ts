// `cli backup FILE`: SQLite's online backup into a file only its owner can read (it holds every
// chat id and subscription), refusing to overwrite anything by accident: an existing file needs
// --force, the live database (or its -wal/-shm) never, and a file that is not SQLite never.
import { chmodSync, closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Db } from './db.ts';
import { PRIVATE_FILE_MODE } from './db.ts';
import { BackupError } from './errors.ts';

const SQLITE_HEADER = 'SQLite format 3\0';

/** The path with its folder's symlinks resolved, whether or not the file exists yet. */
function canonical(path: string): string {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch {
    try {
      return join(realpathSync(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}

function isSqliteOrEmpty(path: string): boolean {
  if (statSync(path).size === 0) return true;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

export async function backupDatabase(db: Db, livePath: string, target: string, options: { force?: boolean } = {}): Promise<void> {
  const fail = (detail: string, cause?: unknown): never => {
    throw new BackupError(`Cannot back up to ${target}: ${detail}`, cause === undefined ? undefined : { cause });
  };
  const live = canonical(livePath);
  const wanted = canonical(target);
  if ([live, `${live}-wal`, `${live}-shm`, `${live}-journal`].includes(wanted)) fail('that is the live database');
  if (existsSync(wanted)) {
    if (statSync(wanted).isDirectory()) fail('it is a folder');
    if (!options.force) fail('the file exists (add --force to overwrite it)');
    if (!isSqliteOrEmpty(wanted)) fail('the file is not a SQLite database; it was left untouched');
    chmodSync(wanted, PRIVATE_FILE_MODE);
  } else {
    try {
      // Created by us, owner-only, before SQLite writes a byte into it.
      closeSync(openSync(wanted, 'wx', PRIVATE_FILE_MODE));
    } catch (error) {
      fail(`${(error as { code?: string }).code ?? 'cannot create the file'}`, error);
    }
  }
  try {
    await db.backup(wanted);
    chmodSync(wanted, PRIVATE_FILE_MODE);
  } catch (error) {
    fail((error as { code?: string }).code ?? (error as Error).message, error);
  }
}
