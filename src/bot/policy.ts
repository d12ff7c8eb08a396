// One policy per command and button, declared where it is registered, enforced by one middleware:
// what it costs (cheap / search / heavy / output-multiplying), who may use it (anyone / an admin of
// the chat it acts on, asked of Telegram now / a bot admin), and where (private / group / inline).
// Limits are per user and per chat; past one, the user gets one "slow down, try again in N s"
// per minute and then silence, so a flood costs neither work nor messages.
import type { CommandContext, Composer, Context, MiddlewareFn } from 'grammy';
import { escapeHtml } from '../telegram/html.ts';
import type { Budgets, Limit } from './budget.ts';
import { createBudgets } from './budget.ts';
import type { Bucket } from './token-bucket.ts';
import { createTokenBuckets } from './token-bucket.ts';
import type { ButtonDef, FieldType, FieldValues } from './callback-data.ts';
import type { ChatPace } from './chat-pace.ts';
import { createChatPace } from './chat-pace.ts';
import type { ChatRights } from './chat-rights.ts';
import { createChatRights } from './chat-rights.ts';
import type { BotContext } from './context.ts';

export type CostClass = 'cheap' | 'search' | 'heavy' | 'output';
export type Who = 'anyone' | 'chatAdmin' | 'botAdmin';
export type Where = 'private' | 'group' | 'inline';

export interface Policy {
  cost: CostClass;
  who: Who;
  where: readonly Where[];
}

export const ANYWHERE: readonly Where[] = ['private', 'group'];
export const PRIVATE_ONLY: readonly Where[] = ['private'];

/** Anonymous group admins post as this user id; it proves nothing about who they are. */
export const GROUP_ANONYMOUS_BOT_ID = 1087968824;

const MINUTE = 60_000;
/** Messages the bot sends one user (or one group, Telegram's own limit) per minute, whatever they ask. */
export const MESSAGES_PER_MINUTE = 20;
const NOTICE: Limit = { max: 1, windowMs: MINUTE };


/** Requests per class, per user and per group chat. Search's per-user limit comes from the config. */
function classLimits(cost: CostClass, searchPerMinute: number): { user: Limit[]; chat: Limit[] } {
  switch (cost) {
    case 'cheap':
      return { user: [{ max: 30, windowMs: MINUTE }], chat: [{ max: 20, windowMs: MINUTE }] };
    case 'search':
      // Per user also a token bucket (searchBucket): a burst of 8, then one per 60 s / rate.
      return { user: [{ max: searchPerMinute, windowMs: MINUTE }], chat: [{ max: 10, windowMs: MINUTE }] };
    case 'heavy':
      return { user: [{ max: 4, windowMs: MINUTE }], chat: [{ max: 3, windowMs: MINUTE }] };
    case 'output':
      return { user: [{ max: 3, windowMs: MINUTE }], chat: [{ max: 2, windowMs: MINUTE }] };
  }
}

/** A user's searches: a burst of SEARCH_BURST, then one every minute / SEARCH_RATE_PER_MINUTE (6 s at the default 10). */
export const SEARCH_BURST = 8;
const searchBucket = (perMinute: number): Bucket => ({ capacity: SEARCH_BURST, refillMs: MINUTE / perMinute });

/** Methods that put a message in a chat: what the per-minute message budget counts. */
const isMessageMethod = (method: string): boolean => method.startsWith('send') && method !== 'sendChatAction';

function chatKind(ctx: Context): Where | null {
  if (ctx.inlineQuery) return 'inline';
  const type = ctx.chat?.type;
  if (type === 'private') return 'private';
  if (type === 'group' || type === 'supergroup') return 'group';
  return null;
}

export type ButtonHandler<F extends readonly FieldType[]> = (ctx: BotContext, values: FieldValues<F>) => Promise<unknown>;

