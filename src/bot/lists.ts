// Result lists with ◀ ▶ paging. A list is stored once (kind + argument) and each page reached
// keeps its cursor, so callback data stays tiny ('p:<list>:<page>') and pages stay stable.
import { InlineKeyboard } from 'grammy';
import type { ListKind, Page, SearchPage } from '../store/index.ts';
import { escapeHtml, MAX_MESSAGE_UTF16 } from '../telegram/html.ts';
import { toPlainText } from '../telegram/html.ts';
import { renderListItem } from './cards.ts';
import type { BotContext } from './context.ts';
import { cardLocale } from './locale.ts';
import { PAGE_BUTTON } from './buttons.ts';
import { cutText, echo } from '../telegram/text.ts';

export const MAX_PAGE_SIZE = 8;
export const LIST_TTL_DAYS = 7;

interface ListPage {
  page: Page;
  header: string;
  notes: string[];
  tokens: string[];
}

function fetchPage(ctx: BotContext, kind: ListKind, arg: string, size: number, cursor: string | null): ListPage {
  const { store, reference } = ctx.deps;
  switch (kind) {
    case 'latest':
      return { page: store.statements.latest(size, cursor), header: ctx.t.latestTitle, notes: [], tokens: [] };
    case 'search': {
      const page: SearchPage = store.statements.search(arg, size, cursor);
      const notes = [...(page.mode === 'any' ? [ctx.t.searchPartial] : []), ...(page.truncated ? [ctx.t.searchTruncated] : [])];
      return { page, header: ctx.t.searchTitle(echo(arg)), notes, tokens: page.tokens };
    }
    case 'actor': {
      const actor = store.actors.byId(Number(arg));
      const name = actor ? (ctx.lang === 'uk' && actor.nameUk ? actor.nameUk : actor.canonical) : '?';
      return { page: store.statements.byActor(Number(arg), size, cursor), header: ctx.t.actorTitle(cutText(name, 120)), notes: [], tokens: [] };
    }
    case 'topic': {
      const topic = reference.tagger.entries.find((t) => t.slug === arg);
      const label = topic ? (ctx.lang === 'uk' ? topic.uk : topic.en) : echo(arg);
      return { page: store.statements.byTopic(arg, size, cursor), header: ctx.t.topicTitle(label), notes: [], tokens: [] };
    }
  }
}

function render(ctx: BotContext, listId: number, pageNo: number, size: number, data: ListPage): { html: string; keyboard: InlineKeyboard } {
  const locale = cardLocale(ctx);
  const first = pageNo * size + 1;
  const { items } = data.page;
  const head = `<b>${escapeHtml(data.header)}</b>${items.length ? ` · ${escapeHtml(ctx.t.pageOf(first, first + items.length - 1))}` : ''}`;
  const notes = data.notes.map((n) => `<i>${escapeHtml(n)}</i>`);
  let html = '';
  // Shorter excerpts until the page fits one message (buttons edit one message in place).
  for (const chars of [260, 160, 90, 40]) {
    const body = items.map((s, i) => renderListItem(s, first + i, locale, data.tokens, chars));
    html = [head, ...notes, ...body].join('\n\n');
    if (toPlainText(html).length <= MAX_MESSAGE_UTF16 - 100) break;
  }
  const keyboard = new InlineKeyboard();
  if (pageNo > 0) keyboard.text(ctx.t.prev, PAGE_BUTTON.data(listId, pageNo - 1));
  if (data.page.next) keyboard.text(ctx.t.next, PAGE_BUTTON.data(listId, pageNo + 1));
  return { html, keyboard };
}

/** Sends the first page of a new list; returns false when the list is empty. */
export async function sendList(ctx: BotContext, kind: ListKind, arg: string, size: number, emptyText: string): Promise<void> {
  const { store, clock } = ctx.deps;
  const pageSize = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
  const data = fetchPage(ctx, kind, arg, pageSize, null);
  if (data.page.items.length === 0) {
    await ctx.reply(escapeHtml(emptyText), { parse_mode: 'HTML' });
    return;
  }
  const chatId = ctx.chat?.id ?? ctx.from?.id ?? 0;
  const now = clock().toISOString();
  // Page size travels in the list's argument so later pages keep it.
  const listId = store.db.transaction(() => {
    const id = store.botState.createList(chatId, kind, `${pageSize}|${arg}`, now);
    store.botState.setPageCursor(id, 0, null);
    if (data.page.next) store.botState.setPageCursor(id, 1, data.page.next);
    return id;
  })();
  const { html, keyboard } = render(ctx, listId, 0, pageSize, data);
  await ctx.reply(html, { parse_mode: 'HTML', reply_markup: keyboard, link_preview_options: { is_disabled: true } });
}

/** Handles 'p:<list>:<page>': only lists of this chat, only pages already reached. */
export async function turnPage(ctx: BotContext, listId: number, pageNo: number): Promise<void> {
  const { store } = ctx.deps;
  const list = store.botState.list(listId);
  const chatId = ctx.chat?.id ?? ctx.from?.id;
  const cursor = list ? store.botState.pageCursor(listId, pageNo) : undefined;
  if (!list || list.chatId !== chatId || cursor === undefined) {
    await ctx.answerCallbackQuery({ text: ctx.t.staleButton });
    return;
  }
  const [sizeText = '5', ...rest] = list.arg.split('|');
  const size = Number(sizeText) || 5;
  const data = fetchPage(ctx, list.kind, rest.join('|'), size, cursor);
  if (data.page.next) store.botState.setPageCursor(listId, pageNo + 1, data.page.next);
  const { html, keyboard } = render(ctx, listId, pageNo, size, data);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(html, { parse_mode: 'HTML', reply_markup: keyboard, link_preview_options: { is_disabled: true } });
}
