// The digest runner under a failing database and a rate-limiting Telegram: a run that cannot
// start is logged and the next tick sends; a long retry_after holds one chat, not the others;
// a stop ends every wait at once; nothing is sent twice across a restart.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDigestRunner } from '../../src/digest/schedule.ts';
import type { Store } from '../../src/store/index.ts';
import { addStatements, fakeApi, quietLogger, recordingLogger, seededAt, subscribe } from '../helpers/digest-fixture.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { reference } from '../helpers/store.ts';

const T0 = new Date('2026-11-20T10:00:00Z');
const T1 = new Date('2026-11-21T10:00:00Z');
const SLOT = new Date('2026-11-22T06:00:00Z');

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function prepared(chats: number[]): Store {
  const store = seededAt(T0);
  subscribe(store, chats, T1);
  addStatements(store, new Date('2026-11-21T20:00:00Z'), 2);
  return store;
}

function runner(store: Store, apiRoot: string, logger = quietLogger(), extra: Partial<Parameters<typeof createDigestRunner>[0]> = {}) {
  return createDigestRunner({
    store, reference: reference(), logger, api: fakeApi(apiRoot, 3), clock: () => new Date(SLOT.getTime() + 10_000),
    maxAgeDays: 7, catchUpHours: 6, sendRatePerSecond: 30, privateIntervalMs: 5, groupIntervalMs: 5, ...extra,
  });
}

const sqliteError = (code: string) => new Database.SqliteError(code === 'SQLITE_BUSY' ? 'database is locked' : 'database or disk is full', code);

describe('a run that cannot start', () => {
  it('G3: SQLITE_BUSY and SQLITE_FULL at run start: the run resolves, the failure is logged, and the next tick sends', async () => {
    api = await startFakeBotApi();
    const store = prepared([71, 72]);
    const failures = ['SQLITE_BUSY', 'SQLITE_FULL'];
    // The first thing a run does is read the commit sequence; the first thing it writes, its run row.
    const statements = store.statements;
    const deliveries = store.deliveries;
    const failing: Store = {
      ...store,
      statements: { ...statements, currentSeq: () => (failures[0] === 'SQLITE_BUSY' ? (failures.shift(), (() => { throw sqliteError('SQLITE_BUSY'); })()) : statements.currentSeq()) },
      deliveries: { ...deliveries, startRun: (at: string) => (failures[0] === 'SQLITE_FULL' ? (failures.shift(), (() => { throw sqliteError('SQLITE_FULL'); })()) : deliveries.startRun(at)) },
    };
    const { logger, lines } = recordingLogger();
    const digests = runner(failing, api.apiRoot, logger);
    await expect(digests.run('tick')).resolves.toBeNull(); // busy before anything was built
    await expect(digests.run('tick')).resolves.toBeNull(); // full after building, before sending
    expect(lines.filter((l) => l.includes('digest run failed')).map((l) => JSON.parse(l).err.code)).toEqual(['SQLITE_BUSY', 'SQLITE_FULL']);
    expect(api.sent()).toHaveLength(0);
    const third = await digests.run('tick');
    expect(third?.delivery.sent).toBe(2);
    expect(new Set(api.sent().map((c) => c.params.chat_id))).toEqual(new Set([71, 72]));
  }, 30_000);

  it('G13: idle ticks write no run rows; /stats keeps showing the run that sent', async () => {
    api = await startFakeBotApi();
    const store = prepared([73]);
    const digests = runner(store, api.apiRoot);
    expect((await digests.run('tick'))?.delivery.sent).toBe(1);
    for (let i = 0; i < 5; i += 1) await digests.run('tick');
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM digest_runs').get()).toEqual({ n: 1 });
    expect(store.deliveries.lastRun()).toMatchObject({ sent: 1 });
  }, 30_000);
});

describe('a long retry_after', () => {
  it('G4: retry_after 600 on one chat: the other chats are all sent in the same run at the shared gate; that chat waits for a later run', async () => {
    api = await startFakeBotApi();
    const chats = Array.from({ length: 12 }, (_, i) => 80 + i);
    const store = prepared(chats);
    api.script({ method: 'sendMessage', chatId: 85, times: 1, respond: { error_code: 429, description: 'Too Many Requests: retry after 600', parameters: { retry_after: 600 } } });
    const digests = runner(store, api.apiRoot);
    const first = await digests.run('tick');
    expect(first?.delivery.sent).toBe(11);
    expect(new Set(api.sent().map((c) => c.params.chat_id))).toEqual(new Set(chats.filter((c) => c !== 85)));
    // The held chat's part is back to pending, and the next runs leave it alone (no second 429).
    const part = () => store.db.prepare(`SELECT p.status FROM delivery_parts p JOIN deliveries d ON d.id = p.delivery_id WHERE d.chat_id = 85`).pluck().get();
    expect(part()).toBe('pending');
    await digests.run('tick');
    expect(api.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === 85)).toHaveLength(1);
    await digests.stop();
    // A restart (a new gate) sends it once; nobody gets anything twice.
    const restarted = runner(store, api.apiRoot);
    expect((await restarted.run('tick'))?.delivery.sent).toBe(1);
    const perChat = new Map<number, number>();
    for (const c of api.sent()) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(perChat.size).toBe(12);
  }, 30_000);

  it('G4: a retry_after inside the deadline is waited out, but a stop ends the wait at once and gives the part back', async () => {
    api = await startFakeBotApi();
    const store = prepared([91]);
    api.script({ method: 'sendMessage', chatId: 91, times: 1, respond: { error_code: 429, description: 'Too Many Requests: retry after 120', parameters: { retry_after: 120 } } });
    const digests = runner(store, api.apiRoot);
    const run = digests.run('tick');
    await api.waitFor((c) => c.method === 'sendMessage' && c.ok === false, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(digests.isRunning()).toBe(true); // waiting out the 120 s
    await digests.stop(); // resolves long before 120 s (the test would time out)
    await run;
    expect(store.db.prepare(`SELECT status FROM delivery_parts`).pluck().all()).toEqual(['pending']);
    expect(api.sent()).toHaveLength(0);
  }, 20_000);
});

describe('SQLite errors during delivery', () => {
  it('G15: a constraint error while moving a migrated group fails that chat only; the others are sent and nothing pauses', async () => {
    api = await startFakeBotApi();
    const store = prepared([-501, -502, -503]);
    // The supergroup id the group moves to already has a digest of its own: the move violates the key.
    subscribe(store, [-1000501], T1);
    api.script({ method: 'sendMessage', chatId: -501, times: 1, respond: { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1000501 } } });
    const { logger, lines } = recordingLogger();
    const result = await runner(store, api.apiRoot, logger).run('tick');
    expect(result?.delivery.paused).toBeNull();
    expect(new Set(api.sent().map((c) => c.params.chat_id))).toEqual(new Set([-502, -503]));
    expect(lines.join('\n')).not.toContain('ALERT');
    expect(lines.join('\n')).toContain('cannot record this chat');
  }, 30_000);
});

