// Topic tagging by reviewed rules (data/topics.json): a statement carries a topic when it is about
// it, not when one of its words turns up in passing or in a figure of speech ("unity is a weapon").
// Per topic and language the table lists strong cues (enough on their own: "sanctions", "ППО"),
// weak cues (only with another cue of the topic: "attack", "missile") and figures (phrases whose
// cue words are not the topic: "dictators attack", "is also a weapon"). Every tag records its cue
// and the sentence that carried it, so a card found by topic can show why.
import { z } from 'zod';
import { foldText } from './names.ts';

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
  /** The same pattern anchored where it is tried (flag y): checked only where the probe occurs. */
  sticky: RegExp;
  /** The cue's first word (without its *): it must be among the text's words (or their prefixes, when
   *  starred) for the cue to match at all — a set lookup before any regex. */
  probe: string;
  starred: boolean;
  /** The first word is letters and digits only (else it cannot be looked up among words: 'f-16'). */
  plain: boolean;
}

function toCue(text: string): Cue {
  const first = foldText(text).split(/\s+/)[0] ?? '';
  const probe = first.replace(/\*$/, '');
  const re = cueRegex(text);
  return { text, re, sticky: new RegExp(re.source, 'uy'), probe, starred: first.endsWith('*'), plain: /^[\p{L}\p{N}]+$/u.test(probe) };
}

/** The cues a text can match at all, found from its words: an exact first word, a starred first
 *  word as a prefix of one of them, or a first word that is not plain (always tried). One map
 *  lookup per word instead of a test per cue: the tagger ran every cue of every topic per statement. */
class CueIndex {
  private readonly exact = new Map<string, Cue[]>();
  private readonly starred = new Map<string, Cue[]>();
  private readonly starredLengths: number[];
  private readonly always: Cue[] = [];

  constructor(cues: Cue[]) {
    const lengths = new Set<number>();
    for (const cue of cues) {
      if (!cue.plain) this.always.push(cue);
      else if (cue.starred) {
        lengths.add(cue.probe.length);
        this.starred.set(cue.probe, [...(this.starred.get(cue.probe) ?? []), cue]);
      } else this.exact.set(cue.probe, [...(this.exact.get(cue.probe) ?? []), cue]);
    }
    this.starredLengths = [...lengths].sort((a, b) => a - b);
  }

  candidates(words: Set<string>): Set<Cue> {
    const out = new Set<Cue>(this.always);
    for (const w of words) {
      for (const cue of this.exact.get(w) ?? []) out.add(cue);
      for (const n of this.starredLengths) {
        if (n > w.length) break;
        for (const cue of this.starred.get(w.slice(0, n)) ?? []) out.add(cue);
      }
    }
    return out;
  }
}

const wordsOfFolded = (folded: string): Set<string> => new Set(folded.match(/[\p{L}\p{N}]+/gu) ?? []);

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

export interface TopicTagger {
  entries: TopicEntry[];
  /** The topics a statement is about, each with its cue and sentence. */
  tag(text: string): TopicTag[];
  /** One topic's verdict only (a list by topic shows why each statement is in it): cheaper than tag(). */
  explain(text: string, slug: string): TopicTag | null;
  /** The topics a user's words name ("санкції", "air defence"): any cue counts, strong or weak. */
  named(words: string): string[];
}

type Span = { start: number; end: number };

/** A text prepared once for every rule: folded, its words indexed, its sentences cut on demand. */
class PreparedText {
  readonly folded: string;
  readonly words: Set<string>;
  private spans: { folded: Span[]; original: Span[] } | null = null;

  constructor(readonly text: string) {
    this.folded = foldText(text);
    this.words = wordsOfFolded(this.folded);
  }

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

/** Where a cue matches: every match begins with its probe, so the probe is found with indexOf and
 *  the pattern tried only there (a full regex scan of every text per cue was the tagger's cost). */
function* matchesOf(cue: Cue, folded: string): Generator<{ at: number; end: number }> {
  if (!cue.probe) {
    for (const m of folded.matchAll(cue.re)) yield { at: m.index, end: m.index + m[0].length };
    return;
  }
  for (let from = 0; ; ) {
    const at = folded.indexOf(cue.probe, from);
    if (at === -1) return;
    cue.sticky.lastIndex = at;
    const m = cue.sticky.exec(folded);
    if (m) {
      yield { at, end: at + m[0].length };
      from = at + Math.max(1, m[0].length);
    } else from = at + 1;
  }
}

function hits(cues: Cue[], t: PreparedText, blocked: Array<[number, number]>, candidates: Set<Cue>): Array<{ cue: Cue; at: number; end: number }> {
  const out: Array<{ cue: Cue; at: number; end: number }> = [];
  for (const cue of cues) {
    if (!candidates.has(cue)) continue;
    for (const { at, end } of matchesOf(cue, t.folded)) {
      if (!blocked.some(([s, e]) => at >= s && at < e)) out.push({ cue, at, end });
    }
  }
  return out;
}

/** One rule on one text: a strong cue, or two different weak cues, outside the rule's figures. */
function evaluate(rule: Rule, t: PreparedText, candidates: Set<Cue>): TopicTag | null {
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
  const prepare = (text: string): { t: PreparedText; candidates: Set<Cue> } => {
    const t = new PreparedText(text);
    return { t, candidates: index.candidates(t.words) };
  };
  return {
    entries,
    tag(text) {
      const { t, candidates } = prepare(text);
      return rules.map((rule) => evaluate(rule, t, candidates)).filter((tag): tag is TopicTag => tag !== null);
    },
    explain(text, slug) {
      const rule = rules.find((r) => r.slug === slug);
      if (!rule) return null;
      const { t, candidates } = prepare(text);
      return evaluate(rule, t, candidates);
    },
    named(words) {
      const { t, candidates } = prepare(words);
      return rules.filter((r) => hits([...r.strong, ...r.weak], t, [], candidates).length > 0).map((r) => r.slug);
    },
  };
}
