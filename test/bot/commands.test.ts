// Every command, button and inline query through bot.handleUpdate with a recording API layer.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { parseTelegramHtml } from '../../src/telegram/parse-html.ts';
import type { Store } from '../../src/store/index.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { seededStore } from '../helpers/store.ts';

const USER = { id: 501, is_bot: false, first_name: 'Olena', language_code: 'en' };
const UK_USER = { id: 502, is_bot: false, first_name: 'Оксана', language_code: 'uk' };

function message(text: string, from = USER, chat: { id: number; type: string; title?: string } = { id: from.id, type: 'private' }) {
  const command = /^\/[\w@]+/.exec(text)?.[0];
  return {
    message: {
      message_id: Math.floor(Math.random() * 1e6), date: 1_700_000_000, text, from, chat,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
    },
  } as any;
}
function press(data: string, from = USER, messageId = 101) {
  return {
    callback_query: { id: `cb${Math.random()}`, from, chat_instance: 'x', data, message: { message_id: messageId, date: 0, chat: { id: from.id, type: 'private' }, text: '' } },
  } as any;
}

/** Every text the bot sent must be valid Telegram HTML within 4096 characters. */
function expectValid(calls: Array<{ method: string; payload: any }>) {
  for (const c of calls) {
    const text = c.method === 'answerInlineQuery' ? null : c.payload.text;
    // Plain-text results (citations) are not HTML: Telegram does not parse them.
    const texts: string[] = text ? [text] : (c.payload.results ?? []).filter((r: any) => r.input_message_content.parse_mode === 'HTML').map((r: any) => r.input_message_content.message_text);
    for (const t of texts) {
      const parsed = parseTelegramHtml(t);
      expect(parsed.ok, `${c.method}: ${t.slice(0, 200)}`).toBe(true);
      if (parsed.ok) expect(parsed.text.length).toBeLessThanOrEqual(4096);
    }
    for (const row of c.payload.reply_markup?.inline_keyboard ?? []) {
      for (const b of row) if (b.callback_data) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    }
  }
}
const texts = (calls: Array<{ method: string; payload: any }>) => calls.filter((c) => c.payload.text).map((c) => String(c.payload.text));

let store: Store;
let t: ReturnType<typeof recordingBot>;
beforeEach(() => {
  store = seededStore();
  t = recordingBot(store);
});

