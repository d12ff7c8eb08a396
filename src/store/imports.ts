// Import checkpoints: where a streamed file import stands, committed with each batch it writes.
import type { Db } from './db.ts';

export interface ImportCheckpoint {
  fileKey: string;
  importId: number;
  fileHash: string;
  byteOffset: number;
  lineNumber: number;
  fresh: boolean;
}

/** The statements one import has written so far (to tell a repeated line, and to sweep at the end). */
export interface SeenStatements {
  has(statementId: number): boolean;
  add(statementId: number): void;
}

export function createImportState(db: Db) {
  const getQuery = db.prepare(
    `SELECT file_key AS fileKey, import_id AS importId, file_hash AS fileHash, byte_offset AS byteOffset,
       line_number AS lineNumber, fresh FROM import_checkpoints WHERE file_key = ?`,
  );
  const saveQuery = db.prepare(
    `INSERT INTO import_checkpoints (file_key, import_id, file_hash, byte_offset, line_number, fresh, started_at, updated_at)
     VALUES (@fileKey, @importId, @fileHash, @byteOffset, @lineNumber, @fresh, @now, @now)
     ON CONFLICT (file_key) DO UPDATE SET byte_offset = excluded.byte_offset, line_number = excluded.line_number, updated_at = excluded.updated_at`,
  );
  const deleteQuery = db.prepare('DELETE FROM import_checkpoints WHERE file_key = ?');
  const nextIdQuery = db.prepare(
    `SELECT COALESCE(MAX(id), 0) + 1 AS id
     FROM (SELECT MAX(import_id) AS id FROM import_checkpoints UNION ALL SELECT MAX(import_id) AS id FROM import_seen)`,
  );
  const seenHasQuery = db.prepare('SELECT 1 FROM import_seen WHERE import_id = ? AND statement_id = ?').pluck();
  const seenAddQuery = db.prepare('INSERT OR IGNORE INTO import_seen (import_id, statement_id) VALUES (?, ?)');
  const forgetSeenQuery = db.prepare('DELETE FROM import_seen WHERE import_id = ?');
  const liveInDocumentQuery = db.prepare('SELECT 1 FROM statements WHERE id = ? AND document_id = ? AND gone = 0').pluck();
  const unseenInDocumentQuery = db.prepare(
    `SELECT id FROM statements WHERE document_id = ? AND gone = 0
       AND NOT EXISTS (SELECT 1 FROM import_seen WHERE import_id = ? AND statement_id = statements.id)`,
  ).pluck();

  return {
    checkpoint(fileKey: string): ImportCheckpoint | null {
      const row = getQuery.get(fileKey) as (Omit<ImportCheckpoint, 'fresh'> & { fresh: number }) | undefined;
      return row ? { ...row, fresh: row.fresh === 1 } : null;
    },
    nextImportId(): number {
      return (nextIdQuery.get() as { id: number }).id;
    },
    save(c: ImportCheckpoint, now: string): void {
      saveQuery.run({ ...c, fresh: c.fresh ? 1 : 0, now });
    },
    /** The import is over (done, or its file changed): its checkpoint and its memory go. */
    finish(fileKey: string, importId: number): void {
      deleteQuery.run(fileKey);
      forgetSeenQuery.run(importId);
    },
    /**
     * The memory of an import into a document that had no live statements when it began (`fresh`):
     * a live statement of that document can only have been written by this import, so nothing is
     * recorded (one insert a row, and a million-row delete at the end, saved on a bulk load).
     */
    seenInFreshDocument(documentId: number): SeenStatements {
      return {
        has: (id) => liveInDocumentQuery.get(id, documentId) !== undefined,
        add: () => {},
      };
    },
    seen(importId: number): SeenStatements {
      return {
        has: (id) => seenHasQuery.get(importId, id) !== undefined,
        add: (id) => void seenAddQuery.run(importId, id),
      };
    },
    /** Live statements of a document this import has not written: the file no longer holds them. */
    unseenIn(documentId: number, importId: number): number[] {
      return unseenInDocumentQuery.all(documentId, importId) as number[];
    },
  };
}

export type ImportState = ReturnType<typeof createImportState>;
