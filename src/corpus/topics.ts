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
  const rules = entries.map((e) => ({ slug: e.slug, keywords: e.keywords.map((k) => ({ k, re: keywordRegex(k) })) }));
  return {
    entries,
    tag(text) {
      const folded = foldText(text);
      const tags: TopicTag[] = [];
      for (const rule of rules) {
        const hit = rule.keywords.find(({ re }) => re.test(folded));
        if (hit) tags.push({ slug: rule.slug, matched: hit.k });
      }
      return tags;
    },
  };
}
