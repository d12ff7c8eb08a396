// B13: the event loop is blocked (a long synchronous job) across a digest slot. node-cron skips the
// ticks it missed (execution:missed) and never replays them; the digest runner reads what is due
// from the database on every tick, so the first tick after the block sends the digest, once.
import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { createDigestRunner } from '../../src/digest/schedule.ts';
import type { Store } from '../../src/store/index.ts';
import { addStatements, fakeApi, quietLogger } from '../helpers/digest-fixture.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { memoryStore, reference } from '../helpers/store.ts';

const CHAT = 1301;
const BLOCK_MS = 3000;

let api: FakeBotApi | undefined;
let task: ReturnType<typeof cron.schedule> | undefined;
afterEach(async () => {
  await task?.destroy();
  await api?.close();
});

function busyWait(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // A synchronous FTS rebuild, a huge JSON.parse: nothing else runs meanwhile.
  }
}

function subscribeDueAt(store: Store, dueAt: Date): void {
  const now = Date.now();
  store.subscriptions.subscribe({
    chatId: CHAT, chatType: 'private', ownerUserId: null, localTime: dueAt.toISOString().slice(11, 16), timeZone: 'UTC',
    nextDueAt: dueAt.toISOString(), now: new Date(now - 86_400_000).toISOString(),
  });
  addStatements(store, new Date(now - 12 * 3_600_000), 3);
}

describe('B13: a blocked event loop across the slot', () => {
  it('B13: cron reports the missed ticks, the next tick sends the digest once', async () => {
    api = await startFakeBotApi();
    const store = memoryStore();
    const digests = createDigestRunner({
      store, reference: reference(), logger: quietLogger(), api: fakeApi(api.apiRoot), clock: () => new Date(),
      maxAgeDays: 7, catchUpHours: 6, sendRatePerSecond: 28,
    });
    const missed: Date[] = [];
    const ticks: Array<{ slot: Date; sent: number }> = [];
    let blockedUntil = 0;
    let dueAt = new Date(8.64e15);
    let blockNext = false;
    // As main.ts wires it, on a one-second tick.
    task = cron.schedule('* * * * * *', async (ctx) => {
      if (blockNext) {
        blockNext = false;
        // The slot falls inside the block: due 1 s from now, the loop is busy for 3 s.
        dueAt = new Date(Date.now() + 1000);
        subscribeDueAt(store, dueAt);
        busyWait(BLOCK_MS);
        blockedUntil = Date.now();
        return;
      }
      const summary = await digests.run('tick');
      ticks.push({ slot: ctx.date, sent: summary?.delivery.sent ?? 0 });
    }, { name: 'b13-digests', noOverlap: true });
    task.on('execution:missed', (ctx) => {
      missed.push(ctx.date);
    });

    await new Promise((r) => setTimeout(r, 1200));
    blockNext = true;
    await api.waitFor((c) => c.method === 'sendMessage' && c.ok, 15_000);
    // A few more ticks: nothing is sent twice.
    await new Promise((r) => setTimeout(r, 3000));
    await digests.stop();

    expect(blockedUntil).toBeGreaterThan(0);
    // node-cron saw the tick that would have sent it (the first after the slot) and did not run
    // it late: missed ticks never appear among the ticks that ran.
    const missedInBlock = missed.filter((d) => d.getTime() >= dueAt.getTime() && d.getTime() <= blockedUntil);
    expect(missedInBlock.length).toBeGreaterThanOrEqual(1);
    expect(ticks.some((t) => missed.some((m) => m.getTime() === t.slot.getTime()))).toBe(false);
    // Sent once, by a tick that came after the block (not a replay of a missed one).
    expect(api.sent(CHAT)).toHaveLength(1);
    const sending = ticks.filter((t) => t.sent > 0);
    expect(sending).toHaveLength(1);
    expect(sending[0]?.slot.getTime()).toBeGreaterThan(dueAt.getTime());
    expect(ticks.filter((t) => t.slot.getTime() > (sending[0]?.slot.getTime() ?? 0)).length).toBeGreaterThanOrEqual(2);
    const rows = store.db.prepare('SELECT status FROM deliveries WHERE chat_id = ?').all(CHAT) as Array<{ status: string }>;
    expect(rows).toEqual([{ status: 'sent' }]);
    expect(store.subscriptions.get(CHAT)?.nextDueAt.localeCompare(new Date().toISOString())).toBe(1);
  }, 30_000);
});
