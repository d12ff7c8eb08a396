// The policy table and the callback-data codec: every command and every button is registered with
// a policy, and button data is checked (fields, 64 bytes) where it is built.
import { describe, expect, it } from 'vitest';
import { definedButtons, defineButton, CallbackDataError } from '../../src/bot/callback-data.ts';
import { ADMIN_COMMANDS, PUBLIC_COMMANDS } from '../../src/bot/commands.ts';
import { SUB_PAUSE_BUTTON, TOPIC_BUTTON } from '../../src/bot/buttons.ts';
import { createBudgets } from '../../src/bot/budget.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { memoryStore } from '../helpers/store.ts';

describe('policies', () => {
  it('every menu and admin command, and every defined button, has exactly one policy', () => {
    const { bot } = recordingBot(memoryStore());
    for (const name of [...PUBLIC_COMMANDS, ...ADMIN_COMMANDS]) expect(bot.policies.commands.get(name), `/${name}`).toBeDefined();
    for (const def of definedButtons()) expect(bot.policies.buttons.get(def.prefix), `button ${def.prefix}`).toBeDefined();
    expect(bot.policies.commands.get('stats')).toMatchObject({ who: 'botAdmin', where: ['private'] });
    expect(bot.policies.commands.get('digest')?.cost).toBe('output');
    expect(bot.policies.buttons.get('f')?.cost).toBe('output');
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
