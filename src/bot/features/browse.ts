// Finding statements: /latest, /search, /actor, /topic, /show (and /show_ID), /actors, /topics,
// with their buttons: paging, full text, picking a person or topic, the /start examples.
import { Composer, InlineKeyboard } from 'grammy';
import { lookUpActor, lookUpTopic } from '../../lookups.ts';
import { escapeHtml } from '../../telegram/html.ts';
import { CARD_TEXT_CHARS, fullTextParts, renderCard } from '../cards.ts';
import type { BotContext } from '../context.ts';
import { sendList, turnPage } from '../lists.ts';
import { cardLocale } from '../locale.ts';
import { addCiteButton } from './cite.ts';
import { ACTOR_BUTTON, EXAMPLE_BUTTON, FULL_TEXT_BUTTON, FULL_TEXT_PART_BUTTON, PAGE_BUTTON, SHOW_BUTTON, TOPIC_BUTTON } from '../buttons.ts';
import type { Policy, PolicyGuard } from '../policy.ts';
import { ANYWHERE } from '../policy.ts';
import { buttonLabel, cutText, echo, MAX_NAME_CHARS, MAX_QUERY_CHARS } from '../../telegram/text.ts';

const DEFAULT_PAGE = 5;
const MAX_PICKS = 12;

async function replyHtml(ctx: BotContext, html: string, keyboard?: InlineKeyboard): Promise<void> {
  await ctx.reply(html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) });
}

async function showStatement(ctx: BotContext, idText: string): Promise<void> {
  const id = Number(idText);
  const s = Number.isSafeInteger(id) && id > 0 ? ctx.deps.store.statements.byId(id) : undefined;
  if (!s) {
    await replyHtml(ctx, escapeHtml(ctx.t.statementMissing(echo(idText, 20))));
    return;
  }
  const keyboard = new InlineKeyboard();
  if (s.text.length > CARD_TEXT_CHARS) keyboard.text(ctx.t.fullText, FULL_TEXT_BUTTON.data(s.id));
  const other = s.translationOf ?? s.translations[0];
  if (other) keyboard.text(s.translationOf ? ctx.t.original : ctx.t.translation, SHOW_BUTTON.data(other));
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
  const title = found.kind === 'suggest' ? ctx.t.actorSuggest(echo(words)) : ctx.t.actorUnknown(echo(words));
  await pickActor(ctx, title, candidates.map((a) => a.id));
}

async function pickActor(ctx: BotContext, title: string, onlyIds?: number[]): Promise<void> {
  // Only the buttons' people are read (summary table, one index walk), never every actor's count.
  const { catalog } = ctx.deps.store;
  const counts = onlyIds?.length ? catalog.actorCountsOf(onlyIds).filter((a) => a.spoke > 0) : catalog.topSpeakers(MAX_PICKS);
  const keyboard = new InlineKeyboard();
  counts.slice(0, MAX_PICKS).forEach((a, i) => {
    keyboard.text(buttonLabel(`${ctx.lang === 'uk' && a.nameUk ? a.nameUk : a.canonical}`, ` (${a.spoke})`), ACTOR_BUTTON.data(a.id));
    if (i % 2 === 1) keyboard.row();
  });
  await replyHtml(ctx, escapeHtml(title), keyboard);
}

