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

describe('shared digest texts', () => {
  it('stores a text once for every chat that gets it, and drops it when no part names it any more', () => {
    const store = memoryStore();
    const texts = () => store.db.prepare('SELECT COUNT(*) FROM digest_texts').pluck().get();
    const shared = ['<b>Digest</b> part one', 'part two'];
    const ids = [1, 2, 3].map((chatId) => store.deliveries.create({ chatId, date: '2026-11-01', decision: 'digest', items: 2, parts: shared, now: daysAgo(40) }) as number);
    store.deliveries.create({ chatId: 4, date: '2026-11-01', decision: 'digest', items: 1, parts: ['<b>Other</b>'], now: daysAgo(40) });
    expect(store.db.prepare('SELECT COUNT(*) FROM delivery_parts').pluck().get()).toBe(7);
    expect(texts()).toBe(3);
    // Each chat still reads its own parts in full.
    expect(store.deliveries.openParts().filter((p) => p.chatId === 2).map((p) => p.html)).toEqual(shared);
    for (const id of ids) {
      store.deliveries.markSent({ deliveryId: id, partNo: 1 }, 1, daysAgo(40));
      store.deliveries.markSent({ deliveryId: id, partNo: 2 }, 2, daysAgo(40));
      store.db.prepare('UPDATE deliveries SET updated_at = ? WHERE id = ?').run(daysAgo(40), id);
    }
    expect(store.retention.prune(NOW, 30)).toMatchObject({ parts: 6, texts: 2 });
    // The pending digest keeps its text.
    expect(texts()).toBe(1);
    expect(store.deliveries.openParts().map((p) => p.html)).toEqual(['<b>Other</b>']);
  });
});
