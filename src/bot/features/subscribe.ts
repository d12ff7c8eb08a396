// Subscribing to the daily digest and its settings: /subscribe (+ buttons), /unsubscribe, /stop
// (forget the chat), /channel, the membership updates that tell us a chat is gone (or joined);
// /time, /timezone, /keywords live in digest-settings.ts and /digest in digest-preview.ts.
import { Composer } from 'grammy';
import { nextSlot } from '../../digest/due.ts';
import { lookUpActor, lookUpTopic } from '../../lookups.ts';
import type { Subscription } from '../../store/index.ts';
import { escapeHtml } from '../../telegram/html.ts';
import { languageFromCode } from '../i18n/index.ts';
import type { BotContext } from '../context.ts';
import {
  SUB_ACTOR_BUTTON, SUB_LANGUAGE_BUTTON, SUB_PAUSE_BUTTON, SUB_SETTINGS_BUTTON, SUB_TOPIC_BUTTON, SUB_UNSUBSCRIBE_BUTTON,
} from '../buttons.ts';
import type { Policy, PolicyGuard } from '../policy.ts';
import { ANYWHERE, PRIVATE_ONLY } from '../policy.ts';
import { echo } from '../../telegram/text.ts';
import { actorsView, describeNext, settingsView, topicsView } from './subscribe-view.ts';
import { digestSettingsCommands } from './digest-settings.ts';
import { digestPreviewCommands } from './digest-preview.ts';
import { suggestTopicSlugs } from '../settings/suggest.ts';

export const now = (ctx: BotContext): string => ctx.deps.clock().toISOString();
export const reply = (ctx: BotContext, text: string) => ctx.reply(escapeHtml(text), { parse_mode: 'HTML' });

/**
 * Changing a digest: an admin of the chat it belongs to, asked of Telegram at each use (cached
 * ≤ 60 s); in a private chat, its user. Never "whoever set it up": a demoted admin loses control.
 */
const MANAGE: Policy = { cost: 'cheap', who: 'chatAdmin', where: ANYWHERE };
/** A settings button acts on the chat named in its data, which may be a group or channel managed from private. */
export const MANAGE_BUTTON = { ...MANAGE, target: ([chatId]: [number, string]) => chatId };

/**
 * The digest this chat's settings commands change: in a private chat, the channel chosen with
 * /channel @name (while the user still owns its digest), else the chat itself.
 */
export function targetOf(ctx: BotContext): { chatId: number; name: string | null } {
  const chat = ctx.chat as NonNullable<BotContext['chat']>;
  if (chat.type === 'private' && ctx.from) {
    const target = ctx.deps.store.botState.targetChat(ctx.from.id);
    if (target !== null && ctx.deps.store.subscriptions.get(target)?.ownerUserId === ctx.from.id) {
      return { chatId: target, name: ctx.deps.store.botState.chatTitle(target) ?? String(target) };
    }
  }
  return { chatId: chat.id, name: null };
}

/**
 * A settings command acts on targetOf(ctx) — a channel chosen with /channel, owned by the user —
 * so the policy asks Telegram about the user's rights in that chat, not in this private one.
 */
export const MANAGE_TARGET = { ...MANAGE, target: (ctx: BotContext) => (ctx.chat ? targetOf(ctx).chatId : undefined) };

/** Replies about another chat's digest (a channel) say whose digest they are about. */
export const about = (ctx: BotContext, target: { name: string | null }, text: string): string =>
  target.name ? `${ctx.t.sub.targetHeader(target.name)}: ${text}` : text;
export const replyAbout = (ctx: BotContext, target: { name: string | null }, text: string) => reply(ctx, about(ctx, target, text));

/**
 * The subscription a settings command changes. An existing one is changed as it is — an
 * inactive (unsubscribed, blocked) digest stays off, and the reply says so; only the chat's own
 * digest is created when there is none.
 */
export function settingsTarget(ctx: BotContext, target: { chatId: number }): Subscription {
  const existing = ctx.deps.store.subscriptions.get(target.chatId);
  if (existing) return existing;
  const chat = ctx.chat as NonNullable<BotContext['chat']>;
  return startSubscription(ctx, chat.id, chat.type);
}

