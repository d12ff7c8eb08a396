// Issue 17: the grammars of /time, /timezone and /keywords, each a table of what people type and
// what the bot answers (English and Ukrainian), through bot.handleUpdate with the real store.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { toPlainText } from '../../src/telegram/html.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { seededStore } from '../helpers/store.ts';

const EN = { id: 711, is_bot: false, first_name: 'Anna', language_code: 'en' };
const UK = { id: 712, is_bot: false, first_name: 'Оксана', language_code: 'uk' };

function message(text: string, from = EN) {
  const command = /^\/[\w@]+/.exec(text)?.[0];
  return { message: { message_id: 5, date: 0, text, from, chat: { id: from.id, type: 'private' }, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}) } } as any;
}
/** The reply as the user reads it (entities decoded). */
const replyOf = (calls: Array<{ method: string; payload: any }>): string => toPlainText(String(calls.find((c) => c.method === 'sendMessage')?.payload.text ?? ''));

let store: Store;
let t: ReturnType<typeof recordingBot>;
beforeEach(async () => {
  store = seededStore(new Date('2026-11-20T08:00:00Z'));
  t = recordingBot(store);
  t.setNow(new Date('2026-11-23T09:00:00Z'));
  await t.handle(message('/subscribe', EN));
  await t.handle(message('/subscribe', UK));
});

describe('/time', () => {
  // [what is typed, the stored time after it (null: unchanged 08:00 and refused), a part of the reply]
  const TABLE: Array<[string, string | null, string]> = [
    ['/time 8', '08:00', 'Digest time set to 08:00.'],
    ['/time 08:30', '08:30', 'Digest time set to 08:30. Next digest: 24 November 2026, 08:30.'],
    ['/time 8:30 pm', '20:30', 'Digest time set to 20:30. Next digest: 23 November 2026, 20:30.'],
    ['/time 8pm', '20:00', 'set to 20:00'],
    ['/time 12 am', '00:00', 'set to 00:00'],
    ['/time 12pm', '12:00', 'set to 12:00'],
    ['/time 0830', '08:30', 'set to 08:30'],
    ['/time 20.15', '20:15', 'set to 20:15'],
    ['/time 7h45', '07:45', 'set to 07:45'],
    ['/time at 9', '09:00', 'set to 09:00'],
    ['/time 25:00', null, '“25:00”: a day has hours 0–23.'],
    ['/time 24:00', null, '“24:00”: a day has hours 0–23.'],
    ['/time 8:75', null, '“8:75”: minutes go up to 59.'],
    ['/time 13 pm', null, '“13 pm”: with am/pm the hour is 1–12 (8:30 pm), without it 0–23 (20:30).'],
    ['/time noon', null, '“noon” is not a time of day I can read. Send /time 08:30, /time 8 or /time 8:30 pm.'],
    ['/time 8:3', null, 'is not a time of day I can read'],
    ['/time', null, 'The digest comes at 08:00 (Europe/Kyiv). To change it'],
  ];
  it.each(TABLE)('%s', async (input, stored, reply) => {
    const calls = await t.handle(message(input));
    expect(replyOf(calls)).toContain(reply);
    expect(store.subscriptions.get(EN.id)?.localTime).toBe(stored ?? '08:00');
  });

  it('bare /time shows time buttons; a press sets the time in place', async () => {
    const calls = await t.handle(message('/time'));
    const buttons = calls[0]?.payload.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b: any) => b.text)).toContain('09:00');
    const pressed = await t.handle({ callback_query: { id: 'c', from: EN, chat_instance: 'x', data: buttons.find((b: any) => b.text === '09:00').callback_data, message: { message_id: 101, date: 0, chat: { id: EN.id, type: 'private' }, text: '' } } } as any);
    expect(pressed.find((c) => c.method === 'editMessageText')?.payload.text).toContain('Digest time set to 09:00');
    expect(store.subscriptions.get(EN.id)?.localTime).toBe('09:00');
  });

  const TABLE_UK: Array<[string, string | null, string]> = [
    ['/time 8', '08:00', 'Час дайджесту: 08:00. Наступний: 24 листопада 2026, 08:00.'],
    ['/time 8 вечора', '20:00', 'Час дайджесту: 20:00.'],
    ['/time о 7 ранку', '07:00', 'Час дайджесту: 07:00.'],
    ['/time 25:00', null, '«25:00»: година може бути від 0 до 23.'],
    ['/time завтра', null, '«завтра» — не схоже на час.'],
    ['/time', null, 'Дайджест приходить о 08:00 (Europe/Kyiv).'],
  ];
  it.each(TABLE_UK)('uk %s', async (input, stored, reply) => {
    const calls = await t.handle(message(input, UK));
    expect(replyOf(calls)).toContain(reply);
    expect(store.subscriptions.get(UK.id)?.localTime).toBe(stored ?? '08:00');
  });
});

