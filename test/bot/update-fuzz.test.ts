// D14: generated Update objects — odd, partial and hostile — fed to the real bot over a seeded
// store. Nothing may escape handleUpdate, errors go through the error boundary and the logger (at
// error level at most), everything sent passes Telegram's checks, and the database stays sound.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { checkInlineAnswer, checkKeyboard, checkText } from '../helpers/fake-api-validate.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { seededStore } from '../helpers/store.ts';

const COMMANDS = [
  'start', 'help', 'about', 'language', 'latest', 'search', 'actor', 'topic', 'show', 'actors', 'topics', 'subscribe', 'time',
  'timezone', 'keywords', 'unsubscribe', 'stop', 'digest', 'channel', 'stats', 'reindex', 'show_1', 'show_999999999999', 'nope', 'export',
];
/** Commands that write: drawn more often, so the database invariants below have rows to check. */
const STATEFUL = ['subscribe', 'time', 'timezone', 'keywords', 'unsubscribe', 'stop', 'language', 'start', 'latest', 'search'];
const ARGS = ['', '3', '0', '-1', '99999', '25:99', '07:30', 'Europe/Kyiv', 'Nowhere/Else', 'topic:sanctions lang:uk', 'actor:zelensky', 'topic:"a b', '+drones -x', 'clear', '@digest_channel', '@x', 'NEAR(a b', 'c++ tax"es body:x a*', 'format:csv', 'from:2025-02-30', 'from:2025 to:2024 lang:uk format:md'];
const KINDS = ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'callback_query', 'inline_query', 'my_chat_member'];
const CHAT_TYPES = ['private', 'group', 'supergroup', 'channel', 'secret', ''];
const STATUSES = ['member', 'administrator', 'creator', 'left', 'kicked', 'restricted', 'banned?'];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...STATEFUL), fc.constantFrom(...COMMANDS)), fc.constantFrom('', '@digest_test_bot', '@OtherBot', '@DIGEST_TEST_BOT'), fc.constantFrom(...ARGS), fc.string({ maxLength: 40 }))
    .map(([c, at, arg, extra]) => `/${c}${at} ${arg}${extra ? ` ${extra}` : ''}`.trimEnd()) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(4096), `/search ${'дрони '.repeat(819)}`, `/search ${'&<>'.repeat(1365)}`, '😀'.repeat(2048)) },
);
const entity = fc.record({
  type: fc.constantFrom('bot_command', 'bold', 'url', 'mention', 'text_link', 'pre', 'custom_emoji', 'made_up'),
  offset: fc.oneof(fc.constant(0), fc.nat(5000)),
  length: fc.oneof(fc.nat(12), fc.nat(10_000)),
}, { requiredKeys: ['type', 'offset', 'length'] });
const user = fc.record({
  id: fc.oneof(fc.constantFrom(501, 502, 777, 1087968824), fc.integer({ min: 1, max: 2 ** 40 })),
  is_bot: fc.boolean(),
  first_name: fc.string({ maxLength: 30 }),
  language_code: fc.constantFrom('en', 'uk', 'ru', 'zz', ''),
}, { requiredKeys: ['id', 'is_bot', 'first_name'] });
const chat = fc.record({
  id: fc.oneof(fc.constantFrom(501, 502, -100123, -1009999), fc.integer({ min: -(2 ** 45), max: 2 ** 45 })),
  type: fc.oneof({ weight: 3, arbitrary: fc.constant('private') }, { weight: 3, arbitrary: fc.constantFrom(...CHAT_TYPES) }),
  title: fc.string({ maxLength: 20 }),
}, { requiredKeys: ['id', 'type'] });
const unknownKeys = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['__proto__', 'constructor'].includes(k)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });

const message = fc.record({
  message_id: fc.nat(2 ** 31),
  date: fc.nat(),
  text,
  from: user,
  chat,
  sender_chat: chat,
  entities: fc.array(entity, { maxLength: 4 }),
  caption: text,
  extra: unknownKeys,
}, { requiredKeys: ['message_id', 'date', 'chat', 'text'] }).map(({ extra, ...m }) => ({ ...extra, ...m }));

// A command entity that matches the text, so the commands really run (the random ones mostly won't).
const commandMessage = message.map((m) => {
  const cmd = typeof m.text === 'string' ? /^\/\S+/.exec(m.text)?.[0] : undefined;
  return cmd ? { ...m, entities: [{ type: 'bot_command', offset: 0, length: cmd.length }, ...(m.entities ?? [])] } : m;
});

