// Building due digests: one decision per (chat, local date), new = ingested since the last one.
import { describe, expect, it } from 'vitest';
import { buildDueDigests } from '../../src/digest/build.ts';
import type { Store } from '../../src/store/index.ts';
import { addStatements, quietLogger, recordingLogger, seededAt, subscribe } from '../helpers/digest-fixture.ts';
import { reference } from '../helpers/store.ts';

const T0 = new Date('2026-11-20T10:00:00Z'); // corpus ingested
const T1 = new Date('2026-11-21T10:00:00Z'); // chats subscribe
const SLOT = new Date('2026-11-22T06:00:00Z'); // 08:00 Kyiv on 22 November

const build = (store: Store, now: Date, logger = quietLogger()) =>
  buildDueDigests({ store, reference: reference(), logger, now, maxAgeDays: 7, catchUpHours: 6 });
const deliveries = (store: Store) => store.db.prepare('SELECT chat_id AS chat, digest_date AS date, status, decision, items FROM deliveries ORDER BY chat_id, digest_date').all();

describe('building digests', () => {
  it('includes only statements ingested after subscribing, and moves the chat to its next slot', () => {
    const store = seededAt(T0);
    subscribe(store, [11], T1);
    addStatements(store, new Date('2026-11-21T20:00:00Z'), 3);
    expect(build(store, new Date(SLOT.getTime() - 60_000))).toEqual({ built: 0, nothingNew: 0, missed: 0 });
    expect(build(store, SLOT)).toEqual({ built: 1, nothingNew: 0, missed: 0 });
    expect(deliveries(store)).toEqual([{ chat: 11, date: '2026-11-22', status: 'pending', decision: 'digest', items: 3 }]);
    const parts = store.deliveries.openParts();
    expect(parts).toHaveLength(1);
    expect(parts[0]?.html).toContain('New statement number 0');
    expect(parts[0]?.html).not.toContain('North Korean'); // the seeds were there before subscribing
    expect(store.subscriptions.get(11)?.nextDueAt).toBe('2026-11-23T06:00:00.000Z');
  });

  it('B14: nothing new → nothing sent, and the decision recorded so it is not retried all day', () => {
    const store = seededAt(T0);
    subscribe(store, [12], T1);
    expect(build(store, SLOT)).toEqual({ built: 0, nothingNew: 1, missed: 0 });
    expect(deliveries(store)).toEqual([{ chat: 12, date: '2026-11-22', status: 'skipped', decision: 'nothing new', items: 0 }]);
    expect(build(store, new Date(SLOT.getTime() + 3_600_000))).toEqual({ built: 0, nothingNew: 0, missed: 0 });
    expect(store.deliveries.openParts()).toEqual([]);
  });

  it('B2: down at the slot and back 30 min later → sent once; back 7 h later → skipped, logged', () => {
    const store = seededAt(T0);
    subscribe(store, [13, 14], T1);
    addStatements(store, new Date('2026-11-21T20:00:00Z'), 2);
    store.db.prepare(`UPDATE subscriptions SET next_due_at = '2026-11-21T23:00:00.000Z' WHERE chat_id = 14`).run();
    const { logger, lines } = recordingLogger();
    expect(build(store, new Date(SLOT.getTime() + 30 * 60_000), logger)).toEqual({ built: 1, nothingNew: 0, missed: 1 });
    expect(deliveries(store)).toMatchObject([{ chat: 13, status: 'pending' }, { chat: 14, status: 'skipped', decision: expect.stringMatching(/^missed slot: 7\.5 h late/) }]);
    expect(lines.join('\n')).toContain('missed while the bot was down');
    // The next slot does not send a second copy of today's.
    expect(build(store, new Date(SLOT.getTime() + 60 * 60_000)).built).toBe(0);
  });

  it('B3/B4: two builds of the same slot (a tick during a catch-up, a second process) record one digest', () => {
    const store = seededAt(T0);
    subscribe(store, [15], T1);
    addStatements(store, new Date('2026-11-21T20:00:00Z'), 1);
    const first = build(store, SLOT);
    const second = build(store, SLOT);
    expect(first.built + second.built).toBe(1);
    expect(store.deliveries.openParts()).toHaveLength(1);
  });

  it('B12: a 00:30 Berlin slot belongs to the local date, not the UTC one', () => {
    const store = seededAt(T0);
    subscribe(store, [16], new Date('2026-11-22T12:00:00Z'), '00:30', 'Europe/Berlin');
    addStatements(store, new Date('2026-11-22T13:00:00Z'), 1);
    build(store, new Date('2026-11-22T23:30:00Z'));
    expect(deliveries(store)).toMatchObject([{ chat: 16, date: '2026-11-23', status: 'pending' }]);
  });

  it('F3: statements without a known date are never new', () => {
    const store = seededAt(T0);
    subscribe(store, [17], T1);
    addStatements(store, new Date('2026-11-21T20:00:00Z'), 1);
    store.db.prepare(`UPDATE statements SET date = NULL, date_precision = 'unknown', date_sort = '' WHERE ingested_at > ?`).run(T1.toISOString());
    expect(build(store, SLOT)).toMatchObject({ built: 0, nothingNew: 1 });
  });

  it('chats with the same filters share one built digest', () => {
    const store = seededAt(T0);
    subscribe(store, Array.from({ length: 50 }, (_, i) => 100 + i), T1);
    addStatements(store, new Date('2026-11-21T20:00:00Z'), 5);
    expect(build(store, SLOT).built).toBe(50);
    const htmls = new Set(store.deliveries.openParts().map((p) => p.html));
    expect(htmls.size).toBe(1);
  });
});

describe('many due chats', () => {
  it('handles every due chat in one run, beyond one batch', () => {
    const store = seededAt(T0);
    subscribe(store, Array.from({ length: 12_000 }, (_, i) => 50_000 + i), T1);
    const r = build(store, SLOT);
    expect(r.nothingNew).toBe(12_000);
    expect(store.subscriptions.due(SLOT.toISOString())).toEqual([]);
  });

  it('G11: DIGEST_CATCH_UP_HOURS=0 means "on time only": a tick just after the slot sends, a run an hour late skips', () => {
    const store = seededAt(T0);
    subscribe(store, [18, 19], T1);
    addStatements(store, new Date('2026-11-21T20:00:00Z'), 1);
    store.db.prepare(`UPDATE subscriptions SET next_due_at = '2026-11-22T05:00:00.000Z' WHERE chat_id = 19`).run();
    const onTime = (now: Date) => buildDueDigests({ store, reference: reference(), logger: quietLogger(), now, maxAgeDays: 7, catchUpHours: 0 });
    // The minute tick lands seconds after 06:00: chat 18 is on time; chat 19's 05:00 slot is an hour old.
    expect(onTime(new Date(SLOT.getTime() + 40_000))).toEqual({ built: 1, nothingNew: 0, missed: 1 });
    expect(deliveries(store)).toMatchObject([{ chat: 18, status: 'pending', decision: 'digest' }, { chat: 19, status: 'skipped' }]);
  });
});