/** Creates the digest, or turns an inactive one back on from the next slot with nothing old. */
function startSubscription(ctx: BotContext, chatId: number, chatType: string, ownerUserId = ctx.from?.id ?? null): Subscription {
  const existing = ctx.deps.store.subscriptions.get(chatId);
  const zone = existing?.timeZone ?? ctx.deps.options.defaultTimeZone;
  const time = existing?.localTime ?? '08:00';
  if (ctx.from && ctx.from.language_code) {
    ctx.deps.store.botState.noteUserLanguage(ctx.from.id, languageFromCode(ctx.from.language_code), now(ctx), true);
  }
  return ctx.deps.store.subscriptions.subscribe({
    chatId, chatType, ownerUserId: existing?.ownerUserId ?? ownerUserId, localTime: time, timeZone: zone,
    nextDueAt: nextSlot(time, zone, ctx.deps.clock()).at.toISOString(), now: now(ctx),
  });
}

/**
 * /start also turns a digest back on that stopped because the chat had blocked the bot. It
 * starts afresh: the next slot from now, nothing from the time the bot was blocked. Returns the
 * note for the /start reply, or null when nothing was turned back on.
 */
export function resumeOnStart(ctx: BotContext): string | null {
  const s = ctx.chat ? ctx.deps.store.subscriptions.get(ctx.chat.id) : undefined;
  const back = s && !s.active && s.inactiveReason !== 'unsubscribed'
    && ctx.deps.store.subscriptions.reactivate(s.chatId, nextSlot(s.localTime, s.timeZone, ctx.deps.clock()).at.toISOString(), now(ctx));
  const after = back ? ctx.deps.store.subscriptions.get(s.chatId) : undefined;
  return after ? ctx.t.sub.resumed(describeNext(ctx, after)) : null;
}

/** The reply, and a word that nothing will be sent when the digest is off or paused. */
export const offNote = (ctx: BotContext, s: Subscription, text: string): string =>
  !s.active ? `${text}\n${ctx.t.sub.offNote}` : s.paused ? `${text}\n${ctx.t.sub.pausedNote}` : text;

/** A word of /subscribe not understood, and what it may have meant ("topic:sanctions"). */
interface Unknown {
  word: string;
  suggestions: string[];
}

/** An actor's name as a filter word: spaces as _ so the suggestion can be sent back as it is. */
const actorWord = (name: string): string => `actor:${name.replace(/\s+/g, '_')}`;

