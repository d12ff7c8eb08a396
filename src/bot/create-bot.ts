// Builds the bot: API safety layers, shared context, one error boundary around every feature.
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, Composer } from 'grammy';
import type { Context, Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { errorFields } from '../logger.ts';
import type { Logger } from '../logger.ts';
import { classifyTelegramError } from '../telegram/errors.ts';
import { escapeHtml, toPlainText } from '../telegram/html.ts';
import type { BotContext, BotDeps } from './context.ts';
import { adminFeature } from './features/admin.ts';
import { browseFeature } from './features/browse.ts';
import { citeFeature } from './features/cite.ts';
import { exportFeature } from './features/export.ts';
import { createExportGate } from './export-policy.ts';
import { inlineFeature } from './features/inline.ts';
import { startFeature } from './features/start.ts';
import { subscribeFeature } from './features/subscribe.ts';
import { languageFromCode, TEXTS } from './i18n/index.ts';
import { sendList } from './lists.ts';
import { createChatPace, noWaitOnChatFlood } from './chat-pace.ts';
import type { PolicyGuard } from './policy.ts';
import { createPolicyGuard, PRIVATE_ONLY } from './policy.ts';
import { cutText, echo, MAX_QUERY_CHARS } from '../telegram/text.ts';

export interface BotTransport {
  token: string;
  apiRoot: string;
  /** Given in tests and the console so that nothing asks the network who the bot is. */
  botInfo?: UserFromGetMe;
  /** Runner mode handles updates concurrently: keep each chat's (and user's) updates in order. */
  sequentialize?: boolean;
}

/** One chat's updates, and one user's across chats, run one at a time in update_id order. */
export function updateLockKeys(ctx: Context): string[] {
  return [...new Set([ctx.chat?.id, ctx.from?.id].filter((id): id is number => id !== undefined).map(String))];
}

/** If Telegram still rejects our HTML, the same text goes out as plain text, and we log it. */
export function plainTextFallback(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const p = payload as { parse_mode?: string; text?: string };
    if (
      !result.ok &&
      classifyTelegramError(result).kind === 'html' &&
      (method === 'sendMessage' || method === 'editMessageText') &&
      p.parse_mode === 'HTML' &&
      typeof p.text === 'string'
    ) {
      logger.warn({ method, description: result.description }, 'Telegram rejected HTML; re-sending as plain text');
      const { parse_mode: _dropped, ...rest } = payload as Record<string, unknown>;
      return prev(method, { ...rest, text: toPlainText(p.text) } as typeof payload, signal);
    }
    return result;
  };
}

/** How often "Telegram unreachable" is logged while it stays so (auto-retry tries on, silently). */
export const UNREACHABLE_LOG_INTERVAL_MS = 30_000;

/**
 * Installed inside auto-retry, so it sees every attempt: a network failure (Telegram down, DNS,
 * a firewall) is logged — at most every 30 s — instead of being retried without a word.
 */
export function logUnreachable(logger: Logger, now: () => number = Date.now): Transformer {
  let lastLogged = -Infinity;
  return async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (!signal?.aborted && now() - lastLogged >= UNREACHABLE_LOG_INTERVAL_MS) {
        lastLogged = now();
        logger.warn({ method, err: errorFields(error) }, 'Telegram Bot API unreachable; retrying');
      }
      throw error;
    }
  };
}

/** Sets deps and texts; in groups, makes every reply answer the asking message. */
function contextSetup(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx, next) => {
    ctx.deps = deps;
    const saved = ctx.chat ? deps.store.botState.chatLanguage(ctx.chat.id) : ctx.from ? deps.store.botState.chatLanguage(ctx.from.id) : null;
    ctx.lang = saved ?? languageFromCode(ctx.from?.language_code);
    ctx.t = TEXTS[ctx.lang];
    // Scheduled digests follow the same language as replies (store/bot-state.ts digestLanguage).
    if (ctx.from && !ctx.from.is_bot && ctx.from.language_code) {
      deps.store.botState.noteUserLanguage(ctx.from.id, languageFromCode(ctx.from.language_code), deps.clock().toISOString(), false);
    }
    const asking = ctx.msg?.message_id;
    if (ctx.chat && ctx.chat.type !== 'private' && asking !== undefined && !ctx.callbackQuery) {
      const reply = ctx.reply.bind(ctx);
      ctx.reply = (text, other) => reply(text, { reply_parameters: { message_id: asking, allow_sending_without_reply: true }, ...other });
    }
    await next();
  });
  return composer;
}

/**
 * Telegram delivers at least once (a webhook retry, a poll after a crash): an update already
 * handled is skipped, and one in flight is not started twice.
 */
function onceOnly(deps: BotDeps): Composer<BotContext> {
  const inFlight = new Set<number>();
  const composer = new Composer<BotContext>();
  composer.use(async (ctx, next) => {
    const id = ctx.update.update_id;
    const botId = ctx.me.id;
    if (inFlight.has(id) || deps.store.botState.isUpdateHandled(botId, id)) {
      deps.logger.info({ updateId: id }, 'update already handled; skipped');
      return;
    }
    inFlight.add(id);
    try {
      await next();
    } finally {
      inFlight.delete(id);
      deps.store.botState.markUpdateHandled(botId, id, deps.clock().toISOString());
    }
  });
  return composer;
}

/** Buttons nobody handles (forged data, old versions) still get an answer, inside the boundary. */
function unknownButtons(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery({ text: TEXTS[ctx.lang ?? 'en'].unknownButton });
  });
  return composer;
}

