// What a user's words name: an actor (any script, any spelling) or a topic (slug, label, words).
// Shared by the CLI and the bot so both answer the same way.
import { foldText } from './corpus/names.ts';
import type { TopicTagger } from './corpus/topics.ts';
import type { Actor, Store } from './store/index.ts';

export type ActorLookup =
  | { kind: 'found'; actor: Actor; others: Actor[] }
  | { kind: 'suggest'; suggestions: Actor[] }
  | { kind: 'none' };

export function lookUpActor(store: Store, words: string): ActorLookup {
  const { matches, suggestions } = store.actors.find(words.slice(0, 200));
  if (matches.length > 0) {
    // Several people can share a surname: the one who spoke most comes first.
    const counts = store.actors.countsOf(matches.map((a) => a.id));
    const sorted = [...matches].sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0));
    const [first, ...others] = sorted;
    if (first) return { kind: 'found', actor: first, others };
  }
  return suggestions.length > 0 ? { kind: 'suggest', suggestions } : { kind: 'none' };
}

export interface TopicRef {
  slug: string;
  labelEn: string;
  labelUk: string;
}

export type TopicLookup =
  | { kind: 'found'; topic: TopicRef }
  | { kind: 'suggest'; suggestions: TopicRef[] }
  | { kind: 'none' };

/** Uses the rule table only (no counting over statements), so it is cheap at any corpus size. */
export function lookUpTopic(tagger: TopicTagger, words: string): TopicLookup {
  const topics: TopicRef[] = tagger.entries.map((e) => ({ slug: e.slug, labelEn: e.en, labelUk: e.uk }));
  const folded = foldText(words).trim().replace(/\s+/g, ' ');
  const slugLike = folded.replace(/[\s_]+/g, '-');
  const exact = topics.find(
    (t) => t.slug === slugLike || foldText(t.labelEn) === folded || foldText(t.labelUk) === folded,
  );
  if (exact) return { kind: 'found', topic: exact };
  // Words of the topic rules ("санкції", "air defence", "shahed") name their topic.
  const tagged = tagger.named(words.slice(0, 200));
  const byRule = topics.filter((t) => tagged.includes(t.slug));
  if (byRule.length === 1 && byRule[0]) return { kind: 'found', topic: byRule[0] };
  if (byRule.length > 1) return { kind: 'suggest', suggestions: byRule };
  const partial = topics.filter(
    (t) => folded.length >= 3 && (t.slug.includes(slugLike) || foldText(t.labelEn).includes(folded) || foldText(t.labelUk).includes(folded)),
  );
  if (partial.length === 1 && partial[0]) return { kind: 'found', topic: partial[0] };
  return partial.length > 1 ? { kind: 'suggest', suggestions: partial } : { kind: 'none' };
}
