// Subscribing to the daily digest and its settings: /subscribe (+ buttons), /time, /timezone,
// /keywords, /unsubscribe, /digest (preview), /stop (forget the chat), /channel, and the
// membership updates that tell us a chat is gone.
import { Composer, InlineKeyboard } from 'grammy';
import { composeDigest, cutoffDay, followedNames } from '../../digest/build.ts';
import { localDateOf, nextSlot, parseLocalTime } from '../../digest/due.ts';
import { resolveTimeZone } from '../../digest/zones.ts';
import { lookUpActor, lookUpTopic } from '../../lookups.ts';
import type { Subscription } from '../../store/index.ts';
import { escapeHtml, MAX_MESSAGE_UTF16, toPlainText } from '../../telegram/html.ts';
import type { BotContext } from '../context.ts';
import {
  DIGEST_PART_BUTTON, SUB_ACTOR_BUTTON, SUB_LANGUAGE_BUTTON, SUB_PAUSE_BUTTON, SUB_SETTINGS_BUTTON, SUB_TOPIC_BUTTON, SUB_UNSUBSCRIBE_BUTTON,
} from '../buttons.ts';
import type { Policy, PolicyGuard } from '../policy.ts';
import { ANYWHERE, PRIVATE_ONLY } from '../policy.ts';
import { echo } from '../../telegram/text.ts';
import { actorsView, describeNext, settingsView, topicsView } from './subscribe-view.ts';

const now = (ctx: BotContext): string => ctx.deps.clock().toISOString();
const reply = (ctx: BotContext, text: string) => ctx.reply(escapeHtml(text), { parse_mode: 'HTML' });

/**
 * Changing a digest: an admin of the chat it belongs to, asked of Telegram at each use (cached
 * ≤ 60 s); in a private chat, its user. Never "whoever set it up": a demoted admin loses control.
 */
const MANAGE: Policy = { cost: 'cheap', who: 'chatAdmin', where: ANYWHERE };
/** A settings button acts on the chat named in its data, which may be a group or channel managed from private. */
const MANAGE_BUTTON = { ...MANAGE, target: ([chatId]: [number, string]) => chatId };

function ensureSubscription(ctx: BotContext): Subscription {
  const chat = ctx.chat as NonNullable<BotContext['chat']>;
  const existing = ctx.deps.store.subscriptions.get(chat.id);
  if (existing?.active) return existing;
  const zone = existing?.timeZone ?? ctx.deps.options.defaultTimeZone;
  const time = existing?.localTime ?? '08:00';
  return ctx.deps.store.subscriptions.subscribe({
    chatId: chat.id, chatType: chat.type, ownerUserId: ctx.from?.id ?? null, localTime: time, timeZone: zone,
    nextDueAt: nextSlot(time, zone, ctx.deps.clock()).at.toISOString(), now: now(ctx),
  });
}