const callbackData = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.tuple(fc.constantFrom('p', 's', 'a', 't', 'f', 'x', 'l', 'c', 'St', 'Sa', 'Ss', 'Sp', 'Sl', 'Su'), fc.constantFrom(':', ''), fc.constantFrom('1', '0', '-1', '501', '-100123', '999999999999', 'en', 'sanctions', '1:2', '501:1', '501:uk', '-100123:both')).map((p) => p.join('')),
);
const callbackQuery = fc.record({
  id: fc.string({ minLength: 1, maxLength: 10 }),
  from: user,
  chat_instance: fc.string({ maxLength: 10 }),
  data: callbackData,
  message: fc.record({ message_id: fc.nat(2 ** 31), date: fc.nat(), chat, text: fc.string({ maxLength: 20 }) }, { requiredKeys: ['message_id', 'date', 'chat'] }),
  inline_message_id: fc.string({ maxLength: 10 }),
}, { requiredKeys: ['id', 'from', 'chat_instance'] });
const inlineQuery = fc.record({
  id: fc.string({ minLength: 1, maxLength: 10 }),
  from: user,
  query: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 256 }), fc.constantFrom('', 'zelensky', 'дрони', 'NEAR(', '"', '*')),
  offset: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('', '5', '-1', '1e9', 'abc')),
  chat_type: fc.constantFrom('sender', 'private', 'group', 'channel', 'odd'),
}, { requiredKeys: ['id', 'from', 'query', 'offset'] });
const chatMember = fc.record({
  chat, from: user, date: fc.nat(),
  old_chat_member: fc.record({ status: fc.constantFrom(...STATUSES), user }),
  new_chat_member: fc.record({ status: fc.constantFrom(...STATUSES), user }),
});

const update = fc.tuple(
  fc.oneof(
    { weight: 5, arbitrary: commandMessage.map((m) => ({ message: m })) },
    { weight: 2, arbitrary: message.map((m) => ({ message: m })) },
    { weight: 1, arbitrary: commandMessage.map((m) => ({ edited_message: m })) },
    { weight: 1, arbitrary: commandMessage.map((m) => ({ channel_post: m })) },
    { weight: 1, arbitrary: commandMessage.map((m) => ({ edited_channel_post: m })) },
    { weight: 3, arbitrary: callbackQuery.map((q) => ({ callback_query: q })) },
    { weight: 2, arbitrary: inlineQuery.map((q) => ({ inline_query: q })) },
    { weight: 1, arbitrary: chatMember.map((m) => ({ my_chat_member: m })) },
  ),
  unknownKeys,
  // Some updates meet a failing Bot API: the handler's error must reach the boundary and the log.
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(
      { ok: false, error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' },
      { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    ) },
  ),
).map(([u, extra, failure]) => ({ update: { ...extra, ...u }, failure }));

let store: Store;
let t: ReturnType<typeof recordingBot>;
let failNext: Record<string, unknown> | null = null;
let failedCalls = 0;
const invalid: string[] = [];
const escaped: string[] = [];
const seenChats = new Set<number>();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  store = seededStore();
  t = recordingBot(store);
  // Outermost layer: checks every call like Telegram would, and fails calls when told to.
  t.bot.api.config.use(async (prev, method, payload, signal) => {
    const p = payload as Record<string, any>;
    const problems: string[] = [];
    if (method === 'sendMessage' || method === 'editMessageText') {
      const c = checkText(p.text, p.parse_mode);
      if (!c.ok) problems.push(c.description);
      const k = checkKeyboard(p.reply_markup);
      if (!k.ok) problems.push(k.description);
    }
    if (method === 'answerInlineQuery') {
      const c = checkInlineAnswer(p);
      if (!c.ok) problems.push(c.description);
    }
    if (method === 'answerCallbackQuery' && typeof p.text === 'string' && p.text.length > 200) problems.push('callback answer text over 200');
    if (problems.length) invalid.push(`${method}: ${problems.join('; ')}: ${JSON.stringify(p).slice(0, 300)}`);
    if (failNext) {
      failedCalls += 1;
      return failNext as never;
    }
    return prev(method, payload, signal);
  });
});
beforeAll(async () => {
  // Existing subscriptions, so forged buttons (S…:501:…) and /stop meet real rows.
  const cmd = (id: number, text: string, chat: { id: number; type: string }) => t.bot.handleUpdate({
    update_id: id, message: { message_id: id, date: 0, text, from: { id: 501, is_bot: false, first_name: 'Olena' }, chat, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] },
  } as never);
  t.memberStatus.set(501, 'administrator');
  await cmd(1, '/subscribe topic:sanctions', { id: 501, type: 'private' });
  await cmd(2, '/subscribe', { id: -100123, type: 'supergroup' });
  await cmd(3, '/language', { id: 501, type: 'private' });
  seenChats.add(501).add(-100123);
  expect(store.subscriptions.counts().total).toBe(2);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  store.close();
});

const levelsOf = (lines: string[]) => lines.map((l) => JSON.parse(l) as { level: number; msg: string; updateId?: number });

