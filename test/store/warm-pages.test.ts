// Reading ahead for a digest run, in a worker over the database file: it walks the rows the
// run's far-behind chats will read, and a failure is an error the build can log, not a hang.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { warmNewSinceOffThread } from '../../src/store/warm-pages.ts';
import { addStatements } from '../helpers/digest-fixture.ts';
import { reference, tempDir } from '../helpers/store.ts';

describe('warmNewSinceOffThread', () => {
  it('reads, off-thread, every row of the window a walk by date would read', async () => {
    const path = join(tempDir(), 'warm.db');
    const ref = reference();
    const store = openStore(path, { actors: ref.actors, tagger: ref.tagger });
    addStatements(store, new Date('2026-03-02T10:00:00Z'), 300);
    addStatements(store, new Date('2025-11-02T10:00:00Z'), 200);
    const until = store.statements.currentSeq();
    const window = { since: 0, until, cutoffDay: '2026-02-20' };
    const inWindow = store.db.prepare(`SELECT COUNT(*) FROM statements WHERE gone = 0 AND date_sort >= '2026-02-00' AND seq > 0 AND seq <= ?`).pluck().get(until) as number;
    expect(inWindow).toBe(300);
    // Exactly the rows the build's walk by date takes.
    expect(await warmNewSinceOffThread(path, window)).toBe(store.statements.newSince(0, until, '2026-02-20', 0).length);
    expect(await warmNewSinceOffThread(path, window)).toBe(inWindow);
    store.close();
  });

  it('fails as an error, not a hang, when the file is not there', async () => {
    await expect(warmNewSinceOffThread(join(tempDir(), 'missing.db'), { since: 0, until: 1, cutoffDay: '2026-01-01' })).rejects.toThrow();
  });
});

describe('oldestDueWatermark', () => {
  it('is the lowest "new since" point among chats due now, null when none is due', () => {
    const ref = reference();
    const store = openStore(':memory:', { actors: ref.actors, tagger: ref.tagger });
    expect(store.subscriptions.oldestDueWatermark('2026-01-01T00:00:00Z')).toBeNull();
    for (const [chatId, due, seq] of [[1, '2025-12-31T08:00:00Z', 50], [2, '2025-12-31T09:00:00Z', 7], [3, '2026-01-02T08:00:00Z', 1]] as const) {
      store.subscriptions.subscribe({ chatId, chatType: 'private', ownerUserId: null, localTime: '08:00', timeZone: 'UTC', nextDueAt: due, now: '2025-12-01T00:00:00Z' });
      store.db.prepare('UPDATE subscriptions SET watermark_seq = ? WHERE chat_id = ?').run(seq, chatId);
    }
    // Chat 3 is not due yet: its older watermark does not count.
    expect(store.subscriptions.oldestDueWatermark('2026-01-01T00:00:00Z')).toBe(7);
    store.close();
  });
});