/** "topic:sanctions actor:zelensky lang:uk" → changes, or the word not understood. */
function applyFilterWords(ctx: BotContext, s: Subscription, words: string): string | null {
  for (const m of words.matchAll(/(\w+):("[^"]+"|\S+)/g)) {
    const key = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').replace(/^"|"$/g, '');
    if (key === 'topic') {
      const found = lookUpTopic(ctx.deps.reference.tagger, value);
      if (found.kind !== 'found') return m[0];
      if (!s.topics.includes(found.topic.slug)) s.topics.push(found.topic.slug);
    } else if (key === 'actor') {
      const found = lookUpActor(ctx.deps.store, value.replace(/_/g, ' '));
      if (found.kind !== 'found') return m[0];
      if (!s.actors.includes(found.actor.id)) s.actors.push(found.actor.id);
    } else if (key === 'lang' && (value === 'en' || value === 'uk' || value === 'both')) s.languagePref = value;
    else return m[0];
  }
  const leftover = words.replace(/(\w+):("[^"]+"|\S+)/g, '').trim();
  return leftover ? leftover.split(/\s+/)[0] ?? null : null;
}

/** The settings message; `note` (a word not understood, "channel set") goes on top, in the same message. */
async function showSettings(ctx: BotContext, s: Subscription, note?: string, targetName = ''): Promise<void> {
  const { html, keyboard } = settingsView(ctx, s, targetName);
  await ctx.reply(note ? `${escapeHtml(note)}\n\n${html}` : html, { parse_mode: 'HTML', reply_markup: keyboard });
}

/**
 * The /digest preview in parts, the heading joined to the first when it fits; null when the chat
 * has no subscription, [] when nothing is new. Rebuilt for each ▶ press (it is a preview of now).
 */
function previewParts(ctx: BotContext): { parts: string[]; s: Subscription } | null {
  const s = ctx.chat ? ctx.deps.store.subscriptions.get(ctx.chat.id) : undefined;
  if (!s) return null;
  const nowDate = ctx.deps.clock();
  const content = composeDigest({
    statements: ctx.deps.store.statements.newSince(s.watermark, nowDate.toISOString(), cutoffDay(nowDate, ctx.deps.options.digestMaxAgeDays)),
    filters: s, followedNames: followedNames(ctx.deps.store, s.actors), uiLang: ctx.lang,
    localDate: localDateOf(nowDate, s.timeZone), failedSources: ctx.deps.store.catalog.failedSourcesSince(s.watermark), reference: ctx.deps.reference,
  });
  if (content.items === 0) return { parts: [], s };
  const head = escapeHtml(ctx.t.sub.previewHead);
  const [first = '', ...rest] = content.parts;
  const joined = `${head}\n\n${first}`;
  return { parts: toPlainText(joined).length <= MAX_MESSAGE_UTF16 ? [joined, ...rest] : [head, ...content.parts], s };
}

/** One part of the preview per message, with ▶ for the next: a long digest is never a burst of messages. */
async function sendPreviewPart(ctx: BotContext, part: number): Promise<unknown> {
  const preview = previewParts(ctx);
  if (!preview) return reply(ctx, ctx.t.sub.notSubscribed);
  if (preview.parts.length === 0) return reply(ctx, ctx.t.sub.previewNothing(describeNext(ctx, preview.s)));
  const k = Math.min(part, preview.parts.length - 1);
  const keyboard = new InlineKeyboard();
  if (k + 1 < preview.parts.length) keyboard.text(`▶ ${k + 2}/${preview.parts.length}`, DIGEST_PART_BUTTON.data(k + 1));
  return ctx.reply(preview.parts[k] ?? '', { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: keyboard });
}

export function subscribeFeature(guard: PolicyGuard): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  guard.command(composer, 'subscribe', MANAGE, async (ctx) => {
    if (!ctx.chat) return;
    const s = ensureSubscription(ctx);
    const unknown = applyFilterWords(ctx, s, ctx.match.trim());
    ctx.deps.store.subscriptions.save(s, now(ctx));
    await showSettings(ctx, s, unknown ? ctx.t.sub.unknownFilter(echo(unknown)) : undefined);
  });

  guard.command(composer, 'time', MANAGE, async (ctx) => {
    if (!ctx.chat) return;
    const time = parseLocalTime(ctx.match);
    if (!time) return reply(ctx, ctx.t.sub.timeBad);
    const s = ensureSubscription(ctx);
    s.localTime = `${String(time.hours).padStart(2, '0')}:${String(time.minutes).padStart(2, '0')}`;
    s.nextDueAt = nextSlot(s.localTime, s.timeZone, ctx.deps.clock()).at.toISOString();
    ctx.deps.store.subscriptions.save(s, now(ctx));
    await reply(ctx, ctx.t.sub.timeSet(s.localTime, describeNext(ctx, s)));
  });

  guard.command(composer, 'timezone', MANAGE, async (ctx) => {
    if (!ctx.chat) return;
    const zone = resolveTimeZone(ctx.match);
    if (!zone) return reply(ctx, ctx.t.sub.zoneBad(echo(ctx.match, 64)));
    const s = ensureSubscription(ctx);
    s.timeZone = zone;
    s.nextDueAt = nextSlot(s.localTime, zone, ctx.deps.clock()).at.toISOString();
    ctx.deps.store.subscriptions.save(s, now(ctx));
    await reply(ctx, ctx.t.sub.zoneSet(zone, describeNext(ctx, s)));
  });

  guard.command(composer, 'keywords', MANAGE, async (ctx) => {
    if (!ctx.chat) return;
    const words = ctx.match.trim();
    if (!words) return reply(ctx, ctx.t.sub.keywordsHelp);
    const s = ensureSubscription(ctx);
    if (/^(clear|none|очистити)$/i.test(words)) {
      s.include = [];
      s.exclude = [];
    }
    for (const token of words.split(/\s+/).slice(0, 20)) {
      const word = token.slice(1).slice(0, 40);
      if (!word) continue;
      if (token.startsWith('+')) s.include = [...new Set([...s.include, word])].filter((w) => w !== '');
      if (token.startsWith('-')) s.exclude = [...new Set([...s.exclude, word])];
    }
    ctx.deps.store.subscriptions.save(s, now(ctx));
    await reply(ctx, ctx.t.sub.keywordsSet(s.include.join(', ') || '—', s.exclude.join(', ') || '—'));
  });

  guard.command(composer, 'unsubscribe', MANAGE, async (ctx) => {
    if (!ctx.chat) return;
    if (!ctx.deps.store.subscriptions.get(ctx.chat.id)) return reply(ctx, ctx.t.sub.notSubscribed);
    ctx.deps.store.subscriptions.deactivate(ctx.chat.id, 'unsubscribed', now(ctx));
    await reply(ctx, ctx.t.sub.unsubscribed);
  });

  guard.command(composer, 'stop', MANAGE, async (ctx) => {
    if (!ctx.chat) return;
    const removed = forgetChat(ctx, ctx.chat.id);
    await reply(ctx, removed ? ctx.t.sub.stopped : ctx.t.sub.stopNothing);
  });

  // A preview can be several messages: it is output-multiplying, limited per user and per group.
  // A preview is output-multiplying (a digest has parts): limited per user and per group, one part a message.
  const PREVIEW: Policy = { cost: 'output', who: 'anyone', where: ANYWHERE };
  guard.command(composer, 'digest', PREVIEW, (ctx) => sendPreviewPart(ctx, 0));
  guard.button(composer, DIGEST_PART_BUTTON, PREVIEW, async (ctx, [part]) => {
    await ctx.answerCallbackQuery();
    await sendPreviewPart(ctx, part);
  });

  guard.command(composer, 'channel', { cost: 'search', who: 'anyone', where: PRIVATE_ONLY }, async (ctx) => {
    if (!ctx.from) return reply(ctx, ctx.t.sub.channelHelp);
    const name = ctx.match.trim();
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
    const existing = ctx.deps.store.subscriptions.get(channelId);
    const zone = existing?.timeZone ?? ctx.deps.options.defaultTimeZone;
    const s = ctx.deps.store.subscriptions.subscribe({
      chatId: channelId, chatType: 'channel', ownerUserId: ctx.from.id, localTime: existing?.localTime ?? '08:00', timeZone: zone,
      nextDueAt: nextSlot(existing?.localTime ?? '08:00', zone, ctx.deps.clock()).at.toISOString(), now: now(ctx),
    });
    await showSettings(ctx, s, ctx.t.sub.channelSet(name), name);
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
    const { html, keyboard } = settingsView(ctx, s);
    return ctx.editMessageText(html, { parse_mode: 'HTML', reply_markup: keyboard });
  };
  guard.button(composer, SUB_TOPIC_BUTTON, MANAGE_BUTTON, settingsButton('t'));
  guard.button(composer, SUB_ACTOR_BUTTON, MANAGE_BUTTON, settingsButton('a'));
  guard.button(composer, SUB_SETTINGS_BUTTON, MANAGE_BUTTON, settingsButton('s'));
  guard.button(composer, SUB_PAUSE_BUTTON, MANAGE_BUTTON, settingsButton('p'));
  guard.button(composer, SUB_LANGUAGE_BUTTON, MANAGE_BUTTON, settingsButton('l'));
  guard.button(composer, SUB_UNSUBSCRIBE_BUTTON, MANAGE_BUTTON, settingsButton('u'));

  // Removed from a group or channel, or blocked in private: no more digests there.
  composer.on('my_chat_member', (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === 'kicked' || status === 'left') ctx.deps.store.subscriptions.deactivate(ctx.myChatMember.chat.id, `bot ${status}`, now(ctx));
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
