// Acceptance: a subscriber set to a minute ahead receives one digest through the fake server at
// that minute, built from statements ingested after subscribing, each item with its source link.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi, FakeCall } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';
import type { TestUser } from '../helpers/updates.ts';
import { say as sayAs } from '../helpers/updates.ts';

const USER: TestUser = { id: 801, is_bot: false, first_name: 'Maria', language_code: 'en' };
let api: FakeBotApi;
let bot: BotProcess;

afterAll(async () => {
  await bot?.stop();
  await api?.close();
});

const say = (text: string): Promise<FakeCall> => sayAs(api, USER, text);

describe('digest at the minute', () => {
  it('arrives once, with the new statements and their links', async () => {
    api = await startFakeBotApi();
    const corpus = tempDir();
    cpSync(SHIPPED_CORPUS, corpus, { recursive: true });
    bot = startBotProcess({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(tempDir(), 'd.db'), CORPUS_DIR: corpus,
      DIGEST_TICK_SECONDS: '2',
    });
    await api.waitFor((c) => c.method === 'getUpdates', 30_000);
    await say('/subscribe');
    await say('/timezone UTC');
    // The next whole minute, with at least 15 s to go so the statements land first.
    const slot = new Date(Math.ceil((Date.now() + 15_000) / 60_000) * 60_000);
    const hhmm = slot.toISOString().slice(11, 16);
    expect((await say(`/time ${hhmm}`)).params.text).toContain(`Digest time set to ${hhmm}`);

    writeFileSync(join(corpus, 'fresh.jsonl'), [
      { id: 'fresh-1', text: 'Air defense shot down forty drones over Kyiv tonight. Repairs start at dawn.', date: new Date().toISOString().slice(0, 10), actor: 'Зеленський', url: 'https://example.org/fresh-1' },
      { id: 'fresh-2', text: 'Sanctions on the shadow fleet will widen next month.', date: new Date().toISOString().slice(0, 10), actor: 'Денис Шмигаль', url: 'https://example.org/fresh-2' },
    ].map((o) => JSON.stringify(o)).join('\n'));
    bot.child.kill('SIGHUP');
    await new Promise((r) => setTimeout(r, 1500));

    const digest = await api.waitFor((c) => c.method === 'sendMessage' && c.ok && String(c.params.text).includes('Your digest'), 90_000).catch((e) => { console.log(bot.output().slice(-3000)); throw e; });
    expect(digest.at).toBeGreaterThanOrEqual(slot.getTime());
    expect(digest.at).toBeLessThan(slot.getTime() + 10_000);
    const text = String(digest.params.text);
    expect(text).toContain('2 new statements');
    expect(text).toContain('href="https://example.org/fresh-1"');
    expect(text).toContain('href="https://example.org/fresh-2"');
    expect(text).toContain('Volodymyr Zelensky');
    expect(text).not.toContain('North Korean'); // the seeds were indexed before subscribing
    expect(digest.params.link_preview_options).toEqual({ is_disabled: true });

    await new Promise((r) => setTimeout(r, 6000));
    expect(api.sent(USER.id).filter((c) => String(c.params.text).includes('Your digest'))).toHaveLength(1);
    expect(api.rejected()).toEqual([]);
  }, 150_000);
});
