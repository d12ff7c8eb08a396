import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/corpus/names.ts';
import { wordsWithIndex } from '../../src/corpus/words.ts';

// Characters of news text and the awkward ones: marks, astral letters and digits, ё (which folds), № and … (which decompose).
// Pieces that fold to themselves (the fast path) and pieces that do not; a text is mostly the first.
const PLAIN = ['a', 'Z', '7', '_', ' ', '-', "'", '’', 'ʼ', '‘', '“', '”', '«', '»', '–', '—', 'й', 'Ї', 'ї', 'ґ', 'Ґ', 'є', 'Є', 'і', 'І', 'Ж', 'щ'];
const AWKWARD = ['ё', 'é', 'e\u0301', 'и\u0306', '№', '…', '\u00a0', 'ß', 'İ', '𝐀', '𝟘', '😀', '中', 'ǅ', '\u0483', 'Ⅻ', '١', '\ud800'];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PLAIN), { maxLength: 60 }),
  fc.array(fc.oneof({ arbitrary: fc.constantFrom(...PLAIN), weight: 6 }, { arbitrary: fc.constantFrom(...AWKWARD), weight: 1 }), { maxLength: 60 }),
).map((parts) => parts.join(''));

/** The definition the scan must agree with: a regex over the text. */
const byRegex = (s: string, underscore: boolean) =>
  [...s.matchAll(underscore ? /[\p{L}\p{N}_]+/gu : /[\p{L}\p{N}]+/gu)].map((m) => ({ word: m[0], index: m.index }));

/** foldText as it was before its fast path: always normalised. */
const foldByNormalising = (input: string): string =>
  input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, (mark, offset: number, whole: string) =>
      mark === '\u0306' || mark === '\u0308' ? (/[іиІИ]/.test(whole[offset - 1] ?? '') ? mark : '') : '')
    .normalize('NFC')
    .replace(/[\u02BC\u2019\u0027\u2018\u0060]/g, '')
    .toLowerCase();

describe('wordsWithIndex', () => {
  it('finds the words a \\p{L}\\p{N} regex finds, at the same places', () => {
    fc.assert(fc.property(text, fc.boolean(), (s, underscore) => {
      expect(wordsWithIndex(s, underscore)).toEqual(byRegex(s, underscore));
    }), { numRuns: 2000 });
  });

  it('splits on underscore only when asked', () => {
    expect(wordsWithIndex('f_16 ППО').map((w) => w.word)).toEqual(['f', '16', 'ППО']);
    expect(wordsWithIndex('f_16 ППО', true).map((w) => w.word)).toEqual(['f_16', 'ППО']);
  });
});

describe('foldText', () => {
  it('gives what normalising always gave, with or without its fast path', () => {
    fc.assert(fc.property(text, (s) => {
      expect(foldText(s)).toBe(foldByNormalising(s));
    }), { numRuns: 2000 });
  });

  it('keeps й and ї, drops other accents and apostrophes', () => {
    expect(foldText('Зеленський п’ять Їжак')).toBe('зеленський пять їжак');
    expect(foldText('Café ёлка № 5…')).toBe(foldByNormalising('Café ёлка № 5…'));
  });
});