describe('commands', () => {
  it('/start greets with three example buttons that work', async () => {
    const calls = await t.handle(message('/start'));
    expectValid(calls);
    expect(texts(calls)[0]).toContain('Hello, Olena');
    const buttons = calls[0]?.payload.reply_markup.inline_keyboard.flat();
    expect(buttons).toHaveLength(3);
    for (const b of buttons) {
      const after = await t.handle(press(b.callback_data));
      expectValid(after);
      expect(after.some((c) => c.method === 'sendMessage')).toBe(true);
    }
  });

  it('/help lists the same commands as the menu', async () => {
    const calls = await t.handle(message('/help'));
    for (const c of ['/latest', '/search', '/actor', '/topic', '/show', '/actors', '/topics', '/about', '/language']) expect(texts(calls)[0]).toContain(c);
    expect(texts(calls)[0]).not.toContain('/reindex');
  });

  it('/latest pages forward and back with ◀ ▶ editing the same message', async () => {
    const first = await t.handle(message('/latest 3'));
    expectValid(first);
    expect(texts(first)[0]).toContain('1–3');
    const more = first[0]?.payload.reply_markup.inline_keyboard.flat().find((b: any) => b.text.includes('▶'));
    const second = await t.handle(press(more.callback_data));
    expectValid(second);
    const edit = second.find((c) => c.method === 'editMessageText');
    expect(edit?.payload.text).toContain('4–6');
    const back = edit?.payload.reply_markup.inline_keyboard.flat().find((b: any) => b.text.includes('◀'));
    const third = await t.handle(press(back.callback_data));
    expect(third.find((c) => c.method === 'editMessageText')?.payload.text).toBe(texts(first)[0]);
  });

  it('/actor finds the same statements under any spelling', async () => {
    const lists = [];
    for (const name of ['zelenskiy', 'Зеленський', 'Zelensky']) {
      const calls = await t.handle(message(`/actor ${name}`));
      expectValid(calls);
      lists.push(texts(calls)[0]?.replace(/\/show_\d+/g, ''));
    }
    expect(new Set(lists).size).toBe(1);
    expect(lists[0]).toContain('Volodymyr Zelensky');
  });

  it('/actor with a misspelt name offers the closest people as buttons', async () => {
    const calls = await t.handle(message('/actor Rutt'));
    expect(texts(calls)[0]).toContain('No one called “Rutt” exactly');
    expect(calls[0]?.payload.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(['Mark Rutte (3)']);
    const t2 = await t.handle(message('/actor Zelenskky'));
    expect(texts(t2)[0]).toContain('Volodymyr Zelensky');
    const unknown = await t.handle(message('/actor Napoleon'));
    expectValid(unknown);
    expect(unknown[0]?.payload.reply_markup.inline_keyboard.flat().length).toBeGreaterThan(0);
  });

  it('/topic by slug, label or words; /topics and /actors list counts', async () => {
    for (const q of ['sanctions', 'Air defense', 'санкції']) {
      const calls = await t.handle(message(`/topic ${q}`));
      expectValid(calls);
      expect(texts(calls)[0]).toMatch(/Topic: (Sanctions|Air defense)/);
    }
    const topics = await t.handle(message('/topics'));
    expect(topics[0]?.payload.reply_markup.inline_keyboard.flat().some((b: any) => /North Korea \(\d+\)/.test(b.text))).toBe(true);
    const actors = await t.handle(message('/actors'));
    expect(actors[0]?.payload.reply_markup.inline_keyboard.flat().some((b: any) => /Volodymyr Zelensky \(\d+\)/.test(b.text))).toBe(true);
  });

  it('/search highlights the words and says when nothing is found', async () => {
    const calls = await t.handle(message('/search North Korean troops'));
    expectValid(calls);
    expect(texts(calls)[0]).toMatch(/<b>troops<\/b>/i);
    const none = await t.handle(message('/search qwertyuiop'));
    expect(texts(none)[0]).toContain('Nothing found');
  });

  it('/show gives a card with source and link status; Full text and translation buttons work', async () => {
    const calls = await t.handle(message('/show 1'));
    expectValid(calls);
    const card = texts(calls)[0] ?? '';
    expect(card).toContain('Volodymyr Zelensky');
    expect(card).toContain('link unknown');
    expect(card).toContain('href="https://x.com/ZelenskyyUa"');
    const buttons = calls[0]?.payload.reply_markup.inline_keyboard.flat();
    const translation = buttons.find((b: any) => b.callback_data.startsWith('s:'));
    const uk = await t.handle(press(translation.callback_data));
    expect(texts(uk)[0]).toContain('Провів телефонну розмову');
    const tap = await t.handle(message('/show_2'));
    expect(texts(tap)[0]).toContain('Провів телефонну розмову');
    const missing = await t.handle(message('/show 99999'));
    expect(texts(missing)[0]).toContain('no statement #99999');
  });

  it('/about tells size, range and sources', async () => {
    const calls = await t.handle(message('/about'));
    expect(texts(calls)[0]).toMatch(/65 statements/);
    expect(texts(calls)[0]).toContain('Arab News');
  });
});

describe('languages', () => {
  it('answers a Ukrainian-speaking user in Ukrainian, and /language switches and is remembered', async () => {
    const calls = await t.handle(message('/latest', UK_USER));
    expect(texts(calls)[0]).toContain('Найновіші заяви');
    const choose = await t.handle(message('/language', UK_USER));
    expect(choose[0]?.payload.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data)).toEqual(['l:en', 'l:uk']);
    await t.handle(press('l:en', UK_USER));
    const after = await t.handle(message('/latest', UK_USER));
    expect(texts(after)[0]).toContain('Latest statements');
  });
});

describe('groups', () => {
  const group = { id: -100123, type: 'supergroup', title: 'Newsroom' };
  it('answers /cmd@thisbot as a reply, ignores /cmd@otherbot and commands not at the start', async () => {
    const mine = await t.handle(message('/latest@digest_test_bot', USER, group));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.payload.reply_parameters?.message_id).toBeDefined();
    expect(await t.handle(message('/latest@OtherBot', USER, group))).toEqual([]);
    expect(await t.handle(message('hi /latest', USER, group))).toEqual([]);
  });

  it('D3: addressed and plain commands at offset 0 trigger; other bots, mid-text, edited messages and captions do not', async () => {
    expect(await t.handle(message('/search@digest_test_bot drones', USER, group))).toHaveLength(1);
    expect(await t.handle(message('/search drones', USER, group))).toHaveLength(1);
    // The @username part is matched without case, as Telegram clients treat it; the command is not.
    expect(await t.handle(message('/search@Digest_Test_Bot drones', USER, group))).toHaveLength(1);
    expect(await t.handle(message('/SEARCH@digest_test_bot drones', USER, group))).toEqual([]);
    expect(await t.handle(message('/search@OtherBot drones', USER, group))).toEqual([]);
    expect(await t.handle(message('hi /search drones', USER, group))).toEqual([]);
    const edited = message('/search drones', USER, group).message;
    expect(await t.handle({ edited_message: { ...edited, edit_date: 1 } } as Partial<Update>)).toEqual([]);
    // A caption is not a command (documented choice): a photo captioned "/search x" is ignored.
    const { text: _text, entities, ...photo } = edited;
    expect(await t.handle({ message: { ...photo, photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }], caption: '/search drones', caption_entities: entities } } as Partial<Update>)).toEqual([]);
  });
});

