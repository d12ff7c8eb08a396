// Retention: digest texts and per-attempt events go after N days, decisions after a year,
// pending digests never; idle ticks write nothing (tested with the runner).
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../helpers/store.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-11-30T12:00:00Z');
const daysAgo = (n: number): string => new Date(NOW.getTime() - n * DAY).toISOString();

describe('retention', () => {
  it('G13: drops parts and events of finished digests after N days, decisions after a year, and keeps what is pending', () => {
    const store = memoryStore();
    const make = (chatId: number, age: number, status: 'sent' | 'pending' | 'skipped') => {
      const id = store.deliveries.create({ chatId, date: daysAgo(age).slice(0, 10), decision: 'digest', items: 1, parts: status === 'skipped' ? [] : ['<b>text</b>'], now: daysAgo(age) }) as number;
      if (status === 'sent') store.deliveries.markSent({ deliveryId: id, partNo: 1 }, 77, daysAgo(age));
      store.db.prepare('UPDATE deliveries SET updated_at = ? WHERE id = ?').run(daysAgo(age), id);
      return id;
    };
    const recent = make(1, 3, 'sent');
    const month = make(2, 45, 'sent');
    const old = make(3, 400, 'sent');
    const stuck = make(4, 60, 'pending');
    store.db.prepare('INSERT INTO digest_runs (started_at, finished_at) VALUES (?, ?), (?, ?)').run(daysAgo(400), daysAgo(400), daysAgo(1), daysAgo(1));
    store.db.prepare('INSERT INTO ingest_runs (started_at) VALUES (?), (?)').run(daysAgo(500), daysAgo(450));
    store.botState.markUpdateHandled(1, 5, daysAgo(2));
    store.botState.markUpdateHandled(1, 6, daysAgo(0.1));

    const counts = store.retention.prune(NOW, 30);
    const partsOf = (id: number) => store.db.prepare('SELECT COUNT(*) AS n FROM delivery_parts WHERE delivery_id = ?').pluck().get(id);
    const eventsOf = (id: number) => store.db.prepare('SELECT COUNT(*) AS n FROM delivery_events WHERE delivery_id = ?').pluck().get(id);
    const exists = (id: number) => store.db.prepare('SELECT COUNT(*) FROM deliveries WHERE id = ?').pluck().get(id);
    expect([partsOf(recent), eventsOf(recent), exists(recent)]).toEqual([1, 1, 1]);
    expect([partsOf(month), eventsOf(month), exists(month)]).toEqual([0, 0, 1]); // the decision stays
    expect(exists(old)).toBe(0);
    expect([partsOf(stuck), exists(stuck)]).toEqual([1, 1]); // still to be sent
    expect(store.db.prepare('SELECT COUNT(*) FROM digest_runs').pluck().get()).toBe(1);
    // The newest ingest run stays, however old: /about shows it.
    expect(store.db.prepare('SELECT COUNT(*) FROM ingest_runs').pluck().get()).toBe(1);
    expect(store.botState.isUpdateHandled(1, 5)).toBe(false);
    expect(store.botState.isUpdateHandled(1, 6)).toBe(true);
    expect(counts).toMatchObject({ parts: 2, events: 2, deliveries: 1, digestRuns: 1, ingestRuns: 1, handledUpdates: 1 });
  });
});
