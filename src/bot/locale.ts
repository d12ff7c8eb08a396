import { createNameDisplay } from '../corpus/display-names.ts';
import type { CardLocale } from './cards.ts';
import type { BotContext } from './context.ts';

export function cardLocale(ctx: BotContext): CardLocale {
  const names = createNameDisplay(ctx.deps.reference.actors);
  return { t: ctx.t, lang: ctx.lang, topics: ctx.deps.reference.tagger.entries, name: (name) => names(name, ctx.lang) };
}

/** One person's name in the reader's script (table spelling, else transliterated). */
export function displayName(ctx: BotContext, name: string): string {
  return createNameDisplay(ctx.deps.reference.actors)(name, ctx.lang);
}

/** An actor row's name for the reader: the stored Ukrainian name for a Ukrainian reader, else as displayName. */
export function actorName(ctx: BotContext, actor: { canonical: string; nameUk: string | null }): string {
  return ctx.lang === 'uk' && actor.nameUk ? actor.nameUk : displayName(ctx, actor.canonical);
}
