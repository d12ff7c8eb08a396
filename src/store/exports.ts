// Statements for /export with filters (person, topic, language, date window), newest first like
// every list, paged by keyset so a file of thousands of rows is read a batch at a time.
import type { Lang } from '../corpus/types.ts';
import type { ListKind } from './bot-state.ts';
import type { ListCursor } from './cursor.ts';
import type { Db } from './db.ts';

export interface ExportFilters {
  /** Statements this person made (as in /actor: speaker, not mention). */
  actorId?: number;
  topic?: string;
  lang?: Lang;
  /** 'YYYY-MM-DD', inclusive. A statement counts when its known period reaches into the window. */
  from?: string;
  to?: string;
}

// A statement dated only to a month or a year covers that whole period; undated ones have no
// period and are left out of any window (their age is unknown).
const PERIOD_START = `(CASE s.date_precision WHEN 'day' THEN s.date WHEN 'month' THEN s.date || '-01' WHEN 'year' THEN s.date || '-01-01' END)`;
const PERIOD_END = `(CASE s.date_precision WHEN 'day' THEN s.date WHEN 'month' THEN s.date || '-31' WHEN 'year' THEN s.date || '-12-31' END)`;

interface Shape {
  from: string;
  order: string;
  after: string;
  where: string[];
}

/** The SQL for one combination of filters: fixed fragments only; every value is a bound parameter. */
function shapeOf(f: ExportFilters): Shape {
  // Walk the most selective (date_sort, id) index: the person's, else the topic's, else all statements.
  const link = f.actorId !== undefined ? 'statement_actors' : f.topic !== undefined ? 'statement_topics' : null;
  const where: string[] = ['s.gone = 0'];
  const sortCol = link ? 'l.date_sort' : 's.date_sort';
  const idCol = link ? 'l.statement_id' : 's.id';
  if (f.actorId !== undefined) where.push(`l.actor_id = @actorId AND l.role = 'speaker'`);
  if (f.topic !== undefined) {
    where.push(link === 'statement_topics'
      ? 'l.topic_slug = @topic'
      : 'EXISTS (SELECT 1 FROM statement_topics t WHERE t.statement_id = s.id AND t.topic_slug = @topic)');
  }
  if (f.lang !== undefined) where.push('s.lang = @lang');
  // date_sort pads unknown parts with zeros, so these bounds are necessary (and use the index);
  // the period test then decides.
  if (f.from !== undefined) where.push(`${sortCol} >= @fromFloor AND ${PERIOD_END} >= @from`);
  if (f.to !== undefined) where.push(`${sortCol} <= @to AND ${PERIOD_START} <= @to`);
  return {
    from: link ? `${link} l CROSS JOIN statements s ON s.id = l.statement_id` : 'statements s',
    order: `ORDER BY ${sortCol} DESC, ${idCol} DESC`,
    after: `(${sortCol} < @dateSort OR (${sortCol} = @dateSort AND ${idCol} < @id))`,
    where,
  };
}

const shapeKey = (f: ExportFilters): string =>
  ['actorId', 'topic', 'lang', 'from', 'to'].map((k) => (f[k as keyof ExportFilters] === undefined ? '-' : k)).join(',');

function params(f: ExportFilters): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (f.actorId !== undefined) out.actorId = f.actorId;
  if (f.topic !== undefined) out.topic = f.topic;
  if (f.lang !== undefined) out.lang = f.lang;
  if (f.from !== undefined) Object.assign(out, { from: f.from, fromFloor: `${f.from.slice(0, 4)}-00-00` });
  if (f.to !== undefined) out.to = f.to;
  return out;
}

export function createExportQueries(db: Db) {
  // At most 2^5 shapes × 3 queries: prepared on first use and kept.
  const prepared = new Map<string, ReturnType<Db['prepare']>>();
  const query = (key: string, sql: () => string): ReturnType<Db['prepare']> => {
    let q = prepared.get(key);
    if (!q) {
      q = db.prepare(sql());
      prepared.set(key, q);
    }
    return q;
  };
  const langsQuery = db.prepare('SELECT id, lang FROM statements WHERE id = ?');
  const lastListQuery = db.prepare('SELECT id, kind, arg FROM result_lists WHERE chat_id = ? ORDER BY id DESC LIMIT 1');

  return {
    /** How many statements match, and their text's length in UTF-16 units (to foresee the file's size). */
    measure(f: ExportFilters): { rows: number; textChars: number } {
      const shape = shapeOf(f);
      const q = query(`measure|${shapeKey(f)}`, () =>
        `SELECT COUNT(*) AS rows, COALESCE(SUM(LENGTH(s.text)), 0) AS textChars FROM ${shape.from} WHERE ${shape.where.join(' AND ')}`);
      return q.get(params(f)) as { rows: number; textChars: number };
    },
    /** Ids of one batch, newest first, after `cursor`; `next` is null after the last batch. */
    ids(f: ExportFilters, limit: number, cursor: ListCursor | null): { ids: number[]; next: ListCursor | null } {
      const shape = shapeOf(f);
      const key = `${cursor ? 'after' : 'first'}|${shapeKey(f)}`;
      const sortCol = shape.order.includes('l.date_sort') ? 'l.date_sort' : 's.date_sort';
      const q = query(key, () =>
        `SELECT s.id AS id, ${sortCol} AS dateSort FROM ${shape.from} WHERE ${[...shape.where, ...(cursor ? [shape.after] : [])].join(' AND ')}
         ${shape.order} LIMIT @limit`);
      const rows = q.all({ ...params(f), ...(cursor ?? {}), limit: limit + 1 }) as Array<{ id: number; dateSort: string }>;
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { ids: page.map((r) => r.id), next: rows.length > limit && last ? { dateSort: last.dateSort, id: last.id } : null };
    },
    /** The list this chat was shown last (/latest, /actor, /topic, /search), as stored for its ◀ ▶ pages. */
    lastList(chatId: number): { id: number; kind: ListKind; arg: string } | undefined {
      return lastListQuery.get(chatId) as { id: number; kind: ListKind; arg: string } | undefined;
    },
    /** Languages of these statements (the other versions named in a citation). */
    langsOf(ids: number[]): Map<number, Lang> {
      const out = new Map<number, Lang>();
      for (const id of new Set(ids)) {
        const row = langsQuery.get(id) as { id: number; lang: Lang } | undefined;
        if (row) out.set(row.id, row.lang);
      }
      return out;
    },
  };
}

export type ExportQueries = ReturnType<typeof createExportQueries>;