describe('buttons that are stale, forged or not ours', () => {
  it('answers politely and changes nothing', async () => {
    for (const data of ['p:99999:1', 'p:1:50', 'zzz', 'a:notanumber', 'f:99999']) {
      const calls = await t.handle(press(data));
      expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    }
    // Another chat's list: refused.
    const first = await t.handle(message('/latest 2'));
    const more = first[0]?.payload.reply_markup.inline_keyboard.flat()[0];
    const other = await t.handle(press(more.callback_data, UK_USER));
    expect(other.map((c) => c.method)).toEqual(['answerCallbackQuery']);
  });
});

describe('inline mode', () => {
  it('returns cards with unique ids and next_offset; empty query gives latest', async () => {
    const calls = await t.handle({ inline_query: { id: 'iq1', from: USER, query: 'North Korea', offset: '' } } as any);
    expectValid(calls);
    const answer = calls[0]?.payload as any;
    // 20 statements, each as a card and as a citation.
    expect(answer.results.length).toBe(40);
    expect(answer.results.filter((r: any) => r.input_message_content.parse_mode === 'HTML')).toHaveLength(20);
    expect(new Set(answer.results.map((r: any) => r.id)).size).toBe(40);
    expect(answer.next_offset).not.toBe('');
    const page2 = await t.handle({ inline_query: { id: 'iq2', from: USER, query: 'North Korea', offset: answer.next_offset } } as any);
    const ids2 = page2[0]?.payload.results.map((r: any) => r.id);
    expect(ids2.some((id: string) => answer.results.some((r: any) => r.id === id))).toBe(false);
    const empty = await t.handle({ inline_query: { id: 'iq3', from: USER, query: '', offset: '' } } as any);
    expect(empty[0]?.payload.results.length).toBe(40);
  });
});

describe('admin commands', () => {
  it('D4: refuses non-admins, anonymous group admins and groups; allows an admin in private; audits all', async () => {
    const refused = await t.handle(message('/reindex'));
    expect(texts(refused)[0]).toContain('administrators');
    const anonymous = message('/stats', { ...USER, id: 1087968824 }, { id: -100555, type: 'supergroup' });
    anonymous.message.sender_chat = { id: -100555, type: 'supergroup', title: 'x' };
    expect(texts(await t.handle(anonymous))[0]).toContain('administrators');
    const adminInGroup = await t.handle(message('/stats', { ...USER, id: 777 }, { id: -100555, type: 'supergroup' }));
    expect(texts(adminInGroup)[0]).toContain('administrators');
    const ok = await t.handle(message('/stats', { ...USER, id: 777 }));
    expect(texts(ok)[0]).toContain('statements: 65');
    const audit = store.db.prepare('SELECT user_id AS u, allowed FROM audit_log ORDER BY id').all();
    expect(audit).toEqual([
      { u: 501, allowed: 0 }, { u: 1087968824, allowed: 0 }, { u: 777, allowed: 0 }, { u: 777, allowed: 1 },
    ]);
  });
});

describe('D6: a flooding user', () => {
  it('gets a bounded number of answers and one slow-down notice; another user is served', async () => {
    const replies: string[] = [];
    for (let i = 0; i < 50; i += 1) replies.push(...texts(await t.handle(message(`/search war ${i}`))));
    const slow = replies.filter((r) => r.includes('faster than I can'));
    expect(slow).toHaveLength(1);
    // A burst of SEARCH_BURST (8) is answered; the rest wait for the bucket to refill.
    expect(replies.length - slow.length).toBe(8);
    const other = await t.handle(message('/search Putin', UK_USER));
    expect(texts(other)[0]).toContain('Пошук');
  });
});

describe('errors', () => {
  it('A12: a failing handler is logged and the user told; the next update works', async () => {
    const broken = recordingBot(store, { reindex: () => { throw new Error('disk on fire'); } });
    const calls = await broken.handle(message('/reindex', { ...USER, id: 777 }));
    expect(texts(calls)[0]).toContain('something went wrong');
    const next = await broken.handle(message('/latest'));
    expect(texts(next)[0]).toContain('Latest statements');
  });

  it('A6: handles a redelivered update once', async () => {
    const update = { update_id: 9001, ...message('/latest') };
    const first = t.calls.length;
    await t.bot.handleUpdate(update);
    await t.bot.handleUpdate(update);
    expect(t.calls.length - first).toBe(1);
  });
});
