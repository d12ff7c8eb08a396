import { describe, expect, it } from 'vitest';
import { countOf, PEOPLE, STATEMENTS } from '../../src/bot/i18n/plural.ts';
import { createTokenBuckets } from '../../src/bot/token-bucket.ts';

describe('plural forms (Intl.PluralRules)', () => {
  it('says Ukrainian counts in the right form', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 65, 101, 1000].map((n) => countOf('uk', n, STATEMENTS))).toEqual([
      '1 заява', '2 заяви', '5 заяв', '11 заяв', '21 заява', '22 заяви', '25 заяв', '65 заяв', '101 заява', '1\u00a0000 заяв', // uk-UA groups thousands with a no-break space
    ]);
    // After "від" the genitive: від 1 особи, від 2 осіб, від 6 осіб.
    expect([1, 2, 6, 21].map((n) => countOf('uk', n, PEOPLE))).toEqual(['1 особи', '2 осіб', '6 осіб', '21 особи']);
    expect([1, 2, 1000].map((n) => countOf('en', n, STATEMENTS))).toEqual(['1 statement', '2 statements', '1,000 statements']);
  });
});

describe('search token bucket', () => {
  it('lets a burst of 8 through, then one every 6 s', () => {
    const buckets = createTokenBuckets();
    const bucket = { capacity: 8, refillMs: 6_000 };
    let now = 0;
    let passed = 0;
    for (let i = 0; i < 20; i += 1) {
      if (buckets.waitMs('u', bucket, now) === 0) {
        buckets.take('u', bucket, now);
        passed += 1;
      }
    }
    expect(passed).toBe(8);
    expect(buckets.waitMs('u', bucket, now)).toBe(6_000);
    now += 6_000;
    expect(buckets.waitMs('u', bucket, now)).toBe(0);
    buckets.take('u', bucket, now);
    expect(buckets.waitMs('u', bucket, now + 3_000)).toBe(3_000);
  });
});
