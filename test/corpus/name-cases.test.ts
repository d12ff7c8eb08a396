// Ukrainian case forms of names back to the nominative, confirmed by declension.
import { describe, expect, it } from 'vitest';
import { toNominative } from '../../src/corpus/name-cases.ts';

describe('toNominative', () => {
  it.each([
    ['Сибіги', 'Сибіга'], ['Сибігою', 'Сибіга'], ['Пєскова', 'Пєсков'], ['Лубінця', 'Лубінець'], ['Зеленського', 'Зеленський'],
    ['Єрмака', 'Єрмак'], ['Кулеби', 'Кулеба'], ['Умєрова', 'Умєров'], ['Стефанчука', 'Стефанчук'],
  ])('a surname met in an oblique case: %s → %s', (form, nominative) => {
    expect(toNominative(form, { oblique: true })).toBe(nominative);
  });

  it.each([['Андрієм', 'Андрій'], ['Юлії', 'Юлія'], ['Дмитра', 'Дмитро'], ['Марії', 'Марія']])('a given name: %s → %s', (form, nominative) => {
    expect(toNominative(form, { part: 'firstName', oblique: true })).toBe(nominative);
  });

  it('keeps names that do not decline, Latin names, and forms it cannot confirm', () => {
    expect(toNominative('Каллас', { oblique: true })).toBe('Каллас');
    expect(toNominative('Свириденко', { oblique: true })).toBe('Свириденко');
    expect(toNominative('Peskova', { oblique: true })).toBe('Peskova');
    expect(toNominative('Ґзщ', { oblique: true })).toBe('Ґзщ');
  });

  it('prefers the form the article itself uses in the nominative', () => {
    expect(toNominative('Єрмака', { oblique: false, preferred: new Set(['Єрмак']) })).toBe('Єрмак');
    // Without that evidence and outside an oblique position, the form is kept as written.
    expect(toNominative('Єрмака', { oblique: false })).toBe('Єрмака');
  });
});
