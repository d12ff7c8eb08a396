// Streaming import of a JSONL file of any size: read line by line, written in batches, each batch
// committed with a checkpoint (the byte offset after its last line). Memory stays bounded whatever
// the file's size; an import killed at any moment continues after its last committed batch, and
// no row is ever written twice (rows are keyed by their id, and the import remembers what it wrote).
// Every write transaction is BEGIN IMMEDIATE: it reads before it writes, and a deferred one would
// fail at once ("database is locked") when the bot committed in between, instead of waiting.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { IngestOptions, IngestReport } from './ingest.ts';
import type { RawLine } from './extract-lines.ts';
import { inProcessExtractor, workerExtractor } from './extractors.ts';
import { duplicateReason, jsonlDocument } from './jsonl.ts';
import { CHUNK_BYTES, readLines } from './line-reader.ts';
import type { DocumentMeta } from './metadata.ts';
import type { ExtractedStatement, IngestReject } from './types.ts';

/** Lines per transaction: large enough to amortise the commit, small enough to lose little on a crash. */
export const BATCH_LINES = 1_000;
/** From this size on (~8,000 statements), starting a worker (~0.5 s) pays for itself. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;
/** The page cache while importing (the default is 2 MB). */
export const WRITE_CACHE_KIB = 16 * 1024;
/** A file with millions of bad lines reports the first ones and how many more there were. */
export const MAX_REJECTS_PER_FILE = 1_000;

export interface JsonlJob {
  path: string;
  key: string;
  meta: DocumentMeta | null;
  /** The name shown in rejects and used as the document's source name. */
  name: string;
}

export interface StreamProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  /** Lines read in this run (a resumed import counts from where it resumed). */
  lines: number;
  resumedAt: number;
  /** Lines are extracted in a worker thread (big files), not on the writer's thread. */
  inWorker: boolean;
}

/** The file's hash as ingest has always computed it (reference version, manifest entry, bytes), streamed. */
function hashFile(path: string, version: string, meta: DocumentMeta | null): string {
  const hash = createHash('sha256').update(version).update(JSON.stringify(meta));
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  const fd = openSync(path, 'r');
  try {
    for (let position = 0; ; ) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) break;
      hash.update(chunk.subarray(0, read));
      position += read;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function hasNulBytes(path: string): boolean {
  const head = Buffer.alloc(8192);
  const fd = openSync(path, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, head.length, 0)).includes(0);
  } finally {
    closeSync(fd);
  }
}

