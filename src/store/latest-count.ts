// How many statements /latest pages through ("1–5 of 65"), counted up to MAX_COUNTED so that a
// million rows cost a bounded index range, not a scan ("of 1,000+").
import type { Db } from './db.ts';
import { MAX_COUNTED } from './statements.ts';

const prepared = new WeakMap<Db, { get(): unknown }>();

export function countLatest(db: Db): number {
  let query = prepared.get(db);
  if (!query) {
    query = db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM statements WHERE gone = 0 LIMIT ${MAX_COUNTED + 1})`);
    prepared.set(db, query);
  }
  return (query.get() as { n: number }).n;
}
