// Result lists with ◀ ▶ paging. A list is stored once (kind + argument) and callback data stays
// tiny ('p:<list>:<page>'). A search list is frozen when its first page is shown: its statement
// ids are stored in order, so later pages neither skip nor repeat after an ingest; the other
// lists page by a (date, id) cursor kept per page reached. Lists live LIST_TTL_DAYS.
import { InlineKeyboard } from 'grammy';
import type { ListKind, Statement } from '../store/index.ts';
import { MAX_COUNTED, MAX_SEARCH_MATCHES, parseActorListArg } from '../store/index.ts';
import { toSearchTerms } from '../store/fts-query.ts';
import { countLatest } from '../store/latest-count.ts';
import { escapeHtml, MAX_MESSAGE_UTF16 } from '../telegram/html.ts';
import { toPlainText } from '../telegram/html.ts';
import { openingOf, renderListItem, sourceName } from './cards.ts';
import type { BotContext } from './context.ts';
import { actorName as displayActor, cardLocale } from './locale.ts';
import { searchSnippet, topicSnippet } from './snippet.ts';
import { PAGE_BUTTON } from './buttons.ts';
import { cutText, echo } from '../telegram/text.ts';

export const MAX_PAGE_SIZE = 8;
export const LIST_TTL_DAYS = 7;

interface ListPage {
  items: Statement[];
  hasNext: boolean;
  /** Cursor of the next page (cursor-paged lists only). */
  next: string | null;
  header: string;
  notes: string[];
  /** Why each statement is in the list (HTML), or undefined for the opening of its text. */
  excerpt?: (s: Statement) => ((maxChars: number) => string) | undefined;
}

interface ListSize {
  total: number | null;
  cut: boolean;
}

function actorName(ctx: BotContext, actorId: number): string {
  const actor = ctx.deps.store.actors.byId(actorId);
  return actor ? displayActor(ctx, actor) : '?';
}

function searchHeader(ctx: BotContext, arg: string): string {
  return ctx.t.searchTitle(echo(arg));
}

/** A page of a cursor-paged list (latest, actor, topic). */
function cursorPage(ctx: BotContext, kind: Exclude<ListKind, 'search'>, arg: string, size: number, cursor: string | null): ListPage {
  const { store, reference } = ctx.deps;
  switch (kind) {
    case 'latest': {
      const page = store.statements.latest(size, cursor);
      return { items: page.items, hasNext: page.next !== null, next: page.next, header: ctx.t.latestTitle, notes: [] };
    }
    case 'actor': {
      const { actorId, role } = parseActorListArg(arg);
      const page = store.statements.byActor(actorId, size, cursor, role);
      const name = actorName(ctx, actorId);
      return { items: page.items, hasNext: page.next !== null, next: page.next, header: role === 'any' ? ctx.t.mentionsTitle(cutText(name, 120)) : ctx.t.actorTitle(cutText(name, 120)), notes: [] };
    }
    case 'topic': {
      const topic = reference.tagger.entries.find((t) => t.slug === arg);
      const label = topic ? (ctx.lang === 'uk' ? topic.uk : topic.en) : echo(arg);
      const page = store.statements.byTopic(arg, size, cursor);
      const excerpt = (s: Statement) => (maxChars: number) => topicSnippet(s.text, arg, reference.tagger, maxChars);
      return { items: page.items, hasNext: page.next !== null, next: page.next, header: ctx.t.topicTitle(label), notes: [], excerpt };
    }
  }
}

/** A page of a frozen search list. */
function frozenPage(ctx: BotContext, listId: number, arg: string, pageNo: number, size: number, list: ListSize & { anyWord: boolean }): ListPage {
  const { store } = ctx.deps;
  const ids = store.botState.listItems(listId, pageNo * size, size + 1);
  // The words are parsed again only to know what to highlight; the ids are the frozen ones.
  const terms = toSearchTerms(arg);
  const byId = new Map(store.statements.byIds(ids.slice(0, size)).map((s) => [s.id, s]));
  // A statement gone since the list was made is left out of its page, not replaced.
  const items = ids.slice(0, size).map((id) => byId.get(id)).filter((s): s is Statement => s !== undefined);
  const notes = [...(list.anyWord ? [ctx.t.searchPartial] : []), ...(terms.truncated ? [ctx.t.searchTruncated] : []), ...(list.cut ? [ctx.t.listCut(MAX_SEARCH_MATCHES)] : [])];
  const excerpt = (s: Statement) => (maxChars: number) => searchSnippet(s.text, terms, maxChars);
  return { items, hasNext: ids.length > size, next: null, header: searchHeader(ctx, arg), notes, excerpt };
}

