// The seam for sources: a file name and its bytes → documents, or a clear reason to skip it.
// New kinds (RSS/Atom, HTML pages, Telegram exports) add a parser here.
import type { ActorMatcher } from './actors.ts';
import { parseTextDocument } from './documents.ts';
import { parseHtmlPage } from './html-page.ts';
import { parseJsonl } from './jsonl.ts';
import type { DocumentMeta } from './metadata.ts';
import { defaultMeta, splitFrontMatter, toDocumentMeta } from './metadata.ts';
import { parseTelegramExport } from './telegram-export.ts';
import type { ParseResult } from './types.ts';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.jsonl', '.json', '.html', '.htm'] as const;
/** A corpus folder's metadata (ingest.ts's MANIFEST_FILE): .json like a Telegram export, never a source. */
const MANIFEST_NAME = 'manifest.json';

export function isSupportedFile(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.split(/[\\/]/).pop() === MANIFEST_NAME) return false;
  return SUPPORTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Decodes UTF-8 strictly; returns a reason instead of text for binary or broken files. */
export function decodeText(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  if (bytes.length > MAX_FILE_BYTES) return { reason: `file is ${bytes.length} bytes, over the ${MAX_FILE_BYTES}-byte limit` };
  if (bytes.subarray(0, 8192).includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    if (!text.trim()) return { reason: 'file has no text' };
    return { text };
  } catch {
    return { reason: 'not valid UTF-8' };
  }
}

export interface ParseFileOptions {
  matcher: ActorMatcher;
  /** Metadata from the manifest, when the file is listed there. */
  meta: DocumentMeta | null;
}

export function parseSourceFile(fileName: string, bytes: Uint8Array, options: ParseFileOptions): ParseResult {
  const decoded = decodeText(bytes);
  if ('reason' in decoded) return { documents: [], rejects: [{ file: fileName, line: null, reason: decoded.reason }] };
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl')) return parseJsonl(fileName, decoded.text, options.matcher);
  // A .json source is told apart by content: a Telegram export is an object with a "messages" array.
  if (lower.endsWith('.json')) return parseTelegramExport(fileName, decoded.text, options.meta, options.matcher);
  if (lower.endsWith('.html') || lower.endsWith('.htm')) {
    return parseHtmlPage(fileName, decoded.text, options.meta ?? defaultMeta(fileName), options.matcher);
  }
  let front: ReturnType<typeof splitFrontMatter>;
  try {
    front = splitFrontMatter(decoded.text);
  } catch (error) {
    return { documents: [], rejects: [{ file: fileName, line: 1, reason: `bad front matter: ${(error as Error).message}` }] };
  }
  const meta = front.meta ? toDocumentMeta(front.meta) : (options.meta ?? defaultMeta(fileName));
  const documents = parseTextDocument(fileName, front.body, meta, options.matcher);
  const statements = documents.reduce((n, d) => n + d.statements.length, 0);
  const rejects = statements === 0 ? [{ file: fileName, line: null, reason: 'no statements found in the text' }] : [];
  return { documents, rejects };
}
