// How the real process treats Telegram's errors and its own configuration.
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';
import type { TestUser } from '../helpers/updates.ts';
import { commandMessage } from '../helpers/updates.ts';

const USER: TestUser = { id: 601, is_bot: false, first_name: 'Taras', language_code: 'en' };
let api: FakeBotApi | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.stop('SIGKILL');
  await api?.close();
  bot = undefined;
  api = undefined;
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api?.apiRoot ?? '', DATABASE_PATH: join(tempDir(), 'b.db'), CORPUS_DIR: SHIPPED_CORPUS, ...extra };
}

describe('Telegram errors', () => {
  it('waits out a 429 and retries; re-sends rejected HTML as plain text', async () => {
    api = await startFakeBotApi();
    api.script({ method: 'sendMessage', respond: { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } });
    api.script({ method: 'sendMessage', respond: { error_code: 400, description: "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0" } });
    bot = startBotProcess(env());
    await api.waitFor((c) => c.method === 'getUpdates', 30_000);
    api.pushUpdate(commandMessage('/help', USER));
    const sent = await api.waitFor((c) => c.method === 'sendMessage' && c.ok);
    const attempts = api.calls.filter((c) => c.method === 'sendMessage');
    expect(attempts.map((c) => c.error?.error_code ?? 200)).toEqual([429, 400, 200]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(sent.params.parse_mode).toBeUndefined();
    expect(sent.params.text).toContain('/search');
    expect(bot.output()).toContain('re-sending as plain text');
  }, 60_000);

  it('A8: stops with a clear message and a non-zero exit when another instance polls (409)', async () => {
    api = await startFakeBotApi();
    api.script({ method: 'getUpdates', times: 5, respond: { error_code: 409, description: 'Conflict: terminated by other getUpdates request' } });
    bot = startBotProcess(env());
    const { code } = await bot.exited;
    expect(code).not.toBe(0);
    expect(bot.output()).toContain('another instance is polling');
    expect(api.calls.filter((c) => c.method === 'getUpdates').length).toBeLessThanOrEqual(2);
  }, 60_000);

  it('A9: stops on a revoked token (401) without printing it', async () => {
    api = await startFakeBotApi({ token: '999:OTHER-TOKEN-abcdefghijklmnopqrstuvwx' });
    bot = startBotProcess(env());
    const { code } = await bot.exited;
    expect(code).not.toBe(0);
    expect(bot.output()).toContain('token was rejected');
    expect(bot.output()).not.toContain(FAKE_TOKEN.split(':')[1]);
  }, 60_000);

  it('refuses to start on a bad configuration, one line per problem', async () => {
    bot = startBotProcess({ WEBHOOK_URL: 'https://example.org/hook', DEFAULT_TIMEZONE: 'Nowhere/Else', DATABASE_PATH: join(tempDir(), 'c.db') });
    const { code } = await bot.exited;
    expect(code).toBe(2);
    expect(bot.output()).toContain('DEFAULT_TIMEZONE: must be an IANA time zone');
  }, 60_000);
});

describe('A4: webhook mode', () => {
  it('answers 401 to a request without the right secret, and handles one with it', async () => {
    api = await startFakeBotApi();
    const port = 20000 + Math.floor(Math.random() * 20000);
    bot = startBotProcess(env({ WEBHOOK_URL: 'https://bot.example.org/hook', WEBHOOK_SECRET: 'a-secret-of-sufficient-length', WEBHOOK_PORT: String(port) }));
    await api.waitFor((c) => c.method === 'setWebhook', 30_000);
    const post = (secret?: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ update_id: 5, ...commandMessage('/help', USER) });
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/hook', headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await post()).toBe(401);
    expect(await post('wrong-secret-of-some-length')).toBe(401);
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
    expect(await post('a-secret-of-sufficient-length')).toBe(200);
    await api.waitFor((c) => c.method === 'sendMessage' && c.ok);
    expect(await post('a-secret-of-sufficient-length')).toBe(200); // the same update again: no second reply
    await new Promise((r) => setTimeout(r, 300));
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  }, 60_000);
});
