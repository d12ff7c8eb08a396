// Twin folding through the word index gives exactly what comparing every pair gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterItems, clusterItemsInSteps } from '../../src/digest/cluster.ts';
import type { Statement } from '../../src/store/index.ts';

function statement(id: number, overrides: Partial<Statement>): Statement {
  return {
    id, externalId: `x${id}`, kind: 'quote', title: null, text: '', parts: null, partsTotal: null, attribution: null, lang: 'en',
    date: '2025-01-01', datePrecision: 'day', speakers: ['A'], mentioned: [], topics: [], source: 'S', url: null, homeUrl: null,
    translationOf: null, translations: [], ingestedAt: '2026-01-01T00:00:00Z', ...overrides,
  };
}

/** The rule stated plainly: each item folds into the earliest kept item whose quote it shares ≥ half its words with. */
function foldByComparingEveryPair(statements: Statement[]): Array<[number, number[]]> {
  const words = (s: Statement) => new Set(s.text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  const similar = (a: Statement, b: Statement) => {
    if (a.kind !== 'quote' || b.kind !== 'quote' || a.speakers.join() !== b.speakers.join() || a.speakers.length === 0 || a.source === b.source) return false;
    const x = words(a);
    const y = words(b);
    let shared = 0;
    for (const w of x) if (y.has(w)) shared += 1;
    return shared / (x.size + y.size - shared || 1) >= 0.5;
  };
  const merged: Array<{ primary: Statement; also: number[] }> = [];
  for (const s of statements) {
    const twin = merged.find((m) => similar(m.primary, s));
    if (twin) twin.also.push(s.id);
    else merged.push({ primary: s, also: [] });
  }
  return merged.map((m) => [m.primary.id, m.also]);
}

const VOCABULARY = ['war', 'peace', 'drones', 'sanctions', 'Kyiv', 'Київ', 'мир', 'talks', 'energy', 'grid', 'the', 'and', 'front', 'air', 'defense'];

describe('clusterItems: twins', () => {
  it('folds exactly the pairs a full comparison folds, into the same earliest item', () => {
    const oneStatement = fc.record({
      words: fc.array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: 9 }),
      speakers: fc.constantFrom<string[]>([], ["A"], ["B"], ["A", "B"]),
      source: fc.constantFrom('S1', 'S2', 'S3'),
      kind: fc.constantFrom('quote', 'quote', 'quote', 'post'),
    });
    fc.assert(fc.property(fc.array(oneStatement, { maxLength: 60 }), (drawn) => {
      const statements = drawn.map((d, i) => statement(i + 1, { text: d.words.join(' '), speakers: d.speakers, source: d.source, kind: d.kind as Statement['kind'] }));
      const ours = clusterItems(statements, 'both', 'en').map((item): [number, number[]] => [item.primary.id, item.also.map((a) => a.id)]);
      expect(ours).toEqual(foldByComparingEveryPair(statements));
    }), { numRuns: 400 });
  });

  it('folds the same as a full comparison on a big week: hundreds of repeated quotes by few speakers', () => {
    const sentences = Array.from({ length: 120 }, (_, i) => `Statement number ${i} about ${VOCABULARY[i % VOCABULARY.length]} and ${VOCABULARY[(i * 7) % VOCABULARY.length]} words${i} more${i % 13}`);
    const statements = Array.from({ length: 1_500 }, (_, i) => statement(i + 1, { text: `${sentences[(i * 31) % sentences.length]} ${i % 3 === 0 ? sentences[(i * 7) % sentences.length] : ''}`, speakers: [`P${i % 5}`], source: `S${i % 4}` }));
    const ours = clusterItems(statements, 'both', 'en').map((item): [number, number[]] => [item.primary.id, item.also.map((a) => a.id)]);
    expect(ours).toEqual(foldByComparingEveryPair(statements));
    // Repeated sentences from other outlets fold: far fewer items than statements.
    expect(ours.length).toBeLessThan(statements.length / 2);
  });

  it('clusters in steps, a bounded number of items each, with the same result', () => {
    const statements = Array.from({ length: 2_000 }, (_, i) => statement(i + 1, { text: `words ${i % 50} said ${i % 7}`, speakers: [`P${i % 3}`], source: `S${i % 2}` }));
    const steps = clusterItemsInSteps(statements, 'both', 'en');
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses += 1;
    expect(pauses).toBeGreaterThanOrEqual(4);
    expect(step.value).toEqual(clusterItems(statements, 'both', 'en'));
  });
});
