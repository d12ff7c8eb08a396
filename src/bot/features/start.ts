// /start, /help, /about, /language.
import { Composer, InlineKeyboard } from 'grammy';
import { localDateOf } from '../../digest/due.ts';
import { zoneLabel } from '../../digest/zones.ts';
import { formatStatementDate } from '../../format-date.ts';
import { escapeHtml } from '../../telegram/html.ts';
import { helpText } from '../commands.ts';
import type { BotContext } from '../context.ts';
import { TEXTS } from '../i18n/index.ts';
import { EXAMPLE_BUTTON, LANGUAGE_BUTTON } from '../buttons.ts';
import type { Policy, PolicyGuard } from '../policy.ts';
import { ANYWHERE } from '../policy.ts';
import { cutText } from '../../telegram/text.ts';
import { resumeOnStart } from './subscribe.ts';
import { showStatement } from './browse.ts';

/** An instant in the chat's time zone (its digest's, else the bot's default): '20 листопада 2026, 10:00 (Europe/Kyiv)'. */
export function chatMinute(ctx: BotContext, iso: string): string {
  const zone = (ctx.chat ? ctx.deps.store.subscriptions.get(ctx.chat.id)?.timeZone : undefined) ?? ctx.deps.options.defaultTimeZone;
  const at = new Date(iso);
  const day = formatStatementDate(localDateOf(at, zone), 'day', ctx.lang);
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${day}, ${clock} (${zoneLabel(zone)})`;
}

const CHEAP: Policy = { cost: 'cheap', who: 'anyone', where: ANYWHERE };

export function startFeature(guard: PolicyGuard): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  guard.command(composer, 'start', CHEAP, async (ctx) => {
    // /start also turns a digest back on that stopped because the chat had blocked the bot (from
    // the next slot, nothing old); the welcome says so, in the same message.
    // A t.me/<bot>?start=show_N link from a group or channel digest opens that card here.
    const deepLink = /^show_(\d{1,12})$/.exec(ctx.match.trim());
    if (deepLink?.[1]) return showStatement(ctx, deepLink[1]);
    const resumed = resumeOnStart(ctx);
    const name = ctx.from?.first_name ?? '';
    const keyboard = new InlineKeyboard();
    ctx.t.examples.forEach((example, i) => keyboard.text(example, EXAMPLE_BUTTON.data(i)).row());
    const welcome = ctx.t.welcome(cutText(name, 64));
    await ctx.reply(escapeHtml(resumed ? `${welcome}\n\n${resumed}` : welcome), { parse_mode: 'HTML', reply_markup: keyboard });
  });

  guard.command(composer, 'help', CHEAP, async (ctx) => {
    const isAdmin = ctx.from !== undefined && ctx.deps.options.adminIds.includes(ctx.from.id);
    await ctx.reply(escapeHtml(helpText(ctx.t, ctx.me.username, isAdmin)), { parse_mode: 'HTML' });
  });

  guard.command(composer, 'about', CHEAP, async (ctx) => {
    const stats = ctx.deps.store.catalog.stats();
    const day = (d: string | null): string =>
      d ? formatStatementDate(d, d.length === 10 ? 'day' : d.length === 7 ? 'month' : 'year', ctx.lang).replace(/ \(.*\)$/, '') : '—';
    const speakers = ctx.deps.store.catalog.actorCounts().filter((a) => a.spoke > 0).length;
    const body = ctx.t.aboutBody({
      statements: stats.statements,
      speakers,
      first: day(stats.firstDate),
      last: day(stats.lastDate),
      undated: stats.undated,
      sources: cutText(stats.sources.map((name) => cutText(name, 120)).join('; '), 1500) || '—',
      sourceCount: stats.sources.length,
      ingest: stats.lastIngest?.finishedAt ? chatMinute(ctx, stats.lastIngest.finishedAt) : ctx.t.never,
    });
    const feeds = ctx.deps.store.sources.health();
    const feedLine = feeds.length
      ? `\n${ctx.t.feedsHealth({
          total: feeds.length,
          failing: feeds.flatMap((f) => (f.failingSince ? [ctx.t.failingSince(cutText(f.name, 80), chatMinute(ctx, f.failingSince), f.consecutiveFailures)] : [])).slice(0, 10),
        })}`
      : '';
    await ctx.reply(`<b>${escapeHtml(ctx.t.aboutTitle)}</b>\n${escapeHtml(cutText(body + feedLine, 3900))}`, { parse_mode: 'HTML' });
  });

  guard.command(composer, 'language', CHEAP, async (ctx) => {
    const keyboard = new InlineKeyboard().text(TEXTS.en.languageName, LANGUAGE_BUTTON.data('en')).text(TEXTS.uk.languageName, LANGUAGE_BUTTON.data('uk'));
    await ctx.reply(escapeHtml(ctx.t.languageChoose), { parse_mode: 'HTML', reply_markup: keyboard });
  });

  guard.button(composer, LANGUAGE_BUTTON, CHEAP, async (ctx, [choice]) => {
    const lang = choice === 'uk' ? 'uk' : 'en';
    const chat = ctx.chat ?? (ctx.from ? { id: ctx.from.id, type: 'private' } : undefined);
    if (chat) ctx.deps.store.botState.setChatLanguage(chat.id, chat.type, lang, ctx.deps.clock().toISOString());
    ctx.lang = lang;
    ctx.t = TEXTS[lang];
    await ctx.answerCallbackQuery({ text: ctx.t.languageSet });
    await ctx.editMessageText(escapeHtml(ctx.t.languageSet), { parse_mode: 'HTML' });
  });

  return composer;
}