describe('/timezone', () => {
  const TABLE: Array<[string, string | null, string]> = [
    ['/timezone Kyiv', 'Europe/Kyiv', 'Time zone set to Europe/Kyiv.'],
    ['/timezone Київ', 'Europe/Kyiv', 'Time zone set to Europe/Kyiv.'],
    ['/timezone europe/kyiv', 'Europe/Kyiv', 'Time zone set to Europe/Kyiv.'],
    ['/timezone Asia/Seoul', 'Asia/Seoul', 'Time zone set to Asia/Seoul. Next digest: 24 November 2026, 08:00.'],
    ['/timezone seoul', 'Asia/Seoul', 'Time zone set to Asia/Seoul.'],
    ['/timezone New York', 'America/New_York', 'Time zone set to America/New_York.'],
    ['/timezone UTC+2', 'Etc/GMT-2', 'Time zone set to UTC+02:00.'],
    ['/timezone +02:00', 'Etc/GMT-2', 'A fixed offset does not follow daylight saving time'],
    ['/timezone GMT-5', 'Etc/GMT+5', 'Time zone set to UTC-05:00.'],
    ['/timezone UTC', 'UTC', 'Time zone set to UTC.'],
    ['/timezone UTC+5:30', null, '“UTC+5:30”: I take whole-hour offsets only.'],
    ['/timezone UTC+15', null, '“UTC+15”: offsets run from UTC−12 to UTC+14.'],
    ['/timezone Kyvi', null, 'Did you mean: /timezone Europe/Kyiv?'],
    ['/timezone Londn', null, 'Did you mean: /timezone Europe/London?'],
    ['/timezone Mars/Olympus', null, '“Mars/Olympus” is not a time zone I know.'],
    ['/timezone', null, 'The digest\'s time zone is Europe/Kyiv.'],
  ];
  it.each(TABLE)('%s', async (input, stored, reply) => {
    const calls = await t.handle(message(input));
    expect(replyOf(calls)).toContain(reply);
    expect(store.subscriptions.get(EN.id)?.timeZone).toBe(stored ?? 'Europe/Kyiv');
  });

  it('a fixed offset schedules by that offset: 08:00 at UTC+2 is 06:00 UTC', async () => {
    await t.handle(message('/timezone UTC+2'));
    expect(store.subscriptions.get(EN.id)?.nextDueAt).toBe('2026-11-24T06:00:00.000Z');
  });

  const TABLE_UK: Array<[string, string | null, string]> = [
    ['/timezone Київ', 'Europe/Kyiv', 'Часовий пояс: Europe/Kyiv.'],
    ['/timezone UTC+3', 'Etc/GMT-3', 'Часовий пояс: UTC+03:00.'],
    ['/timezone Сеул', 'Asia/Seoul', 'Часовий пояс: Asia/Seoul.'],
    ['/timezone Лондн', null, 'Можливо, ви мали на увазі: /timezone Europe/London?'],
    ['/timezone', null, 'Часовий пояс дайджесту: Europe/Kyiv.'],
  ];
  it.each(TABLE_UK)('uk %s', async (input, stored, reply) => {
    const calls = await t.handle(message(input, UK));
    expect(replyOf(calls)).toContain(reply);
    expect(store.subscriptions.get(UK.id)?.timeZone).toBe(stored ?? 'Europe/Kyiv');
  });
});

