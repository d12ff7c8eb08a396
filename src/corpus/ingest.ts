// Ingest: read files → parse → write, one transaction per file. The only impure part of corpus/.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Store } from '../store/index.ts';
import type { StreamProgress } from './ingest-jsonl.ts';
import { ingestJsonlFile } from './ingest-jsonl.ts';
import type { DocumentMeta } from './metadata.ts';
import { manifestSchema, toDocumentMeta } from './metadata.ts';
import type { ReferenceData } from './reference.ts';
import { isSupportedFile, MAX_FILE_BYTES, parseSourceFile } from './read-source.ts';
import type { IngestReject } from './types.ts';

export const MANIFEST_FILE = 'manifest.json';

export interface IngestReport {
  filesRead: number;
  filesSkippedUnchanged: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejects: IngestReject[];
}

export interface IngestOptions {
  /** Files or folders; a folder is read with its manifest.json. */
  paths: string[];
  /** The corpus folder: keys of files inside it are relative to it, so the folder can move. */
  corpusDir: string;
  store: Store;
  reference: ReferenceData;
  now: () => Date;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Within a streamed (JSONL) file: bytes and lines so far, after each committed batch. */
  onStream?: (progress: StreamProgress) => void;
  /** Where JSONL lines are extracted: 'auto' uses a worker thread for big files (tests force either). */
  extraction?: 'auto' | 'in-process' | 'worker';
  /** Lines per committed batch of a JSONL file (smaller while the bot serves from the same file). */
  batchLines?: number;
  /** Called before each write transaction: an ingest worker waits here while the bot answers (store/write-turns.ts). */
  beforeWrite?: () => void;
}

interface FileJob {
  path: string;
  key: string;
  meta: DocumentMeta | null;
}

function keyFor(path: string, corpusDir: string): string {
  const rel = relative(resolve(corpusDir), resolve(path));
  return rel.startsWith('..') || rel.startsWith(sep) || rel === '' ? `file:${resolve(path)}` : `file:${rel.split(sep).join('/')}`;
}

