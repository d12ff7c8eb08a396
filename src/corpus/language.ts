// Statement language. The corpus is English and Ukrainian; Russian is labelled as such rather than
// forced into one of them, and text with no letters is 'und' (undetermined).
import { detect } from 'tinyld';
import type { Lang } from './types.ts';

const KNOWN: readonly Lang[] = ['en', 'uk', 'ru'];

export function isLang(value: string | undefined | null): value is Lang {
  return value === 'en' || value === 'uk' || value === 'ru' || value === 'und';
}

export function detectLanguage(text: string, hint?: string | null): Lang {
  if (hint && isLang(hint)) return hint;
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 'und';
  const cyrillic = letters.filter((ch) => /\p{Script=Cyrillic}/u.test(ch)).length;
  if (cyrillic / letters.length >= 0.3) {
    // Letters only Ukrainian has settle it; otherwise the detector chooses between the two.
    if (/[іїєґІЇЄҐ]/u.test(text)) return 'uk';
    return detect(text, { only: ['uk', 'ru'] }) === 'ru' ? 'ru' : 'uk';
  }
  const guess = detect(text, { only: ['en', 'de', 'fr', 'es', 'it', 'pl'] }) as Lang;
  return KNOWN.includes(guess) ? guess : letters.length < 40 ? 'en' : 'und';
}
