import type { CardLocale } from './cards.ts';
import type { BotContext } from './context.ts';

export function cardLocale(ctx: BotContext): CardLocale {
  return { t: ctx.t, lang: ctx.lang, topics: ctx.deps.reference.tagger.entries };
}
