// Subscribing and digest settings through bot.handleUpdate.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { addStatements } from '../helpers/digest-fixture.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { seededStore } from '../helpers/store.ts';

const USER = { id: 701, is_bot: false, first_name: 'Iryna', language_code: 'en' };
const OTHER = { id: 702, is_bot: false, first_name: 'Petro', language_code: 'en' };
const GROUP = { id: -100701, type: 'supergroup', title: 'Desk' };

function message(text: string, from = USER, chat: Record<string, unknown> = { id: from.id, type: 'private' }) {
  const command = /^\/[\w@]+/.exec(text)?.[0];
  return { message: { message_id: 5, date: 0, text, from, chat, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}) } } as any;
}
function press(data: string, from = USER, chat: Record<string, unknown> = { id: from.id, type: 'private' }) {
  return { callback_query: { id: 'cb', from, chat_instance: 'x', data, message: { message_id: 101, date: 0, chat, text: '' } } } as any;
}
const texts = (calls: Array<{ payload: any }>) => calls.map((c) => c.payload.text).filter(Boolean) as string[];

let store: Store;
let t: ReturnType<typeof recordingBot>;
beforeEach(() => {
  store = seededStore(new Date('2026-11-20T08:00:00Z'));
  t = recordingBot(store);
  t.setNow(new Date('2026-11-23T09:00:00Z'));
});

describe('/subscribe', () => {
  it('creates a digest with defaults (08:00 Europe/Kyiv, everything) and shows settings with buttons', async () => {
    const calls = await t.handle(message('/subscribe'));
    const s = store.subscriptions.get(USER.id);
    expect(s).toMatchObject({ localTime: '08:00', timeZone: 'Europe/Kyiv', topics: [], actors: [], languagePref: 'both', active: true });
    expect(s?.nextDueAt).toBe('2026-11-24T06:00:00.000Z');
    expect(texts(calls)[0]).toContain('Time: 08:00 (Europe/Kyiv)');
    const data = calls[0]?.payload.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data);
    expect(data).toEqual([`St:${USER.id}:`, `Sa:${USER.id}:`, `Sl:${USER.id}:en`, `Sp:${USER.id}:1`, `Su:${USER.id}:`]);
  });

  it('takes text forms: topic:, actor: in any spelling, lang:', async () => {
    await t.handle(message('/subscribe topic:sanctions actor:zelensky actor:Юн lang:uk'));
    const s = store.subscriptions.get(USER.id);
    expect(s?.topics).toEqual(['sanctions']);
    expect(s?.actors.map((id) => store.actors.byId(id)?.canonical)).toEqual(['Volodymyr Zelensky', 'Yoon Suk Yeol']);
    expect(s?.languagePref).toBe('uk');
    const bad = await t.handle(message('/subscribe topic:gardening'));
    expect(texts(bad)[0]).toContain('did not understand “topic:gardening”');
  });

  it('buttons toggle topics and people, cycle the language, pause and resume', async () => {
    await t.handle(message('/subscribe'));
    await t.handle(press(`St:${USER.id}:drones`));
    await t.handle(press(`St:${USER.id}:nato`));
    await t.handle(press(`St:${USER.id}:drones`));
    const zelensky = store.actors.find('Zelensky').matches[0]?.id;
    await t.handle(press(`Sa:${USER.id}:${zelensky}`));
    await t.handle(press(`Sl:${USER.id}:en`));
    await t.handle(press(`Sp:${USER.id}:1`));
    expect(store.subscriptions.get(USER.id)).toMatchObject({ topics: ['nato'], actors: [zelensky], languagePref: 'en', paused: true });
    await t.handle(press(`Sp:${USER.id}:0`));
    expect(store.subscriptions.get(USER.id)?.paused).toBe(false);
  });

  it('D5: a forged button for another chat changes nothing', async () => {
    await t.handle(message('/subscribe', OTHER));
    const calls = await t.handle(press(`Sp:${OTHER.id}:1`, USER));
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(store.subscriptions.get(OTHER.id)?.paused).toBe(false);
    await t.handle(press(`Su:${OTHER.id}:`, USER));
    expect(store.subscriptions.get(OTHER.id)?.active).toBe(true);
  });
});

describe('time, time zone, keywords', () => {
  it('/time and /timezone (IANA or a city) reschedule; bad values get a clear answer', async () => {
    await t.handle(message('/time 7:15'));
    expect(store.subscriptions.get(USER.id)).toMatchObject({ localTime: '07:15', nextDueAt: '2026-11-24T05:15:00.000Z' });
    const seoul = await t.handle(message('/timezone Seoul'));
    expect(texts(seoul)[0]).toContain('Asia/Seoul');
    expect(store.subscriptions.get(USER.id)?.nextDueAt).toBe('2026-11-23T22:15:00.000Z');
    await t.handle(message('/timezone asia/tokyo'));
    expect(store.subscriptions.get(USER.id)?.timeZone).toBe('Asia/Tokyo');
    expect(texts(await t.handle(message('/timezone Atlantis')))[0]).toContain('not a time zone I know');
    expect(texts(await t.handle(message('/time 25:99')))[0]).toContain('/time 08:30');
  });

  it('/keywords +word -word and clear', async () => {
    await t.handle(message('/keywords +drones +дрони -crimea'));
    expect(store.subscriptions.get(USER.id)).toMatchObject({ include: ['drones', 'дрони'], exclude: ['crimea'] });
    await t.handle(message('/keywords clear'));
    expect(store.subscriptions.get(USER.id)).toMatchObject({ include: [], exclude: [] });
  });
});

