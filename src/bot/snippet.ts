// Why a statement is in a list: for a search, the sentence with most matched words, those words
// in bold (every form of a searched word: its stem matched); for a topic, the sentence that carried
// the topic. Returns Telegram HTML (escaped), or null when the opening of the text says it best.
import { stemWord, wordsOf } from '../corpus/stem.ts';
import { sentenceSpans } from '../corpus/topics.ts';
import type { TopicTagger } from '../corpus/topics.ts';
import { escapeHtml, highlightWords } from '../telegram/html.ts';
import { cutAtSentence } from './text-cut.ts';

export interface SearchWords {
  /** Stems of the searched words. */
  stems: string[];
  /** Words searched exactly (in quote marks): matched as they are. */
  exact: string[];
}

/** A predicate over folded words: is this word one the search matched? */
export function matchedWord(words: SearchWords): (folded: string) => boolean {
  const stems = new Set(words.stems);
  const exact = new Set(words.exact);
  return (folded) => exact.has(folded) || stems.has(stemWord(folded));
}

function sentences(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end).trim()).filter((s) => s !== '');
}

/** The sentence around which to show the text; an ellipsis marks text left out before it. */
function excerptFrom(text: string, sentence: string, maxChars: number): { text: string; before: boolean } {
  const at = text.indexOf(sentence);
  const before = at > 0;
  return { text: cutAtSentence(at >= 0 ? text.slice(at) : sentence, maxChars).text, before };
}

export function searchSnippet(text: string, words: SearchWords, maxChars: number): string {
  const isHit = matchedWord(words);
  let best = '';
  let bestHits = 0;
  for (const sentence of sentences(text)) {
    const hits = new Set(wordsOf(sentence).filter(isHit)).size;
    if (hits > bestHits) {
      best = sentence;
      bestHits = hits;
    }
  }
  const excerpt = bestHits > 0 ? excerptFrom(text, best, maxChars) : { text: cutAtSentence(text, maxChars).text, before: false };
  return `${excerpt.before ? '… ' : ''}${highlightWords(excerpt.text, isHit)}`;
}

export function topicSnippet(text: string, slug: string, tagger: TopicTagger, maxChars: number): string {
  const sentence = tagger.explain(text, slug)?.sentence;
  const excerpt = sentence ? excerptFrom(text, sentence, maxChars) : { text: cutAtSentence(text, maxChars).text, before: false };
  return `${excerpt.before ? '… ' : ''}${escapeHtml(excerpt.text)}`;
}
