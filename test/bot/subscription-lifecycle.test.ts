// Ways into and out of a digest, and whose digest a command changes: no surprise digests after
// an /unsubscribe, no backlog after coming back, channels managed from the owner's private chat,
// and the scheduled digest in the language the chat sees.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildDueDigests } from '../../src/digest/build.ts';
import type { Store } from '../../src/store/index.ts';
import { addStatements, quietLogger } from '../helpers/digest-fixture.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { reference, seededStore } from '../helpers/store.ts';

const USER = { id: 801, is_bot: false, first_name: 'Iryna', language_code: 'en' };
const CHANNEL_ID = -1009999; // what the recording bot's getChat answers for @digest_channel

function message(text: string, from: Record<string, unknown> = USER) {
  const command = /^\/[\w@]+/.exec(text)?.[0];
  return { message: { message_id: 5, date: 0, text, from, chat: { id: from.id, type: 'private' }, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}) } } as any;
}
const texts = (calls: Array<{ payload: any }>) => calls.map((c) => c.payload.text).filter(Boolean) as string[];
const build = (store: Store, now: Date) => buildDueDigests({ store, reference: reference(), logger: quietLogger(), now, maxAgeDays: 7, catchUpHours: 6 });
const deliveriesOf = (store: Store, chatId: number) =>
  store.db.prepare('SELECT digest_date AS date, decision, items FROM deliveries WHERE chat_id = ? ORDER BY digest_date').all(chatId) as Array<{ date: string; decision: string; items: number }>;
const partsOf = (store: Store, chatId: number) => store.deliveries.openParts().filter((p) => p.chatId === chatId).map((p) => p.html);

let store: Store;
let t: ReturnType<typeof recordingBot>;
beforeEach(() => {
  store = seededStore(new Date('2026-11-20T08:00:00Z'));
  t = recordingBot(store);
  t.setNow(new Date('2026-11-23T09:00:00Z'));
});

describe('an unsubscribed digest stays off', () => {
  it('G7: unsubscribe → /time 09:00 → the time is saved, the reply says paused, and no digest is built at 09:00', async () => {
    await t.handle(message('/subscribe'));
    await t.handle(message('/unsubscribe'));
    const reply = texts(await t.handle(message('/time 09:00')))[0];
    expect(reply).toContain('09:00');
    expect(reply).toMatch(/paused/);
    expect(store.subscriptions.get(USER.id)).toMatchObject({ active: false, localTime: '09:00' });
    for (const command of ['/timezone Asia/Seoul', '/keywords +drones']) {
      expect(texts(await t.handle(message(command)))[0]).toMatch(/paused/);
      expect(store.subscriptions.get(USER.id)?.active).toBe(false);
    }
    addStatements(store, new Date('2026-11-23T10:00:00Z'), 3);
    // 09:00 Seoul on the 24th, and two days on: nothing is due, nothing is built.
    for (const at of ['2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z', '2026-11-26T09:00:00Z']) build(store, new Date(at));
    expect(deliveriesOf(store, USER.id)).toEqual([]);
  });

  it('an active digest gets no "paused" note; one paused with the button does', async () => {
    await t.handle(message('/subscribe'));
    expect(texts(await t.handle(message('/time 09:00')))[0]).not.toMatch(/paused/);
    await t.handle({ callback_query: { id: 'cb', from: USER, chat_instance: 'x', data: `Sp:${USER.id}:1`, message: { message_id: 101, date: 0, chat: { id: USER.id, type: 'private' }, text: '' } } } as any);
    expect(texts(await t.handle(message('/time 10:00')))[0]).toMatch(/paused.*Resume/);
  });
});

describe('coming back starts afresh', () => {
  it('G8: re-subscribing after a week sends no instant backlog digest; the next slot has only what came after', async () => {
    await t.handle(message('/subscribe')); // 08:00 Kyiv
    await t.handle(message('/unsubscribe'));
    addStatements(store, new Date('2026-11-25T10:00:00Z'), 4, (i) => `Backlog statement ${i} about drones. Second sentence here.`);
    const back = new Date('2026-11-30T12:00:00Z'); // a week later, after the day's 08:00 slot
    t.setNow(back);
    const reply = texts(await t.handle(message('/subscribe')));
    expect(reply.join('\n')).toMatch(/on again.*from now on/s);
    expect(store.subscriptions.get(USER.id)).toMatchObject({ active: true, nextDueAt: '2026-12-01T06:00:00.000Z' });
    expect(build(store, back)).toEqual({ built: 0, nothingNew: 0, missed: 0 });
    addStatements(store, new Date('2026-11-30T13:00:00Z'), 2, (i) => `Fresh statement ${i} about drones. Second sentence here.`);
    expect(build(store, new Date('2026-12-01T06:00:30Z'))).toMatchObject({ built: 1 });
    const html = partsOf(store, USER.id).join('\n');
    expect(html).toContain('Fresh statement 0');
    expect(html).not.toContain('Backlog statement');
    expect(deliveriesOf(store, USER.id)).toEqual([{ date: '2026-12-01', decision: 'digest', items: 2 }]);
  });

  it('G8: /start after a block turns the digest back on from the next slot, with nothing old, and says so', async () => {
    await t.handle(message('/subscribe'));
    store.subscriptions.deactivate(USER.id, 'Forbidden: bot was blocked by the user', '2026-11-23T10:00:00.000Z');
    addStatements(store, new Date('2026-11-25T10:00:00Z'), 2, (i) => `While blocked ${i} about drones. Second sentence.`);
    t.setNow(new Date('2026-11-30T12:00:00Z'));
    expect(texts(await t.handle(message('/start'))).join('\n')).toMatch(/on again/);
    expect(store.subscriptions.get(USER.id)).toMatchObject({ active: true, nextDueAt: '2026-12-01T06:00:00.000Z' });
    expect(build(store, new Date('2026-12-01T06:00:30Z'))).toMatchObject({ built: 0, nothingNew: 1 });
  });
});

