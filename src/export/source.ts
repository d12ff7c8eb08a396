// What an export reads: a list the chat was shown (/latest, /actor, /topic, /search: the same
// store calls and order as its pages, every page) or filters typed after /export. Batches are
// read one at a time, so a file is never built whole in memory.
import type { ExportFilters, ListKind, Statement, Store } from '../store/index.ts';
import { parseActorListArg } from '../store/bot-state.ts';
import { MAX_SEARCH_MATCHES } from '../store/statements.ts';

export const MAX_EXPORT_ROWS = 5000;
export const EXPORT_BATCH = 250;
/** Telegram takes files up to 50 MB from bots; the size is foreseen, so keep a margin. */
export const MAX_EXPORT_BYTES = 45 * 1024 * 1024;
/** Per statement beyond its text: the other cells, or a citation's lines around the words. */
const ROW_OVERHEAD_BYTES = 600;

export interface ExportSize {
  rows: number;
  /** An upper estimate: 3 UTF-8 bytes per UTF-16 unit of text (Cyrillic takes 2, CJK 3). */
  bytes: number;
}

export type ExportVerdict = 'ok' | 'empty' | 'too-many-rows' | 'too-big';

export function judgeExportSize(size: ExportSize, maxRows = MAX_EXPORT_ROWS, maxBytes = MAX_EXPORT_BYTES): ExportVerdict {
  if (size.rows === 0) return 'empty';
  if (size.rows > maxRows) return 'too-many-rows';
  return size.bytes > maxBytes ? 'too-big' : 'ok';
}

export type ExportTarget =
  | { kind: 'list'; list: ListKind; arg: string }
  | { kind: 'filters'; filters: ExportFilters };

/** How many statements the export would hold (before the MAX_EXPORT_ROWS cap), and how big a file. */
export function measureExport(store: Store, target: ExportTarget): ExportSize {
  const size = (m: { rows: number; textChars: number }): ExportSize => ({ rows: m.rows, bytes: m.textChars * 3 + m.rows * ROW_OVERHEAD_BYTES });
  if (target.kind === 'filters') return size(store.exports.measure(target.filters));
  switch (target.list) {
    case 'latest':
      return size(store.exports.measure({}));
    case 'actor': {
      const { actorId, role } = parseActorListArg(target.arg);
      if (role === 'speaker') return size(store.exports.measure({ actorId }));
      return size(measureByReading(store, target, Number.MAX_SAFE_INTEGER));
    }
    case 'topic':
      return size(store.exports.measure({ topic: target.arg }));
    case 'search':
      // A search list ranks at most MAX_SEARCH_MATCHES matches: measure them by reading them.
      return size(measureByReading(store, target, MAX_SEARCH_MATCHES + 1));
  }
}

function measureByReading(store: Store, target: ExportTarget, maxRows: number): { rows: number; textChars: number } {
  const m = { rows: 0, textChars: 0 };
  for (const batch of exportBatches(store, target, maxRows)) {
    m.rows += batch.length;
    for (const s of batch) m.textChars += s.text.length;
  }
  return m;
}

function listPage(store: Store, list: ListKind, arg: string, cursor: string | null) {
  switch (list) {
    case 'latest':
      return store.statements.latest(EXPORT_BATCH, cursor);
    case 'actor': {
      const { actorId, role } = parseActorListArg(arg);
      return store.statements.byActor(actorId, EXPORT_BATCH, cursor, role);
    }
    case 'topic':
      return store.statements.byTopic(arg, EXPORT_BATCH, cursor);
    case 'search':
      return store.statements.search(arg, EXPORT_BATCH, cursor);
  }
}

/** The statements in order, a batch at a time, at most `maxRows` in all. */
export function* exportBatches(store: Store, target: ExportTarget, maxRows = MAX_EXPORT_ROWS): Generator<Statement[]> {
  let left = maxRows;
  if (target.kind === 'list') {
    let cursor: string | null = null;
    do {
      const page = listPage(store, target.list, target.arg, cursor);
      const items = page.items.slice(0, left);
      if (items.length) yield items;
      left -= items.length;
      cursor = page.next;
    } while (cursor && left > 0);
    return;
  }
  let cursor = null;
  do {
    const batch = store.exports.ids(target.filters, Math.min(EXPORT_BATCH, left), cursor);
    const items = store.statements.byIds(batch.ids);
    if (items.length) yield items;
    left -= batch.ids.length;
    cursor = batch.next;
  } while (cursor && left > 0);
}
