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
  /** Letters that must occur for the cue to match at all: a cheap test before the regex. */
  probe: string;
}

const toCue = (text: string): Cue => ({ text, re: cueRegex(text), probe: foldText(text).split(/\s+/)[0]?.replace(/\*$/, '') ?? '' });

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

  function hits(cues: Cue[], folded: string, blocked: Array<[number, number]>): Array<{ cue: Cue; at: number }> {
    const out: Array<{ cue: Cue; at: number }> = [];
    for (const cue of cues) {
      if (!folded.includes(cue.probe)) continue;
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
      const spans = sentenceSpans(folded);
      const original = sentenceSpans(text);
      const sentenceAt = (at: number): string => {
        const i = spans.findIndex((s) => at >= s.start && at < s.end);
        const span = original[i] ?? original[original.length - 1];
        return span ? text.slice(span.start, span.end).trim() : text.trim();
      };
      const tags: TopicTag[] = [];
      for (const rule of rules) {
        const blocked = hits(rule.figures, folded, []).map(({ cue, at }): [number, number] => {
          cue.re.lastIndex = 0;
          const m = new RegExp(cue.re.source, 'u').exec(folded.slice(at));
          return [at, at + (m?.[0].length ?? 1)];
        });
        const strong = hits(rule.strong, folded, blocked);
        const weak = hits(rule.weak, folded, blocked);
        const first = strong.sort((a, b) => a.at - b.at)[0];
        if (first) {
          tags.push({ slug: rule.slug, matched: first.cue.text, sentence: sentenceAt(first.at) });
          continue;
        }
        // Two different weak cues: the statement dwells on the topic. The sentence with most cues shows it.
        const distinct = new Set(weak.map((w) => w.cue.text));
        if (distinct.size < 2) continue;
        const perSentence = new Map<number, number>();
        for (const w of weak) {
          const i = spans.findIndex((s) => w.at >= s.start && w.at < s.end);
          perSentence.set(i, (perSentence.get(i) ?? 0) + 1);
        }
        const best = [...perSentence.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
        const span = original[best];
        tags.push({ slug: rule.slug, matched: weak[0]?.cue.text ?? '', sentence: span ? text.slice(span.start, span.end).trim() : text.trim() });
      }
      return tags;
    },
    named(words) {
      const folded = foldText(words);
      return rules.filter((r) => hits([...r.strong, ...r.weak], folded, []).length > 0).map((r) => r.slug);
    },
  };
}
