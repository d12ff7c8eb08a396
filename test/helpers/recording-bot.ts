// The real bot over a real in-memory store, with every Bot API call recorded and answered here.
import type { Update, UserFromGetMe } from 'grammy/types';
import pino from 'pino';
import type { BotDeps } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create-bot.ts';
import type { Store } from '../../src/store/index.ts';
import { reference } from './store.ts';

export const TEST_BOT_INFO = {
  id: 42, is_bot: true, first_name: 'Digest', username: 'digest_test_bot', can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false, has_main_web_app: false,
} as UserFromGetMe;

export interface RecordedCall {
  method: string;
  payload: Record<string, any>;
}

export function recordingBot(store: Store, overrides: Partial<BotDeps> = {}) {
  const calls: RecordedCall[] = [];
  /** Chat member statuses answered to getChatMember, by user id (default 'member'). */
  const memberStatus = new Map<number, string>();
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
  let now = new Date('2026-11-23T09:00:00Z');
  const deps: BotDeps = {
    store,
    reference: reference(),
    logger,
    clock: () => now,
    options: { adminIds: [777], searchRatePerMinute: 20, dedupeUpdates: true, defaultTimeZone: 'Europe/Kyiv', digestMaxAgeDays: 7 },
    reindex: () => ({ filesRead: 0, filesSkippedUnchanged: 0, added: 0, updated: 0, unchanged: 0, removed: 0, rejects: [] }),
    ...overrides,
  };
  const bot = createBot({ token: '123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz', apiRoot: 'http://127.0.0.1:9', botInfo: TEST_BOT_INFO }, deps);
  let messageId = 100;
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, any> });
    const p = payload as Record<string, any>;
    if (method === 'sendMessage' || method === 'editMessageText') {
      messageId += 1;
      return { ok: true, result: { message_id: p.message_id ?? messageId, date: 0, chat: { id: p.chat_id, type: 'private' }, text: p.text } } as never;
    }
    if (method === 'getChat') {
      return (p.chat_id === '@digest_channel'
        ? { ok: true, result: { id: -1009999, type: 'channel', title: 'Digest channel' } }
        : { ok: false, error_code: 400, description: 'Bad Request: chat not found' }) as never;
    }
    if (method === 'getChatMember') {
      return { ok: true, result: { status: memberStatus.get(Number(p.user_id)) ?? 'member', user: { id: Number(p.user_id), is_bot: false, first_name: 'U' } } } as never;
    }
    return { ok: true, result: true } as never;
  });
  let updateId = 0;
  return {
    bot,
    calls,
    logLines,
    memberStatus,
    setNow: (d: Date) => {
      now = d;
    },
    async handle(update: Partial<Update>): Promise<RecordedCall[]> {
      const before = calls.length;
      updateId += 1;
      await bot.handleUpdate({ update_id: updateId, ...update } as Update);
      return calls.slice(before);
    },
  };
}
