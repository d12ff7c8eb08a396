// Finding statements: /latest, /search, /actor, /topic, /show (and /show_ID), /actors, /topics,
// with their buttons: paging, full text, picking a person or topic, the /start examples.
import { Composer, InlineKeyboard } from 'grammy';
import { lookUpActor, lookUpTopic } from '../../lookups.ts';
import { escapeHtml } from '../../telegram/html.ts';
import { splitHtml } from '../../telegram/split.ts';
import { renderCard } from '../cards.ts';
import type { BotContext } from '../context.ts';
import { sendList, turnPage } from '../lists.ts';
import { cardLocale } from '../locale.ts';
import { addCiteButton } from './cite.ts';
import type { RateLimiter } from '../rate-limit.ts';

const DEFAULT_PAGE = 5;
const MAX_PICKS = 12;

async function replyHtml(ctx: BotContext, html: string, keyboard?: InlineKeyboard): Promise<void> {
  await ctx.reply(html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) });
}

async function showStatement(ctx: BotContext, idText: string): Promise<void> {
  const id = Number(idText);
  const s = Number.isSafeInteger(id) && id > 0 ? ctx.deps.store.statements.byId(id) : undefined;
  if (!s) {
    await replyHtml(ctx, escapeHtml(ctx.t.statementMissing(idText.slice(0, 20))));
    return;
  }
  const keyboard = new InlineKeyboard();
  if (s.text.length > 900) keyboard.text(ctx.t.fullText, `f:${s.id}`);
  const other = s.translationOf ?? s.translations[0];
  if (other) keyboard.text(s.translationOf ? ctx.t.original : ctx.t.translation, `s:${other}`);
  addCiteButton(ctx, keyboard, s.id);
  await replyHtml(ctx, renderCard(s, cardLocale(ctx)), keyboard);
}

/**
 * What a person said; when they said nothing here but are mentioned, that is said plainly and the
 * statements that mention them are listed instead of "nothing found".
 */
async function sendActorList(ctx: BotContext, actorId: number): Promise<void> {
  const { statements, actors } = ctx.deps.store;
  if (statements.countByActor(actorId, 'speaker') === 0) {
    const mentions = statements.countByActor(actorId, 'any');
    if (mentions > 0) {
      const actor = actors.byId(actorId);
      const name = actor ? (ctx.lang === 'uk' && actor.nameUk ? actor.nameUk : actor.canonical) : '?';
      await sendList(ctx, 'actor', `${actorId}:mentioned`, DEFAULT_PAGE, ctx.t.noResults, ctx.t.mentionedOnly(name, mentions));
      return;
    }
  }
  await sendList(ctx, 'actor', String(actorId), DEFAULT_PAGE, ctx.t.noResults);
}

async function showActor(ctx: BotContext, words: string): Promise<void> {
  const found = lookUpActor(ctx.deps.store, words);
  if (found.kind === 'found') {
    await sendActorList(ctx, found.actor.id);
    return;
  }
  const candidates = found.kind === 'suggest' ? found.suggestions : ctx.deps.store.actors.find('').suggestions;
  const title = found.kind === 'suggest' ? ctx.t.actorSuggest(words) : ctx.t.actorUnknown(words);
  await pickActor(ctx, title, candidates.map((a) => a.id));
}

async function pickActor(ctx: BotContext, title: string, onlyIds?: number[]): Promise<void> {
  const counts = ctx.deps.store.catalog.actorCounts().filter((a) => a.spoke > 0 && (!onlyIds?.length || onlyIds.includes(a.id)));
  const keyboard = new InlineKeyboard();
  counts.slice(0, MAX_PICKS).forEach((a, i) => {
    keyboard.text(`${ctx.lang === 'uk' && a.nameUk ? a.nameUk : a.canonical} (${a.spoke})`, `a:${a.id}`);
    if (i % 2 === 1) keyboard.row();
  });
  await replyHtml(ctx, escapeHtml(title), keyboard);
}

async function pickTopic(ctx: BotContext, title: string, onlySlugs?: string[]): Promise<void> {
  const topics = ctx.deps.store.catalog.topicCounts().filter((t) => t.count > 0 && (!onlySlugs?.length || onlySlugs.includes(t.slug)));
  const keyboard = new InlineKeyboard();
  topics.forEach((t, i) => {
    keyboard.text(`${ctx.lang === 'uk' ? t.labelUk : t.labelEn} (${t.count})`, `t:${t.slug}`);
    if (i % 2 === 1) keyboard.row();
  });
  await replyHtml(ctx, escapeHtml(title), keyboard);
}

