// Webhook mode keeps one chat's updates in order: Telegram posts updates in parallel (up to
// max_connections), so without per-chat sequencing /subscribe and /stop could finish in either
// order. The real process, the fake Bot API behind a proxy that holds each reply back a little.
// 20 updates: the most one user is answered in a minute under the policy's message budget
// (issue-15, MESSAGES_PER_MINUTE); past it the rest would be refused, not reordered.
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { DelayProxy } from '../helpers/delay-proxy.ts';
import { startDelayProxy } from '../helpers/delay-proxy.ts';
import type { FakeBotApi } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';
import { commandMessage } from '../helpers/updates.ts';
import { MESSAGES_PER_MINUTE } from '../../src/bot/policy.ts';

const SECRET = 'a-secret-of-sufficient-length';
const USER = { id: 9101, is_bot: false as const, first_name: 'Olha', language_code: 'en' };
const UPDATES = MESSAGES_PER_MINUTE;

let api: FakeBotApi | undefined;
let proxy: DelayProxy | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  await bot?.stop('SIGKILL');
  await proxy?.close();
  await api?.close();
});

function post(port: number, update: Record<string, unknown>): Promise<number> {
  return new Promise((resolve, reject) => {
    // Only WEBHOOK_URL's path is served (issue-15).
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/hook', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify(update));
  });
}

describe('webhook mode, one chat', () => {
  it('G10: 20 concurrent updates of one chat are handled one at a time, in order', async () => {
    api = await startFakeBotApi();
    proxy = await startDelayProxy(api.apiRoot, (method) => (method === 'sendMessage' ? 40 : 0));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    bot = startBotProcess({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: proxy.apiRoot, DATABASE_PATH: join(tempDir(), 'order.db'), CORPUS_DIR: SHIPPED_CORPUS,
      WEBHOOK_URL: 'https://bot.example.org/hook', WEBHOOK_SECRET: SECRET, WEBHOOK_PORT: String(port),
    });
    await api.waitFor((c) => c.method === 'setWebhook', 30_000);
    await new Promise((r) => setTimeout(r, 300)); // the server listens before setWebhook is called
    const posts: Array<Promise<number>> = [];
    for (let i = 1; i <= UPDATES; i += 1) {
      // `add`: each update adds its word (a bare `/keywords +w` replaces the list since issue 17).
      posts.push(post(port, { update_id: 1000 + i, ...commandMessage(`/keywords add +w${i}`, USER) }));
      await new Promise((r) => setTimeout(r, 5)); // sent in update_id order, without waiting for answers
    }
    expect(new Set(await Promise.all(posts))).toEqual(new Set([200]));
    await api.waitFor(() => proxy!.held.filter((h) => h.method === 'sendMessage').length >= UPDATES, 60_000);
    const replies = proxy.held.filter((h) => h.method === 'sendMessage').sort((a, b) => a.receivedAt - b.receivedAt);
    // One at a time: each reply is asked for only after the previous one was answered.
    for (let i = 1; i < replies.length; i += 1) expect(replies[i]!.receivedAt).toBeGreaterThanOrEqual(replies[i - 1]!.releasedAt);
    // In order, with nothing interleaved: each handler saw every earlier handler's change and no
    // later one — every reply lists the previous reply's keywords plus exactly one more.
    const listed = replies.map((r) => /must have one of: ([^;]*);/.exec(String(r.params.text))?.[1]?.split(', ') ?? []);
    listed.forEach((words, i) => expect(words).toEqual([...(listed[i - 1] ?? []), words[words.length - 1]]));
    expect(new Set(listed[listed.length - 1])).toEqual(new Set(Array.from({ length: UPDATES }, (_, k) => `w${k + 1}`)));
  }, 90_000);
});
