// D1: the token (and its secret part) never appears in anything the process prints or logs, with
// network errors induced in polling (built-in and runner), webhook replies and the digest sender,
// at the most verbose log level.
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { prepareDatabase } from '../helpers/fanout.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';
import type { TestUser } from '../helpers/updates.ts';
import { commandMessage } from '../helpers/updates.ts';

const SECRET_PART = FAKE_TOKEN.split(':')[1] as string;
const WEBHOOK_SECRET = 'webhook-secret-never-logged-42';
const USER: TestUser = { id: 4711, is_bot: false, first_name: 'Iryna', language_code: 'en' };
let api: FakeBotApi | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.stop('SIGKILL');
  await api?.close();
});

const help = (updateId: number) => ({ update_id: updateId, ...commandMessage('/help', USER) });

/** The fake answers some calls by destroying the socket, others with 500s, the rest normally. */
async function flakyApi(): Promise<FakeBotApi> {
  const fake = await startFakeBotApi();
  fake.script({ method: 'getUpdates', times: 3, respond: 'destroy-socket' });
  fake.script({ method: 'sendMessage', times: 4, respond: 'destroy-socket' });
  fake.script({ method: 'sendMessage', times: 3, respond: { error_code: 502, description: 'Bad Gateway' } });
  return fake;
}

function expectNoSecrets(output: string): void {
  expect(output.length).toBeGreaterThan(0);
  expect(output).not.toContain(FAKE_TOKEN);
  expect(output).not.toContain(SECRET_PART);
  expect(output).not.toContain(WEBHOOK_SECRET);
}

describe('D1: token redaction under network errors', () => {
  for (const mode of ['builtin', 'runner'] as const) {
    it(`D1: ${mode} polling and the digest sender, with sockets dropped and 5xx, print no token`, async () => {
      api = await flakyApi();
      const dbPath = join(tempDir('sd-d1-'), 'd1.db');
      prepareDatabase(dbPath, 5); // five digests due now: the sender meets the same errors
      bot = startBotProcess({
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: SHIPPED_CORPUS,
        LOG_LEVEL: 'trace', POLLING_MODE: mode, DIGEST_TICK_SECONDS: '2',
      });
      api.pushUpdate(help(1));
      await api.waitFor((c) => c.method === 'sendMessage' && c.ok && c.params.chat_id === USER.id, 60_000);
      await api.waitFor(() => api?.calls.filter((c) => c.method === 'sendMessage' && c.ok).length === 6, 60_000);
      expect(api.calls.some((c) => c.error?.description === 'socket destroyed')).toBe(true);
      await bot.stop('SIGTERM');
      expectNoSecrets(bot.output());
      expect(bot.output()).toMatch(/"level":(40|50)/); // the errors were logged, just without the token
    }, 120_000);
  }

  it('D1: webhook replies that fail print neither the token nor the webhook secret', async () => {
    api = await flakyApi();
    const port = 20000 + Math.floor(Math.random() * 20000);
    bot = startBotProcess({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(tempDir('sd-d1-'), 'w.db'), CORPUS_DIR: SHIPPED_CORPUS,
      LOG_LEVEL: 'trace', WEBHOOK_URL: 'https://bot.example.org/hook', WEBHOOK_SECRET, WEBHOOK_PORT: String(port),
    });
    await api.waitFor((c) => c.method === 'setWebhook', 30_000);
    const post = (update: object) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/hook', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(JSON.stringify(update));
      });
    // Four people, so their failing replies retry side by side (one chat's updates run in order).
    for (let i = 1; i <= 4; i += 1) await post({ update_id: 100 + i, ...commandMessage('/help', { ...USER, id: USER.id + i }) });
    await api.waitFor((c) => c.method === 'sendMessage' && c.ok, 60_000);
    await bot.stop('SIGTERM');
    expectNoSecrets(bot.output());
  }, 90_000);
});
