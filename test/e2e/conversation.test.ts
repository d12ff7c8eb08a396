// The real process, started as `npm start` starts it, against the fake Bot API on 127.0.0.1:
// a scripted conversation through every command; the fake records zero rejected calls.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../helpers/bot-process.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import type { FakeBotApi, FakeCall } from '../helpers/fake-bot-api.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

const EN = { id: 501, is_bot: false, first_name: 'Olena', language_code: 'en' };
const UK = { id: 502, is_bot: false, first_name: 'Оксана', language_code: 'uk' };
const ADMIN = { id: 777, is_bot: false, first_name: 'Admin', language_code: 'en' };
const GROUP = { id: -100777, type: 'supergroup', title: 'Newsroom' };

let api: FakeBotApi;
let bot: BotProcess;
let messageId = 1;

function say(text: string, from = EN, chat: Record<string, unknown> = { id: from.id, type: 'private' }): void {
  const command = /^\/[\w@]+/.exec(text)?.[0];
  api.pushUpdate({
    message: {
      message_id: messageId++, date: Math.floor(Date.now() / 1000), text, from, chat,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
    },
  });
}

/** The next bot call (of these methods) to this chat after the calls already seen. */
async function nextReply(chatId: number, methods = ['sendMessage', 'editMessageText']): Promise<FakeCall> {
  const seen = api.calls.length;
  return api.waitFor((c) => api.calls.indexOf(c) >= seen && methods.includes(c.method) && Number(c.params.chat_id) === chatId, 15_000);
}
async function ask(text: string, from = EN, chat: Record<string, unknown> = { id: from.id, type: 'private' }): Promise<FakeCall> {
  const reply = nextReply(Number(chat.id));
  say(text, from, chat);
  return reply;
}
async function press(call: FakeCall, match: RegExp, from = EN): Promise<FakeCall> {
  const button = (call.params.reply_markup.inline_keyboard as Array<Array<{ text: string; callback_data: string }>>).flat().find((b) => match.test(b.text));
  if (!button) throw new Error(`no button ${match} in ${JSON.stringify(call.params.reply_markup)}`);
  const reply = nextReply(from.id);
  api.pushUpdate({
    callback_query: { id: String(messageId++), from, chat_instance: 'c', data: button.callback_data, message: { message_id: call.result.message_id, date: 0, chat: { id: from.id, type: 'private' }, text: 'x' } },
  });
  return reply;
}

beforeAll(async () => {
  api = await startFakeBotApi();
  bot = startBotProcess({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATABASE_PATH: join(tempDir(), 'e2e.db'),
    CORPUS_DIR: SHIPPED_CORPUS,
    ADMIN_IDS: '777',
  });
  await api.waitFor((c) => c.method === 'getUpdates', 30_000);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await api?.close();
});

describe('a conversation with the real process', () => {
  it('registers the command menu in English and Ukrainian', () => {
    const menus = api.calls.filter((c) => c.method === 'setMyCommands' && c.ok);
    expect(menus.map((c) => c.params.language_code ?? 'default')).toEqual(['default', 'en', 'uk']);
    expect(menus[2]?.params.commands.find((c: any) => c.command === 'search').description).toMatch(/Пошук/);
  });

  it('answers every command, pages forward and back, and serves a Ukrainian user', async () => {
    expect((await ask('/start')).params.text).toContain('Hello, Olena');
    expect((await ask('/help')).params.text).toContain('/search');
    const latest = await ask('/latest 3');
    expect(latest.params.text).toContain('1–3');
    const forward = await press(latest, /▶/);
    expect(forward.method).toBe('editMessageText');
    expect(forward.params.text).toContain('4–6');
    const back = await press(forward, /◀/);
    expect(back.params.text).toContain('1–3');
    expect((await ask('/search North Korean troops')).params.text).toMatch(/<b>troops<\/b>/i);
    expect((await ask('/actor zelenskiy')).params.text).toContain('Statements by Volodymyr Zelensky');
    expect((await ask('/topic sanctions')).params.text).toContain('Topic: Sanctions');
    const card = await ask('/show 1');
    expect(card.params.text).toContain('link unknown');
    // The version button names the language it opens (issue 17) and replaces the card in place.
    expect((await press(card, /In Ukrainian/)).params.text).toContain('Провів телефонну розмову');
    expect((await ask('/actors')).params.reply_markup.inline_keyboard.length).toBeGreaterThan(0);
    expect((await ask('/topics')).params.reply_markup.inline_keyboard.length).toBeGreaterThan(0);
    expect((await ask('/about')).params.text).toContain('65 statements');
    expect((await ask('/stats')).params.text).toContain('administrators');
    expect((await ask('/stats', ADMIN)).params.text).toContain('statements: 65');
    expect((await ask('/reindex', ADMIN)).params.text).toContain('0 added');

    expect((await ask('/actor Зеленський', UK)).params.text).toContain('Заяви: Володимир Зеленський');
    const language = await ask('/language', UK);
    await press(language, /English/, UK);
    expect((await ask('/latest', UK)).params.text).toContain('Latest statements');
  }, 60_000);

  it('in a group, answers /cmd@thisbot as a reply and ignores another bot’s command', async () => {
    say('/latest@OtherBot', EN, GROUP);
    const reply = await ask('/latest@digest_test_bot', EN, GROUP);
    expect(reply.params.reply_parameters.message_id).toBe(messageId - 1);
    // Only the addressed command was answered in the group.
    expect(api.calls.filter((c) => Number(c.params.chat_id) === GROUP.id && c.method === 'sendMessage')).toHaveLength(1);
  });

  it('answers an inline query with cards', async () => {
    api.pushUpdate({ inline_query: { id: 'iq-1', from: EN, query: 'Yoon', offset: '' } });
    const answer = await api.waitFor((c) => c.method === 'answerInlineQuery' && c.params.inline_query_id === 'iq-1');
    expect(answer.ok).toBe(true);
    expect(answer.params.results.length).toBeGreaterThan(5);
  });

  it('made no call the fake Telegram rejected, and never printed the token', async () => {
    expect(api.rejected()).toEqual([]);
    const { code } = await bot.stop('SIGTERM');
    expect(code).toBe(0);
    expect(bot.output()).not.toContain(FAKE_TOKEN.split(':')[1]);
  });
});
