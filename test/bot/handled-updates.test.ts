// Handled update ids are remembered per bot: a database moved to another bot (a new token, whose
// update ids start again) must not drop that bot's updates as "already handled".
import { describe, expect, it } from 'vitest';
import type { BotDeps } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create-bot.ts';
import { TEST_BOT_INFO } from '../helpers/recording-bot.ts';
import { quietLogger } from '../helpers/digest-fixture.ts';
import { memoryStore, reference } from '../helpers/store.ts';

function botWithId(store: ReturnType<typeof memoryStore>, id: number) {
  const deps: BotDeps = {
    store, reference: reference(), logger: quietLogger(), clock: () => new Date('2026-11-30T09:00:00Z'),
    options: { adminIds: [], searchRatePerMinute: 20, dedupeUpdates: true, defaultTimeZone: 'Europe/Kyiv', digestMaxAgeDays: 7 },
    reindex: () => ({ filesRead: 0, filesSkippedUnchanged: 0, added: 0, updated: 0, unchanged: 0, removed: 0, rejects: [] }),
  };
  const bot = createBot({ token: `${id}:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz`, apiRoot: 'http://127.0.0.1:9', botInfo: { ...TEST_BOT_INFO, id } }, deps);
  const sent: string[] = [];
  bot.api.config.use(async (_prev, method, payload) => {
    if (method === 'sendMessage') sent.push(String((payload as { text: string }).text));
    return { ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '' } } as never;
  });
  return { bot, sent };
}

const help = (updateId: number) => ({
  update_id: updateId,
  message: { message_id: 1, date: 0, text: '/help', from: { id: 5, is_bot: false, first_name: 'A' }, chat: { id: 5, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: 5 }] },
}) as never;

describe('handled updates', () => {
  it('G14: the same update id twice is handled once for one bot, but the same id from another bot is its own update', async () => {
    const store = memoryStore();
    const first = botWithId(store, 1001);
    await first.bot.handleUpdate(help(7));
    await first.bot.handleUpdate(help(7));
    expect(first.sent).toHaveLength(1);
    const moved = botWithId(store, 2002); // the same database, a new bot token
    await moved.bot.handleUpdate(help(7));
    expect(moved.sent).toHaveLength(1);
  });
});
