// The actor table (data/actors.json) and finding its people in running text.
import { z } from 'zod';
import { isGivenName } from './given-names.ts';
import { wordsWithIndex } from './words.ts';

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

/** How many UTF-16 units of an alias's start key its patterns (see findMentions). */
const KEY_UNITS = 2;
/** The two UTF-16 units at `at` as one number: a map key without a string per word. */
const keyAt = (s: string, at: number): number => s.charCodeAt(at) * 0x10000 + s.charCodeAt(at + 1);

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
    [...new Set([entry.canonical, ...(entry.uk ? [entry.uk] : []), ...entry.aliases])].map((alias) => {
      const regex = aliasPattern(alias);
      return { canonical: entry.canonical, single: !/\s/.test(alias.trim()), regex, sticky: new RegExp(regex.source, 'uy'), key: alias.slice(0, KEY_UNITS) };
    }),
  ).map((p, order) => ({ ...p, order }));
  // A match starts at a word (the pattern's lookbehind), with the alias's first letters (a Cyrillic
  // stem keeps at least two): patterns are looked up by the first two letters of each word of the
  // text and tried there only. Testing all ~100 patterns against every text was a third of extraction.
  const byKey = new Map<number, typeof patterns>();
  const anywhere: typeof patterns = [];
  const NO_PATTERNS: typeof patterns = [];
  for (const p of patterns) {
    if (/^[\p{L}\p{N}_]{2}$/u.test(p.key)) byKey.set(keyAt(p.key, 0), [...(byKey.get(keyAt(p.key, 0)) ?? []), p]);
    else anywhere.push(p);
  }
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
      const found: Array<Mention & { order: number }> = [];
      const consider = ({ canonical, single, order }: (typeof patterns)[number], start: number, matched: string): void => {
        // "Melania Trump", "Carl Jung": a surname after another person's given name is not the table's person.
        if (single && isOtherGivenName(text.slice(Math.max(0, start - 30), start), canonical)) return;
        found.push({ canonical, start, end: start + matched.length, possessive: /['’]s$/.test(matched), order });
      };
      for (const { index } of wordsWithIndex(text, true)) {
        for (const p of byKey.get(keyAt(text, index)) ?? NO_PATTERNS) {
          p.sticky.lastIndex = index;
          const m = p.sticky.exec(text);
          if (m) consider(p, index, m[0]);
        }
      }
      for (const p of anywhere) for (const m of text.matchAll(p.regex)) consider(p, m.index, m[0]);
      // Longest match wins where two overlap ("Yoon Suk Yeol" over "Yoon"); then the table's order.
      found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.order - b.order);
      const kept: Mention[] = [];
      for (const { order: _, ...m } of found) {
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