/** The first 80 characters of a body, folded: two items that open alike repeat each other. */
const openingKey = (html: string): string => toPlainText(html).replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 80);

/**
 * The items' bodies, none opening like an earlier one on the page: a report that opens with a
 * quote listed above it shows its next sentences instead, and any other repeat says which item it repeats.
 */
function pageBodies(ctx: BotContext, data: ListPage, first: number, chars: number): string[] {
  const seen = new Map<string, number>();
  return data.items.map((s, i) => {
    // One paragraph per item: a list is read on a phone, its blank lines separate the items.
    const own = (data.excerpt?.(s)?.(chars) ?? escapeHtml(openingOf(s, chars))).replace(/\s*\n\s*/g, ' ');
    let body = own;
    if (seen.has(openingKey(body)) && s.kind === 'report') {
      const others = data.items.filter((o) => o !== s).map((o) => o.text.replace(/\s+/g, ' '));
      const fresh = s.text.split(/(?<=[.!?…])\s+/).filter((sentence) => !others.some((o) => o.includes(sentence.replace(/\s+/g, ' ').trim()))).join(' ');
      if (fresh) body = escapeHtml(openingOf({ ...s, text: fresh }, chars)).replace(/\s*\n\s*/g, ' ');
    }
    const key = openingKey(body);
    const earlier = seen.get(key);
    if (earlier !== undefined && key) body = `<i>${escapeHtml(ctx.t.sameWordsAs(earlier))}</i>`;
    else if (key) seen.set(key, first + i);
    return body;
  });
}

function render(ctx: BotContext, listId: number, pageNo: number, size: number, data: ListPage, list: ListSize): { html: string; keyboard: InlineKeyboard } {
  const locale = cardLocale(ctx);
  const first = pageNo * size + 1;
  const { items } = data;
  const head = `<b>${escapeHtml(data.header)}</b>${items.length ? ` · ${escapeHtml(ctx.t.pageOf(first, first + items.length - 1, list.total, list.cut))}` : ''}`;
  const notes = data.notes.map((n) => `<i>${escapeHtml(n)}</i>`);
  // One outlet for the whole page (a thread of posts, one article's quotes): said once, under it.
  const sources = new Set(items.map((s) => s.source));
  const shared = items.length > 1 && sources.size === 1 && items[0] ? items[0] : null;
  const foot = shared ? [`${escapeHtml(ctx.t.source)}: ${sourceName(shared, true)}`] : [];
  let html = '';
  // Shorter excerpts until the page fits one message (buttons edit one message in place).
  for (const chars of [260, 160, 90, 40]) {
    const bodies = pageBodies(ctx, data, first, chars);
    const body = items.map((s, i) => renderListItem(s, first + i, locale, { body: bodies[i] ?? '', sharedSource: shared !== null }, chars));
    html = [head, ...notes, ...body, ...foot].join('\n\n');
    if (toPlainText(html).length <= MAX_MESSAGE_UTF16 - 100) break;
  }
  const keyboard = new InlineKeyboard();
  if (pageNo > 0) keyboard.text(ctx.t.prev, PAGE_BUTTON.data(listId, pageNo - 1));
  if (data.hasNext) keyboard.text(ctx.t.next, PAGE_BUTTON.data(listId, pageNo + 1));
  return { html, keyboard };
}

