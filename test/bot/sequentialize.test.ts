// A10: runner mode handles updates concurrently; sequentialize keeps one chat's updates in
// update_id order. Every Bot API answer is released by fast-check's scheduler in a random order.
import { createConcurrentSink } from '@grammyjs/runner';
import fc from 'fast-check';
import type { Update } from 'grammy/types';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { BotDeps } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create-bot.ts';
import { TEST_BOT_INFO } from '../helpers/recording-bot.ts';
import { memoryStore, reference } from '../helpers/store.ts';

const GROUP_A = -100_111;
const GROUP_B = -100_222;
const ADMIN_A = { id: 11, is_bot: false, first_name: 'Olena', language_code: 'en' };
const ADMIN_B = { id: 22, is_bot: false, first_name: 'Taras', language_code: 'en' };

interface ApiEvent {
  phase: 'call' | 'done';
  method: string;
  chat: number;
  /** The asking message a group reply answers (message_id = update_id here). */
  replyTo: number | undefined;
}

function command(updateId: number, text: string, chatId: number, from: typeof ADMIN_A): Update {
  return {
    update_id: updateId,
    message: { message_id: updateId, date: 0, text, from, chat: { id: chatId, type: 'supergroup', title: 'Desk' }, entities: [{ type: 'bot_command', offset: 0, length: text.length }] },
  } as Update;
}

function scheduledBot(s: fc.Scheduler, sequential: boolean) {
  const store = memoryStore();
  const events: ApiEvent[] = [];
  const deps: BotDeps = {
    store,
    reference: reference(),
    logger: pino({ level: 'silent' }),
    clock: () => new Date('2026-11-23T09:00:00Z'),
    options: { adminIds: [], searchRatePerMinute: 20, dedupeUpdates: true, defaultTimeZone: 'Europe/Kyiv', digestMaxAgeDays: 7 },
    reindex: () => ({ filesRead: 0, filesSkippedUnchanged: 0, added: 0, updated: 0, unchanged: 0, removed: 0, rejects: [] }),
  };
  const bot = createBot({ token: '123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz', apiRoot: 'http://127.0.0.1:9', botInfo: TEST_BOT_INFO, sequentialize: sequential }, deps);
  let messageId = 1000;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, any>;
    const event = { method, chat: Number(p.chat_id), replyTo: p.reply_parameters?.message_id as number | undefined };
    events.push({ phase: 'call', ...event });
    const result = method === 'getChatMember'
      ? { status: 'administrator', user: { id: Number(p.user_id), is_bot: false, first_name: 'U' } }
      : method === 'sendMessage' ? { message_id: (messageId += 1), date: 0, chat: { id: p.chat_id, type: 'supergroup' }, text: p.text } : true;
    // The answer comes back whenever the scheduler decides: any interleaving of the handlers.
    const answered = await s.schedule(Promise.resolve({ ok: true, result }), `${method} ${event.chat} ${event.replyTo ?? ''}`);
    events.push({ phase: 'done', ...event });
    return answered as never;
  });
  return { bot, store, events };
}

async function runThroughSink(s: fc.Scheduler, sequential: boolean) {
  const t = scheduledBot(s, sequential);
  const handled: Array<Promise<void>> = [];
  const errors: unknown[] = [];
  // The runner's own concurrent sink, as run() builds it: all three updates start at once.
  const sink = createConcurrentSink<Update, unknown>({
    consume: (update) => {
      const p = t.bot.handleUpdate(update);
      handled.push(p);
      return p;
    },
  }, async (error) => {
    errors.push(error);
  }, { concurrency: 100 });
  void sink.handle([
    command(1, '/subscribe', GROUP_A, ADMIN_A),
    command(2, '/stop', GROUP_A, ADMIN_A),
    command(3, '/subscribe', GROUP_B, ADMIN_B),
  ]);
  // Let every handler run up to its first Bot API call (none is answered yet).
  await new Promise((r) => setTimeout(r, 0));
  const before = [...t.events];
  await s.waitFor(Promise.allSettled(handled));
  return { ...t, before, errors };
}

describe('A10: sequentialize under the runner', () => {
  it('A10: /subscribe then /stop in one chat ends unsubscribed, in update_id order, for every ordering; another chat is not blocked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const { store, events, before, errors } = await runThroughSink(s, true);
        expect(errors).toEqual([]);
        // Final state: the later /stop wins.
        expect(store.subscriptions.get(GROUP_A)).toBeUndefined();
        expect(store.subscriptions.get(GROUP_B)?.active).toBe(true);
        expect([1, 2, 3].every((id) => store.botState.isUpdateHandled(TEST_BOT_INFO.id, id))).toBe(true);
        // Chat A: one call in flight at a time, and update 1's reply before update 2's.
        const a = events.filter((e) => e.chat === GROUP_A);
        // The admin check of /stop is the one /subscribe just made (cached ≤ 60 s): no second getChatMember.
        expect(a.map((e) => e.phase)).toEqual(['call', 'done', 'call', 'done', 'call', 'done']);
        expect(a.map((e) => e.method)).toEqual(['getChatMember', 'getChatMember', 'sendMessage', 'sendMessage', 'sendMessage', 'sendMessage']);
        expect(a.filter((e) => e.method === 'sendMessage').map((e) => e.replyTo)).toEqual([1, 1, 2, 2]);
        // Chat B started while chat A's first handler was still waiting; /stop had not started.
        expect(before.filter((e) => e.chat === GROUP_B && e.phase === 'call')).toHaveLength(1);
        expect(before.filter((e) => e.chat === GROUP_A)).toEqual([{ phase: 'call', method: 'getChatMember', chat: GROUP_A, replyTo: undefined }]);
        expect(events.filter((e) => e.chat === GROUP_B && e.method === 'sendMessage' && e.phase === 'done')).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });

  it('A10: without sequentialize some ordering ends subscribed (the test above can fail)', async () => {
    const outcome = await fc.check(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const { store } = await runThroughSink(s, false);
        return store.subscriptions.get(GROUP_A) === undefined;
      }),
      { numRuns: 200 },
    );
    expect(outcome.failed).toBe(true);
  });
});
