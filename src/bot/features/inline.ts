// Inline mode: "@bot words" in any chat → statement cards to post; empty query → latest.
import { Composer } from 'grammy';
import type { InlineQueryResult } from 'grammy/types';
import { formatStatementDate } from '../../format-date.ts';
import type { Statement } from '../../store/index.ts';
import { renderCard } from '../cards.ts';
import type { BotContext } from '../context.ts';
import { cardLocale } from '../locale.ts';
import type { SearchWords } from '../snippet.ts';
import { citeInlineResult } from './cite.ts';
import type { RateLimiter } from '../rate-limit.ts';

export const INLINE_PAGE = 20;
export const INLINE_CACHE_SECONDS = 30;

function toResult(ctx: BotContext, s: Statement, words: SearchWords | undefined): InlineQueryResult {
  const who = s.speakers.join(', ') || s.attribution || s.source;
  return {
    type: 'article',
    id: `s${s.id}`,
    title: `${who} · ${formatStatementDate(s.date, s.datePrecision, ctx.lang)}`.slice(0, 200),
    description: s.text.replace(/\s+/g, ' ').slice(0, 180),
    input_message_content: {
      message_text: renderCard(s, cardLocale(ctx), words ? { words } : {}),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    },
    ...(s.url ? { url: s.url } : {}),
  };
}

export function inlineFeature(limiter: RateLimiter): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const cursor = ctx.inlineQuery.offset || null;
    if (query && limiter.check(ctx.from.id, ctx.deps.clock().getTime()) !== 'allow') {
      // Nothing to say in inline mode but an empty, uncached answer.
      await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true });
      return;
    }
    const { statements } = ctx.deps.store;
    // The last word of an inline query is still being typed: it also matches by prefix.
    const found = query ? statements.search(query, INLINE_PAGE, cursor, { typing: true, lang: ctx.lang }) : null;
    const page = found ?? statements.latest(INLINE_PAGE, cursor);
    const words = found ? { stems: found.stems, exact: found.exact } : undefined;
    await ctx.answerInlineQuery(
      // Each statement twice: its card, then a plain citation to paste (≤ 2 × INLINE_PAGE ≤ 50 results).
      page.items.flatMap((s) => [toResult(ctx, s, words), citeInlineResult(ctx, s)]),
      { cache_time: INLINE_CACHE_SECONDS, is_personal: false, next_offset: page.next ?? '' },
    );
  });
  return composer;
}