describe('/digest preview, /unsubscribe, /stop', () => {
  it('previews exactly what is new since subscribing', async () => {
    await t.handle(message('/subscribe'));
    expect(texts(await t.handle(message('/digest')))[0]).toContain('Nothing new');
    addStatements(store, new Date('2026-11-23T09:30:00Z'), 2);
    t.setNow(new Date('2026-11-23T10:00:00Z'));
    const preview = await t.handle(message('/digest'));
    // One message: the heading joined to the first part (never a burst of messages).
    expect(texts(preview)).toHaveLength(1);
    expect(texts(preview)[0]).toContain('2 new statements');
    expect(texts(preview)[0]).toContain('https://example.org/s/0');
  });

  it('/unsubscribe stops digests but keeps settings; /subscribe turns them back on', async () => {
    await t.handle(message('/subscribe topic:nato'));
    await t.handle(message('/unsubscribe'));
    expect(store.subscriptions.get(USER.id)).toMatchObject({ active: false, topics: ['nato'] });
    await t.handle(message('/subscribe'));
    expect(store.subscriptions.get(USER.id)).toMatchObject({ active: true, topics: ['nato'] });
  });

  it('D12: /stop deletes everything about the chat and confirms; a second /stop is a harmless no-op', async () => {
    await t.handle(message('/subscribe'));
    await t.handle(message('/latest'));
    store.deliveries.create({ chatId: USER.id, date: '2026-11-23', decision: 'digest', items: 1, parts: ['x'], now: 'n' });
    expect(texts(await t.handle(message('/stop')))[0]).toContain('everything stored about this chat is deleted');
    for (const table of ['subscriptions', 'deliveries', 'result_lists']) {
      const column = table === 'subscriptions' || table === 'deliveries' || table === 'result_lists' ? 'chat_id' : 'id';
      expect(store.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`).get(USER.id)).toEqual({ n: 0 });
    }
    expect(texts(await t.handle(message('/stop')))[0]).toContain('Nothing is stored');
  });
});

describe('groups and membership', () => {
  it('only admins change a group’s digest', async () => {
    expect(texts(await t.handle(message('/subscribe', USER, GROUP)))[0]).toContain('Only the group’s admins');
    expect(store.subscriptions.get(GROUP.id)).toBeUndefined();
    t.memberStatus.set(USER.id, 'administrator');
    await t.handle(message('/subscribe', USER, GROUP));
    expect(store.subscriptions.get(GROUP.id)?.active).toBe(true);
    const byMember = await t.handle(press(`Sp:${GROUP.id}:1`, OTHER, GROUP));
    expect(byMember.map((c) => c.method)).toEqual(['getChatMember', 'answerCallbackQuery']);
    expect(store.subscriptions.get(GROUP.id)?.paused).toBe(false);
  });

  it('B8: kicked via my_chat_member deactivates; /start in private reactivates a blocked chat', async () => {
    await t.handle(message('/subscribe'));
    await t.handle({ my_chat_member: { chat: { id: USER.id, type: 'private' }, from: USER, date: 0, old_chat_member: { status: 'member', user: { id: 42 } }, new_chat_member: { status: 'kicked', user: { id: 42 }, until_date: 0 } } } as any);
    expect(store.subscriptions.get(USER.id)?.active).toBe(false);
    await t.handle(message('/start'));
    expect(store.subscriptions.get(USER.id)?.active).toBe(true);
  });
});

describe('channels', () => {
  it('/channel @name subscribes the channel when the bot and the user are its admins; only its owner changes it', async () => {
    expect(texts(await t.handle(message('/channel @digest_channel')))[0]).toContain('I need to be an admin');
    t.memberStatus.set(42, 'administrator');
    t.memberStatus.set(USER.id, 'creator');
    const calls = await t.handle(message('/channel @digest_channel'));
    expect(texts(calls)[0]).toContain('Digest for @digest_channel is on');
    expect(store.subscriptions.get(-1009999)).toMatchObject({ chatType: 'channel', ownerUserId: USER.id, active: true });
    await t.handle(press('Sp:-1009999:1'));
    expect(store.subscriptions.get(-1009999)?.paused).toBe(true);
    // Rights are asked of Telegram at the press, not read from who set the digest up.
    const stranger = await t.handle(press('Sp:-1009999:0', OTHER));
    expect(stranger.map((c) => c.method)).toEqual(['getChatMember', 'answerCallbackQuery']);
    expect(store.subscriptions.get(-1009999)?.paused).toBe(true);
    expect(texts(await t.handle(message('/channel @nosuchchannel')))[0]).toContain('cannot find that channel');
  });
});
