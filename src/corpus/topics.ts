// Topic tagging by a multilingual rule table (data/topics.json); every tag records its keyword.
import { z } from 'zod';
import { foldText } from './names.ts';

export const topicTableSchema = z.object({
  topics: z.array(
    z.object({
      slug: z.string().regex(/^[a-z0-9-]+$/),
      en: z.string().min(1),
      uk: z.string().min(1),
      keywords: z.array(z.string().min(1)).min(1),
    }),
  ),
});

export type TopicEntry = z.infer<typeof topicTableSchema>['topics'][number];
export interface TopicTag {
  slug: string;
  matched: string;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "north korea*" → a regex over folded text: whole words, the starred one with any ending. */
function keywordRegex(keyword: string): RegExp {
  const words = foldText(keyword)
    .split(/\s+/)
    .map((w) => (w.endsWith('*') ? `${escapeRegExp(w.slice(0, -1))}[\\p{L}\\p{N}]*` : escapeRegExp(w)));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\-–—]+')}(?![\\p{L}\\p{N}])`, 'u');
}

export interface TopicTagger {
  entries: TopicEntry[];
  tag(text: string): TopicTag[];
}

export function createTopicTagger(entries: TopicEntry[]): TopicTagger {
  // Single plain words are looked up among the text's words; phrases and odd words use a regex,
  // tried only when their first word's letters appear at all.
  const probeOf = (k: string): string => foldText(k).split(/\s+/)[0]?.replace(/\*$/, '') ?? '';
  const isPlainWord = (k: string): boolean => /^[\p{L}\p{N}]+\*?$/u.test(foldText(k));
  const rules = entries.map((e) => ({
    slug: e.slug,
    keywords: e.keywords.map((k) => ({ k, re: keywordRegex(k), probe: probeOf(k), word: isPlainWord(k) ? probeOf(k) : null, prefix: k.endsWith('*') })),
  }));
  return {
    entries,
    tag(text) {
      const folded = foldText(text);
      const words = new Set(folded.match(/[\p{L}\p{N}]+/gu) ?? []);
      // Every prefix of every word, so a starred keyword is one lookup too.
      const prefixes = new Set<string>();
      for (const w of words) for (let n = 1; n <= w.length; n += 1) prefixes.add(w.slice(0, n));
      const matches = (kw: { re: RegExp; probe: string; word: string | null; prefix: boolean }): boolean => {
        if (kw.word !== null) return kw.prefix ? prefixes.has(kw.word) : words.has(kw.word);
        return folded.includes(kw.probe) && kw.re.test(folded);
      };
      const tags: TopicTag[] = [];
      for (const rule of rules) {
        const hit = rule.keywords.find(matches);
        if (hit) tags.push({ slug: rule.slug, matched: hit.k });
      }
      return tags;
    },
  };
}
