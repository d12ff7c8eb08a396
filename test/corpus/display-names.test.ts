// Names in the reader's script (issue 17): the table's spellings first, then transliteration —
// measured on name pairs as Ukrainian media write them, so a rule change that makes names worse fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNameDisplay, cyrillicToLatin } from '../../src/corpus/display-names.ts';
import { latinToUkrainian } from '../../src/corpus/latin-to-ukrainian.ts';
import { editDistance } from '../../src/corpus/names.ts';
import { reference } from '../helpers/store.ts';

const PAIRS = (JSON.parse(readFileSync(new URL('../fixtures/name-pairs.json', import.meta.url), 'utf8')) as { pairs: Array<[string, string]> }).pairs;

describe('display names', () => {
  const names = createNameDisplay(reference().actors);

  it('uses the table for people it knows, in either direction', () => {
    expect(names('Yoon Suk Yeol', 'uk')).toBe('Юн Сок Йоль');
    expect(names('Mark Rutte', 'uk')).toBe('Марк Рютте');
    expect(names('Volodymyr Zelensky', 'en')).toBe('Volodymyr Zelensky');
    expect(names('Володимир Зеленський', 'en')).toBe('Volodymyr Zelensky');
  });

  it('transliterates people the table does not know into the reader’s script', () => {
    expect(names('Olena Kondratiuk', 'uk')).toBe('Олена Кондратюк');
    expect(names('Ірина Верещук', 'en')).toBe('Iryna Vereshchuk');
    expect(names('Ірина Верещук', 'uk')).toBe('Ірина Верещук');
    expect(names('John Smith', 'en')).toBe('John Smith');
    // A third script is left as written; a name in the reader's script is never touched.
    expect(names('윤석열', 'uk')).toBe('윤석열');
    expect(cyrillicToLatin('Юлія Свириденко')).toBe('Yuliia Svyrydenko');
  });

  it('gets most of 60 checked names exactly and never leaves a Latin letter', () => {
    let exact = 0;
    let wrong = 0;
    let letters = 0;
    for (const [latin, uk] of PAIRS) {
      const got = latinToUkrainian(latin);
      expect(got).not.toMatch(/[A-Za-z]/);
      if (got === uk) exact += 1;
      wrong += editDistance(got.toLowerCase(), uk.toLowerCase(), 99);
      letters += uk.length;
    }
    console.log(`latin → Ukrainian: ${exact}/${PAIRS.length} exact, ${((100 * wrong) / letters).toFixed(1)}% of letters wrong`);
    expect(exact).toBeGreaterThanOrEqual(37);
    expect(wrong / letters).toBeLessThan(0.08);
  });

  it('reverses the national romanisation of Ukrainian names', () => {
    for (const [latin, uk] of [['Kyrylo Budanov', 'Кирило Буданов'], ['Yuliia Svyrydenko', 'Юлія Свириденко'], ['Andrii Sybiha', 'Андрій Сибіга'], ['Oleksandr Syrskyi', 'Олександр Сирський'], ['Iryna Vereshchuk', 'Ірина Верещук']]) {
      expect(latinToUkrainian(latin as string)).toBe(uk);
    }
  });
});
