// Migrations: numbered .sql files applied in order, one transaction each, recorded by name.
// Each runs under BEGIN IMMEDIATE and re-reads what is applied inside it: the bot and the CLI
// starting together on a new file would otherwise both apply 0001 (and one would fail).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';
import { MigrationFailedError, UnknownMigrationError } from './errors.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  name: string;
  sql: string;
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/** Applies pending migrations; returns the names applied now. */
export function migrate(db: Db, migrations: Migration[] = loadMigrations()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT name FROM schema_migrations').all() as Array<{ name: string }>).map((r) => r.name),
  );
  const known = new Set(migrations.map((m) => m.name));
  const unknown = [...applied].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new UnknownMigrationError(
      `Cannot use this database: it has migrations this version does not know (${unknown.join(', ')}); it was written by a newer version`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?');
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    try {
      const appliedNow = db.transaction(() => {
        if (isApplied.get(migration.name)) return false; // another process got there first
        db.exec(migration.sql);
        record.run(migration.name, new Date().toISOString());
        return true;
      }).immediate();
      if (appliedNow) done.push(migration.name);
    } catch (error) {
      throw new MigrationFailedError(`Cannot apply migration ${migration.name}: ${(error as Error).message}`, { cause: error });
    }
  }
  return done;
}
