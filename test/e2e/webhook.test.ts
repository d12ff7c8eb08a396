// The webhook endpoint (src/webhook-server.ts) on 127.0.0.1 with the real bot over a memory store
// and a recording Bot API: malformed bodies (D13) and a handler slower than the timeout (A7).
import { request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { createWebhookServer } from '../../src/webhook-server.ts';
import { recordingLogger } from '../helpers/digest-fixture.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { memoryStore } from '../helpers/store.ts';

const SECRET = 'a-secret-of-sufficient-length';
const USER = { id: 611, is_bot: false, first_name: 'Iryna', language_code: 'en' };
const MAX_BODY = 64 * 1024;

let server: Server | undefined;
let store: Store | undefined;
afterEach(async () => {
  if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
  server?.closeAllConnections();
  store?.close();
  server = undefined;
  store = undefined;
});

function helpUpdate(updateId: number) {
  return { update_id: updateId, message: { message_id: updateId, date: 0, text: '/help', from: USER, chat: { id: USER.id, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: 5 }] } };
}

async function start(options: { timeoutMs?: number } = {}) {
  store = memoryStore();
  const t = recordingBot(store);
  const log = recordingLogger();
  server = createWebhookServer({ bot: t.bot, secret: SECRET, logger: log.logger, maxBodyBytes: MAX_BODY, ...options });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const sends = () => t.calls.filter((c) => c.method === 'sendMessage');
  return { t, log, port, sends };
}

/**
 * POSTs `body` (a Buffer, or a total byte count streamed in chunks without Content-Length) and
 * resolves with the status. Errors after the answer arrived (the server cut a too-large upload) are ignored.
 */
function post(port: number, body: Buffer | { streamBytes: number }, secret: string | null = SECRET): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const streamed = !Buffer.isBuffer(body);
    const req = request({
      host: '127.0.0.1', port, method: 'POST', path: '/', agent: false,
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}), ...(streamed ? { 'transfer-encoding': 'chunked' } : { 'content-length': body.length }) },
    }, (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (!streamed) {
      req.end(body);
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (!answered && !req.destroyed && sent < body.streamBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && !req.destroyed) req.end();
    };
    pump();
  });
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
function rowCounts(s: Store): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of ['handled_updates', 'chats', 'subscriptions', 'audit_log', 'result_lists', 'deliveries']) {
    out[table] = (s.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return out;
}
const EMPTY = { handled_updates: 0, chats: 0, subscriptions: 0, audit_log: 0, result_lists: 0, deliveries: 0 };
async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
const levels = (lines: string[]) => lines.map((l) => JSON.parse(l) as { level: number; msg: string });

describe('D13: malformed webhook bodies with the right secret', () => {
  it('D13: non-JSON and non-update JSON → 400, nothing handled or persisted, body never logged', async () => {
    const { port, sends, log } = await start();
    const bodies = ['{"update_id": 1, "message": ', 'not json at all', '', '[1,2]', '"text"', 'null', '{"update_id":"7","message":{}}', '{"message":{}}', '{"update_id":-1}'];
    for (const body of bodies) expect(await post(port, Buffer.from(body)), body).toBe(400);
    expect(rowCounts(store as Store)).toEqual(EMPTY);
    expect(sends()).toHaveLength(0);
    expect(log.lines.join('\n')).not.toContain('not json at all');
    expect(levels(log.lines).every((l) => l.level < 50)).toBe(true);
    // The secret is still checked first, even for garbage.
    expect(await post(port, Buffer.from('not json'), null)).toBe(401);
    expect(await post(port, Buffer.from('not json'), 'wrong-secret-of-the-same-len')).toBe(401);
  });

  it('D13: a body over the limit → 413 (with or without Content-Length), and the next good update is answered', async () => {
    const { port, sends, log } = await start();
    const fiveMb = 5 * 1024 * 1024;
    const padded = json({ ...helpUpdate(1), padding: 'x'.repeat(fiveMb) });
    expect(await post(port, padded)).toBe(413);
    expect(await post(port, { streamBytes: fiveMb })).toBe(413);
    expect(rowCounts(store as Store)).toEqual(EMPTY);
    expect(sends()).toHaveLength(0);
    expect(log.lines.some((l) => l.includes('over the size limit'))).toBe(true);
    // Just under the cap is fine: the limit is the cap, not something smaller.
    const near = json({ ...helpUpdate(2), padding: 'y'.repeat(MAX_BODY - 1000) });
    expect(near.length).toBeLessThanOrEqual(MAX_BODY);
    expect(await post(port, near)).toBe(200);
    expect(await post(port, json(helpUpdate(3)))).toBe(200);
    expect(sends()).toHaveLength(2);
    expect(String(sends()[1]?.payload.text)).toContain('/search');
  });

  it('D13: an unknown update type with a valid update_id → 200 and ignored: no rows, no reply', async () => {
    const { port, sends } = await start();
    expect(await post(port, json({ update_id: 9, some_future_update: { id: 1, chat: { id: 5, type: 'private' } } }))).toBe(200);
    expect(await post(port, json({ update_id: 10, unknown_a: 1, unknown_b: { text: '/help' } }))).toBe(200);
    expect(await post(port, json({ update_id: 11 }))).toBe(200);
    expect(rowCounts(store as Store)).toEqual(EMPTY);
    expect(sends()).toHaveLength(0);
  });

  it('D13: a valid /help → 200 and one sendMessage; a wrong method → 405', async () => {
    const { port, sends } = await start();
    expect(await post(port, json(helpUpdate(20)))).toBe(200);
    expect(sends()).toHaveLength(1);
    expect(sends()[0]?.payload.chat_id).toBe(USER.id);
    expect(rowCounts(store as Store).handled_updates).toBe(1);
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, method: 'GET', path: '/', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject).end();
    });
    expect(status).toBe(405);
  });
});

describe('A7: a handler slower than the webhook timeout', () => {
  it('A7: answers an error status and logs it; the redelivery (during and after the slow handler) gets no second reply', async () => {
    const { t, port, sends, log } = await start({ timeoutMs: 300 });
    // The reply takes 900 ms: the handler outlives the 300 ms timeout (a stand-in for a slow search).
    let release!: () => void;
    const replied = new Promise<void>((resolve) => (release = resolve));
    t.bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === 'sendMessage') await new Promise((r) => setTimeout(r, 900));
      const result = await prev(method, payload, signal);
      if (method === 'sendMessage') release();
      return result;
    });
    const status = await post(port, json(helpUpdate(30)));
    expect(status).toBeGreaterThanOrEqual(500);
    const timeoutLine = levels(log.lines).find((l) => l.msg.includes('timed out'));
    expect(timeoutLine?.level).toBe(50);
    // Telegram treats the error as a failed delivery and sends the update again. While the first
    // handler still runs, onceOnly's in-flight set skips it; after, handled_updates does.
    expect(await post(port, json(helpUpdate(30)))).toBe(200);
    await replied;
    await until(() => log.lines.some((l) => l.includes('finished after its timeout')));
    expect(rowCounts(store as Store).handled_updates).toBe(1);
    expect(await post(port, json(helpUpdate(30)))).toBe(200);
    expect(sends()).toHaveLength(1);
  });
});
