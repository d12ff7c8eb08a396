// C6: restore drill. Yesterday's backup is restored after today's digest went out. Startup
// detects the older database (detectRestoredDatabase), and the pinned policy is "may resend
// today's digest": the next run sends it once more per subscriber, the run after sends nothing.
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import { createDigestRunner } from '../../src/digest/schedule.ts';
import type { Store } from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { detectRestoredDatabase } from '../../src/store/restore-check.ts';
import { addStatements, fakeApi, quietLogger, subscribe } from '../helpers/digest-fixture.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { reference, SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

const CHATS = [2101, 2102];
// Slots at 08:00 Kyiv = 06:00Z.
const SUBSCRIBED = new Date('2026-11-20T10:00:00Z');
const DAY1_RUN = new Date('2026-11-21T06:00:30Z');
const BACKUP_AT = new Date('2026-11-21T12:00:00Z');
const DAY2_RUN = new Date('2026-11-22T06:00:30Z');
const RESTORED_AT = new Date('2026-11-22T09:00:00Z'); // 3 h after the slot: inside the 6 h catch-up window

let api: FakeBotApi | undefined;
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) s.close();
  await api?.close();
  api = undefined;
});

function open(path: string): Store {
  const ref = reference();
  const store = openStore(path, { actors: ref.actors, tagger: ref.tagger });
  stores.push(store);
  return store;
}

function runDigests(store: Store, at: Date) {
  return createDigestRunner({
    store, reference: reference(), logger: quietLogger(), api: fakeApi(api?.apiRoot ?? ''), clock: () => at,
    maxAgeDays: 7, catchUpHours: 6, sendRatePerSecond: 50, privateIntervalMs: 5, groupIntervalMs: 5,
  }).run('tick');
}
const digestsTo = (chat: number) => (api?.sent(chat) ?? []).filter((c) => String(c.params.text).includes('digest'));

