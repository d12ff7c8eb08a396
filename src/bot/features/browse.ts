// Finding statements: /latest, /search, /actor, /topic, /show (and /show_ID), /actors, /topics,
// with their buttons: paging, full text, picking a person or topic, the /start examples.
import { Composer, InlineKeyboard } from 'grammy';
import { lookUpActor, lookUpTopic } from '../../lookups.ts';
import { escapeHtml } from '../../telegram/html.ts';
import { CARD_TEXT_CHARS, fullTextParts, renderCard } from '../cards.ts';
import type { CardViews } from '../card-views.ts';
import { createCardViews } from '../card-views.ts';
import type { BotContext } from '../context.ts';
import type { Statement } from '../../store/index.ts';
import { sendList, turnPage } from '../lists.ts';
import { actorName, cardLocale } from '../locale.ts';
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

/**
 * The short card's buttons: Full text (when the card cut it), the other language's version named
 * by its language, Cite. Full text and the other version replace this message in place.
 */
function cardKeyboard(ctx: BotContext, s: Statement): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (s.text.length > CARD_TEXT_CHARS) keyboard.text(ctx.t.fullText, FULL_TEXT_BUTTON.data(s.id));
  const otherId = s.translationOf ?? s.translations[0];
  const other = otherId ? ctx.deps.store.statements.byId(otherId) : undefined;
  if (other) keyboard.text(ctx.t.versionIn[other.lang === 'uk' ? 'uk' : 'en'], SHOW_BUTTON.data(other.id));
  addCiteButton(ctx, keyboard, s.id);
  return keyboard;
}

function findStatement(ctx: BotContext, idText: string): Statement | undefined {
  const id = Number(idText);
  return Number.isSafeInteger(id) && id > 0 ? ctx.deps.store.statements.byId(id) : undefined;
}

export async function showStatement(ctx: BotContext, idText: string, views?: CardViews): Promise<void> {
  const s = findStatement(ctx, idText);
  if (!s) {
    await replyHtml(ctx, escapeHtml(ctx.t.statementMissing(echo(idText, 20))));
    return;
  }
  const sent = await ctx.reply(renderCard(s, cardLocale(ctx)), { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: cardKeyboard(ctx, s) });
  views?.remember(sent.chat.id, sent.message_id, `card:${s.id}`);
}

/** A button under a card: this message becomes the short card of `id` (another version, or back from the full text). */
async function showStatementInPlace(ctx: BotContext, views: CardViews, id: number): Promise<void> {
  const s = findStatement(ctx, String(id));
  await ctx.answerCallbackQuery(s ? undefined : { text: ctx.t.staleButton });
  if (s) await views.edit(ctx, `card:${s.id}`, renderCard(s, cardLocale(ctx)), cardKeyboard(ctx, s));
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
      const name = actor ? actorName(ctx, actor) : '?';
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
  const counts = ctx.deps.store.catalog.actorCounts().filter((a) => a.spoke > 0 && (!onlyIds?.length || onlyIds.includes(a.id)));
  const keyboard = new InlineKeyboard();
  counts.slice(0, MAX_PICKS).forEach((a, i) => {
    keyboard.text(buttonLabel(actorName(ctx, a), ` (${a.spoke})`), ACTOR_BUTTON.data(a.id));
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

/**
 * The full text in place of the card, one part at a time (◀ ▶ between parts), with « Back to the
 * short card: the chat gets no new message, and a long text is split only when it is asked for.
 */
async function showFullTextPart(ctx: BotContext, views: CardViews, id: number, part: number): Promise<void> {
  const s = ctx.deps.store.statements.byId(id);
  await ctx.answerCallbackQuery(s ? undefined : { text: ctx.t.staleButton });
  if (!s) return;
  const parts = fullTextParts(s, cardLocale(ctx), MAX_FULL_TEXT_PARTS);
  const k = Math.max(0, Math.min(part, parts.length - 1));
  const keyboard = new InlineKeyboard();
  if (k > 0) keyboard.text(`◀ ${k}/${parts.length}`, FULL_TEXT_PART_BUTTON.data(s.id, k - 1));
  if (k + 1 < parts.length) keyboard.text(`▶ ${k + 2}/${parts.length}`, FULL_TEXT_PART_BUTTON.data(s.id, k + 1));
  keyboard.row().text(ctx.t.backToCard, SHOW_BUTTON.data(s.id));
  addCiteButton(ctx, keyboard, s.id);
  await views.edit(ctx, `full:${s.id}:${k}`, parts[k] ?? '', keyboard);
}

/**
 * Full-text search (and plain words, and inline) is the expensive query: class 'search'. Lists by
 * id, person or topic, and their pages, are indexed lookups: 'cheap' (still limited per user and group).
 */
const ANYONE = (cost: Policy['cost']): Policy => ({ cost, who: 'anyone', where: ANYWHERE });

export function browseFeature(guard: PolicyGuard): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // The view each card message shows, so pressing a button twice edits once.
  const views = createCardViews();

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
    await showStatement(ctx, id, views);
  });
  // "/show_12" in lists is a tappable command on phones; it shares /show's policy.
  composer.hears(/^\/show_(\d{1,12})(?:@(\w+))?\b/, async (ctx, next) => {
    const addressed = ctx.match[2];
    if (addressed && addressed.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    await next();
  }, guard.enforce('show_ID', ANYONE('cheap')), (ctx) => showStatement(ctx, String(ctx.match?.[1] ?? ''), views));

  guard.button(composer, PAGE_BUTTON, ANYONE('cheap'), (ctx, [list, page]) => turnPage(ctx, list, page));
  // Translation, original and « Back edit the card's own message: the chat does not grow.
  guard.button(composer, SHOW_BUTTON, ANYONE('cheap'), (ctx, [id]) => showStatementInPlace(ctx, views, id));
  guard.button(composer, ACTOR_BUTTON, ANYONE('cheap'), async (ctx, [id]) => {
    await ctx.answerCallbackQuery();
    await sendActorList(ctx, id);
  });
  guard.button(composer, TOPIC_BUTTON, ANYONE('cheap'), async (ctx, [slug]) => {
    await ctx.answerCallbackQuery();
    await showTopic(ctx, slug);
  });
  // A full text now edits the card in place (one message whatever its length): a cheap request.
  guard.button(composer, FULL_TEXT_BUTTON, ANYONE('cheap'), (ctx, [id]) => showFullTextPart(ctx, views, id, 0));
  guard.button(composer, FULL_TEXT_PART_BUTTON, ANYONE('cheap'), (ctx, [id, part]) => showFullTextPart(ctx, views, id, part));
  guard.button(composer, EXAMPLE_BUTTON, ANYONE('cheap'), async (ctx, [example]) => {
    await ctx.answerCallbackQuery();
    // The examples of the reader's language (/start shows them as buttons).
    const [command = '/latest', ...words] = (ctx.t.examples[example] ?? '/latest').split(' ');
    const arg = words.join(' ');
    if (command === '/actor') await showActor(ctx, arg);
    else if (command === '/search') await sendList(ctx, 'search', arg, DEFAULT_PAGE, ctx.t.noResultsSearch(echo(arg)));
    else await sendList(ctx, 'latest', '', DEFAULT_PAGE, ctx.t.noResults);
  });

  return composer;
}