function sizeOf(ctx: BotContext, kind: Exclude<ListKind, 'search'>, arg: string): ListSize {
  const { statements } = ctx.deps.store;
  // A count stops past MAX_COUNTED ("of 1,000+"): counting a topic of half the corpus would cost a scan.
  const bounded = (n: number): ListSize => (n > MAX_COUNTED ? { total: MAX_COUNTED, cut: true } : { total: n, cut: false });
  if (kind === 'topic') return bounded(statements.countByTopic(arg));
  if (kind === 'actor') {
    const { actorId, role } = parseActorListArg(arg);
    return bounded(statements.countByActor(actorId, role));
  }
  // The newest statements: counted up to MAX_COUNTED like the others (one bounded index range).
  return bounded(countLatest(ctx.deps.store.db));
}

/** Sends the first page of a new list, or `emptyText` when the list is empty. */
export async function sendList(ctx: BotContext, kind: ListKind, arg: string, size: number, emptyText: string, lead?: string): Promise<void> {
  const { store, clock } = ctx.deps;
  const pageSize = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
  const chatId = ctx.chat?.id ?? ctx.from?.id ?? 0;
  const now = clock().toISOString();
  let listId: number;
  let data: ListPage;
  let listSize: ListSize;
  if (kind === 'search') {
    const found = store.statements.searchIds(arg, { lang: ctx.lang });
    if (found.ids.length === 0) {
      await ctx.reply(escapeHtml(emptyText), { parse_mode: 'HTML' });
      return;
    }
    const list = { total: found.ids.length, cut: found.cut, anyWord: found.mode === 'any' };
    listSize = list;
    // Page size (and an any-word search) travel in the list's argument so later pages keep them.
    listId = store.db.transaction(() => {
      const id = store.botState.createList(chatId, kind, `${pageSize}${list.anyWord ? ':any' : ''}|${arg}`, now, list);
      store.botState.setListItems(id, found.ids);
      return id;
    })();
    data = frozenPage(ctx, listId, arg, 0, pageSize, list);
  } else {
    data = cursorPage(ctx, kind, arg, pageSize, null);
    if (data.items.length === 0) {
      await ctx.reply(escapeHtml(emptyText), { parse_mode: 'HTML' });
      return;
    }
    const list = sizeOf(ctx, kind, arg);
    listSize = list;
    listId = store.db.transaction(() => {
      const id = store.botState.createList(chatId, kind, `${pageSize}|${arg}`, now, list);
      store.botState.setPageCursor(id, 0, null);
      if (data.next) store.botState.setPageCursor(id, 1, data.next);
      return id;
    })();
  }
  const { html, keyboard } = render(ctx, listId, 0, pageSize, data, listSize);
  const text = lead ? `${escapeHtml(lead)}\n\n${html}` : html;
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard, link_preview_options: { is_disabled: true } });
}

/** Handles 'p:<list>:<page>': only lists of this chat, only pages already reached. */
export async function turnPage(ctx: BotContext, listId: number, pageNo: number): Promise<void> {
  const { store } = ctx.deps;
  const list = store.botState.list(listId);
  const chatId = ctx.chat?.id ?? ctx.from?.id;
  const [sizeText = '5', ...rest] = list?.arg.split('|') ?? [];
  const size = Number.parseInt(sizeText, 10) || 5;
  const arg = rest.join('|');
  const frozen = list?.kind === 'search';
  const cursor = list && !frozen ? store.botState.pageCursor(listId, pageNo) : undefined;
  const reachable = frozen ? pageNo * size < (list?.total ?? 0) : cursor !== undefined;
  if (!list || list.chatId !== chatId || !reachable) {
    await ctx.answerCallbackQuery({ text: ctx.t.staleButton });
    return;
  }
  let data: ListPage;
  if (list.kind === 'search') {
    data = frozenPage(ctx, listId, arg, pageNo, size, { ...list, anyWord: sizeText.endsWith(':any') });
  } else {
    data = cursorPage(ctx, list.kind, arg, size, cursor ?? null);
    if (data.next) store.botState.setPageCursor(listId, pageNo + 1, data.next);
  }
  const { html, keyboard } = render(ctx, listId, pageNo, size, data, list);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(html, { parse_mode: 'HTML', reply_markup: keyboard, link_preview_options: { is_disabled: true } });
}