export interface PolicyGuard {
  /** The middleware for one policy; `target` names the chat a chatAdmin policy acts on (default: this chat). */
  enforce(name: string, policy: Policy, target?: (ctx: BotContext) => number | undefined): MiddlewareFn<BotContext>;
  /** `policy.target` names the chat a chatAdmin command acts on (default: this chat), e.g. a channel managed from private. */
  command(
    composer: Composer<BotContext>, name: string, policy: Policy & { target?: (ctx: BotContext) => number | undefined },
    handler: MiddlewareFn<CommandContext<BotContext>>,
  ): void;
  button<F extends readonly FieldType[]>(
    composer: Composer<BotContext>, def: ButtonDef<F>, policy: Policy & { target?: (values: FieldValues<F>) => number }, handler: ButtonHandler<F>,
  ): void;
  readonly commands: ReadonlyMap<string, Policy>;
  readonly buttons: ReadonlyMap<string, Policy>;
}

export interface GuardOptions {
  adminIds: number[];
  searchRatePerMinute: number;
  budgets?: Budgets;
  rights?: ChatRights;
  /** Chats Telegram asked us to leave alone for a while (429). */
  pace?: ChatPace;
}

export function createPolicyGuard(options: GuardOptions): PolicyGuard {
  const budgets = options.budgets ?? createBudgets();
  const buckets = createTokenBuckets();
  const rights = options.rights ?? createChatRights();
  const pace = options.pace ?? createChatPace();
  const commands = new Map<string, Policy>();
  const buttons = new Map<string, Policy>();

  /** The longest wait over every limit this request is under; 0 when it may run now. */
  function waitFor(ctx: BotContext, policy: Policy, now: number): number {
    const user = ctx.from?.id;
    const groupChat = ctx.chat && ctx.chat.type !== 'private' ? ctx.chat.id : undefined;
    const limits = classLimits(policy.cost, options.searchRatePerMinute);
    const waits: number[] = [];
    const bucket = searchBucket(options.searchRatePerMinute);
    if (user !== undefined && policy.cost === 'search') waits.push(buckets.waitMs(`u:${user}:search`, bucket, now));
    if (user !== undefined) {
      waits.push(...limits.user.map((l) => budgets.waitMs(`u:${user}:${policy.cost}:${l.windowMs}`, l, now)));
      waits.push(budgets.waitMs(`u:${user}:msgs`, { max: MESSAGES_PER_MINUTE, windowMs: MINUTE }, now));
    }
    // A chat Telegram asked us to leave alone (429, see chat-pace.ts): nothing is sent to it until then.
    if (ctx.chat) waits.push(pace.heldUntil(ctx.chat.id) - now);
    if (groupChat !== undefined) {
      waits.push(...limits.chat.map((l) => budgets.waitMs(`c:${groupChat}:${policy.cost}:${l.windowMs}`, l, now)));
      waits.push(budgets.waitMs(`c:${groupChat}:msgs`, { max: MESSAGES_PER_MINUTE, windowMs: MINUTE }, now));
    }
    const wait = Math.max(0, ...waits);
    if (wait === 0) {
      if (user !== undefined && policy.cost === 'search') buckets.take(`u:${user}:search`, bucket, now);
      for (const l of limits.user) if (user !== undefined) budgets.charge(`u:${user}:${policy.cost}:${l.windowMs}`, 1, now);
      for (const l of limits.chat) if (groupChat !== undefined) budgets.charge(`c:${groupChat}:${policy.cost}:${l.windowMs}`, 1, now);
    }
    return wait;
  }

  async function slowDown(ctx: BotContext, waitMs: number, now: number): Promise<void> {
    const key = `n:${ctx.chat && ctx.chat.type !== 'private' ? `c${ctx.chat.id}` : `u${ctx.from?.id ?? 0}`}`;
    // A notice is a message too: not into a chat Telegram asked us to leave alone (a toast on a button is fine).
    const held = !ctx.callbackQuery && ctx.chat !== undefined && pace.heldUntil(ctx.chat.id) > now;
    const notify = !held && budgets.waitMs(key, NOTICE, now) === 0;
    if (notify) budgets.charge(key, 1, now);
    const text = ctx.t.slowDown(Math.max(1, Math.ceil(waitMs / 1000)));
    // A button's press is answered anyway: the toast saying when to try again costs nothing more.
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
    // Inline mode has no messages: the button above the (empty) results says why, every time.
    else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true, button: { text: ctx.t.inlineSlow(Math.max(1, Math.ceil(waitMs / 1000))), start_parameter: 'help' } });
    else if (notify && ctx.chat) await ctx.reply(escapeHtml(text), { parse_mode: 'HTML' });
  }

  async function refuse(ctx: BotContext, text: string): Promise<void> {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
    else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true });
    else if (ctx.chat) await ctx.reply(escapeHtml(text), { parse_mode: 'HTML' });
  }

  function isBotAdmin(ctx: BotContext): boolean {
    const from = ctx.from;
    return from !== undefined && from.id !== GROUP_ANONYMOUS_BOT_ID && ctx.msg?.sender_chat === undefined &&
      ctx.chat?.type === 'private' && options.adminIds.includes(from.id);
  }

  /** Admin of the chat acted on: yourself in private; an anonymous admin of this group; else Telegram says. */
  async function isChatAdmin(ctx: BotContext, target: number, now: number): Promise<boolean> {
    const from = ctx.from;
    if (!from) return false;
    if (target === from.id) return true;
    // Positive ids are people's private chats: nobody but that person manages one.
    if (target > 0) return false;
    if (from.id === GROUP_ANONYMOUS_BOT_ID) return ctx.chat?.id === target && ctx.msg?.sender_chat?.id === target;
    return rights.isChatAdmin(ctx.api, target, from.id, now);
  }

  function enforce(name: string, policy: Policy, target?: (ctx: BotContext) => number | undefined): MiddlewareFn<BotContext> {
    return async (ctx, next) => {
      const now = ctx.deps.clock().getTime();
      const wait = waitFor(ctx, policy, now);
      if (wait > 0) return slowDown(ctx, wait, now);
      if (policy.who === 'botAdmin') {
        const allowed = isBotAdmin(ctx);
        ctx.deps.store.botState.audit({ at: new Date(now).toISOString(), userId: ctx.from?.id ?? null, chatId: ctx.chat?.id ?? null, command: name, allowed });
        if (!allowed) {
          ctx.deps.logger.warn({ command: name, userId: ctx.from?.id ?? null, chatType: ctx.chat?.type }, 'admin command refused');
          return refuse(ctx, ctx.t.adminOnly);
        }
      }
      const kind = chatKind(ctx);
      if (kind === null || !policy.where.includes(kind)) {
        return refuse(ctx, policy.where.length === 1 && policy.where[0] === 'private' ? ctx.t.privateOnly : ctx.t.notHere);
      }
      if (policy.who === 'chatAdmin') {
        const chatId = target ? target(ctx) : ctx.chat?.id;
        if (chatId === undefined || !(await isChatAdmin(ctx, chatId, now))) return refuse(ctx, ctx.t.sub.adminsOnly);
      }
      // Count what this request actually sends, and charge it to the user's and the group's budget.
      let sent = 0;
      ctx.api.config.use((prev, method, payload, signal) => {
        if (isMessageMethod(method)) sent += 1;
        return prev(method, payload, signal);
      });
      try {
        await next();
      } finally {
        const at = ctx.deps.clock().getTime();
        if (ctx.from) budgets.charge(`u:${ctx.from.id}:msgs`, sent, at);
        if (ctx.chat && ctx.chat.type !== 'private') budgets.charge(`c:${ctx.chat.id}:msgs`, sent, at);
      }
    };
  }

  return {
    enforce,
    command(composer, name, policy, handler) {
      if (commands.has(name)) throw new Error(`Cannot register /${name}: it already has a policy`);
      commands.set(name, policy);
      composer.command(name, enforce(name, policy, policy.target), handler);
    },
    button(composer, def, policy, handler) {
      if (buttons.has(def.prefix)) throw new Error(`Cannot register button ${def.prefix}: it already has a policy`);
      buttons.set(def.prefix, policy);
      const values = (ctx: BotContext) => def.parse(ctx.callbackQuery?.data ?? '');
      const target = policy.target ? (ctx: BotContext) => {
        const v = values(ctx);
        return v && policy.target ? policy.target(v) : undefined;
      } : undefined;
      composer.callbackQuery(def.pattern, enforce(def.prefix, policy, target), async (ctx) => {
        const v = values(ctx);
        if (v) await handler(ctx, v);
      });
    },
    commands,
    buttons,
  };
}
