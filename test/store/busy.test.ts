// C7: another connection (a CLI, a second process) holds the write lock while /subscribe arrives.
// Within busy_timeout the write waits and succeeds; past it the user is told to try again, nothing
// crashes, and a retry after the lock is released succeeds.
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { TEXTS } from '../../src/bot/i18n/index.ts';
import type { Store } from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { reference, tempDir } from '../helpers/store.ts';

const USER = { id: 701, is_bot: false, first_name: 'Petro', language_code: 'en' };
const subscribe = { message: { message_id: 1, date: 0, text: '/subscribe', from: USER, chat: { id: USER.id, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: 10 }] } } as never;

let store: Store | undefined;
let other: Database.Database | undefined;
afterEach(() => {
  if (other?.inTransaction) other.exec('ROLLBACK');
  other?.close();
  store?.close();
  store = undefined;
  other = undefined;
});

function openOnFile(busyTimeoutMs: number): { path: string; store: Store } {
  const path = join(tempDir(), 'busy.db');
  const ref = reference();
  return { path, store: openStore(path, { actors: ref.actors, tagger: ref.tagger }, { busyTimeoutMs }) };
}

/**
 * A lock holder on another thread (better-sqlite3 blocks its own thread while it waits on a lock).
 * It takes the lock, then holds it `holdMs` after `go()` — so the lock is surely held that long
 * after the caller starts, however slow the machine.
 */
function holdLockOnAnotherThread(path: string, holdMs: number) {
  const shared = new SharedArrayBuffer(4);
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const Database = require(workerData.module);
     const db = new Database(workerData.path);
     db.exec('BEGIN IMMEDIATE');
     parentPort.postMessage('locked');
     Atomics.wait(new Int32Array(workerData.shared), 0, 0);
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
     db.exec('COMMIT');
     db.close();
     parentPort.postMessage('released');`,
    { eval: true, workerData: { path, holdMs, shared, module: createRequire(import.meta.url).resolve('better-sqlite3') } },
  );
  const message = (expected: string) => new Promise<void>((resolve, reject) => {
    worker.on('message', (m) => m === expected && resolve());
    worker.on('error', reject);
  });
  const flag = new Int32Array(shared);
  return {
    locked: message('locked'),
    released: message('released'),
    go: (): void => {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    },
  };
}

describe('C7: the database is locked by another connection', () => {
  it('C7: past busy_timeout the user gets the "busy, try again" reply, nothing crashes, and a retry after release succeeds', async () => {
    const opened = openOnFile(200);
    store = opened.store;
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(200);
    const t = recordingBot(store);
    other = new Database(opened.path);
    other.exec('BEGIN IMMEDIATE');

    const started = Date.now();
    const calls = await t.handle(subscribe);
    // It waited for busy_timeout before giving up (a lower bound only: the machine may be slow).
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    expect(calls.map((c) => c.payload.text)).toEqual([TEXTS.en.busy]);
    expect(t.logLines.some((l) => l.includes('SQLITE_BUSY'))).toBe(true);
    expect(store.db.inTransaction).toBe(false);
    expect(store.subscriptions.get(USER.id)).toBeUndefined();

    other.exec('COMMIT');
    const retry = await t.handle(subscribe);
    expect(retry.some((c) => c.method === 'sendMessage' && c.payload.text !== TEXTS.en.busy)).toBe(true);
    expect(store.subscriptions.get(USER.id)?.active).toBe(true);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('C7: a lock shorter than busy_timeout is waited out: the /subscribe succeeds with no busy reply', async () => {
    const opened = openOnFile(10_000);
    store = opened.store;
    const t = recordingBot(store);
    const holder = holdLockOnAnotherThread(opened.path, 400);
    await holder.locked;
    const started = Date.now();
    holder.go();
    const calls = await t.handle(subscribe);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390); // it did wait for the other writer
    await holder.released;
    expect(calls.map((c) => c.payload.text)).not.toContain(TEXTS.en.busy);
    expect(store.subscriptions.get(USER.id)?.active).toBe(true);
    expect(t.logLines.some((l) => l.includes('handler failed'))).toBe(false);
  });
});
