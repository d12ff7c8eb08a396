// Topic tagging by reviewed rules (data/topics.json): a statement carries a topic when it is about
// it, not when one of its words turns up in passing or in a figure of speech ("unity is a weapon").
// Per topic and language the table lists strong cues (enough on their own: "sanctions", "ППО"),
// weak cues (only with another cue of the topic: "attack", "missile") and figures (phrases whose
// cue words are not the topic: "dictators attack", "is also a weapon"). Every tag records its cue
// and the sentence that carried it, so a card found by topic can show why.
import { z } from 'zod';
import { foldText } from './names.ts';
import type { Word } from './words.ts';
import { wordsWithIndex } from './words.ts';

const cueList = z.array(z.string().min(1)).default([]);
const perLanguage = z.object({ en: cueList, uk: cueList }).default({ en: [], uk: [] });

export const topicTableSchema = z.object({
  topics: z.array(
    z.object({
      slug: z.string().regex(/^[a-z0-9-]+$/),
      en: z.string().min(1),
      uk: z.string().min(1),
      strong: perLanguage,
      weak: perLanguage,
      figures: perLanguage,
    }),
  ),
});

export type TopicEntry = z.infer<typeof topicTableSchema>['topics'][number];
export interface TopicTag {
  slug: string;
  /** The cue that decided (the strong one, or the first of the weak ones). */
  matched: string;
  /** The sentence that carried the topic, as it stands in the text. */
  sentence: string;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "north korea*" → a global regex over folded text: whole words, the starred one with any ending. */
function cueRegex(cue: string): RegExp {
  const words = foldText(cue)
    .split(/\s+/)
    .map((w) => (w.endsWith('*') ? `${escapeRegExp(w.slice(0, -1))}[\\p{L}\\p{N}]*` : escapeRegExp(w)));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\-–—]+')}(?![\\p{L}\\p{N}])`, 'gu');
}

interface Cue {
  text: string;
  re: RegExp;
  /** The same pattern anchored where it is tried (flag y): at the words that start with the probe. */
  sticky: RegExp;
  /** The cue's first word (without its *): a match starts at a word equal to it (or, starred, beginning with it). */
  probe: string;
  starred: boolean;
  /** The first word is letters and digits only: the words equal to it (or starting with it, starred) are where it may match. */
  plain: boolean;
  /** A first word that is not plain ('f-16', 'air-defense') begins with this word, where it may match; '' when it begins otherwise. */
  lead: string;
  /** One plain word: it matches exactly the words the index finds for it, no pattern to try. */
  single: boolean;
}

function toCue(text: string): Cue {
  const first = foldText(text).split(/\s+/)[0] ?? '';
  const probe = first.replace(/\*$/, '');
  const re = cueRegex(text);
  const plain = /^[\p{L}\p{N}]+$/u.test(probe);
  const lead = plain ? probe : (/^[\p{L}\p{N}]+/u.exec(probe)?.[0] ?? '');
  return { text, re, sticky: new RegExp(re.source, 'uy'), probe, starred: first.endsWith('*'), plain, lead, single: plain && !/\s/.test(foldText(text).trim()) };
}

/** The cues a text can match, and where: a cue can match only at the start of one of the text's
 *  words (its pattern begins at a word boundary) that equals its first word, or begins with it when
 *  starred. One map lookup per word finds them; the pattern is then tried at those words only. The
 *  tagger used to test every cue per statement, then to scan the text for each candidate's probe. */
class CueIndex {
  private readonly exact = new Map<string, Cue[]>();
  /** Starred cues by the first PREFIX_KEY letters of their probe (no probe is shorter). */
  private readonly starred = new Map<string, Cue[]>();
  private readonly shortStarred: Cue[] = [];
  readonly always: Cue[] = [];

  constructor(cues: Cue[]) {
    const add = (map: Map<string, Cue[]>, key: string, cue: Cue): void => void map.set(key, [...(map.get(key) ?? []), cue]);
    for (const cue of cues) {
      if (!cue.lead) this.always.push(cue);
      else if (!cue.plain || !cue.starred) add(this.exact, cue.lead, cue);
      else if (cue.probe.length >= PREFIX_KEY) add(this.starred, cue.probe.slice(0, PREFIX_KEY), cue);
      else this.shortStarred.push(cue);
    }
  }

