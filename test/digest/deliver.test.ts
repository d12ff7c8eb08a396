// Sending digests through the fake Bot API: rate limits, retries, gone chats, migrations, a dead
// network and a full disk (RELIABILITY B5–B10, C3).
import { afterEach, describe, expect, it } from 'vitest';
import { buildDueDigests } from '../../src/digest/build.ts';
import { deliverOpenParts } from '../../src/digest/deliver.ts';
import { createRateGate } from '../../src/digest/rate-gate.ts';
import type { OpenPart, Store } from '../../src/store/index.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { addStatements, fakeApi, quietLogger, recordingLogger, seededAt, subscribe } from '../helpers/digest-fixture.ts';
import { reference } from '../helpers/store.ts';

const T0 = new Date('2026-11-20T10:00:00Z');
const T1 = new Date('2026-11-21T10:00:00Z');
const SLOT = new Date('2026-11-22T06:00:00Z');

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function prepared(chats: number[], statements = 3): Store {
  const store = seededAt(T0);
  subscribe(store, chats, T1);
  addStatements(store, new Date('2026-11-21T20:00:00Z'), statements);
  buildDueDigests({ store, reference: reference(), logger: quietLogger(), now: SLOT, maxAgeDays: 7, catchUpHours: 6 });
  return store;
}

function deliver(store: Store, apiRoot: string, extra: Partial<Parameters<typeof deliverOpenParts>[0]> = {}) {
  return deliverOpenParts({
    store, api: fakeApi(apiRoot, 3), logger: quietLogger(), gate: createRateGate(1000), clock: () => new Date(),
    deadline: Date.now() + 20_000, privateIntervalMs: 5, groupIntervalMs: 5, backoffMs: 50, ...extra,
  });
}
/** Every page of open parts, as the sender reads them: each page after the last delivery of the one before. */
function openPages(store: Store, deliveries: number): OpenPart[][] {
  const pages: OpenPart[][] = [];
  for (let after = 0; ; ) {
    const page = store.deliveries.openPartsPage(after, deliveries);
    if (page.length === 0) return pages;
    pages.push(page);
    after = Math.max(...page.map((p) => p.deliveryId));
  }
}
const deliveryIds = (page: OpenPart[]): number[] => [...new Set(page.map((p) => p.deliveryId))];
const statuses = (store: Store) => store.db.prepare('SELECT chat_id AS chat, status, decision FROM deliveries ORDER BY chat_id').all();

