// Issue 17's acceptance on the real process (`npm start`'s entry) against the strict fake Bot API,
// in both languages: names in the reader's script, a translation button that names the language
// it opens, /latest without repeats and with report headlines, Full text and back in place,
// channel digests written for channel readers, and a greeting when the bot joins a group.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { toPlainText } from '../../src/telegram/html.ts';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi, FakeCall } from '../helpers/fake-bot-api.ts';
import { FAKE_BOT, FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { reference, SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';
import { commandMessage } from '../helpers/updates.ts';
import type { TestUser } from '../helpers/updates.ts';

const EN: TestUser = { id: 1701, is_bot: false, first_name: 'Anna', language_code: 'en' };
const UK: TestUser = { id: 1702, is_bot: false, first_name: 'Оксана', language_code: 'uk' };
const CHANNEL_EN = -1001701;
const CHANNEL_UK = -1001702;
const GROUP = { id: -1001703, type: 'supergroup', title: 'Newsroom' };

let api: FakeBotApi;
let bot: BotProcess;
let dbPath: string;
let corpus: string;
let callbackId = 1;

/** The bot's next accepted send or edit in this chat, after the calls already seen. */
function nextIn(chatId: number, methods = ['sendMessage', 'editMessageText']): Promise<FakeCall> {
  const seen = api.calls.length;
  return api.waitFor((c) => api.calls.indexOf(c) >= seen && c.ok && methods.includes(c.method) && Number(c.params.chat_id) === chatId, 15_000);
}
async function ask(user: TestUser, text: string): Promise<FakeCall> {
  const reply = nextIn(user.id);
  api.pushUpdate(commandMessage(text, user));
  return reply;
}
const buttons = (call: FakeCall): Array<{ text: string; callback_data?: string; url?: string }> => (call.params.reply_markup?.inline_keyboard ?? []).flat();
async function press(user: TestUser, call: FakeCall, label: string | RegExp): Promise<FakeCall> {
  const button = buttons(call).find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
  if (!button?.callback_data) throw new Error(`no button ${String(label)} in ${JSON.stringify(buttons(call).map((b) => b.text))}`);
  const reply = nextIn(user.id);
  api.pushUpdate({
    callback_query: { id: `cb${callbackId++}`, from: user, chat_instance: 'c', data: button.callback_data, message: { message_id: call.result.message_id, date: 0, chat: { id: user.id, type: 'private' }, text: 'x' } },
  });
  return reply;
}
const plain = (call: FakeCall): string => toPlainText(String(call.params.text));

/** Table people whose Ukrainian name differs from the Latin one: a Ukrainian reader must never see the Latin. */
const TABLE_NAMES = reference().actors.filter((a) => a.uk && a.uk !== a.canonical);

/** Every page of a /latest list, by pressing ▶ until there is none. */
async function allPages(user: TestUser): Promise<string[]> {
  let page = await ask(user, '/latest');
  const pages = [plain(page)];
  while (buttons(page).some((b) => b.text.includes('▶'))) {
    page = await press(user, page, /▶/);
    expect(page.method).toBe('editMessageText');
    pages.push(plain(page));
  }
  return pages;
}

/** The items of a list page: "N. who · date · kind", then the headline/words, then "/show_N…". */
function items(page: string): Array<{ id: number; head: string; body: string }> {
  return page.split('\n\n').filter((block) => /^\d+\. /.test(block)).map((block) => {
    const lines = block.split('\n');
    const show = lines.findIndex((l) => /^\/show_\d+/.test(l));
    return { id: Number(/^\/show_(\d+)/.exec(lines[show] ?? '')?.[1]), head: lines[0] ?? '', body: lines.slice(1, show).join(' ') };
  });
}

beforeAll(async () => {
  api = await startFakeBotApi();
  corpus = tempDir();
  cpSync(SHIPPED_CORPUS, corpus, { recursive: true });
  dbPath = join(tempDir(), 'phone.db');
  bot = startBotProcess({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: corpus, DIGEST_TICK_SECONDS: '2',
  });
  await api.waitFor((c) => c.method === 'getUpdates', 60_000);
}, 90_000);

afterAll(async () => {
  await bot?.stop();
  await api?.close();
});

describe('names and versions in the reader’s language', () => {
  it('a Ukrainian reader sees table people in Cyrillic, and the version button names the language it opens', async () => {
    const card = await ask(UK, '/show 1');
    // The speaker line (first) and the mentions: the words quoted and the outlet's own name are shown as published.
    const lines = plain(card).split('\n');
    const text = [lines[0], ...lines.filter((line) => line.startsWith('Згадано:'))].join('\n');
    expect(text).toContain('Володимир Зеленський');
    expect(text).toContain('Згадано: Юн Сок Йоль');
    for (const a of TABLE_NAMES) expect(text).not.toContain(a.canonical);
    const sentBefore = api.sent(UK.id).length;
    // Statement 1 is English; its Ukrainian version is statement 2.
    const ukrainian = await press(UK, card, 'Українською');
    expect(ukrainian.method).toBe('editMessageText');
    expect(plain(ukrainian)).toContain('Провів телефонну розмову');
    const english = await press(UK, ukrainian, 'Англійською');
    expect(plain(english)).toContain('I had a call with');
    expect(api.sent(UK.id).length).toBe(sentBefore);
    // And the other way round for an English reader.
    const enCard = await ask(EN, '/show 2');
    expect(plain(enCard)).toContain('Volodymyr Zelensky');
    expect(plain(await press(EN, enCard, 'In English'))).toContain('I had a call with');
  });

  it('/start shows examples in the reader’s language; /about counts with the plural rule, in the chat’s zone', async () => {
    const start = await ask(UK, '/start');
    expect(buttons(start).map((b) => b.text)).toContain('/actor Зеленський');
    const about = plain(await ask(UK, '/about'));
    expect(about).toMatch(/65 заяв від \d+ осіб/);
    expect(about).toMatch(/Останнє оновлення: \d+ \S+ \d{4}, \d\d:\d\d \(Europe\/Kyiv\)/);
  });
});

describe('/latest on the shipped corpus', () => {
  for (const user of [EN, UK]) {
    it(`(${user.language_code}) no two items open with the same 80 characters; report items show their article's title`, async () => {
      const pages = await allPages(user);
      const all = pages.flatMap(items);
      expect(all.length).toBe(65);
      expect(pages[0]).toMatch(user === EN ? /1–5 of 65/ : /1–5 з 65/);
      const openings = all.map((i) => i.body.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 80));
      expect(new Set(openings).size).toBe(openings.length);
      const reader = new Database(dbPath, { readonly: true });
      const reports = reader.prepare("SELECT id, title, text FROM statements WHERE kind = 'report' AND title IS NOT NULL").all() as Array<{ id: number; title: string; text: string }>;
      // Items led by a named speaker (others are led by the source's own attribution phrase, as published).
      const spoken = new Set((reader.prepare("SELECT DISTINCT statement_id AS id FROM statement_actors WHERE role = 'speaker'").all() as Array<{ id: number }>).map((r) => r.id));
      reader.close();
      expect(reports.length).toBeGreaterThan(0);
      for (const r of reports) {
        const item = all.find((i) => i.id === r.id);
        expect(item?.body.startsWith(r.title.slice(0, 50))).toBe(true);
      }
      // Who spoke, in the Ukrainian reader's script.
      const heads = all.filter((i) => spoken.has(i.id)).map((i) => i.head).join('\n');
      if (user === UK) for (const a of TABLE_NAMES) expect(heads).not.toContain(a.canonical);
      if (user === UK) expect(heads).toContain('Юн Сок Йоль');
    }, 60_000);
  }
});

describe('Full text in place', () => {
  it('Full text, its parts and « Back edit the card: the chat’s message count does not change', async () => {
    const reader = new Database(dbPath, { readonly: true });
    const long = reader.prepare('SELECT id, text FROM statements WHERE length(text) > 1000 ORDER BY length(text) DESC LIMIT 1').get() as { id: number; text: string };
    reader.close();
    for (const user of [EN, UK]) {
      const card = await ask(user, `/show ${long.id}`);
      const before = api.sent(user.id).length;
      const full = await press(user, card, user === EN ? 'Full text' : 'Повний текст');
      expect(full.method).toBe('editMessageText');
      expect(plain(full)).toContain(long.text.slice(-60).trim());
      const back = await press(user, full, user === EN ? '« Back' : '« Назад');
      expect(back.method).toBe('editMessageText');
      expect(plain(back)).toBe(plain(card));
      expect(api.sent(user.id).length).toBe(before);
    }
  });
});

describe('channel digests and groups', () => {
  it('a channel digest has no /show_ commands, no "your" and no settings footer; its links open the card in private', async () => {
    const store = openStore(dbPath, { actors: reference().actors, tagger: reference().tagger });
    const now = new Date();
    const slot = new Date(Math.ceil((now.getTime() + 12_000) / 60_000) * 60_000);
    try {
      for (const [chatId, lang] of [[CHANNEL_EN, 'en'], [CHANNEL_UK, 'uk']] as const) {
        store.subscriptions.subscribe({ chatId, chatType: 'channel', ownerUserId: EN.id, localTime: slot.toISOString().slice(11, 16), timeZone: 'UTC', nextDueAt: slot.toISOString(), now: now.toISOString() });
        store.botState.setChatLanguage(chatId, 'channel', lang, now.toISOString());
      }
    } finally {
      store.db.close();
    }
    const today = now.toISOString().slice(0, 10);
    writeFileSync(join(corpus, 'fresh.jsonl'), [
      { id: 'phone-1', text: 'Air defence shot down forty drones over Kyiv tonight. Repairs start at dawn.', date: today, actor: 'Зеленський', url: 'https://example.org/phone-1' },
      { id: 'phone-2', text: 'Sanctions on the shadow fleet will widen next month.', date: today, actor: 'Mark Rutte', url: 'https://example.org/phone-2' },
    ].map((o) => JSON.stringify(o)).join('\n'));
    bot.child.kill('SIGHUP');
    const [en, uk] = await Promise.all([CHANNEL_EN, CHANNEL_UK].map((id) => api.waitFor((c) => c.method === 'sendMessage' && c.ok && Number(c.params.chat_id) === id, 90_000)));
    for (const digest of [en, uk] as FakeCall[]) {
      const html = String(digest.params.text);
      expect(html).not.toContain('/show_');
      expect(html).not.toMatch(/\/subscribe|\/unsubscribe|\/time|\/keywords/);
      expect(html).not.toMatch(/Your digest|Ваш дайджест/);
      expect(html).toMatch(new RegExp(`href="https://t\\.me/${FAKE_BOT.username}\\?start=show_\\d+"`));
    }
    expect(plain(en as FakeCall)).toContain('Digest for');
    expect(plain(en as FakeCall)).toContain('2 new statements from 2 speakers');
    expect(plain(uk as FakeCall)).toContain('2 нові заяви від 2 авторів');
    expect(plain(uk as FakeCall)).toContain('Марк Рютте');
    // The deep link's start parameter opens that card in a private chat.
    const id = /start=show_(\d+)/.exec(String((uk as FakeCall).params.text))?.[1];
    const card = await ask(UK, `/start show_${id}`);
    expect(plain(card)).toContain(`#${id}`);
  }, 120_000);

  it('greets a group it joins with the admin commands', async () => {
    const greeting = nextIn(GROUP.id);
    api.pushUpdate({
      my_chat_member: {
        chat: GROUP, from: EN, date: 0,
        old_chat_member: { status: 'left', user: FAKE_BOT }, new_chat_member: { status: 'member', user: FAKE_BOT },
      },
    });
    const text = plain(await greeting);
    expect(text).toContain('/subscribe');
    expect(text).toContain('/time 08:30');
  });

  it('made no call the fake Telegram rejected', () => {
    expect(api.rejected()).toEqual([]);
  });
});