describe('C6: restore drill', () => {
  it('C6: yesterday\'s backup restored → detected at startup; today\'s digest is resent once, then nothing', async () => {
    api = await startFakeBotApi();
    const dir = tempDir();
    const livePath = join(dir, 'live.db');
    const backupPath = join(dir, 'backup.db');

    // Day 1: subscribers, new statements, the 08:00 digest goes out; then the nightly backup.
    let live = open(livePath);
    ingest({ paths: [SHIPPED_CORPUS], corpusDir: SHIPPED_CORPUS, store: live, reference: reference(), now: () => SUBSCRIBED });
    subscribe(live, CHATS, SUBSCRIBED);
    addStatements(live, new Date('2026-11-20T20:00:00Z'), 3);
    expect((await runDigests(live, DAY1_RUN))?.delivery.sent).toBe(2);
    await live.db.backup(backupPath);
    expect(detectRestoredDatabase(live, BACKUP_AT)).toMatchObject({ restored: false, dueSubscriptions: 0 });

    // Day 2 on the live database: a source brings more statements; today's digest is sent.
    const day2Source = tempDir();
    writeFileSync(join(day2Source, 'day2.jsonl'), [0, 1].map((i) => JSON.stringify({
      id: `day2-${i}`, text: `Second day statement ${i} about sanctions and drones. More words here.`, date: '2026-11-21', actor: 'Volodymyr Zelensky', url: `https://example.org/day2/${i}`,
    })).join('\n'));
    const readSource = (store: Store, at: Date) => ingest({ paths: [day2Source], corpusDir: SHIPPED_CORPUS, store, reference: reference(), now: () => at });
    readSource(live, new Date('2026-11-21T20:00:00Z'));
    expect((await runDigests(live, DAY2_RUN))?.delivery.sent).toBe(2);
    for (const chat of CHATS) expect(digestsTo(chat)).toHaveLength(2);
    // The live database three hours later is not "restored": it has nothing due.
    expect(detectRestoredDatabase(live, RESTORED_AT)).toMatchObject({ restored: false, dueSubscriptions: 0 });

    // The live file is lost; the operator restores yesterday's backup (with no stale -wal/-shm beside it).
    live.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${livePath}${suffix}`, { force: true });
    copyFileSync(backupPath, livePath);
    expect(existsSync(`${livePath}-wal`)).toBe(false);
    live = open(livePath);
    expect(live.db.pragma('integrity_check', { simple: true })).toBe('ok');

    const check = detectRestoredDatabase(live, RESTORED_AT);
    expect(check.restored).toBe(true);
    expect(check.dueSubscriptions).toBe(2);
    expect(check.lastActivityAt).not.toBeNull();
    expect(Date.parse(check.lastActivityAt as string)).toBeLessThanOrEqual(BACKUP_AT.getTime());
    expect(check.quietHours).toBeGreaterThan(6);
    // The backup knows day 1 only.
    expect(live.db.prepare('SELECT chat_id AS chat, digest_date AS date, status FROM deliveries ORDER BY chat_id').all()).toEqual(
      CHATS.map((chat) => ({ chat, date: '2026-11-21', status: 'sent' })),
    );

    // Startup then re-reads the sources (after the check: main runs the check first), so the
    // restored database learns the day-2 statements again.
    readSource(live, new Date(RESTORED_AT.getTime() - 30_000));
    // The pinned policy: today's digest goes out once more per subscriber (the documented "may resend")…
    const first = await runDigests(live, RESTORED_AT);
    expect(first?.delivery.sent).toBe(2);
    for (const chat of CHATS) expect(digestsTo(chat)).toHaveLength(3);
    expect(live.db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE digest_date = '2026-11-22' AND status = 'sent'`).get()).toEqual({ n: 2 });
    // …and only once: the next run (and the next tick's check) finds nothing due.
    const second = await runDigests(live, new Date(RESTORED_AT.getTime() + 60_000));
    expect(second).toMatchObject({ built: 0, nothingNew: 0, missed: 0, delivery: { sent: 0 } });
    for (const chat of CHATS) expect(digestsTo(chat)).toHaveLength(3);
    expect(detectRestoredDatabase(live, new Date(RESTORED_AT.getTime() + 120_000)).restored).toBe(false);
  });

  it('C6: a backup restored after the catch-up window skips the missed slot instead of resending it', async () => {
    api = await startFakeBotApi();
    const dir = tempDir();
    const path = join(dir, 'live.db');
    const store = open(path);
    ingest({ paths: [SHIPPED_CORPUS], corpusDir: SHIPPED_CORPUS, store, reference: reference(), now: () => SUBSCRIBED });
    subscribe(store, CHATS, SUBSCRIBED);
    addStatements(store, new Date('2026-11-20T20:00:00Z'), 3);
    expect((await runDigests(store, DAY1_RUN))?.delivery.sent).toBe(2);
    // Restored (the same state) at 14:00Z on day 2: 8 h after the slot, past the 6 h window.
    const late = new Date('2026-11-22T14:00:00Z');
    expect(detectRestoredDatabase(store, late).restored).toBe(true);
    const run = await runDigests(store, late);
    expect(run).toMatchObject({ built: 0, missed: 2, delivery: { sent: 0 } });
    for (const chat of CHATS) expect(digestsTo(chat)).toHaveLength(1);
    expect(detectRestoredDatabase(store, late).restored).toBe(false);
  });

  it('C6: a fresh database, or one with only paused subscriptions, is not reported as restored', () => {
    const store = open(join(tempDir(), 'fresh.db'));
    expect(detectRestoredDatabase(store, RESTORED_AT)).toEqual({ restored: false, lastActivityAt: null, quietHours: null, dueSubscriptions: 0 });
    subscribe(store, [2201], SUBSCRIBED);
    store.db.prepare('UPDATE subscriptions SET paused = 1').run();
    expect(detectRestoredDatabase(store, RESTORED_AT)).toMatchObject({ restored: false, dueSubscriptions: 0 });
  });
});
