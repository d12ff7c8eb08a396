// Inline mode: "@bot words" in any chat → statement cards to post; empty query → latest.
import { Composer } from 'grammy';
import type { InlineQueryResult } from 'grammy/types';
import { formatStatementDate } from '../../format-date.ts';
import type { Statement } from '../../store/index.ts';
import { renderCard } from '../cards.ts';
import type { BotContext } from '../context.ts';
import { cardLocale, displayName } from '../locale.ts';
import type { SearchWords } from '../snippet.ts';
import { citeInlineResult } from './cite.ts';
import type { Policy, PolicyGuard } from '../policy.ts';
import { cutText, MAX_QUERY_CHARS, nameList, safeHttpUrl } from '../../telegram/text.ts';

export const INLINE_PAGE = 20;
export const INLINE_CACHE_SECONDS = 30;

function toResult(ctx: BotContext, s: Statement, words: SearchWords | undefined): InlineQueryResult {
  const who = nameList(s.speakers.map((n) => displayName(ctx, n)), 120) || s.attribution || s.source;
  const url = safeHttpUrl(s.url);
  return {
    type: 'article',
    id: `s${s.id}`,
    title: cutText(`${cutText(who, 120)} · ${formatStatementDate(s.date, s.datePrecision, ctx.lang)}`, 200),
    description: cutText(s.text.replace(/\s+/g, ' '), 180),
    input_message_content: {
      message_text: renderCard(s, cardLocale(ctx), words ? { words } : {}),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    },
    // URLs leave the bot only as http(s): a corpus "javascript:" or "file:" URL is dropped.
    ...(url ? { url } : {}),
  };
}

/** Inline queries cost a search; past the limit the answer is empty and uncached (nothing else to say inline). */
const INLINE_POLICY: Policy = { cost: 'search', who: 'anyone', where: ['inline'] };

export function inlineFeature(guard: PolicyGuard): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('inline_query', guard.enforce('inline', INLINE_POLICY), async (ctx) => {
    if (!ctx.inlineQuery) return;
    const query = cutText(ctx.inlineQuery.query.trim(), MAX_QUERY_CHARS);
    const cursor = ctx.inlineQuery.offset || null;
    const { statements } = ctx.deps.store;
    // The last word of an inline query is still being typed: it also matches by prefix.
    const found = query ? statements.search(query, INLINE_PAGE, cursor, { typing: true, lang: ctx.lang }) : null;
    const page = found ?? statements.latest(INLINE_PAGE, cursor);
    const words = found ? { stems: found.stems, exact: found.exact } : undefined;
    await ctx.answerInlineQuery(
      // Each statement twice: its card, then a plain citation to paste (≤ 2 × INLINE_PAGE ≤ 50 results).
      page.items.flatMap((s) => [toResult(ctx, s, words), citeInlineResult(ctx, s)]),
      {
        cache_time: INLINE_CACHE_SECONDS, is_personal: false, next_offset: page.next ?? '',
        // An empty answer says why, above where the results would be (a first page only).
        ...(page.items.length === 0 && !cursor ? { button: { text: ctx.t.inlineNone, start_parameter: 'search' } } : {}),
      },
    );
  });
  return composer;
}