describe('/keywords', () => {
  // Each row starts from include [drones], exclude [] (set before it); the lists after it and the reply.
  const TABLE: Array<[string, string[], string[], string]> = [
    ['/keywords +drones +"air defence" -crimea', ['drones', 'air defence'], ['crimea'], 'must have one of: drones, air defence; must not have: crimea.'],
    ['/keywords -crimea', [], ['crimea'], 'must have one of: all; must not have: crimea.'],
    ['/keywords add -crimea', ['drones'], ['crimea'], 'must have one of: drones; must not have: crimea.'],
    ['/keywords add sanctions', ['drones', 'sanctions'], [], 'must have one of: drones, sanctions;'],
    ['/keywords add -drones', [], ['drones'], 'must not have: drones.'],
    ['/keywords remove drones', [], [], 'No keywords: every statement'],
    ['/keywords remove tanks', ['drones'], [], '“tanks”: not among your keywords, so nothing was removed.'],
    ['/keywords sanctions', ['sanctions'], [], 'must have one of: sanctions;'],
    ['/keywords Drones DRONES drones', ['drones'], [], 'must have one of: drones;'],
    ['/keywords +air defence', ['air', 'defence'], [], 'for one phrase send +"air defence"'],
    ['/keywords “air defence”', ['air defence'], [], 'must have one of: air defence;'],
    ['/keywords clear', [], [], 'No keywords'],
    ['/keywords +', ['drones'], [], '“+” needs a word right after it'],
    ['/keywords +"air defence', ['drones'], [], 'A quote is not closed'],
    ['/keywords +drones -drones', [], ['drones'], 'must not have: drones.'],
    [`/keywords +${'x'.repeat(41)}`, ['drones'], [], 'is too long for a keyword'],
    ['/keywords', ['drones'], [], 'must have one of: drones; must not have: —.'],
  ];
  it.each(TABLE)('%s', async (input, include, exclude, reply) => {
    await t.handle(message('/keywords drones'));
    const calls = await t.handle(message(input));
    expect(replyOf(calls)).toContain(reply);
    expect(store.subscriptions.get(EN.id)).toMatchObject({ include, exclude });
  });

  const TABLE_UK: Array<[string, string[], string[], string]> = [
    ['/keywords +дрони -крим', ['дрони'], ['крим'], 'Ключові слова тепер — заява має містити одне з: дрони; не має містити: крим.'],
    ['/keywords додати Санкції', ['drones', 'санкції'], [], 'одне з: drones, санкції;'],
    ['/keywords прибрати drones', [], [], 'Ключових слів немає'],
    ['/keywords +', ['drones'], [], 'Після «+» потрібне слово'],
  ];
  it.each(TABLE_UK)('uk %s', async (input, include, exclude, reply) => {
    await t.handle(message('/keywords drones', UK));
    const calls = await t.handle(message(input, UK));
    expect(replyOf(calls)).toContain(reply);
    expect(store.subscriptions.get(UK.id)).toMatchObject({ include, exclude });
  });
});

describe('/subscribe did you mean', () => {
  it('offers the topic, the person or the language a misspelt filter may have meant', async () => {
    expect(replyOf(await t.handle(message('/subscribe topic:sanctoins')))).toContain('Did you mean: /subscribe topic:sanctions?');
    expect(replyOf(await t.handle(message('/subscribe actor:zelesnky')))).toContain('/subscribe actor:Volodymyr_Zelensky');
    expect(replyOf(await t.handle(message('/subscribe lang:ua')))).toContain('/subscribe lang:uk');
    expect(replyOf(await t.handle(message('/subscribe sanctions')))).toContain('Did you mean: /subscribe topic:sanctions?');
  });
});
