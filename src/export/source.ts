// What an export reads: a list the chat was shown (/latest, /actor, /topic, /search: the same
// store calls and order as its pages, every page) or filters typed after /export. Batches are
// read one at a time, so a file is never built whole in memory.
import type { ExportFilters, ListKind, Statement, Store } from '../store/index.ts';
import { MAX_RANKED_MATCHES } from '../store/statements.ts';

export const MAX_EXPORT_ROWS = 5000;
export const EXPORT_BATCH = 250;

export type ExportTarget =
  | { kind: 'list'; list: ListKind; arg: string }
  | { kind: 'filters'; filters: ExportFilters };

/** How many statements the export would hold (before the MAX_EXPORT_ROWS cap). */
export function countExport(store: Store, target: ExportTarget): number {
  if (target.kind === 'filters') return store.exports.count(target.filters);
  switch (target.list) {
    case 'latest':
      return store.exports.count({});
    case 'actor':
      return store.exports.count({ actorId: Number(target.arg) });
    case 'topic':
      return store.exports.count({ topic: target.arg });
    case 'search': {
      // A search list ranks at most MAX_RANKED_MATCHES matches: count them by reading their ids.
      let n = 0;
      for (const batch of exportBatches(store, target, MAX_RANKED_MATCHES + 1)) n += batch.length;
      return n;
    }
  }
}

function listPage(store: Store, list: ListKind, arg: string, cursor: string | null) {
  switch (list) {
    case 'latest':
      return store.statements.latest(EXPORT_BATCH, cursor);
    case 'actor':
      return store.statements.byActor(Number(arg), EXPORT_BATCH, cursor);
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
