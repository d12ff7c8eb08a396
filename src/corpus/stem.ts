// Word stems for the search index and for topic cues: every inflected form of a word gets one key,
// so санкції, санкцій and санкціями meet, and активи stays apart from активізувати.
// Cyrillic words go through the Ukrainian stemmer of @nlpjs/lang-uk, re-applied until it stops
// changing the word: one pass leaves санкції/санкцій and зброя/зброєю apart; the fixpoint joins
// 12 of 16 test nouns in every form (one pass: 7; Snowball Russian: 0 — see README, Search).
// Latin words go through Snowball English (Porter 2). Numbers and one-letter words stay as they are.
import StemmerUk from '@nlpjs/lang-uk/src/stemmer-uk.js';
import snowball from 'snowball-stemmers';
import { foldText } from './names.ts';
import type { Word } from './words.ts';
import { wordsWithIndex } from './words.ts';

const uk = new StemmerUk();
const en = snowball.newStemmer('english');
const MAX_PASSES = 4;
const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

function stemUncached(word: string): string {
  if (word.length < 3 || /\p{N}/u.test(word)) return word;
  if (CYRILLIC.test(word)) {
    let current = word;
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      const next = uk.stem(current);
      // A stem shorter than two letters says nothing about the word: keep the last longer one.
      if (next === current || next.length < 2) break;
      current = next;
    }
    return current;
  }
  if (LATIN.test(word)) return en.stem(word);
  return word;
}

/** The stem of one folded word (lower case, apostrophes removed). */
export function stemWord(word: string): string {
  // The cache first: most words of a corpus are in it, and the digit test below is not free.
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  // Numbers and very short words stay as they are: never cached, so ids and figures cannot flush the cache.
  if (word.length < 3 || /\p{N}/u.test(word)) return word;
  const stem = stemUncached(word);
  // A bounded cache: a corpus repeats most of its words, but a stream of new ones must not grow it forever.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, stem);
  return stem;
}

/** The words of a text, folded, as FTS5's unicode61 tokenizer would split them. */
export function wordsOf(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** The stems of a text's words, space-separated: the stemmed search column. */
export function stemText(text: string): string {
  return stemFolded(foldText(text));
}

/** stemText of a text already folded (the index folds each text once for both its columns). */
export function stemFolded(folded: string): string {
  return stemWords(wordsWithIndex(folded, true));
}

/** stemFolded of words already found (wordsWithIndex of the folded text, with '_'). */
export function stemWords(words: readonly Word[]): string {
  return words.map((w) => stemWord(w.word)).join(' ');
}