describe('a channel digest managed from the private chat', () => {
  it('G9: /channel @name, then /time and /timezone set the channel’s digest, delivered at that channel time', async () => {
    t.memberStatus.set(42, 'administrator');
    t.memberStatus.set(USER.id, 'creator');
    expect(texts(await t.handle(message('/channel @digest_channel')))[0]).toContain('@digest_channel');
    const timeReply = texts(await t.handle(message('/time 07:30')))[0];
    const zoneReply = texts(await t.handle(message('/timezone Asia/Tokyo')))[0];
    expect(timeReply).toContain('@digest_channel');
    expect(zoneReply).toContain('@digest_channel');
    expect(texts(await t.handle(message('/keywords +drones')))[0]).toContain('@digest_channel');
    // The channel changed; the owner's own chat got no digest.
    expect(store.subscriptions.get(CHANNEL_ID)).toMatchObject({ localTime: '07:30', timeZone: 'Asia/Tokyo', include: ['drones'], active: true });
    expect(store.subscriptions.get(USER.id)).toBeUndefined();
    addStatements(store, new Date('2026-11-23T10:00:00Z'), 2);
    // 07:30 in Tokyo on 24 November is 22:30 UTC on the 23rd; Kyiv's 08:00 would be 06:00 UTC.
    expect(build(store, new Date('2026-11-23T22:29:00Z'))).toEqual({ built: 0, nothingNew: 0, missed: 0 });
    expect(build(store, new Date('2026-11-23T22:30:10Z'))).toMatchObject({ built: 1 });
    expect(deliveriesOf(store, CHANNEL_ID)).toEqual([{ date: '2026-11-24', decision: 'digest', items: 2 }]);
    // /channel off: the commands change the private chat's own digest again.
    await t.handle(message('/channel off'));
    await t.handle(message('/time 10:00'));
    expect(store.subscriptions.get(USER.id)).toMatchObject({ localTime: '10:00' });
    expect(store.subscriptions.get(CHANNEL_ID)?.localTime).toBe('07:30');
  });

  it('someone who does not own the channel’s digest changes only their own', async () => {
    t.memberStatus.set(42, 'administrator');
    t.memberStatus.set(USER.id, 'creator');
    await t.handle(message('/channel @digest_channel'));
    const other = { ...USER, id: 802 };
    store.botState.setTargetChat(other.id, CHANNEL_ID, '2026-11-23T09:00:00.000Z'); // a forged target
    await t.handle(message('/time 06:15', other));
    expect(store.subscriptions.get(CHANNEL_ID)?.localTime).toBe('08:00');
    expect(store.subscriptions.get(other.id)?.localTime).toBe('06:15');
  });
});

describe('the scheduled digest speaks the chat’s language', () => {
  it('G6: a language_code uk subscriber who never ran /language gets the scheduled digest in Ukrainian, as /digest shows it', async () => {
    const ukUser = { id: 803, is_bot: false, first_name: 'Олена', language_code: 'uk' };
    await t.handle(message('/subscribe', ukUser));
    addStatements(store, new Date('2026-11-23T10:00:00Z'), 2);
    const preview = texts(await t.handle(message('/digest', ukUser)));
    build(store, new Date('2026-11-24T06:00:10Z'));
    const scheduled = partsOf(store, ukUser.id);
    expect(scheduled[0]).toContain('Ваш дайджест');
    expect(scheduled[0]).not.toContain('Your digest');
    // The same rendering as the preview (apart from the local date it is for).
    expect(preview.some((p) => p.includes('Ваш дайджест'))).toBe(true);
  });

  it('an English user stays in English; a saved /language choice wins over language_code', async () => {
    await t.handle(message('/subscribe'));
    store.botState.setChatLanguage(USER.id, 'private', 'uk', '2026-11-23T09:00:00.000Z');
    const enUser = { ...USER, id: 804 };
    await t.handle(message('/subscribe', enUser));
    addStatements(store, new Date('2026-11-23T10:00:00Z'), 1);
    build(store, new Date('2026-11-24T06:00:10Z'));
    expect(partsOf(store, USER.id)[0]).toContain('Ваш дайджест');
    expect(partsOf(store, enUser.id)[0]).toContain('Your digest');
  });
});
