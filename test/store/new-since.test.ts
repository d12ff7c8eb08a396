// What is new since a watermark: the seq-driven and the date-driven reading (for a watermark far
// behind) return the same statements, in the same order.
import { describe, expect, it } from 'vitest';
import { addStatements } from '../helpers/digest-fixture.ts';
import { seededStore } from '../helpers/store.ts';

describe('newSince', () => {
  it('reads the same statements through the date index as through the seq index', () => {
    const store = seededStore();
    const until = store.statements.currentSeq();
    const ids = (since: number, cutoff: string, farBehind: number) => store.statements.newSince(since, until, cutoff, farBehind).map((s) => s.id);
    for (const cutoff of ['2020-01-01', '2025-06-15', '2025-07-01', '2026-01-20']) {
      for (const since of [0, 10, Math.floor(until / 2), until - 3]) {
        const bySeq = ids(since, cutoff, Number.MAX_SAFE_INTEGER);
        expect(ids(since, cutoff, 0), `since ${since}, cutoff ${cutoff}`).toEqual(bySeq);
      }
    }
    expect(ids(0, '2020-01-01', 0).length).toBeGreaterThan(40);
    expect(ids(0, '2025-07-01', 0).length).toBeGreaterThan(0);
  });

  it('keeps month-precision rows of the cutoff month and drops its days before the cutoff, on both paths', () => {
    const store = seededStore();
    addStatements(store, new Date('2026-03-20T10:00:00Z'), 40);
    const until = store.statements.currentSeq();
    const ids = store.db.prepare('SELECT id FROM statements ORDER BY id DESC LIMIT 40').pluck().all() as number[];
    // Ten rows each: a day of the cutoff month before the cutoff, that month as a month, the month
    // before as a month, the month after as a month.
    const redate = store.db.prepare('UPDATE statements SET date = ?, date_precision = ?, date_sort = ? WHERE id = ?');
    const dates: Array<[string, string, string]> = [['2026-02-03', 'day', '2026-02-03'], ['2026-02', 'month', '2026-02-00'], ['2026-01', 'month', '2026-01-00'], ['2026-03', 'month', '2026-03-00']];
    ids.forEach((id, i) => redate.run(...(dates[i % 4] as [string, string, string]), id));
    const expected = store.db.prepare(
      `SELECT id FROM statements WHERE seq > 0 AND seq <= ? AND gone = 0
         AND ((date_precision = 'day' AND date >= '2026-02-10') OR (date_precision = 'month' AND date >= '2026-02'))
       ORDER BY date_sort DESC, id DESC`,
    ).pluck().all(until) as number[];
    const picked = new Set(expected);
    expect(ids.filter((id, i) => i % 4 === 1 || i % 4 === 3).every((id) => picked.has(id))).toBe(true);
    expect(ids.filter((id, i) => i % 4 === 0 || i % 4 === 2).some((id) => picked.has(id))).toBe(false);
    for (const farBehind of [0, Number.MAX_SAFE_INTEGER]) {
      expect(store.statements.newSince(0, until, '2026-02-10', farBehind).map((s) => s.id), `far behind ${farBehind}`).toEqual(expected);
    }
  });

  it('pages through more rows than one page on both paths', () => {
    const store = seededStore();
    addStatements(store, new Date('2026-03-02T10:00:00Z'), 1_200);
    addStatements(store, new Date('2026-03-05T10:00:00Z'), 1_300);
    const until = store.statements.currentSeq();
    const bySeq = store.statements.newSince(0, until, '2026-01-01', Number.MAX_SAFE_INTEGER).map((s) => s.id);
    expect(bySeq.length).toBeGreaterThanOrEqual(2_500);
    expect(store.statements.newSince(0, until, '2026-01-01', 0).map((s) => s.id)).toEqual(bySeq);
    expect(store.statements.newSince(70, until, '2026-03-03', 0).map((s) => s.id)).toEqual(store.statements.newSince(70, until, '2026-03-03', Number.MAX_SAFE_INTEGER).map((s) => s.id));
  });

  it('reads a page per step, so a digest run can yield between pages of a big week, and finds what plain SQL finds', () => {
    const store = seededStore();
    addStatements(store, new Date('2026-03-02T10:00:00Z'), 2_600);
    const until = store.statements.currentSeq();
    const expected = store.db.prepare(
      `SELECT id FROM statements WHERE seq > 0 AND seq <= ? AND gone = 0
         AND ((date_precision = 'day' AND date >= '2026-01-01') OR (date_precision = 'month' AND date >= '2026-01'))
       ORDER BY date_sort DESC, id DESC`,
    ).pluck().all(until) as number[];
    expect(expected.length).toBeGreaterThanOrEqual(2_600);
    for (const farBehind of [0, Number.MAX_SAFE_INTEGER]) {
      const steps = store.statements.newSinceInPages(0, until, '2026-01-01', farBehind);
      let pauses = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses += 1;
      expect(pauses, `far behind ${farBehind}`).toBeGreaterThanOrEqual(4);
      expect(step.value.map((s) => s.id), `far behind ${farBehind}`).toEqual(expected);
    }
  });

  it('misses nothing when a statement not yet read is re-dated newer between two pages', () => {
    const store = seededStore();
    addStatements(store, new Date('2026-03-02T10:00:00Z'), 1_200);
    const until = store.statements.currentSeq();
    // The oldest new statement in the window: read last by a walk from the newest date down.
    const oldest = store.db.prepare(
      `SELECT id FROM statements WHERE gone = 0 AND seq > 0 AND date_precision = 'day' AND date >= '2026-01-01' ORDER BY date_sort, id LIMIT 1`,
    ).pluck().get() as number;
    const steps = store.statements.newSinceInPages(0, until, '2026-01-01', 0);
    steps.next();
    // After the first page: it moves to the newest date, into the part already read.
    store.db.prepare(`UPDATE statements SET date = '2026-12-31', date_sort = '2026-12-31' WHERE id = ?`).run(oldest);
    let step = steps.next();
    while (!step.done) step = steps.next();
    const ids = step.value.map((s) => s.id);
    expect(ids).toContain(oldest);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