async function showTopic(ctx: BotContext, words: string): Promise<void> {
  const found = lookUpTopic(ctx.deps.reference.tagger, words);
  if (found.kind === 'found') {
    await sendList(ctx, 'topic', found.topic.slug, DEFAULT_PAGE, ctx.t.noResults);
    return;
  }
  if (found.kind === 'suggest') await pickTopic(ctx, ctx.t.topicSuggest(words), found.suggestions.map((t) => t.slug));
  else await pickTopic(ctx, ctx.t.topicUnknown(words));
}

/** True when the user may run an expensive request now; sends the one "slow down" notice. */
async function withinLimit(ctx: BotContext, limiter: RateLimiter): Promise<boolean> {
  const decision = limiter.check(ctx.from?.id ?? ctx.chat?.id ?? 0, ctx.deps.clock().getTime());
  if (decision === 'notify') await replyHtml(ctx, escapeHtml(ctx.t.slowDown));
  return decision === 'allow';
}

export function browseFeature(limiter: RateLimiter): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('latest', async (ctx) => {
    const n = Number.parseInt(ctx.match.trim(), 10);
    await sendList(ctx, 'latest', '', Number.isFinite(n) && n > 0 ? n : DEFAULT_PAGE, ctx.t.noResults);
  });

  composer.command('search', async (ctx) => {
    const words = ctx.match.trim();
    if (!words) return replyHtml(ctx, escapeHtml(ctx.t.askSearch));
    if (!(await withinLimit(ctx, limiter))) return;
    await sendList(ctx, 'search', words.slice(0, 512), DEFAULT_PAGE, ctx.t.noResultsSearch(words.slice(0, 80)));
  });

  composer.command('actor', async (ctx) => {
    const words = ctx.match.trim();
    if (!words) return pickActor(ctx, ctx.t.pickActor);
    await showActor(ctx, words);
  });

  composer.command('topic', async (ctx) => {
    const words = ctx.match.trim();
    if (!words) return pickTopic(ctx, ctx.t.pickTopic);
    await showTopic(ctx, words);
  });

  composer.command('actors', (ctx) => pickActor(ctx, ctx.t.pickActor));
  composer.command('topics', (ctx) => pickTopic(ctx, ctx.t.pickTopic));

  composer.command('show', async (ctx) => {
    const id = ctx.match.trim().replace(/^#/, '');
    if (!id) return replyHtml(ctx, escapeHtml(ctx.t.askShow));
    await showStatement(ctx, id);
  });
  // "/show_12" in lists is a tappable command on phones.
  composer.hears(/^\/show_(\d{1,12})(?:@(\w+))?\b/, async (ctx) => {
    const addressed = ctx.match[2];
    if (addressed && addressed.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    await showStatement(ctx, ctx.match[1] ?? '');
  });

  composer.callbackQuery(/^p:(\d{1,12}):(\d{1,6})$/, (ctx) => turnPage(ctx, Number(ctx.match[1]), Number(ctx.match[2])));
  composer.callbackQuery(/^s:(\d{1,12})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showStatement(ctx, ctx.match[1] ?? '');
  });
  composer.callbackQuery(/^a:(\d{1,12})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await sendActorList(ctx, Number(ctx.match[1]));
  });
  composer.callbackQuery(/^t:([a-z0-9-]{1,40})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showTopic(ctx, ctx.match[1] ?? '');
  });
  composer.callbackQuery(/^f:(\d{1,12})$/, async (ctx) => {
    const s = ctx.deps.store.statements.byId(Number(ctx.match[1]));
    await ctx.answerCallbackQuery(s ? undefined : { text: ctx.t.staleButton });
    if (!s) return;
    // The full text may be longer than one message: it goes out in parts, in order.
    for (const part of splitHtml(renderCard(s, cardLocale(ctx), { full: true }))) await replyHtml(ctx, part);
  });
  composer.callbackQuery(/^x:(\d)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const example = Number(ctx.match[1]);
    if (example === 0) await sendList(ctx, 'latest', '', DEFAULT_PAGE, ctx.t.noResults);
    else if (example === 1) await showActor(ctx, 'Zelensky');
    else await sendList(ctx, 'search', 'North Korean troops', DEFAULT_PAGE, ctx.t.noResults);
  });

  return composer;
}
