// The attribution engine on real articles: the development set beside the repository
// (../shared/corpus-dev/news, real EN and UK news with a truth file of who said each statement).
// A guard against regressions, not a measure of generality (the README reports held-out figures).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEV_SET, evaluateSet } from '../../bench/eval-attribution.ts';
import { normaliseForScoring, scoreAttribution } from '../../src/eval/attribution-score.ts';

describe.skipIf(!existsSync(DEV_SET))('attribution on the development set', () => {
  it('finds the quotes in both languages, attributes them right and dates them right', () => {
    const { score } = evaluateSet(DEV_SET);
    const recall = (lang: string): number => (score.recall[lang]?.found ?? 0) / (score.recall[lang]?.total ?? 1);
    expect(recall('en')).toBeGreaterThanOrEqual(0.9);
    expect(recall('uk')).toBeGreaterThanOrEqual(0.85);
    expect(score.precision.right / score.precision.total).toBeGreaterThanOrEqual(0.95);
    expect(score.dates.right / score.dates.total).toBeGreaterThanOrEqual(0.9);
  });
});

describe('scoring rule', () => {
  const truth = [
    { file: 'a.txt', anchor: 'we will not give up', speaker: ['Mark Rutte', 'Rutte'], lang: 'en', date: '2025-01-02' },
    { file: 'a.txt', anchor: 'ми не здамося', speaker: ['Віталій Кличко', 'Кличко'], lang: 'uk', date: null },
    { file: 'a.txt', anchor: 'a lead summary line', speaker: ['Mark Rutte'], lang: 'en', date: null, optional: true },
  ];
  it('counts a quote found when its text holds the anchor and a speaker contains an accepted name', () => {
    const score = scoreAttribution(truth, [
      { file: 'a.txt', kind: 'quote', text: '“We will not give up,” said NATO chief Mark Rutte.', speakers: ['Mark Rutte'], date: '2025-01-02' },
      { file: 'a.txt', kind: 'quote', text: '«Ми не здамося», — сказав він.', speakers: ['Mark Rutte'], date: null },
      { file: 'a.txt', kind: 'report', text: 'A lead summary line.', speakers: [], date: null },
    ]);
    expect(score.recall).toEqual({ en: { found: 1, total: 1 }, uk: { found: 0, total: 1 } });
    expect(score.precision).toEqual({ right: 1, total: 2 });
    expect(score.dates).toEqual({ right: 1, total: 1 });
    expect(score.misses.map((m) => m.why)).toEqual(['wrong speaker']);
  });
  it('compares without quote marks, apostrophes or dash kinds', () => {
    expect(normaliseForScoring('“It’s  over” — he said')).toBe('its over - he said');
  });
});
