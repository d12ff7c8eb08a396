// "Did you mean" for the words of digest settings: a misspelt topic (sanctoins → sanctions) by
// edit distance over slugs and labels in both languages; people come from the actor lookup.
import { editDistance, foldText } from '../../corpus/names.ts';
import type { TopicTagger } from '../../corpus/topics.ts';

export function suggestTopicSlugs(tagger: TopicTagger, words: string, max = 3): string[] {
  const key = foldText(words).trim().replace(/[\s_]+/g, '-');
  if (key.length < 3) return [];
  const limit = key.length <= 5 ? 1 : key.length <= 9 ? 2 : 3;
  const scored = tagger.entries.map((e) => {
    const names = [e.slug, foldText(e.en).replace(/\s+/g, '-'), foldText(e.uk).replace(/\s+/g, '-')];
    return { slug: e.slug, d: Math.min(...names.map((n) => editDistance(key, n, limit))) };
  });
  return scored.filter((s) => s.d <= limit).sort((a, b) => a.d - b.d).slice(0, max).map((s) => s.slug);
}
