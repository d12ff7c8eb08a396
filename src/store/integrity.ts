// Integrity checks that keep the bot's start fast. A full `PRAGMA quick_check` reads every page:
// ~20 s at 1M statements, during which the bot answered no one. The start checks only the tables
// that hold people's state (chats, subscriptions, deliveries: small, and what a damaged file would
// make the bot get wrong for a user); the full check runs in a child process on its own read-only
// connection while the bot serves (WAL lets it read alongside the writer), and the bot stops if it
// fails. A child process, not a worker thread: a shutdown can kill it in the middle of the check.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Db } from './db.ts';

/** The bot's own state, checked at start (each with its indexes): small at any corpus size. */
export const START_CHECK_TABLES = ['schema_migrations', 'chats', 'subscriptions', 'deliveries', 'delivery_parts', 'commit_sequence'];
/** Problems reported at most (quick_check's argument): enough to say what is wrong. */
const MAX_PROBLEMS = 20;

/** 'ok' lines are dropped: an empty list means healthy. */
const problemsOf = (rows: Array<Record<string, unknown>>): string[] =>
  rows.map((r) => String(Object.values(r)[0])).filter((line) => line !== 'ok');

/** The start check: quick_check of the state tables present (a table-name argument checks that table only). */
export function checkStateTables(db: Db): string[] {
  const present = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((r) => r.name));
  return START_CHECK_TABLES.filter((t) => present.has(t)).flatMap((t) => problemsOf(db.pragma(`quick_check('${t}')`) as Array<Record<string, unknown>>));
}

// Plain CommonJS run by `node -e`: no TypeScript loader needed in the child.
const CHILD_SOURCE = `
const [path, module, max] = process.argv.slice(1);
const Database = require(module);
let out;
try {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  out = { problems: db.pragma('quick_check(' + Number(max) + ')').map((r) => String(Object.values(r)[0])).filter((l) => l !== 'ok') };
  db.close();
} catch (e) {
  out = { problems: [String((e && e.code) || '') + ' ' + String((e && e.message) || e)] };
}
process.stdout.write(JSON.stringify(out));
`;

export interface BackgroundCheck {
  /** Problems found (empty: healthy); rejects only if the check could not run at all. */
  result: Promise<string[]>;
  /** Ends the check at once (shutdown); `result` then never settles. */
  cancel(): void;
}

/** The full quick_check of `path`, off the event loop and off this process. */
export function checkIntegrityInBackground(path: string): BackgroundCheck {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  let child: ChildProcess | null = spawn(process.execPath, ['-e', CHILD_SOURCE, path, module, String(MAX_PROBLEMS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let cancelled = false;
  const result = new Promise<string[]>((resolve, reject) => {
    let out = '';
    let err = '';
    child?.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child?.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child?.on('error', (e) => {
      if (!cancelled) reject(e);
    });
    child?.on('close', (code) => {
      child = null;
      if (cancelled) return;
      try {
        resolve((JSON.parse(out) as { problems: string[] }).problems);
      } catch {
        reject(new Error(`Cannot check the database's integrity: the check exited with ${code} (${err.trim().slice(0, 300)})`));
      }
    });
  });
  return {
    result,
    cancel(): void {
      cancelled = true;
      child?.kill('SIGKILL');
    },
  };
}