export function ingestJsonlFile(job: JsonlJob, options: IngestOptions, report: IngestReport, onProgress?: (p: StreamProgress) => void): void {
  let rejected = 0;
  const fileRejects: IngestReject[] = [];
  const reject = (line: number | null, reason: string): void => {
    rejected += 1;
    if (rejected <= MAX_REJECTS_PER_FILE) fileRejects.push({ file: job.path, line, reason });
  };
  try {
    importFile(job, options, report, reject, onProgress);
  } finally {
    // Repeated lines are found when their batch is written, after the parse errors around them: by line.
    report.rejects.push(...fileRejects.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
    if (rejected > MAX_REJECTS_PER_FILE) {
      report.rejects.push({ file: job.path, line: null, reason: `${rejected - MAX_REJECTS_PER_FILE} more lines were rejected (only the first ${MAX_REJECTS_PER_FILE} are listed)` });
    }
  }
}

function importFile(
  job: JsonlJob, options: IngestOptions, report: IngestReport, reject: (line: number | null, reason: string) => void, onProgress?: (p: StreamProgress) => void,
): void {
  const { store, reference } = options;
  let size: number;
  let fileHash: string;
  try {
    size = statSync(job.path).size;
    if (size === 0) return reject(null, 'empty file');
    if (hasNulBytes(job.path)) return reject(null, 'binary file (contains NUL bytes)');
    fileHash = hashFile(job.path, reference.version, job.meta);
  } catch (error) {
    return reject(null, `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const existing = store.writer.documentsOfFile(job.key);
  if (existing.length > 0 && existing.every((d) => d.hash === fileHash)) {
    report.filesSkippedUnchanged += 1;
    report.unchanged += store.writer.liveStatementCount(existing.map((d) => d.id));
    return;
  }
  const now = options.now().toISOString();
  const doc = { ...jsonlDocument(job.name, []), sourceKey: job.key };
  let checkpoint = store.imports.checkpoint(job.key);
  // An import that was interrupted may have written rows whose typing words were never counted.
  const recovering = checkpoint !== null;
  store.typingTerms.discard();
  if (checkpoint && checkpoint.fileHash !== fileHash) {
    // The file changed since the interrupted import: start over (rows are upserted by id, never doubled).
    const stale = checkpoint;
    options.beforeWrite?.();
    store.db.transaction(() => store.imports.finish(stale.fileKey, stale.importId)).immediate();
    checkpoint = null;
  }
  const resumedAt = checkpoint?.byteOffset ?? 0;
  let cp = checkpoint ?? {
    fileKey: job.key, importId: store.imports.nextImportId(), fileHash, byteOffset: 0, lineNumber: 0,
    fresh: store.writer.liveStatementCount(existing.map((d) => d.id)) === 0,
  };
  // The document says 'importing' until the last batch: an interrupted import is never taken as done.
  options.beforeWrite?.();
  const documentId = store.db.transaction(() => {
    const id = store.writer.upsertDocument(doc, `importing:${fileHash}`, now);
    store.imports.save(cp, now);
    return id;
  }).immediate();
  // A big file into an empty index: secondary indexes are built once at the end, not row by row.
  if (cp.byteOffset === 0 && size >= WORKER_MIN_BYTES && store.bulkLoad.isIndexEmpty()) store.bulkLoad.deferIndexes();
  // A writer's working set (table, FTS segments, indexes) far exceeds SQLite's default 2 MB page
  // cache; evicting and re-reading pages cost more than the inserts themselves.
  const cacheBefore = store.db.pragma('cache_size', { simple: true }) as number;
  store.db.pragma(`cache_size = -${WRITE_CACHE_KIB}`);
  // What an import deletes while it loads is corpus text (search-index segments as FTS5 merges
  // them), not a chat's data: no need to overwrite it, and FTS5 frees many pages on a big load.
  const secureDeleteBefore = store.db.pragma('secure_delete', { simple: true }) as number;
  store.db.pragma('secure_delete = OFF');
  const seen = cp.fresh ? store.imports.seenInFreshDocument(documentId) : store.imports.seen(cp.importId);
  const bulk = cp.fresh && size >= WORKER_MIN_BYTES;
  const clashes: string[] = [];
  const batchLines = options.batchLines ?? BATCH_LINES;
  // A big file is extracted in a worker while this thread writes the batch before.
  const mode = options.extraction ?? 'auto';
  const useWorker = mode === 'worker' || (mode === 'auto' && size - resumedAt >= WORKER_MIN_BYTES);
  const extractor = (useWorker ? workerExtractor(reference) : null) ?? inProcessExtractor(reference);
  // Batches handed to the extractor, oldest first, with where each ends in the file.
  const inFlight: Array<{ offset: number; line: number; lines: number }> = [];
  let linesRead = 0;

  const writeOldest = (): void => {
    const done = inFlight.shift();
    if (!done) return;
    const extracted = extractor.take();
    options.beforeWrite?.();
    store.db.transaction(() => {
      const lines = extracted.filter((item) => {
        if ('reason' in item) reject(item.lineNumber, item.reason);
        return 'statement' in item;
      }) as Array<{ lineNumber: number; statement: ExtractedStatement }>;
      const outcomes = store.writer.writeStreamed(documentId, doc, lines.map((l) => l.statement), now, seen, clashes, bulk);
      outcomes.forEach((outcome, i) => {
        const line = lines[i] as (typeof lines)[number];
        if (outcome === 'duplicate') reject(line.lineNumber, duplicateReason(line.statement));
        else report[outcome] += 1;
      });
      cp = { ...cp, byteOffset: done.offset, lineNumber: done.line };
      store.imports.save(cp, now);
    }).immediate();
    linesRead += done.lines;
    onProgress?.({ file: job.path, bytesDone: cp.byteOffset, bytesTotal: size, lines: linesRead, resumedAt, inWorker: extractor.inWorker });
  };

  try {
    let batch: RawLine[] = [];
    let last = { offset: cp.byteOffset, line: cp.lineNumber };
    const submit = (): void => {
      extractor.submit(batch);
      inFlight.push({ ...last, lines: batch.length });
      batch = [];
      // Two batches in flight: the worker extracts one while this thread writes the other.
      if (inFlight.length >= 2) writeOldest();
    };
    for (const line of readLines(job.path, { startOffset: cp.byteOffset, startLine: cp.lineNumber + 1 })) {
      batch.push(line);
      last = { offset: line.endOffset, line: line.lineNumber };
      if (batch.length >= batchLines) submit();
    }
    if (batch.length > 0 || inFlight.length === 0) submit();
    while (inFlight.length > 0) writeOldest();
  } finally {
    extractor.close();
    store.db.pragma(`cache_size = ${cacheBefore}`);
    store.db.pragma(`secure_delete = ${secureDeleteBefore}`);
  }

  options.beforeWrite?.();
  store.db.transaction(() => {
    // What the file no longer holds is gone; a file imported into an empty document has nothing to sweep.
    if (!cp.fresh) {
      const unseen = store.imports.unseenIn(documentId, cp.importId);
      store.writer.markStatementsGone(unseen, now);
      report.removed += unseen.length;
    }
    for (const other of store.writer.documentsOfFile(job.key)) {
      if (other.id !== documentId) report.removed += store.writer.markDocumentGone(other.id, now);
    }
    store.writer.upsertDocument(doc, fileHash, now);
    if (recovering) store.typingTerms.rebuild();
    else store.typingTerms.flush();
    store.imports.finish(job.key, cp.importId);
  }).immediate();
  options.beforeWrite?.();
  store.bulkLoad.buildDeferredIndexes();
  for (const clash of clashes) reject(null, `${clash}: a global id must name one statement; this file's version was kept`);
}