  /** Each candidate cue with the words where it may match, in text order. */
  candidates(words: readonly Word[]): Map<Cue, Word[]> {
    const out = new Map<Cue, Word[]>();
    const at = (cue: Cue, word: Word): void => {
      const list = out.get(cue);
      if (list) list.push(word);
      else out.set(cue, [word]);
    };
    for (const w of words) {
      const { word } = w;
      for (const cue of this.exact.get(word) ?? NONE) at(cue, w);
      if (word.length >= PREFIX_KEY) for (const cue of this.starred.get(word.slice(0, PREFIX_KEY)) ?? NONE) if (word.startsWith(cue.probe)) at(cue, w);
      for (const cue of this.shortStarred) if (word.startsWith(cue.probe)) at(cue, w);
    }
    for (const cue of this.always) out.set(cue, []);
    return out;
  }
}

const PREFIX_KEY = 3;
const NONE: Cue[] = [];

/** Sentence spans of a text: ends at . ! ? … or a line break; the offsets index the text itself. */
export function sentenceSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const re = /[^.!?…\n]*(?:[.!?…]+["”»’)]*|\n|$)/gu;
  for (const m of text.matchAll(re)) {
    if (m[0].trim() === '') {
      if (m[0] === '') re.lastIndex += 1;
      continue;
    }
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** What a caller has already worked out of a text: foldText(text), and its wordsWithIndex (without '_'). */
export interface KnownFolding {
  folded: string;
  words?: readonly Word[];
}

export interface TopicTagger {
  entries: TopicEntry[];
  /** The topics a statement is about, each with its cue and sentence; `folded` is foldText(text) when the caller has it. */
  tag(text: string, known?: KnownFolding): TopicTag[];
  /** One topic's verdict only (a list by topic shows why each statement is in it): cheaper than tag(). */
  explain(text: string, slug: string): TopicTag | null;
  /** The topics a user's words name ("санкції", "air defence"): any cue counts, strong or weak. */
  named(words: string): string[];
}

type Span = { start: number; end: number };

/** A text prepared once for every rule: folded, its words found, its sentences cut on demand. */
class PreparedText {
  private spans: { folded: Span[]; original: Span[] } | null = null;

  constructor(readonly text: string, readonly folded: string, readonly words: readonly Word[] = wordsWithIndex(folded)) {}

  /** Folding keeps the length of most text, but not always (ligatures, combining marks): sentences
   *  are cut from the folded text and mapped back to the original by their index. */
  sentenceIndex(at: number): number {
    this.spans ??= { folded: sentenceSpans(this.folded), original: sentenceSpans(this.text) };
    return this.spans.folded.findIndex((s) => at >= s.start && at < s.end);
  }

  sentence(i: number): string {
    this.spans ??= { folded: sentenceSpans(this.folded), original: sentenceSpans(this.text) };
    const { original } = this.spans;
    const span = original[i] ?? original[original.length - 1];
    return span ? this.text.slice(span.start, span.end).trim() : this.text.trim();
  }
}

interface Rule {
  slug: string;
  strong: Cue[];
  weak: Cue[];
  figures: Cue[];
}

/** Where a cue matches, without overlaps: at the words the index found (a cue that begins with no
 *  word is looked for everywhere). A one-word cue matches each such word whole. */
function matchesOf(cue: Cue, folded: string, words: readonly Word[]): Array<{ at: number; end: number }> {
  if (!cue.lead) return [...folded.matchAll(cue.re)].map((m) => ({ at: m.index, end: m.index + m[0].length }));
  if (cue.single) return words.map((w) => ({ at: w.index, end: w.index + w.word.length }));
  const out: Array<{ at: number; end: number }> = [];
  let from = 0;
  for (const { index: at } of words) {
    if (at < from) continue;
    cue.sticky.lastIndex = at;
    const m = cue.sticky.exec(folded);
    if (!m) continue;
    out.push({ at, end: at + m[0].length });
    from = at + Math.max(1, m[0].length);
  }
  return out;
}

function hits(cues: Cue[], t: PreparedText, blocked: Array<[number, number]>, candidates: Map<Cue, Word[]>): Array<{ cue: Cue; at: number; end: number }> {
  const out: Array<{ cue: Cue; at: number; end: number }> = [];
  for (const cue of cues) {
    const words = candidates.get(cue);
    if (!words) continue;
    for (const { at, end } of matchesOf(cue, t.folded, words)) {
      if (!blocked.some(([s, e]) => at >= s && at < e)) out.push({ cue, at, end });
    }
  }
  return out;
}

/** One rule on one text: a strong cue, or two different weak cues, outside the rule's figures. */
function evaluate(rule: Rule, t: PreparedText, candidates: Map<Cue, Word[]>): TopicTag | null {
  // Most statements are about few topics: a rule none of whose cues can match costs nothing.
  if (!rule.strong.some((c) => candidates.has(c)) && rule.weak.filter((c) => candidates.has(c)).length < 2) return null;
  const blocked = hits(rule.figures, t, [], candidates).map(({ at, end }): [number, number] => [at, end]);
  const strong = hits(rule.strong, t, blocked, candidates);
  const first = strong.sort((a, b) => a.at - b.at)[0];
  if (first) return { slug: rule.slug, matched: first.cue.text, sentence: t.sentence(t.sentenceIndex(first.at)) };
  const weak = hits(rule.weak, t, blocked, candidates);
  // Two different weak cues: the statement dwells on the topic. The sentence with most cues shows it.
  if (new Set(weak.map((w) => w.cue.text)).size < 2) return null;
  const perSentence = new Map<number, number>();
  for (const w of weak) {
    const i = t.sentenceIndex(w.at);
    perSentence.set(i, (perSentence.get(i) ?? 0) + 1);
  }
  const best = [...perSentence.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  return { slug: rule.slug, matched: weak[0]?.cue.text ?? '', sentence: t.sentence(best) };
}

export function createTopicTagger(entries: TopicEntry[]): TopicTagger {
  const rules: Rule[] = entries.map((e) => ({
    slug: e.slug,
    strong: [...e.strong.en, ...e.strong.uk].map(toCue),
    weak: [...e.weak.en, ...e.weak.uk].map(toCue),
    figures: [...e.figures.en, ...e.figures.uk].map(toCue),
  }));
  const index = new CueIndex(rules.flatMap((r) => [...r.strong, ...r.weak, ...r.figures]));
  const ruleOf = new Map(rules.flatMap((r) => [...r.strong, ...r.weak, ...r.figures].map((cue) => [cue, r] as const)));
  // Only rules with a candidate cue can tag a text: most statements touch two or three of them.
  const touchedRules = (candidates: Map<Cue, Word[]>): Rule[] => {
    const touched = new Set<Rule | undefined>();
    for (const cue of candidates.keys()) touched.add(ruleOf.get(cue));
    return rules.filter((r) => touched.has(r));
  };
  const prepare = (text: string, known?: KnownFolding): { t: PreparedText; candidates: Map<Cue, Word[]> } => {
    const t = new PreparedText(text, known?.folded ?? foldText(text), known?.words);
    return { t, candidates: index.candidates(t.words) };
  };
  return {
    entries,
    tag(text, known) {
      const { t, candidates } = prepare(text, known);
      return touchedRules(candidates).map((rule) => evaluate(rule, t, candidates)).filter((tag): tag is TopicTag => tag !== null);
    },
    explain(text, slug) {
      const rule = rules.find((r) => r.slug === slug);
      if (!rule) return null;
      const { t, candidates } = prepare(text);
      return evaluate(rule, t, candidates);
    },
    named(words) {
      const { t, candidates } = prepare(words);
      return touchedRules(candidates).filter((r) => hits([...r.strong, ...r.weak], t, [], candidates).length > 0).map((r) => r.slug);
    },
  };
}
