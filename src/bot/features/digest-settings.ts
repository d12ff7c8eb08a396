// /time, /timezone and /keywords: each with one grammar (settings/*-grammar.ts, digest/zones.ts),
// a reply that names what was wrong and how to fix it, and — sent bare — the current value with
// buttons for the usual choices. They change the digest of targetOf(ctx) (this chat, or a channel).
import type { Composer } from 'grammy';
import { InlineKeyboard } from 'grammy';
import { nextSlot } from '../../digest/due.ts';
import { parseTimeZone, zoneLabel } from '../../digest/zones.ts';
import type { Subscription } from '../../store/index.ts';
import { escapeHtml } from '../../telegram/html.ts';
import { echo } from '../../telegram/text.ts';
import { SUB_KEYWORDS_CLEAR_BUTTON, SUB_SETTINGS_BUTTON, SUB_TIME_BUTTON, SUB_ZONE_BUTTON } from '../buttons.ts';
import type { BotContext } from '../context.ts';
import type { PolicyGuard } from '../policy.ts';
import { applyKeywords } from '../settings/keywords-grammar.ts';
import { parseTimeOfDay } from '../settings/time-grammar.ts';
import { MANAGE_BUTTON, MANAGE_TARGET, now, offNote, reply, replyAbout, settingsTarget, targetOf } from './subscribe.ts';
import { describeNext } from './subscribe-view.ts';

