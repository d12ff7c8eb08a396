// S12: the webhook server listens where it is told (WEBHOOK_HOST), answers only on WEBHOOK_URL's
// path, cuts a body that trickles in (headers and body within ≤ 10 s), and a taken port stops the
// bot with one clear line instead of a stack trace.
import { request } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookServer, DEFAULT_WEBHOOK_BODY_TIMEOUT_MS, listenWebhook } from '../../src/webhook-server.ts';
import { loadConfig } from '../../src/config.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { BotProcess } from '../helpers/bot-process.ts';
import { recordingLogger } from '../helpers/digest-fixture.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { memoryStore, SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

const SECRET = 'a-secret-of-sufficient-length';
let server: Server | undefined;
let bot: BotProcess | undefined;
let api: FakeBotApi | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  if (server?.listening) await new Promise<void>((resolve) => server?.close(() => resolve()));
  await bot?.stop('SIGKILL');
  await api?.close();
  server = undefined;
  bot = undefined;
  api = undefined;
});

async function start(bodyTimeoutMs?: number) {
  const t = recordingBot(memoryStore());
  server = createWebhookServer({ bot: t.bot, secret: SECRET, logger: recordingLogger().logger, path: '/tg/hook', ...(bodyTimeoutMs ? { bodyTimeoutMs } : {}) });
  await listenWebhook(server, '127.0.0.1', 0);
  return (server.address() as AddressInfo).port;
}

function post(port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, agent: false, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('S12: webhook hardening', () => {
  it('WEBHOOK_HOST defaults to every interface, takes 127.0.0.1, and the path comes from WEBHOOK_URL', () => {
    const base = { WEBHOOK_URL: 'https://bot.example.org/tg/hook?x=1', WEBHOOK_SECRET: SECRET };
    expect(loadConfig(base).webhook).toMatchObject({ host: '0.0.0.0', path: '/tg/hook' });
    expect(loadConfig({ ...base, WEBHOOK_HOST: '127.0.0.1' }).webhook?.host).toBe('127.0.0.1');
  });

  it('answers only on its path: other paths get 404 even with the secret, and nothing is handled', async () => {
    const port = await start();
    const update = JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, text: 'hi', from: { id: 5, is_bot: false, first_name: 'A' }, chat: { id: 5, type: 'private' } } });
    expect(await post(port, '/', update)).toBe(404);
    expect(await post(port, '/tg/hook/../admin', update)).toBe(404);
    expect(await post(port, '/tg/hook?x=1', update)).toBe(200);
  });

  it('cuts a body that trickles in with the right secret: 408, connection closed', async () => {
    expect(DEFAULT_WEBHOOK_BODY_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
    const port = await start(400);
    expect(server?.headersTimeout).toBeLessThanOrEqual(10_000);
    expect(server?.requestTimeout).toBeLessThanOrEqual(10_000);
    const outcome = await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/tg/hook', agent: false, headers: { 'content-type': 'application/json', 'content-length': 1000, 'x-telegram-bot-api-secret-token': SECRET } }, (res) => {
        res.resume();
        res.on('end', () => resolve(`status ${res.statusCode}`));
      });
      req.on('error', () => resolve('closed'));
      req.write('{');
      // One byte at a time, far slower than the body timeout allows.
      const drip = setInterval(() => req.write(' '), 100);
      req.on('close', () => clearInterval(drip));
    });
    expect(outcome === 'status 408' || outcome === 'closed').toBe(true);
  });

  it('a taken port stops the bot with one line and exit 1, no stack trace', async () => {
    const blocker = createTcpServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      api = await startFakeBotApi();
      bot = startBotProcess({
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(tempDir(), 'w.db'), CORPUS_DIR: SHIPPED_CORPUS,
        WEBHOOK_URL: 'https://bot.example.org/hook', WEBHOOK_SECRET: SECRET, WEBHOOK_HOST: '127.0.0.1', WEBHOOK_PORT: String(port), LOG_LEVEL: 'error',
      });
      const exit = await bot.exited;
      expect(exit.code).toBe(1);
      const output = bot.output();
      expect(output).toContain(`Cannot listen for webhooks on 127.0.0.1:${port}: the port is already in use`);
      expect(output).not.toMatch(/^\s+at /m);
      expect(api.calls.some((c) => c.method === 'setWebhook')).toBe(false);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