/** "topic:sanctions actor:zelensky lang:uk" → changes, or the word not understood with suggestions. */
function applyFilterWords(ctx: BotContext, s: Subscription, words: string): Unknown | null {
  for (const m of words.matchAll(/(\w+):("[^"]+"|\S+)/g)) {
    const key = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').replace(/^"|"$/g, '');
    if (key === 'topic') {
      const found = lookUpTopic(ctx.deps.reference.tagger, value);
      if (found.kind === 'suggest') return { word: m[0], suggestions: found.suggestions.map((t) => `topic:${t.slug}`) };
      if (found.kind !== 'found') return { word: m[0], suggestions: suggestTopicSlugs(ctx.deps.reference.tagger, value).map((slug) => `topic:${slug}`) };
      if (!s.topics.includes(found.topic.slug)) s.topics.push(found.topic.slug);
    } else if (key === 'actor') {
      const found = lookUpActor(ctx.deps.store, value.replace(/_/g, ' '));
      if (found.kind === 'suggest') return { word: m[0], suggestions: found.suggestions.slice(0, 3).map((a) => actorWord(a.canonical)) };
      if (found.kind !== 'found') return { word: m[0], suggestions: [] };
      if (!s.actors.includes(found.actor.id)) s.actors.push(found.actor.id);
    } else if (key === 'lang' && (value === 'en' || value === 'uk' || value === 'both')) s.languagePref = value;
    else if (key === 'lang') return { word: m[0], suggestions: ['lang:en', 'lang:uk', 'lang:both'] };
    else return { word: m[0], suggestions: [] };
  }
  const leftover = words.replace(/(\w+):("[^"]+"|\S+)/g, '').trim();
  const word = leftover ? leftover.split(/\s+/)[0] : undefined;
  if (!word) return null;
  // A bare word may be a topic or a person: offer the filter that names it.
  const topic = lookUpTopic(ctx.deps.reference.tagger, word);
  const actor = lookUpActor(ctx.deps.store, word);
  const suggestions = [
    ...(topic.kind === 'found' ? [`topic:${topic.topic.slug}`] : suggestTopicSlugs(ctx.deps.reference.tagger, word).map((slug) => `topic:${slug}`)),
    ...(actor.kind === 'found' ? [actorWord(actor.actor.canonical)] : []),
  ];
  return { word, suggestions: suggestions.slice(0, 3) };
}

/** The settings message; `note` (a word not understood, "channel set") goes on top, in the same message. */
async function showSettings(ctx: BotContext, s: Subscription, note?: string, targetName = ''): Promise<void> {
  const { html, keyboard } = settingsView(ctx, s, targetName);
  await ctx.reply(note ? `${escapeHtml(note)}\n\n${html}` : html, { parse_mode: 'HTML', reply_markup: keyboard });
}

export function subscribeFeature(guard: PolicyGuard): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  guard.command(composer, 'subscribe', MANAGE_TARGET, async (ctx) => {
    if (!ctx.chat) return;
    const target = targetOf(ctx);
    const before = ctx.deps.store.subscriptions.get(target.chatId);
    const s = before?.active ? before : startSubscription(ctx, target.chatId, before?.chatType ?? ctx.chat.type);
    const unknown = applyFilterWords(ctx, s, ctx.match.trim());
    ctx.deps.store.subscriptions.save(s, now(ctx));
    // One message: the notes (a word not understood; back after a pause of any length, nothing
    // from the time away will arrive) on top of the settings.
    const notes = [
      unknown ? ctx.t.sub.unknownFilter(echo(unknown.word)) + (unknown.suggestions.length ? `\n${ctx.t.sub.didYouMean(unknown.suggestions.map((w) => `/subscribe ${w}`).join(', '))}` : '') : null,
      before && !before.active ? about(ctx, target, ctx.t.sub.resumed(describeNext(ctx, s))) : null,
    ].filter((n): n is string => n !== null);
    await showSettings(ctx, s, notes.length ? notes.join('\n\n') : undefined, target.name ?? '');
  });

  digestSettingsCommands(composer, guard);

  guard.command(composer, 'unsubscribe', MANAGE_TARGET, async (ctx) => {
    if (!ctx.chat) return;
    const target = targetOf(ctx);
    if (!ctx.deps.store.subscriptions.get(target.chatId)) return reply(ctx, ctx.t.sub.notSubscribed);
    ctx.deps.store.subscriptions.deactivate(target.chatId, 'unsubscribed', now(ctx));
    await replyAbout(ctx, target, ctx.t.sub.unsubscribed);
  });

  guard.command(composer, 'stop', MANAGE, async (ctx) => {
    if (!ctx.chat) return;
    const removed = forgetChat(ctx, ctx.chat.id);
    await reply(ctx, removed ? ctx.t.sub.stopped : ctx.t.sub.stopNothing);
  });

  digestPreviewCommands(composer, guard);

  // /channel @name: that channel's digest is set up (or taken back) and from then on managed
  // from this private chat with the usual commands; /channel off returns to this chat's own.
  guard.command(composer, 'channel', { cost: 'search', who: 'anyone', where: PRIVATE_ONLY }, async (ctx) => {
    if (ctx.chat?.type !== 'private' || !ctx.from) return reply(ctx, ctx.t.sub.channelHelp);
    const name = ctx.match.trim();
    if (/^(off|me|-)$/i.test(name)) {
      ctx.deps.store.botState.setTargetChat(ctx.from.id, null, now(ctx));
      return reply(ctx, ctx.t.sub.channelOff);
    }
    if (!name) {
      const target = targetOf(ctx);
      return reply(ctx, target.name ? ctx.t.sub.channelCurrent(target.name) : ctx.t.sub.channelHelp);
    }
    if (!/^@[A-Za-z0-9_]{4,64}$/.test(name)) return reply(ctx, ctx.t.sub.channelHelp);
    let channelId: number;
    try {
      const chat = await ctx.api.getChat(name);
      if (chat.type !== 'channel') return reply(ctx, ctx.t.sub.channelNotFound);
      channelId = chat.id;
      const [me, them] = await Promise.all([ctx.api.getChatMember(channelId, ctx.me.id), ctx.api.getChatMember(channelId, ctx.from.id)]);
      const isAdmin = (status: string): boolean => status === 'administrator' || status === 'creator';
      if (!isAdmin(me.status) || !isAdmin(them.status)) return reply(ctx, ctx.t.sub.channelNotAdmin);
    } catch {
      return reply(ctx, ctx.t.sub.channelNotFound);
    }
    const fromId = ctx.from.id;
    const s = ctx.deps.store.db.transaction(() => {
      const existing = ctx.deps.store.subscriptions.get(channelId);
      // A verified admin takes the channel's digest over; an active one keeps its slot and watermark.
      const sub = existing?.active ? existing : startSubscription(ctx, channelId, 'channel', fromId);
      ctx.deps.store.subscriptions.setOwner(channelId, fromId, now(ctx));
      ctx.deps.store.botState.setChatTitle(channelId, 'channel', name, now(ctx));
      ctx.deps.store.botState.setTargetChat(fromId, channelId, now(ctx));
      return { ...sub, ownerUserId: fromId };
    })();
    // One message: how the channel is managed from here, then "Digest for @name is on. Settings:" and the settings.
    await showSettings(ctx, s, `${ctx.t.sub.channelManaging(name)}\n\n${ctx.t.sub.channelSet(name)}`, name);
  });

  const settingsButton = (op: string) => async (ctx: BotContext, [chatId, arg]: [number, string]) => {
    const s = ctx.deps.store.subscriptions.get(chatId);
    if (!s) return ctx.answerCallbackQuery({ text: ctx.t.staleButton });
    await ctx.answerCallbackQuery();
    if (op === 'u') {
      ctx.deps.store.subscriptions.deactivate(chatId, 'unsubscribed', now(ctx));
      return ctx.editMessageText(escapeHtml(ctx.t.sub.unsubscribed), { parse_mode: 'HTML' });
    }
    if (op === 't' && arg && ctx.deps.reference.tagger.entries.some((e) => e.slug === arg)) {
      s.topics = s.topics.includes(arg) ? s.topics.filter((x) => x !== arg) : [...s.topics, arg];
    } else if (op === 'a' && /^\d+$/.test(arg) && ctx.deps.store.actors.byId(Number(arg))) {
      const id = Number(arg);
      s.actors = s.actors.includes(id) ? s.actors.filter((x) => x !== id) : [...s.actors, id];
    } else if (op === 'l' && (arg === 'en' || arg === 'uk' || arg === 'both')) s.languagePref = arg;
    else if (op === 'p') s.paused = arg === '1';
    ctx.deps.store.subscriptions.save(s, now(ctx));
    if (op === 't') return ctx.editMessageText(escapeHtml(ctx.t.sub.pickTopics), { parse_mode: 'HTML', reply_markup: topicsView(ctx, s) });
    if (op === 'a') return ctx.editMessageText(escapeHtml(ctx.t.sub.pickActors), { parse_mode: 'HTML', reply_markup: actorsView(ctx, s) });
    // A channel's settings, changed from the private chat, keep saying whose they are.
    const { html, keyboard } = settingsView(ctx, s, chatId !== ctx.chat?.id ? (ctx.deps.store.botState.chatTitle(chatId) ?? '') : '');
    return ctx.editMessageText(html, { parse_mode: 'HTML', reply_markup: keyboard });
  };
  guard.button(composer, SUB_TOPIC_BUTTON, MANAGE_BUTTON, settingsButton('t'));
  guard.button(composer, SUB_ACTOR_BUTTON, MANAGE_BUTTON, settingsButton('a'));
  guard.button(composer, SUB_SETTINGS_BUTTON, MANAGE_BUTTON, settingsButton('s'));
  guard.button(composer, SUB_PAUSE_BUTTON, MANAGE_BUTTON, settingsButton('p'));
  guard.button(composer, SUB_LANGUAGE_BUTTON, MANAGE_BUTTON, settingsButton('l'));
  guard.button(composer, SUB_UNSUBSCRIBE_BUTTON, MANAGE_BUTTON, settingsButton('u'));

  // Removed from a group or channel, or blocked in private: no more digests there.
  composer.on('my_chat_member', async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    const before = ctx.myChatMember.old_chat_member.status;
    if (status === 'kicked' || status === 'left') ctx.deps.store.subscriptions.deactivate(ctx.myChatMember.chat.id, `bot ${status}`, now(ctx));
    // Just added to a group: one short greeting that says what the bot does and the admins' commands.
    const joined = (status === 'member' || status === 'administrator') && (before === 'left' || before === 'kicked');
    const type = ctx.myChatMember.chat.type;
    if (joined && (type === 'group' || type === 'supergroup')) {
      await ctx.api.sendMessage(ctx.myChatMember.chat.id, escapeHtml(ctx.t.sub.groupGreeting(ctx.me.username)), { parse_mode: 'HTML' });
    }
  });

  return composer;
}

/** Deletes every row that names the chat; secure_delete overwrites the freed bytes. */
export function forgetChat(ctx: BotContext, chatId: number): boolean {
  const { store } = ctx.deps;
  return store.db.transaction(() => {
    const had = store.subscriptions.remove(chatId);
    store.deliveries.deleteChat(chatId);
    const other = store.db.prepare('DELETE FROM chats WHERE id = ?').run(chatId).changes;
    const lists = store.db.prepare('DELETE FROM result_lists WHERE chat_id = ?').run(chatId).changes;
    // audit_log is kept: it records what an admin tried, not what the chat stored (README).
    return had || other > 0 || lists > 0;
  })();
}
