// The actor table (data/actors.json) and finding its people in running text.
import { z } from 'zod';
import { isGivenName } from './given-names.ts';

export const actorTableSchema = z.object({
  actors: z.array(
    z.object({
      canonical: z.string().min(1),
      uk: z.string().min(1).optional(),
      role: z.string().optional(),
      /** The role in Ukrainian, for citations in Ukrainian copy. */
      roleUk: z.string().optional(),
      country: z.string().optional(),
      aliases: z.array(z.string().min(1)),
      descriptors: z.array(z.string()).default([]),
      /** A one-word alias names this person even where the article never gives the full name. */
      surnameAlone: z.boolean().default(false),
      /** Offices held for a time: "the Ukrainian foreign minister" is Kuleba until September 2024. */
      tenures: z
        .array(z.object({ descriptors: z.array(z.string().min(1)), from: z.string().optional(), to: z.string().optional() }))
        .default([]),
    }),
  ),
});

export type ActorEntry = z.infer<typeof actorTableSchema>['actors'][number];

export interface Mention {
  canonical: string;
  start: number;
  end: number;
  /** True for "Yoon's office": a possessive names an owner, never a speaker. */
  possessive: boolean;
}

/** A capitalised word right before a match: "Melania" in "Melania Trump". */
const PRECEDING_NAME = /(\p{Lu}[\p{Ll}'’ʼ-]+)[\s\u00a0]+$/u;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isCyrillic = (s: string): boolean => /\p{Script=Cyrillic}/u.test(s);

/** Cyrillic names inflect ("Юн Сок Йолем", "Зеленського"): match a stem plus a short ending. */
function wordPattern(word: string): string {
  if (!isCyrillic(word) || word.length < 4) return escapeRegExp(word);
  const stem = word.replace(/(ий|ій|ой|а|я|о|е|ь|и|і|у|ю)$/u, '');
  return `${escapeRegExp(stem)}\\p{L}{0,4}`;
}

function aliasPattern(alias: string): RegExp {
  const words = alias.split(/\s+/).map(wordPattern).join('[\\s\\u00a0-]+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${words}(?:['’]s)?(?![\\p{L}\\p{N}])`, 'gu');
}

function isOtherGivenName(before: string, canonical: string): boolean {
  const word = PRECEDING_NAME.exec(before)?.[1];
  if (!word || isGivenName(word) === null) return false;
  return !canonical.toLowerCase().split(/\s+/).includes(word.toLowerCase());
}

export interface ActorMatcher {
  entries: ActorEntry[];
  findMentions(text: string): Mention[];
  /** Canonical names mentioned in `text`, each once, in order of first mention, minus `except`. */
  mentionedNames(text: string, except?: readonly string[]): string[];
  /** The actor a role phrase names ("the South Korean president") on a day, or null. */
  resolveDescriptor(phrase: string, on?: { value: string | null }): string | null;
  byCanonical(canonical: string): ActorEntry | undefined;
}

export function createActorMatcher(entries: ActorEntry[]): ActorMatcher {
  const patterns = entries.flatMap((entry) =>
    [...new Set([entry.canonical, ...(entry.uk ? [entry.uk] : []), ...entry.aliases])].map((alias) => ({
      canonical: entry.canonical,
      single: !/\s/.test(alias.trim()),
      regex: aliasPattern(alias),
      // A cheap substring every match contains: most texts skip most regexes on it.
      probe: alias.slice(0, Math.min(3, alias.length)),
    })),
  );
  const descriptors = entries.flatMap((entry) => [
    ...entry.descriptors.map((d) => ({ canonical: entry.canonical, phrase: d.toLowerCase(), from: '', to: '' })),
    ...entry.tenures.flatMap((t) => t.descriptors.map((d) => ({ canonical: entry.canonical, phrase: d.toLowerCase(), from: t.from ?? '', to: t.to ?? '' }))),
  ]);
  // A day within a tenure: dates compare as text (YYYY-MM-DD); an undated phrase matches only a timeless descriptor.
  const heldOn = (d: { from: string; to: string }, day: string | null): boolean =>
    (!d.from && !d.to) || (day !== null && (!d.from || day >= d.from) && (!d.to || day <= d.to));
  const byName = new Map(entries.map((e) => [e.canonical, e]));

  const matcher: ActorMatcher = {
    entries,
    byCanonical: (canonical) => byName.get(canonical),
    mentionedNames: (text, except = []) =>
      [...new Set(matcher.findMentions(text).map((m) => m.canonical))].filter((name) => !except.includes(name)),
    findMentions(text) {
      const found: Mention[] = [];
      for (const { canonical, regex, probe, single } of patterns) {
        if (!text.includes(probe)) continue;
        regex.lastIndex = 0;
        for (const m of text.matchAll(regex)) {
          const start = m.index ?? 0;
          // "Melania Trump", "Carl Jung": a surname after another person's given name is not the table's person.
          if (single && isOtherGivenName(text.slice(Math.max(0, start - 30), start), canonical)) continue;
          found.push({ canonical, start, end: start + m[0].length, possessive: /['’]s$/.test(m[0]) });
        }
      }
      // Longest match wins where two overlap ("Yoon Suk Yeol" over "Yoon").
      found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
      const kept: Mention[] = [];
      for (const m of found) {
        const last = kept[kept.length - 1];
        if (last && m.start < last.end) continue;
        kept.push(m);
      }
      return kept;
    },
    resolveDescriptor(phrase, on) {
      const p = phrase.toLowerCase().replace(/^(the|a|an)\s+/, '').trim();
      const day = on?.value ?? null;
      const hit = descriptors.find(
        (d) => (p === d.phrase || p.endsWith(` ${d.phrase}`) || p.startsWith(`${d.phrase} `)) && heldOn(d, day),
      );
      return hit ? hit.canonical : null;
    },
  };
  return matcher;
}
