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
  return { text, re: cueRegex(text), probe, starred: first.endsWith('*'), plain: /^[\p{L}\p{N}]+$/u.test(probe) };
}

/** The words of a folded text, and every prefix of them (so a starred cue is one lookup too). */
interface WordIndex {
  words: Set<string>;
  prefixes: Set<string>;
}

function indexWords(folded: string): WordIndex {
  const words = new Set(folded.match(/[\p{L}\p{N}]+/gu) ?? []);
  const prefixes = new Set<string>();
  for (const w of words) for (let n = 1; n <= w.length; n += 1) prefixes.add(w.slice(0, n));
  return { words, prefixes };
}

/** Cues whose first word is not a plain word (e.g. 'f-16') cannot be probed by word: always tried. */
const mayMatch = (cue: Cue, index: WordIndex): boolean =>
  !cue.plain || (cue.starred ? index.prefixes.has(cue.probe) : index.words.has(cue.probe));

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
  /** The topics a user's words name ("санкції", "air defence"): any cue counts, strong or weak. */
  named(words: string): string[];
}

export function createTopicTagger(entries: TopicEntry[]): TopicTagger {
  const rules = entries.map((e) => ({
    slug: e.slug,
    strong: [...e.strong.en, ...e.strong.uk].map(toCue),
    weak: [...e.weak.en, ...e.weak.uk].map(toCue),
    figures: [...e.figures.en, ...e.figures.uk].map(toCue),
  }));

  function hits(cues: Cue[], folded: string, index: WordIndex, blocked: Array<[number, number]>): Array<{ cue: Cue; at: number }> {
    const out: Array<{ cue: Cue; at: number }> = [];
    for (const cue of cues) {
      if (!mayMatch(cue, index)) continue;
      for (const m of folded.matchAll(cue.re)) {
        const at = m.index;
        if (!blocked.some(([s, e]) => at >= s && at < e)) out.push({ cue, at });
      }
    }
    return out;
  }

  return {
    entries,
    tag(text) {
      // Folding keeps the length of most text, but not always (ligatures, combining marks): the
      // sentences are cut from the folded text and mapped back by their index.
      const folded = foldText(text);
      const index = indexWords(folded);
      // Sentences are cut only once a topic needs its sentence (most statements carry few topics).
      let cut: { folded: Array<{ start: number; end: number }>; original: Array<{ start: number; end: number }> } | null = null;
      const sentences = () => (cut ??= { folded: sentenceSpans(folded), original: sentenceSpans(text) });
      const sentenceIndex = (at: number): number => sentences().folded.findIndex((s) => at >= s.start && at < s.end);
      // Folding keeps the length of most text, but not always (ligatures, combining marks): the
      // sentences are cut from the folded text and mapped back by their index.
      const sentenceAt = (i: number): string => {
        const { original } = sentences();
        const span = original[i] ?? original[original.length - 1];
        return span ? text.slice(span.start, span.end).trim() : text.trim();
      };
      const tags: TopicTag[] = [];
      for (const rule of rules) {
        const blocked = hits(rule.figures, folded, index, []).map(({ cue, at }): [number, number] => {
          cue.re.lastIndex = 0;
          const m = new RegExp(cue.re.source, 'u').exec(folded.slice(at));
          return [at, at + (m?.[0].length ?? 1)];
        });
        const strong = hits(rule.strong, folded, index, blocked);
        const weak = hits(rule.weak, folded, index, blocked);
        const first = strong.sort((a, b) => a.at - b.at)[0];
        if (first) {
          tags.push({ slug: rule.slug, matched: first.cue.text, sentence: sentenceAt(sentenceIndex(first.at)) });
          continue;
        }
        // Two different weak cues: the statement dwells on the topic. The sentence with most cues shows it.
        const distinct = new Set(weak.map((w) => w.cue.text));
        if (distinct.size < 2) continue;
        const perSentence = new Map<number, number>();
        for (const w of weak) {
          const i = sentenceIndex(w.at);
          perSentence.set(i, (perSentence.get(i) ?? 0) + 1);
        }
        const best = [...perSentence.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
        tags.push({ slug: rule.slug, matched: weak[0]?.cue.text ?? '', sentence: sentenceAt(best) });
      }
      return tags;
    },
    named(words) {
      const folded = foldText(words);
      const index = indexWords(folded);
      return rules.filter((r) => hits([...r.strong, ...r.weak], folded, index, []).length > 0).map((r) => r.slug);
    },
  };
}
