// The digest settings message and its buttons. Callback data: 'S<op>:<chat>:<arg>' where <chat>
// is the chat whose digest is changed (the current chat, or a channel its owner manages).
import { InlineKeyboard } from 'grammy';
import { nextSlot } from '../../digest/due.ts';
import { zoneLabel } from '../../digest/zones.ts';
import { formatStatementDate } from '../../format-date.ts';
import type { Subscription } from '../../store/index.ts';
import { escapeHtml } from '../../telegram/html.ts';
import type { BotContext } from '../context.ts';
import { actorName } from '../locale.ts';
import { SUB_ACTOR_BUTTON, SUB_LANGUAGE_BUTTON, SUB_PAUSE_BUTTON, SUB_SETTINGS_BUTTON, SUB_TOPIC_BUTTON, SUB_UNSUBSCRIBE_BUTTON } from '../buttons.ts';
import { buttonLabel, cutText, nameList } from '../../telegram/text.ts';

export const MAX_ACTOR_BUTTONS = 12;

/** "24 November 2026, 08:00" in the subscriber's zone. */
export function describeNext(ctx: BotContext, s: Subscription): string {
  const { at, localDate } = nextSlot(s.localTime, s.timeZone, new Date(Math.max(ctx.deps.clock().getTime(), Date.parse(s.nextDueAt) - 1)));
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: s.timeZone, hour: '2-digit', minute: '2-digit' }).format(at);
  return `${formatStatementDate(localDate, 'day', ctx.lang)}, ${clock}`;
}

export function settingsView(ctx: BotContext, s: Subscription, targetName = ''): { html: string; keyboard: InlineKeyboard } {
  const t = ctx.t.sub;
  const topics = ctx.deps.reference.tagger.entries.filter((e) => s.topics.includes(e.slug)).map((e) => (ctx.lang === 'uk' ? e.uk : e.en));
  const actors = s.actors.map((id) => ctx.deps.store.actors.byId(id)).filter((a) => a !== undefined).map((a) => cutText(actorName(ctx, a), 60));
  const html = escapeHtml(
    t.settings({
      state: !s.active ? t.off : s.paused ? t.paused : t.on,
      time: s.localTime, zone: zoneLabel(s.timeZone), next: s.active && !s.paused ? describeNext(ctx, s) : '—',
      topics: topics.join(', ') || t.all, actors: nameList(actors, 600) || t.all,
      include: s.include.join(', ') || t.none, exclude: s.exclude.join(', ') || t.none,
      lang: t.langNames[s.languagePref], target: targetName ? ` (${targetName})` : '',
    }),
  );
  const c = s.chatId;
  const nextLang = s.languagePref === 'both' ? 'en' : s.languagePref === 'en' ? 'uk' : 'both';
  const keyboard = new InlineKeyboard()
    .text(t.topicsButton, SUB_TOPIC_BUTTON.data(c, '')).text(t.actorsButton, SUB_ACTOR_BUTTON.data(c, '')).row()
    .text(`${t.langNames[s.languagePref]} ⟳`, SUB_LANGUAGE_BUTTON.data(c, nextLang)).row()
    .text(s.paused ? t.resume : t.pause, SUB_PAUSE_BUTTON.data(c, s.paused ? '0' : '1')).text(t.unsubscribe, SUB_UNSUBSCRIBE_BUTTON.data(c, ''));
  return { html, keyboard };
}

export function topicsView(ctx: BotContext, s: Subscription): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  ctx.deps.reference.tagger.entries.forEach((e, i) => {
    keyboard.text(`${s.topics.includes(e.slug) ? '✓ ' : ''}${ctx.lang === 'uk' ? e.uk : e.en}`, SUB_TOPIC_BUTTON.data(s.chatId, e.slug));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard.row().text(ctx.t.sub.back, SUB_SETTINGS_BUTTON.data(s.chatId, ''));
}

export function actorsView(ctx: BotContext, s: Subscription): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const speakers = ctx.deps.store.catalog.actorCounts().filter((a) => a.spoke > 0).slice(0, MAX_ACTOR_BUTTONS);
  const nameOf = (id: number): string => {
    const actor = ctx.deps.store.actors.byId(id);
    return actor ? actorName(ctx, actor) : String(id);
  };
  const shown = [...speakers.map((a) => ({ id: a.id, name: actorName(ctx, a) })), ...s.actors.filter((id) => !speakers.some((a) => a.id === id)).map((id) => ({ id, name: nameOf(id) }))];
  shown.forEach((a, i) => {
    keyboard.text(buttonLabel(`${s.actors.includes(a.id) ? '✓ ' : ''}${a.name}`), SUB_ACTOR_BUTTON.data(s.chatId, String(a.id)));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard.row().text(ctx.t.sub.back, SUB_SETTINGS_BUTTON.data(s.chatId, ''));
}
