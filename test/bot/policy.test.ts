// The policy table and the callback-data codec: every command and every button is registered with
// a policy, and button data is checked (fields, 64 bytes) where it is built.
import { describe, expect, it } from 'vitest';
import { definedButtons, defineButton, CallbackDataError } from '../../src/bot/callback-data.ts';
import { ADMIN_COMMANDS, PUBLIC_COMMANDS } from '../../src/bot/commands.ts';
import { SUB_PAUSE_BUTTON, TOPIC_BUTTON } from '../../src/bot/buttons.ts';
import { createBudgets } from '../../src/bot/budget.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { memoryStore } from '../helpers/store.ts';
import { quietLogger } from '../helpers/digest-fixture.ts';

describe('policies', () => {
  it('every menu and admin command, and every defined button, has exactly one policy', () => {
    const { bot } = recordingBot(memoryStore());
    for (const name of [...PUBLIC_COMMANDS, ...ADMIN_COMMANDS]) expect(bot.policies.commands.get(name), `/${name}`).toBeDefined();
    for (const def of definedButtons()) expect(bot.policies.buttons.get(def.prefix), `button ${def.prefix}`).toBeDefined();
    expect(bot.policies.commands.get('stats')).toMatchObject({ who: 'botAdmin', where: ['private'] });
    expect(bot.policies.commands.get('digest')?.cost).toBe('output');
    // Full text edits the card in place (issue 17): one message whatever the text, so a cheap request.
    expect(bot.policies.buttons.get('f')?.cost).toBe('cheap');
    expect(bot.policies.buttons.get('Sp')?.who).toBe('chatAdmin');
  });
});

describe('callback data codec', () => {
  it('round-trips typed fields and refuses data over 64 bytes or with bad fields where it is built', () => {
    expect(SUB_PAUSE_BUTTON.data(-1001234567890, '1')).toBe('Sp:-1001234567890:1');
    expect(SUB_PAUSE_BUTTON.parse('Sp:-1001234567890:1')).toEqual([-1001234567890, '1']);
    expect(SUB_PAUSE_BUTTON.parse('Sp:-1:1:extra')).toBeNull();
    expect(SUB_PAUSE_BUTTON.parse('Sp:abc:1')).toBeNull();
    expect(() => TOPIC_BUTTON.data('санкції')).toThrow(CallbackDataError);
    expect(() => TOPIC_BUTTON.data('a:b')).toThrow(CallbackDataError);
    const wide = defineButton('Zq', ['slug', 'slug']);
    expect(() => wide.data('a'.repeat(30), 'b'.repeat(31))).toThrow(/over 64/);
    expect(wide.data('a'.repeat(30), 'b'.repeat(30))).toHaveLength(64);
    expect(() => defineButton('Zq', ['uint'])).toThrow(/taken/);
  });
});

describe('budgets', () => {
  it('a sliding window: refuses past the limit, tells how long until a unit frees, and forgets old keys', () => {
    const budgets = createBudgets(2);
    const limit = { max: 2, windowMs: 60_000 };
    budgets.charge('a', 1, 0);
    budgets.charge('a', 1, 10_000);
    expect(budgets.waitMs('a', limit, 20_000)).toBe(40_000);
    expect(budgets.waitMs('a', limit, 60_000)).toBe(0);
    budgets.charge('b', 5, 0);
    budgets.charge('c', 5, 0); // evicts 'a', the least recently used
    expect(budgets.waitMs('a', limit, 20_000)).toBe(0);
  });
});

describe('chat pace: a 429 to a chat is never slept on in a handler', () => {
  it('auto-retry around it returns the 429 at once (one request), and the chat is held for retry_after', async () => {
    const { autoRetry } = await import('@grammyjs/auto-retry');
    const { createChatPace, noWaitOnChatFlood } = await import('../../src/bot/chat-pace.ts');
    const pace = createChatPace();
    const now = new Date('2026-11-23T09:00:00Z');
    let requests = 0;
    let retryAfter = 7;
    const prev = async () => {
      requests += 1;
      return { ok: false as const, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
    };
    const inner = noWaitOnChatFlood(pace, () => now, quietLogger());
    const outer = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 });
    const call = (method: string, payload: Record<string, unknown>) =>
      outer((m, p, s) => inner(prev as never, m, p, s), method as never, payload as never, undefined);
    const result = await call('sendMessage', { chat_id: 501, text: 'x' });
    expect(result.ok).toBe(false);
    expect(requests).toBe(1);
    expect(pace.heldUntil(501)).toBe(now.getTime() + 7_000);
    // Not a chat send (a startup call such as setMyCommands): auto-retry still waits and retries.
    retryAfter = 0;
    requests = 0;
    await call('setMyCommands', { commands: [] });
    expect(requests).toBeGreaterThan(1);
  });

  it('a held chat\'s requests are refused (no message) until retry_after has passed', async () => {
    const { createChatPace } = await import('../../src/bot/chat-pace.ts');
    const { createPolicyGuard } = await import('../../src/bot/policy.ts');
    const pace = createChatPace();
    const guard = createPolicyGuard({ adminIds: [], searchRatePerMinute: 20, pace });
    let now = Date.parse('2026-11-23T09:00:00Z');
    const replies: string[] = [];
    const ctx = (id: number) => ({
      chat: { id, type: 'private' }, from: { id }, deps: { clock: () => new Date(now) },
      t: { slowDown: (n: number) => `slow ${n}` }, api: { config: { use: () => undefined } },
      reply: async (text: string) => void replies.push(text),
    }) as never;
    const mw = guard.enforce('latest', { cost: 'cheap', who: 'anyone', where: ['private'] });
    let ran = 0;
    pace.hold(501, now + 3_000);
    await mw(ctx(501), async () => void (ran += 1));
    expect(ran).toBe(0);
    expect(replies).toEqual([]); // no notice into a held chat
    await mw(ctx(502), async () => void (ran += 1));
    expect(ran).toBe(1);
    now += 3_000;
    await mw(ctx(501), async () => void (ran += 1));
    expect(ran).toBe(2);
  });
});