describe('delivery', () => {
  it('reads open digests a page at a time, every part of a digest together, none twice', () => {
    const store = prepared(Array.from({ length: 7 }, (_, i) => 2000 + i), 40);
    const all = store.deliveries.openParts();
    const pageParts = openPages(store, 3);
    const pages = pageParts.map(deliveryIds);
    for (const [i, page] of pageParts.entries()) expect(page.length).toBe(all.filter((p) => pages[i]?.includes(p.deliveryId)).length);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual([...new Set(all.map((p) => p.deliveryId))]);
    expect(all.length).toBeGreaterThan(7);
  });

  it('pages past deliveries that are no longer pending but still have open parts, and past pending ones with none', () => {
    const store = prepared(Array.from({ length: 9 }, (_, i) => 3000 + i), 40);
    const ids = [...new Set(store.deliveries.openParts().map((p) => p.deliveryId))];
    expect(ids.length).toBe(9);
    // The first four: parts still open but the delivery is over; the next two: pending, parts all failed.
    const overIds = ids.slice(0, 4);
    const failedIds = ids.slice(4, 6);
    for (const id of overIds) store.db.prepare("UPDATE deliveries SET status = 'sent' WHERE id = ?").run(id);
    for (const id of failedIds) store.db.prepare("UPDATE delivery_parts SET status = 'failed' WHERE delivery_id = ?").run(id);
    expect(openPages(store, 2).map(deliveryIds).flat()).toEqual(ids.slice(6));
  });

  it('B5: waits retry_after on a 429 and delivers everything, within the configured rate', async () => {
    api = await startFakeBotApi();
    const chats = Array.from({ length: 120 }, (_, i) => 1000 + i);
    const store = prepared(chats);
    let n = 0;
    api.script({ method: 'sendMessage', times: Infinity, match: () => (n += 1) % 50 === 0, respond: { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } });
    const started = Date.now();
    const result = await deliver(store, api.apiRoot, { gate: createRateGate(60) });
    expect(result).toMatchObject({ sent: 120, failed: 0, paused: null });
    expect(new Set(api.sent().map((c) => c.params.chat_id)).size).toBe(120);
    expect(api.sent()).toHaveLength(120);
    const limited = api.calls.filter((c) => c.error?.error_code === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const call of limited) {
      const retry = api.calls.find((c) => c.at > call.at && c.ok && c.params.chat_id === call.params.chat_id);
      expect((retry?.at ?? 0) - call.at).toBeGreaterThanOrEqual(1000);
    }
    // 120 sends at 60/s take at least ~2 s: the gate spread them.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  }, 30_000);

  it('B6: 5xx three times then OK → one message, attempts recorded', async () => {
    api = await startFakeBotApi();
    const store = prepared([21]);
    api.script({ method: 'sendMessage', times: 3, respond: { error_code: 502, description: 'Bad Gateway' } });
    const result = await deliver(store, api.apiRoot);
    expect(result.sent).toBe(1);
    expect(api.sent(21)).toHaveLength(1);
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(4);
    expect(store.db.prepare('SELECT event, detail FROM delivery_events ORDER BY id').all()).toEqual([
      { event: 'error', detail: '502 Bad Gateway' }, { event: 'error', detail: '502 Bad Gateway' }, { event: 'error', detail: '502 Bad Gateway' },
      { event: 'sent', detail: expect.stringMatching(/^\d+$/) },
    ]);
  }, 30_000);

  it('B7: a lost response leaves the part claimed; the next run sends it once more (the policy: at most one duplicate)', async () => {
    api = await startFakeBotApi();
    const store = prepared([22]);
    api.script({ method: 'sendMessage', times: 4, respond: 'destroy-socket' });
    const first = await deliver(store, api.apiRoot);
    expect(first.sent).toBe(0);
    expect(store.db.prepare('SELECT status FROM delivery_parts').get()).toEqual({ status: 'pending' });
    const second = await deliver(store, api.apiRoot);
    expect(second.sent).toBe(1);
    // The fake received the part each time it was tried; only one answer reached us.
    expect(api.calls.filter((c) => c.method === 'sendMessage').length).toBe(5);
    expect(statuses(store)).toEqual([{ chat: 22, status: 'sent', decision: 'digest' }]);
  }, 30_000);

  it('B8: blocked and deactivated users are deactivated and never retried; the rest continue; /start-style reactivation works', async () => {
    api = await startFakeBotApi();
    const store = prepared([31, 32, 33]);
    api.block(31);
    api.block(32, 'Forbidden: user is deactivated');
    const result = await deliver(store, api.apiRoot);
    expect(result.sent).toBe(1);
    expect(statuses(store)).toMatchObject([
      { chat: 31, status: 'failed', decision: 'chat gone: Forbidden: bot was blocked by the user' },
      { chat: 32, status: 'failed' },
      { chat: 33, status: 'sent' },
    ]);
    expect(store.subscriptions.get(31)?.active).toBe(false);
    // The next day: not even built for them.
    addStatements(store, new Date('2026-11-22T20:00:00Z'), 1);
    buildDueDigests({ store, reference: reference(), logger: quietLogger(), now: new Date('2026-11-23T06:00:00Z'), maxAgeDays: 7, catchUpHours: 6 });
    expect(store.deliveries.openParts().map((p) => p.chatId)).toEqual([33]);
    expect(store.subscriptions.reactivate(31, '2026-11-24T06:00:00.000Z', new Date().toISOString())).toBe(true);
    expect(store.subscriptions.get(31)?.active).toBe(true);
  }, 30_000);

  it('B9: chat not found fails for good; migrate_to_chat_id moves the subscription and re-sends once to the new id', async () => {
    api = await startFakeBotApi();
    const store = prepared([-41, -42]);
    api.script({ method: 'sendMessage', chatId: -41, respond: { error_code: 400, description: 'Bad Request: chat not found' } });
    api.script({ method: 'sendMessage', chatId: -42, respond: { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1004242 } } });
    await deliver(store, api.apiRoot);
    expect(statuses(store)).toMatchObject([{ chat: -1004242, status: 'sent' }, { chat: -41, status: 'failed' }]);
    expect(api.sent(-1004242)).toHaveLength(1);
    expect(store.subscriptions.get(-1004242)?.active).toBe(true);
    expect(store.subscriptions.get(-42)).toBeUndefined();
    expect(store.subscriptions.get(-41)?.active).toBe(false);
  }, 30_000);

  it('B10: with the network down the run ends by its deadline; parts stay pending for the next run', async () => {
    const store = prepared([51, 52]);
    const { logger, lines } = recordingLogger();
    const started = Date.now();
    const result = await deliver(store, 'http://127.0.0.1:9', { deadline: Date.now() + 3000, logger });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.sent).toBe(0);
    const parts = store.db.prepare('SELECT status FROM delivery_parts').all() as Array<{ status: string }>;
    expect(parts.every((p) => p.status === 'pending' || p.status === 'claimed')).toBe(true);
    expect(lines.join('\n')).not.toContain('TEST-TOKEN');
  }, 30_000);

  it('C3: when the disk is full the sender pauses instead of sending unrecorded messages, and resumes with no duplicate', async () => {
    api = await startFakeBotApi();
    const store = prepared([61, 62, 63]);
    const pages = Number(store.db.pragma('page_count', { simple: true }));
    // Fill the database to its limit so the next send record fails with SQLITE_FULL.
    store.db.pragma(`max_page_count = ${pages}`);
    const filler = store.db.prepare(`INSERT INTO delivery_events (delivery_id, part_no, event, detail, at) VALUES (1, 1, 'x', NULL, 'x')`);
    let full = '';
    try {
      for (;;) filler.run();
    } catch (error) {
      full = (error as { code?: string }).code ?? '';
    }
    expect(full).toBe('SQLITE_FULL');
    const { logger, lines } = recordingLogger();
    const result = await deliver(store, api.apiRoot, { logger, concurrency: 1 });
    expect(result.paused).toMatch(/Cannot record a delivery/);
    expect(store.db.inTransaction).toBe(false);
    expect(lines.join('\n')).toContain('ALERT');
    // At most the one part whose record failed went out.
    expect(api.sent().length).toBeLessThanOrEqual(1);
    store.db.pragma(`max_page_count = ${pages * 100}`);
    const resumed = await deliver(store, api.apiRoot);
    expect(resumed.paused).toBeNull();
    expect(new Set(api.sent().map((c) => c.params.chat_id))).toEqual(new Set([61, 62, 63]));
    expect(api.sent().length).toBeLessThanOrEqual(4);
  }, 30_000);
});
