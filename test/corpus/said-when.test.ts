// The day an attribution names, read against the article's day.
import { describe, expect, it } from 'vitest';
import { dayNamedIn } from '../../src/corpus/said-when.ts';

const MONDAY = { value: '2025-08-25', precision: 'day' as const };

describe('dayNamedIn', () => {
  it.each([
    ['said on Thursday', '2025-08-21'],
    ['said Tuesday that', '2025-08-19'],
    ['On 22 August, he said', '2025-08-22'],
    ['said on March 8', '2025-03-08'],
    ['on December 30', '2024-12-30'], // a later day of the year is last year's
    ['заявив у неділю, 24 серпня', '2025-08-24'],
    ['у п’ятницю заявив', '2025-08-22'],
    ['14 липня Зеленський', '2025-07-14'],
    ['напередодні заявив', '2025-08-24'],
    ['yesterday', '2025-08-24'],
    ['сьогодні', '2025-08-25'],
  ])('%s → %s', (clause, day) => {
    expect(dayNamedIn(clause, MONDAY)?.value).toBe(day);
  });

  it('names no day when the clause has none, and needs a day-precise anchor for relative words', () => {
    expect(dayNamedIn('told reporters', MONDAY)).toBeNull();
    expect(dayNamedIn('said on Thursday', { value: '2025-08', precision: 'month' })).toBeNull();
    expect(dayNamedIn('said on 3 August', { value: '2025-08', precision: 'month' })?.value).toBe('2025-08-03');
    expect(dayNamedIn('said on Thursday', { value: null, precision: 'unknown' })).toBeNull();
  });
});