function readManifest(dir: string, rejects: IngestReject[]): Record<string, DocumentMeta> {
  const path = join(dir, MANIFEST_FILE);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = manifestSchema.parse(JSON.parse(raw));
    return Object.fromEntries(Object.entries(parsed.files).map(([name, meta]) => [name.replace(/^\.\//, ''), toDocumentMeta(meta)]));
  } catch (error) {
    rejects.push({ file: path, line: null, reason: `manifest ignored: ${(error as Error).message.split('\n')[0]}` });
    return {};
  }
}

/**
 * The manifest rule, for every kind of document: a file is described by the nearest manifest.json
 * that lists it — the one in its own folder (by file name), else one in a folder above it, up to
 * the folder being ingested (by its path from that manifest's folder, with '/'). So a Telegram
 * export in exports/president/result.json is described by exports/president/manifest.json
 * ("result.json") or by a manifest at the top ("exports/president/result.json").
 */
function metaFor(file: string, root: string, manifests: (dir: string) => Record<string, DocumentMeta>): DocumentMeta | null {
  const top = resolve(root);
  let dir = resolve(file, '..');
  for (;;) {
    const key = relative(dir, resolve(file)).split(sep).join('/');
    const meta = manifests(dir)[key];
    if (meta) return meta;
    if (dir === top || !dir.startsWith(top + sep)) return null;
    dir = resolve(dir, '..');
  }
}

/** Reads each folder's manifest once; a broken one is reported once (for ingested folders). */
function manifestCache(rejects: IngestReject[]): (dir: string) => Record<string, DocumentMeta> {
  const cache = new Map<string, Record<string, DocumentMeta>>();
  return (dir) => {
    let manifest = cache.get(dir);
    if (!manifest) {
      manifest = readManifest(dir, rejects);
      cache.set(dir, manifest);
    }
    return manifest;
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && isSupportedFile(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export function ingest(options: IngestOptions): IngestReport {
  const { store, reference, corpusDir } = options;
  const report: IngestReport = { filesRead: 0, filesSkippedUnchanged: 0, added: 0, updated: 0, unchanged: 0, removed: 0, rejects: [] };
  const jobs: FileJob[] = [];
  const scannedDirs: string[] = [];
  const manifests = manifestCache(report.rejects);
  const quietManifests = manifestCache([]);
  for (const path of options.paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      report.rejects.push({ file: path, line: null, reason: 'no such file or folder' });
      continue;
    }
    if (isDir) {
      scannedDirs.push(path);
      for (const file of listFiles(path)) jobs.push({ path: file, key: keyFor(file, corpusDir), meta: metaFor(file, path, manifests) });
    } else {
      // A single file looks up to the corpus folder when it lies inside it, else in its own folder only.
      const inCorpus = keyFor(path, corpusDir).startsWith('file:/') ? resolve(path, '..') : corpusDir;
      jobs.push({ path, key: keyFor(path, corpusDir), meta: metaFor(path, inCorpus, quietManifests) });
    }
  }

  options.beforeWrite?.();
  const runId = store.catalog.startIngestRun(options.now().toISOString());
  jobs.forEach((job, i) => {
    options.onProgress?.(i, jobs.length, job.path);
    ingestFile(job, options, report);
  });

  // Files that left a scanned folder: their documents are gone.
  const seen = new Set(jobs.map((j) => j.key));
  for (const dir of scannedDirs) {
    const dirKey = keyFor(join(dir, 'x'), corpusDir).slice(0, -1);
    const inside = (key: string): boolean => (dirKey === 'file:' ? !key.startsWith('file:/') : key.startsWith(dirKey));
    const now = options.now().toISOString();
    const gone = store.writer.liveFileKeys().filter((key) => inside(key) && !seen.has(key.split('#')[0] as string));
    options.beforeWrite?.();
    store.db.transaction(() => {
      for (const key of gone) for (const doc of store.writer.documentsOfFile(key)) report.removed += store.writer.markDocumentGone(doc.id, now);
    }).immediate();
  }
  options.onProgress?.(jobs.length, jobs.length, '');
  options.beforeWrite?.();
  store.catalog.finishIngestRun(runId, { ...report, finishedAt: options.now().toISOString() });
  return report;
}

function ingestFile(job: FileJob, options: IngestOptions, report: IngestReport): void {
  const { store, reference } = options;
  report.filesRead += 1;
  const name = job.key.startsWith('file:/') ? job.path : job.key.slice('file:'.length);
  // JSONL archives can be any size: streamed line by line, resumable, no whole-file cap.
  if (job.path.toLowerCase().endsWith('.jsonl')) return ingestJsonlFile({ ...job, name }, options, report, options.onStream);
  let bytes: Buffer;
  try {
    const size = statSync(job.path).size;
    if (size > MAX_FILE_BYTES) {
      report.rejects.push({ file: job.path, line: null, reason: `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit` });
      return;
    }
    bytes = readFileSync(job.path);
  } catch (error) {
    report.rejects.push({ file: job.path, line: null, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    return;
  }
  const fileHash = createHash('sha256').update(reference.version).update(JSON.stringify(job.meta)).update(bytes).digest('hex');
  const existing = store.writer.documentsOfFile(job.key);
  if (existing.length > 0 && existing.every((d) => d.hash === fileHash)) {
    report.filesSkippedUnchanged += 1;
    report.unchanged += store.writer.liveStatementCount(existing.map((d) => d.id));
    return;
  }
  const parsed = parseSourceFile(name, bytes, { matcher: reference.matcher, meta: job.meta });
  report.rejects.push(...parsed.rejects.map((r) => ({ ...r, file: job.path })));
  if (parsed.documents.length === 0) return;
  for (const doc of parsed.documents) doc.sourceKey = job.key + doc.sourceKey.slice(`file:${name}`.length);
  options.beforeWrite?.();
  const counts = store.db.transaction(() => store.writer.writeFile(job.key, parsed.documents, options.now().toISOString(), fileHash)).immediate();
  report.added += counts.added;
  report.updated += counts.updated;
  report.unchanged += counts.unchanged;
  report.removed += counts.removed;
  for (const clash of counts.clashes) report.rejects.push({ file: job.path, line: null, reason: `${clash}: a global id must name one statement; this file's version was kept` });
}