/** The times and zones offered as buttons under a bare /time or /timezone. */
export const TIME_CHOICES = ['07:00', '08:00', '09:00', '12:00', '18:00', '21:00'];
export const ZONE_CHOICES = ['Europe/Kyiv', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Seoul', 'UTC'];

function setTime(ctx: BotContext, s: Subscription, time: string): string {
  s.localTime = time;
  s.nextDueAt = nextSlot(s.localTime, s.timeZone, ctx.deps.clock()).at.toISOString();
  ctx.deps.store.subscriptions.save(s, now(ctx));
  return offNote(ctx, s, ctx.t.sub.timeSet(s.localTime, describeNext(ctx, s)));
}

function setZone(ctx: BotContext, s: Subscription, zone: string): string {
  s.timeZone = zone;
  s.nextDueAt = nextSlot(s.localTime, zone, ctx.deps.clock()).at.toISOString();
  ctx.deps.store.subscriptions.save(s, now(ctx));
  const fixed = zone.startsWith('Etc/') ? `\n${ctx.t.sub.zoneFixed}` : '';
  return offNote(ctx, s, `${ctx.t.sub.zoneSet(zoneLabel(zone), describeNext(ctx, s))}${fixed}`);
}

/** "must have one of: drones, air defence; must not have: crimea", or that there are none. */
function keywordsLine(ctx: BotContext, s: { include: string[]; exclude: string[] }): string {
  if (s.include.length + s.exclude.length === 0) return ctx.t.sub.keywordsNone;
  return ctx.t.sub.keywordsNow(s.include.join(', ') || ctx.t.sub.all, s.exclude.join(', ') || ctx.t.sub.none);
}

export function digestSettingsCommands(composer: Composer<BotContext>, guard: PolicyGuard): void {
  // The settings buttons' policy, for buttons whose first field is the chat they change (built
  // here, not at import: subscribe.ts and this file import each other).
  const MANAGE_BUTTON_INT = { ...MANAGE_BUTTON, target: ([chatId]: readonly [number, ...unknown[]]) => chatId };
  guard.command(composer, 'time', MANAGE_TARGET, async (ctx) => {
    if (!ctx.chat) return;
    const target = targetOf(ctx);
    const input = ctx.match.trim();
    if (!input) {
      const s = settingsTarget(ctx, target);
      const keyboard = new InlineKeyboard();
      TIME_CHOICES.forEach((time, i) => {
        keyboard.text(time, SUB_TIME_BUTTON.data(s.chatId, time.replace(':', '')));
        if (i % 3 === 2) keyboard.row();
      });
      keyboard.row().text(ctx.t.sub.back, SUB_SETTINGS_BUTTON.data(s.chatId, ''));
      const text = offNote(ctx, s, ctx.t.sub.timeCurrent(s.localTime, zoneLabel(s.timeZone)));
      return ctx.reply(escapeHtml(text), { parse_mode: 'HTML', reply_markup: keyboard });
    }
    const time = parseTimeOfDay(input);
    if (!time.ok) {
      const problem = ctx.t.sub.timeProblem[time.problem];
      return reply(ctx, typeof problem === 'string' ? problem : problem(echo(input, 40)));
    }
    await replyAbout(ctx, target, setTime(ctx, settingsTarget(ctx, target), time.text));
  });

  guard.command(composer, 'timezone', MANAGE_TARGET, async (ctx) => {
    if (!ctx.chat) return;
    const target = targetOf(ctx);
    const input = ctx.match.trim();
    if (!input) {
      const s = settingsTarget(ctx, target);
      const keyboard = new InlineKeyboard();
      ZONE_CHOICES.forEach((zone, i) => {
        keyboard.text(zoneLabel(zone), SUB_ZONE_BUTTON.data(s.chatId, i));
        if (i % 2 === 1) keyboard.row();
      });
      keyboard.row().text(ctx.t.sub.back, SUB_SETTINGS_BUTTON.data(s.chatId, ''));
      return ctx.reply(escapeHtml(ctx.t.sub.zoneCurrent(zoneLabel(s.timeZone))), { parse_mode: 'HTML', reply_markup: keyboard });
    }
    const zone = parseTimeZone(input);
    if (!zone.ok) {
      const q = echo(input, 64);
      if (zone.problem === 'empty') return reply(ctx, ctx.t.sub.zoneProblem.empty);
      if (zone.problem === 'unknown') {
        const hint = zone.suggestions.length ? `\n${ctx.t.sub.didYouMean(zone.suggestions.map((z) => `/timezone ${z}`).join(', '))}` : '';
        return reply(ctx, `${ctx.t.sub.zoneProblem.unknown(q)}${hint}`);
      }
      return reply(ctx, ctx.t.sub.zoneProblem[zone.problem](q));
    }
    await replyAbout(ctx, target, setZone(ctx, settingsTarget(ctx, target), zone.zone));
  });

  guard.command(composer, 'keywords', MANAGE_TARGET, async (ctx) => {
    if (!ctx.chat) return;
    const target = targetOf(ctx);
    const s = settingsTarget(ctx, target);
    const result = applyKeywords(ctx.match, { include: s.include, exclude: s.exclude });
    if (!result.ok) {
      const p = result.problem;
      const t = ctx.t.sub.keywordsProblem;
      const text = p.kind === 'lone-sign' ? t['lone-sign'](p.sign)
        : p.kind === 'too-long' ? t['too-long'](echo(p.word, 40))
        : p.kind === 'nothing-to-remove' ? t['nothing-to-remove'](p.words.map((w) => `“${echo(w, 40)}”`).join(', '))
        : t[p.kind];
      return reply(ctx, `${text}\n${keywordsLine(ctx, s)}`);
    }
    if (result.verb === 'show') {
      const keyboard = new InlineKeyboard();
      if (s.include.length + s.exclude.length > 0) keyboard.text(ctx.t.sub.clearButton, SUB_KEYWORDS_CLEAR_BUTTON.data(s.chatId));
      keyboard.text(ctx.t.sub.back, SUB_SETTINGS_BUTTON.data(s.chatId, ''));
      const text = `${keywordsLine(ctx, s)}\n\n${ctx.t.sub.keywordsHelp}`;
      return ctx.reply(escapeHtml(text), { parse_mode: 'HTML', reply_markup: keyboard });
    }
    s.include = result.lists.include;
    s.exclude = result.lists.exclude;
    ctx.deps.store.subscriptions.save(s, now(ctx));
    const split = result.notes.includes('split-phrase') ? `\n${ctx.t.sub.keywordsSplit}` : '';
    await replyAbout(ctx, target, offNote(ctx, s, `${keywordsLine(ctx, s)}${split}`));
  });

  // The buttons under the bare commands: the message becomes the answer, as a command's would be.
  guard.button(composer, SUB_TIME_BUTTON, MANAGE_BUTTON_INT, async (ctx, [chatId, hhmm]) => {
    const s = ctx.deps.store.subscriptions.get(chatId);
    const time = parseTimeOfDay(hhmm);
    if (!s || !time.ok) return ctx.answerCallbackQuery({ text: ctx.t.staleButton });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(escapeHtml(setTime(ctx, s, time.text)), { parse_mode: 'HTML' });
  });
  guard.button(composer, SUB_ZONE_BUTTON, MANAGE_BUTTON_INT, async (ctx, [chatId, index]) => {
    const s = ctx.deps.store.subscriptions.get(chatId);
    const zone = ZONE_CHOICES[index];
    if (!s || !zone) return ctx.answerCallbackQuery({ text: ctx.t.staleButton });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(escapeHtml(setZone(ctx, s, zone)), { parse_mode: 'HTML' });
  });
  guard.button(composer, SUB_KEYWORDS_CLEAR_BUTTON, MANAGE_BUTTON_INT, async (ctx, [chatId]) => {
    const s = ctx.deps.store.subscriptions.get(chatId);
    if (!s) return ctx.answerCallbackQuery({ text: ctx.t.staleButton });
    s.include = [];
    s.exclude = [];
    ctx.deps.store.subscriptions.save(s, now(ctx));
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(escapeHtml(keywordsLine(ctx, s)), { parse_mode: 'HTML' });
  });
}
