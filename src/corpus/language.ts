// Statement language. The corpus is English and Ukrainian; Russian is labelled as such rather than
// forced into one of them, and text with no letters is 'und' (undetermined).
//
// The detector (tinyld) was ~35% of ingest time on real mixed text, yet most texts are settled by
// their script and a few letters: і ї є ґ only Ukrainian has, ы э ъ ё only Russian; plain-ASCII
// Latin text full of English-only function words is English. The detector decides the rest.
import { createRequire } from 'node:module';
import type { Lang } from './types.ts';

// The detector's tables cost ~40 MB: loaded the first time a text needs it, not at import.
let detector: typeof import('tinyld').detect | null = null;
function detect(text: string, options: { only: string[] }): string {
  detector ??= (createRequire(import.meta.url)('tinyld') as typeof import('tinyld')).detect;
  return detector(text, options);
}

const KNOWN: readonly Lang[] = ['en', 'uk', 'ru'];

/** Function words no other Latin-script language of the news uses as words ('in', 'is', 'to', 'a'
 *  are left out: German, Dutch and Polish use them too). */
const ENGLISH_ONLY = new Set([
  'the', 'and', 'of', 'that', 'with', 'was', 'were', 'this', 'have', 'has', 'had', 'will', 'would',
  'from', 'which', 'their', 'they', 'said', 'been', 'for', 'are', 'not', 'but', 'its', 'our', 'his',
  'her', 'she', 'we', 'he', 'it', 'on', 'at', 'by', 'be', 'an', 'or', 'who', 'what', 'should', 'could',
  // Short texts (one sentence of a news item) often have too few of the above: more words that are
  // not words of German, French, Spanish, Italian or Polish ('me', 'my', 'most', 'also' are).
  'over', 'any', 'into', 'after', 'about', 'there', 'these', 'those', 'than', 'when', 'where',
  'while', 'because', 'before', 'must', 'did', 'does', 'you', 'your', 'them', 'him', 'very', 'more',
  'only', 'just', 'some', 'instead', 'toward', 'towards', 'against', 'between', 'during', 'without',
  'within', 'through', 'across', 'since', 'until', 'can',
]);
const MIN_ENGLISH_HITS = 3;
const MIN_ENGLISH_SHARE = 0.15;
/** A sentence of this many words with an English-only word and no other language's function word is
 *  English; longer texts need MIN_ENGLISH_HITS (a long text in another language may hold a 'was'). */
const MIN_WORDS_FOR_FEW_HITS = 4;
const MAX_WORDS_FOR_FEW_HITS = 25;

export function isLang(value: string | undefined | null): value is Lang {
  return value === 'en' || value === 'uk' || value === 'ru' || value === 'und';
}

export type LanguageDecision = { lang: Lang; by: 'hint' | 'script' | 'detector' };

/** Frequent function words of other Latin-script languages (German, French, Spanish, Italian, Polish,
 *  Dutch, Turkish), minus those English also writes ('die', 'do', 'per', 'on', 'a', 'her'). */
const OTHER_FUNCTION_WORDS = new Set([
  'der', 'das', 'und', 'ist', 'nicht', 'mit', 'von', 'zu', 'den', 'dem', 'ein', 'eine', 'auf', 'sich', 'des', 'im', 'wird', 'auch', 'sie', 'wir',
  'de', 'het', 'een', 'van', 'en', 'niet', 'zijn', 'voor', 'dat', 'ook', 'maar', 'wordt', 'heeft', 'naar', 'werd',
  'bir', 've', 'bu', 'da', 'ile', 'icin', 'olarak', 'daha',
  'le', 'les', 'et', 'est', 'une', 'du', 'pour', 'dans', 'que', 'qui', 'pas', 'sur', 'au', 'avec', 'ce', 'il', 'elle', 'nous', 'sont',
  'el', 'los', 'las', 'y', 'es', 'del', 'una', 'por', 'para', 'con', 'se', 'su', 'al', 'como', 'mas',
  'di', 'che', 'e', 'della', 'sono', 'non', 'gli', 'nel', 'questo',
  'w', 'z', 'na', 'sie', 'nie', 'jest', 'jak', 'od', 'przez', 'dla', 'oraz', 'ze',
]);

/** English by its function words (the caller has checked that every letter is ASCII): enough of
 *  them, or — in one short sentence — some and none of another language's. */
function isPlainEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  let hits = 0;
  let others = 0;
  for (const w of words) {
    if (ENGLISH_ONLY.has(w)) hits += 1;
    else if (OTHER_FUNCTION_WORDS.has(w)) others += 1;
  }
  if (hits >= MIN_ENGLISH_HITS && hits / words.length >= MIN_ENGLISH_SHARE) return true;
  return hits >= 1 && others === 0 && words.length >= MIN_WORDS_FOR_FEW_HITS && words.length <= MAX_WORDS_FOR_FEW_HITS;
}

export function decideLanguage(text: string, hint?: string | null): LanguageDecision {
  if (hint && isLang(hint)) return { lang: hint, by: 'hint' };
  let letters = 0;
  let cyrillic = 0;
  // Letters such as é, ł, ü, ß point to another Latin-script language: those texts go to the detector.
  let otherNonAscii = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) letters += 1;
    } else if (code >= 0x0400 && code <= 0x04ff) {
      letters += 1;
      cyrillic += 1;
    } else if (/\p{L}/u.test(text[i] as string)) {
      letters += 1;
      otherNonAscii += 1;
    }
  }
  if (letters === 0) return { lang: 'und', by: 'script' };
  if (cyrillic / letters >= 0.3) {
    if (/[іїєґІЇЄҐ]/u.test(text)) return { lang: 'uk', by: 'script' };
    if (/[ыэъёЫЭЪЁ]/u.test(text)) return { lang: 'ru', by: 'script' };
    return { lang: detect(text, { only: ['uk', 'ru'] }) === 'ru' ? 'ru' : 'uk', by: 'detector' };
  }
  if (otherNonAscii === 0 && isPlainEnglish(text)) return { lang: 'en', by: 'script' };
  const guess = detect(text, { only: ['en', 'de', 'fr', 'es', 'it', 'pl'] }) as Lang;
  return { lang: KNOWN.includes(guess) ? guess : letters < 40 ? 'en' : 'und', by: 'detector' };
}

export function detectLanguage(text: string, hint?: string | null): Lang {
  return decideLanguage(text, hint).lang;
}
