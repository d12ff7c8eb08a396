// Issue 17: a list page for a phone — the outlet once when every item shares it, "1–5 of 65",
// no "1–1", a report's headline, and items that open differently.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { toPlainText } from '../../src/telegram/html.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { seededStore } from '../helpers/store.ts';

const USER = { id: 731, is_bot: false, first_name: 'Anna', language_code: 'en' };
const message = (text: string) => ({ message: { message_id: 5, date: 0, text, from: USER, chat: { id: USER.id, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] } }) as any;

let store: Store;
let t: ReturnType<typeof recordingBot>;
beforeAll(() => {
  store = seededStore();
  t = recordingBot(store);
});
const page = async (text: string): Promise<{ html: string; plain: string }> => {
  const html = String((await t.handle(message(text))).find((c) => c.method === 'sendMessage')?.payload.text ?? '');
  return { html, plain: toPlainText(html) };
};

describe('a list page', () => {
  it('names a shared outlet once, under the page, and counts the list', async () => {
    const { plain } = await page('/latest 4');
    expect(plain).toContain('Latest statements · 1–4 of 65');
    expect(plain.match(/Arab News/g)).toHaveLength(1);
    expect(plain.trimEnd().endsWith('Source: Arab News')).toBe(true);
  });

  it('names each outlet on its item when they differ, and a single item is "1", not "1–1"', async () => {
    const { plain } = await page('/latest 8');
    // The 5th–6th newest are an Arab News report and a post on X: two outlets on one page.
    expect(plain).toMatch(/\/show_\d+ · Arab News/);
    expect(plain).toMatch(/\/show_\d+ · Volodymyr Zelensky on X/);
    expect((await page('/latest 1')).plain).toContain('Latest statements · 1 of 65');
  });

  it('shows a report’s article title before its words', async () => {
    const { html } = await page('/latest 5');
    expect(html).toContain('<b>Russia will examine Trump’s ‘Board of Peace’ invite: Putin</b>');
  });
});
