// The hand-annotated topic sample (test/fixtures/topic-annotations.json: the shipped corpus and the
// dev set beside the repo) as a regression guard: every anchor finds its statement, and precision,
// recall and F1 stay at the measured level. The figures are in the README (Topics).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateTopics } from '../../bench/eval-topics.ts';
import { scoreTopics } from '../../src/eval/topic-score.ts';
import { DEV_SET } from '../../bench/eval-attribution.ts';

describe.skipIf(!existsSync(DEV_SET))('topic sample', () => {
  it('finds every annotated statement and keeps macro F1 ≥ 0.9, recall ≥ 0.9', () => {
    const score = evaluateTopics();
    expect(score.unmatched).toEqual([]);
    expect(score.matched).toBeGreaterThanOrEqual(145);
    expect(score.perTopic.length).toBeGreaterThanOrEqual(12);
    expect(score.macro.f1).toBeGreaterThanOrEqual(0.9);
    expect(score.macro.recall).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});

describe('scoring', () => {
  it('counts true and false positives per topic and averages over topics', () => {
    const score = scoreTopics(
      [
        { file: 'data/a.txt', anchor: 'first statement text here', topics: ['x', 'y'] },
        { file: 'data/a.txt', anchor: 'second statement text here', topics: [] },
        { file: 'data/b.txt', anchor: 'third statement is missing', topics: ['x'] },
      ],
      [
        { file: 'a.txt', text: 'The “first statement” text here, said he.', topics: ['x'] },
        { file: 'a.txt', text: 'The second statement text here.', topics: ['y'] },
      ],
    );
    expect(score.matched).toBe(2);
    expect(score.unmatched).toEqual([{ file: 'data/b.txt', anchor: 'third statement is missing', found: 0 }]);
    expect(score.perTopic).toEqual([
      { slug: 'x', tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 },
      { slug: 'y', tp: 0, fp: 1, fn: 1, precision: 0, recall: 0, f1: 0 },
    ]);
    expect(score.macro.f1).toBe(0.5);
  });
});
