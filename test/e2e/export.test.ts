// The real process against the fake Bot API: /actor Zelensky, then /export sends one document
// (a real multipart upload) whose rows are the list's statements; an export past the heavy
// class's limit (issue-15's policy: 4 a minute a user) gets the slow-down notice instead.
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi, FakeCall } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';
import { commandMessage, say } from '../helpers/updates.ts';

const USER = { id: 601, is_bot: false as const, first_name: 'Marta', language_code: 'en' };

let api: FakeBotApi;
let bot: BotProcess;

beforeAll(async () => {
  api = await startFakeBotApi();
  bot = startBotProcess({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_PATH: join(tempDir(), 'export.db'),
    CORPUS_DIR: SHIPPED_CORPUS,
    // Searches have their own limit (the policy's search class), which /export does not share.
    SEARCH_RATE_PER_MINUTE: '1',
  });
  await api.waitFor((c) => c.method === 'getUpdates', 30_000);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await api?.close();
});

/** Presses ▶ under the list until the last page; returns every /show_ID in order. */
async function listIds(first: FakeCall): Promise<number[]> {
  const ids: number[] = [];
  let call = first;
  for (let n = 0; ; n += 1) {
    ids.push(...[...String(call.params.text).matchAll(/\/show_(\d+)/g)].map((m) => Number(m[1])));
    const more = (call.params.reply_markup?.inline_keyboard ?? []).flat().find((b: { text: string }) => b.text.includes('▶'));
    if (!more) return ids;
    const seen = api.calls.length;
    api.pushUpdate({
      callback_query: { id: `cb${n}`, from: USER, chat_instance: 'c', data: more.callback_data, message: { message_id: first.result.message_id, date: 0, chat: { id: USER.id, type: 'private' }, text: 'x' } },
    });
    call = await api.waitFor((c) => api.calls.indexOf(c) >= seen && c.method === 'editMessageText' && c.ok);
  }
}

describe('/export end to end', () => {
  it('/actor Zelensky then /export: one document whose rows are the list, whole and in order', async () => {
    const list = await say(api, USER, '/actor Zelensky');
    expect(list.params.text).toContain('Statements by Volodymyr Zelensky');
    const shown = await listIds(list);
    expect(shown.length).toBeGreaterThan(5);

    const seen = api.calls.length;
    api.pushUpdate(commandMessage('/export format:csv', USER));
    const upload = await api.waitFor((c) => api.calls.indexOf(c) >= seen && c.method === 'sendDocument', 20_000);
    expect(upload.ok).toBe(true);
    const { filename, data } = upload.params.document as { filename: string; data: Buffer };
    expect(filename).toMatch(/^statements_actor-volodymyr-zelensky_\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(data, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(shown.length);
    expect(rows.map((r) => Number(r.id))).toEqual(shown);
    expect(upload.params.caption).toContain(`${shown.length} statements`);
    expect(api.documents(USER.id)).toHaveLength(1);
  }, 60_000);

  it('a fifth /export inside the minute: the slow-down notice, and no document', async () => {
    for (let n = 2; n <= 4; n += 1) {
      const seen = api.calls.length;
      api.pushUpdate(commandMessage('/export', USER));
      await api.waitFor((c) => api.calls.indexOf(c) >= seen && c.method === 'sendDocument', 20_000);
    }
    expect(api.documents(USER.id)).toHaveLength(4);
    const reply = await say(api, USER, '/export');
    expect(reply.params.text).toMatch(/Slow down: try again in \d+ s/);
    expect(api.documents(USER.id)).toHaveLength(4);
  }, 60_000);

  it('made no call the fake Telegram rejected', () => {
    expect(api.rejected()).toEqual([]);
  });
});