async function pickTopic(ctx: BotContext, title: string, onlySlugs?: string[]): Promise<void> {
  const topics = ctx.deps.store.catalog.topicCounts().filter((t) => t.count > 0 && (!onlySlugs?.length || onlySlugs.includes(t.slug)));
  const keyboard = new InlineKeyboard();
  topics.forEach((t, i) => {
    keyboard.text(buttonLabel(ctx.lang === 'uk' ? t.labelUk : t.labelEn, ` (${t.count})`), TOPIC_BUTTON.data(t.slug));
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
  if (found.kind === 'suggest') await pickTopic(ctx, ctx.t.topicSuggest(echo(words)), found.suggestions.map((t) => t.slug));
  else await pickTopic(ctx, ctx.t.topicUnknown(echo(words)));
}

/** Parts of a full text, one per press: a 99,000-character statement is not 25 messages at once. */
export const MAX_FULL_TEXT_PARTS = 8;

/** One part of the full text, with a ▶ button for the next one. */
async function sendFullTextPart(ctx: BotContext, id: number, part: number): Promise<void> {
  const s = ctx.deps.store.statements.byId(id);
  await ctx.answerCallbackQuery(s ? undefined : { text: ctx.t.staleButton });
  if (!s) return;
  const parts = fullTextParts(s, cardLocale(ctx), MAX_FULL_TEXT_PARTS);
  const k = Math.min(part, parts.length - 1);
  const keyboard = new InlineKeyboard();
  if (k + 1 < parts.length) keyboard.text(`▶ ${k + 2}/${parts.length}`, FULL_TEXT_PART_BUTTON.data(s.id, k + 1));
  await replyHtml(ctx, parts[k] ?? '', keyboard);
}

/**
 * Full-text search (and plain words, and inline) is the expensive query: class 'search'. Lists by
 * id, person or topic, and their pages, are indexed lookups: 'cheap' (still limited per user and group).
 */
const ANYONE = (cost: Policy['cost']): Policy => ({ cost, who: 'anyone', where: ANYWHERE });

export function browseFeature(guard: PolicyGuard): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  guard.command(composer, 'latest', ANYONE('cheap'), async (ctx) => {
    const n = Number.parseInt(ctx.match.trim(), 10);
    await sendList(ctx, 'latest', '', Number.isFinite(n) && n > 0 ? n : DEFAULT_PAGE, ctx.t.noResults);
  });

  guard.command(composer, 'search', ANYONE('search'), async (ctx) => {
    const words = ctx.match.trim();
    if (!words) return replyHtml(ctx, escapeHtml(ctx.t.askSearch));
    await sendList(ctx, 'search', cutText(words, MAX_QUERY_CHARS), DEFAULT_PAGE, ctx.t.noResultsSearch(echo(words)));
  });

  guard.command(composer, 'actor', ANYONE('cheap'), async (ctx) => {
    const words = cutText(ctx.match.trim(), MAX_NAME_CHARS);
    if (!words) return pickActor(ctx, ctx.t.pickActor);
    await showActor(ctx, words);
  });

  guard.command(composer, 'topic', ANYONE('cheap'), async (ctx) => {
    const words = cutText(ctx.match.trim(), MAX_NAME_CHARS);
    if (!words) return pickTopic(ctx, ctx.t.pickTopic);
    await showTopic(ctx, words);
  });

  guard.command(composer, 'actors', ANYONE('cheap'), (ctx) => pickActor(ctx, ctx.t.pickActor));
  guard.command(composer, 'topics', ANYONE('cheap'), (ctx) => pickTopic(ctx, ctx.t.pickTopic));

  guard.command(composer, 'show', ANYONE('cheap'), async (ctx) => {
    const id = ctx.match.trim().replace(/^#/, '');
    if (!id) return replyHtml(ctx, escapeHtml(ctx.t.askShow));
    await showStatement(ctx, id);
  });
  // "/show_12" in lists is a tappable command on phones; it shares /show's policy.
  composer.hears(/^\/show_(\d{1,12})(?:@(\w+))?\b/, async (ctx, next) => {
    const addressed = ctx.match[2];
    if (addressed && addressed.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    await next();
  }, guard.enforce('show_ID', ANYONE('cheap')), (ctx) => showStatement(ctx, String(ctx.match?.[1] ?? '')));

  guard.button(composer, PAGE_BUTTON, ANYONE('cheap'), (ctx, [list, page]) => turnPage(ctx, list, page));
  guard.button(composer, SHOW_BUTTON, ANYONE('cheap'), async (ctx, [id]) => {
    await ctx.answerCallbackQuery();
    await showStatement(ctx, String(id));
  });
  guard.button(composer, ACTOR_BUTTON, ANYONE('cheap'), async (ctx, [id]) => {
    await ctx.answerCallbackQuery();
    await sendActorList(ctx, id);
  });
  guard.button(composer, TOPIC_BUTTON, ANYONE('cheap'), async (ctx, [slug]) => {
    await ctx.answerCallbackQuery();
    await showTopic(ctx, slug);
  });
  guard.button(composer, FULL_TEXT_BUTTON, ANYONE('output'), (ctx, [id]) => sendFullTextPart(ctx, id, 0));
  guard.button(composer, FULL_TEXT_PART_BUTTON, ANYONE('output'), (ctx, [id, part]) => sendFullTextPart(ctx, id, part));
  guard.button(composer, EXAMPLE_BUTTON, ANYONE('cheap'), async (ctx, [example]) => {
    await ctx.answerCallbackQuery();
    if (example === 0) await sendList(ctx, 'latest', '', DEFAULT_PAGE, ctx.t.noResults);
    else if (example === 1) await showActor(ctx, 'Zelensky');
    else await sendList(ctx, 'search', 'North Korean troops', DEFAULT_PAGE, ctx.t.noResults);
  });

  return composer;
}