describe('D14: generated updates', () => {
  it('D14: ~300 odd updates: no rejection escapes, errors are logged at error level at most, every reply passes Telegram checks', async () => {
    const statementsBefore = (store.db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n;
    let updateId = 1_000;
    const fedIds: number[] = [];
    let failedUpdates = 0;
    let boundaryFailures = 0;
    await fc.assert(
      fc.asyncProperty(update, async ({ update: u, failure }) => {
        updateId += 1;
        fedIds.push(updateId);
        for (const part of Object.values(u) as Array<Record<string, any>>) {
          for (const c of [part?.chat, part?.message?.chat]) if (typeof c?.id === 'number') seenChats.add(c.id);
        }
        const logStart = t.logLines.length;
        const failedBefore = failedCalls;
        const escapedBefore = escaped.length;
        failNext = failure;
        try {
          await t.bot.handleUpdate({ ...u, update_id: updateId } as never);
        } catch (error) {
          // Past the error boundary: in polling mode grammY's default handler would stop the bot.
          escaped.push(`${Object.keys(u).filter((k) => KINDS.includes(k)).join('+')}: ${(error as Error).message}`);
        } finally {
          failNext = null;
        }
        const lines = levelsOf(t.logLines.slice(logStart));
        expect(lines.filter((l) => l.level > 50), JSON.stringify(lines)).toEqual([]);
        if (escaped.length > escapedBefore) return; // counted in `escaped`, asserted after the run
        if (failedCalls > failedBefore) {
          failedUpdates += 1;
          // A failed Bot API call is an error; it must show in the log (the boundary logs 'handler failed').
          expect(lines.some((l) => l.level >= 40), `a failed call left no log line: ${JSON.stringify(u).slice(0, 300)}`).toBe(true);
        }
        // What the boundary logs names the update and the error's safe fields, never the request payload.
        for (const l of lines.filter((x) => x.msg === 'handler failed')) {
          expect(l.updateId).toBe(updateId);
          expect(JSON.stringify(l)).not.toContain('payload');
        }
        boundaryFailures += lines.filter((l) => l.msg === 'handler failed').length;
      }),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 20261123), endOnFailure: true },
    );
    expect([...new Set(escaped)]).toEqual([]);
    expect(invalid).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(unhandled).toEqual([]);
    // The property really met the error path (the boundary logged failures).
    expect(failedUpdates).toBeGreaterThan(5);
    expect(boundaryFailures).toBeGreaterThan(0);

    // Database invariants.
    const db = store.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.inTransaction).toBe(false);
    expect((db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n).toBe(statementsBefore);
    expect((db.prepare('SELECT COUNT(*) AS n FROM statements_fts').get() as { n: number }).n).toBe(statementsBefore);
    // Every update was claimed once (the at-least-once dedupe), failed ones included.
    const handled = new Set((db.prepare('SELECT update_id AS id FROM handled_updates').all() as Array<{ id: number }>).map((r) => r.id));
    for (const id of fedIds) expect(handled.has(id)).toBe(true);
    const subs = db.prepare('SELECT * FROM subscriptions').all() as Array<Record<string, any>>;
    for (const s of subs) {
      // Only chats that appeared in an update: forged callback data never creates someone else's subscription.
      expect(seenChats.has(s.chat_id), `subscription for unseen chat ${s.chat_id}`).toBe(true);
      expect(s.local_time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: s.time_zone })).not.toThrow();
      expect(Number.isNaN(Date.parse(s.next_due_at))).toBe(false);
      expect(s.active === 1).toBe(s.inactive_reason === null);
      for (const col of ['topics_json', 'actors_json', 'include_json', 'exclude_json']) expect(Array.isArray(JSON.parse(s[col]))).toBe(true);
    }
    const chats = db.prepare('SELECT id, ui_language AS lang FROM chats').all() as Array<{ id: number; lang: string | null }>;
    for (const c of chats) expect(seenChats.has(c.id)).toBe(true);
    // Sanity: the run exercised the bot, not only its refusals.
    expect(t.calls.filter((c) => c.method === 'sendMessage').length).toBeGreaterThan(40);
  }, 60_000);

  it('D14: a failing answer to an unknown button stays inside the error boundary', async () => {
    // The catch-all for buttons nobody handles answers the query; Telegram refuses that answer
    // when the query is older than ~15 s (common after a restart). That must not reject handleUpdate:
    // in polling mode grammY's default error handler stops the bot on it.
    failNext = { ok: false, error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' };
    const start = t.logLines.length;
    try {
      await expect(t.bot.handleUpdate({ update_id: 99_001, callback_query: { id: 'old', from: { id: 501, is_bot: false, first_name: 'O' }, chat_instance: 'c', data: 'forged:1', message: { message_id: 1, date: 0, chat: { id: 501, type: 'private' } } } } as never)).resolves.toBeUndefined();
    } finally {
      failNext = null;
    }
    expect(levelsOf(t.logLines.slice(start)).some((l) => l.level >= 40)).toBe(true);
  });
});