/**
 * Plain words in a private chat are a search, under the same policy (and limits) as /search; an
 * unknown command gets a pointer to /help.
 */
function fallback(guard: PolicyGuard): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateText = composer.chatType('private').on('message:text');
  privateText.filter((ctx) => ctx.message.text.trim().startsWith('/')).use(
    guard.enforce('unknown command', { cost: 'cheap', who: 'anyone', where: PRIVATE_ONLY }),
    async (ctx) => {
      await ctx.reply(escapeHtml(ctx.t.unknownCommand), { parse_mode: 'HTML' });
    },
  );
  privateText.use(guard.enforce('plain-text search', { cost: 'search', who: 'anyone', where: PRIVATE_ONLY }), async (ctx) => {
    const text = ctx.message?.text?.trim() ?? '';
    await sendList(ctx, 'search', cutText(text, MAX_QUERY_CHARS), 5, ctx.t.noResultsSearch(echo(text)));
  });
  return composer;
}

const BOT_API_TIMEOUT_SECONDS = 60;

/** The update types the bot asks Telegram for (allowed_updates of getUpdates, the runner and setWebhook). */
export const BOT_UPDATE_TYPES = ['message', 'callback_query', 'inline_query', 'my_chat_member'] as const;

export function createBot(transport: BotTransport, deps: BotDeps): Bot<BotContext> & { policies: PolicyGuard } {
  const bot = new Bot<BotContext>(transport.token, {
    // grammY waits 500 s for an answer by default; a reply stuck that long would hold its chat
    // (sequentialize) and a runner slot. 60 s still covers getUpdates' 30 s long poll.
    client: { apiRoot: transport.apiRoot, timeoutSeconds: BOT_API_TIMEOUT_SECONDS },
    ...(transport.botInfo ? { botInfo: transport.botInfo } : {}),
  });
  bot.api.config.use(logUnreachable(deps.logger));
  bot.api.config.use(plainTextFallback(deps.logger));
  // Inside auto-retry: a 429 to a chat is not slept on in a handler (it would hold every other
  // chat's updates); the chat is held instead and the policy refuses its requests until then.
  const pace = createChatPace();
  bot.api.config.use(noWaitOnChatFlood(pace, deps.clock, deps.logger));
  // Installed after the fallback, so it wraps it: a 429 waits retry_after, 5xx and network errors
  // back off, a bounded number of times — a reply is never worth hanging a handler for long.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10, rethrowInternalServerErrors: false, rethrowHttpErrors: false }));
  // One guard for every command and button: their policies are declared where each is registered.
  const guard = createPolicyGuard({ adminIds: deps.options.adminIds, searchRatePerMinute: deps.options.searchRatePerMinute, pace });
  // First, outside the error boundary: /subscribe then /stop must not finish in the wrong order,
  // while other chats go on. A hung handler holds its chat until it settles (the runner's
  // timeout frees only its slot), so handlers must not wait without a bound.
  if (transport.sequentialize) bot.use(sequentialize(updateLockKeys));
  // Then, before anything that may write: while the bot works on an update (not while it waits
  // for its chat's turn or for Telegram), a background ingest does not start a transaction, so
  // the bot's writes seldom wait for the lock (store/write-turns.ts).
  const turns = deps.writeTurns;
  if (turns) {
    bot.use((_ctx, next) => turns.hold(next));
    bot.api.config.use((prev, method, payload, signal) => turns.outside(() => prev(method, payload, signal)));
  }

  bot.errorBoundary(
    async (error) => {
      const ctx = error.ctx;
      const cause = error.error as { code?: string };
      if (classifyTelegramError(error.error).code === 429) {
        // Telegram asked this chat to slow down: the handler does not wait (chat-pace.ts re-sends
        // once in the background, or drops a flood), and an apology would only meet the same 429.
        deps.logger.warn({ err: errorFields(error.error), updateId: ctx.update.update_id }, 'Telegram rate-limits this chat: reply re-sent later or dropped');
        return;
      }
      deps.logger.error({ err: errorFields(error.error), updateId: ctx.update.update_id }, 'handler failed');
      const text = cause?.code === 'SQLITE_BUSY' || cause?.code === 'SQLITE_LOCKED' ? ctx.t?.busy : ctx.t?.error;
      try {
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: text ?? TEXTS.en.error });
        else if (ctx.chat) await ctx.reply(escapeHtml(text ?? TEXTS.en.error), { parse_mode: 'HTML' });
      } catch (replyError) {
        deps.logger.warn({ err: errorFields(replyError) }, 'could not tell the user about the failure');
      }
    },
    contextSetup(deps),
    ...(deps.options.dedupeUpdates ? [onceOnly(deps)] : []),
    subscribeFeature(guard),
    startFeature(guard),
    browseFeature(guard),
    inlineFeature(guard),
    citeFeature(guard),
    exportFeature(guard, createExportGate()),
    adminFeature(guard),
    fallback(guard),
    unknownButtons(),
  );
  // Last line of defence: nothing thrown by a handler may stop polling or fail a webhook request.
  bot.catch((error) => {
    deps.logger.error({ err: errorFields(error.error), updateId: error.ctx.update.update_id }, 'update failed outside the error boundary');
  });
  // Exposed so a test can check that every command and button was registered with a policy.
  return Object.assign(bot, { policies: guard });
}
