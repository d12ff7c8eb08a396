// Expected store failures, each with a message shaped "Cannot X: detail" and the cause kept.

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The database file is not SQLite, or is damaged. The file is left untouched. */
export class CorruptDatabaseError extends StoreError {}

/** The database was written by a newer version of the bot (it has migrations we do not know). */
export class UnknownMigrationError extends StoreError {}

export class MigrationFailedError extends StoreError {}

/** A backup target that must not or cannot be written (exists, the live database, not SQLite). */
export class BackupError extends StoreError {}
