// Token buckets keyed by strings: a burst of `capacity` requests, then one every `refillMs`.
// Searches are bursty (a journalist tries four spellings in ten seconds, then reads): a bucket
// lets that burst through where a sliding window of a sixth per 10 s refused the fourth.

export interface Bucket {
  capacity: number;
  refillMs: number;
}

export interface TokenBuckets {
  /** 0 when a token is there now, else the ms until one will be. */
  waitMs(key: string, bucket: Bucket, nowMs: number): number;
  take(key: string, bucket: Bucket, nowMs: number): void;
}

export function createTokenBuckets(maxKeys = 50_000): TokenBuckets {
  const state = new Map<string, { tokens: number; at: number }>();
  const level = (key: string, b: Bucket, nowMs: number): { tokens: number; at: number } => {
    const s = state.get(key) ?? { tokens: b.capacity, at: nowMs };
    const tokens = Math.min(b.capacity, s.tokens + Math.max(0, nowMs - s.at) / b.refillMs);
    const next = { tokens, at: nowMs };
    state.delete(key); // re-inserted: the Map's order is recency, the oldest key goes first
    if (state.size >= maxKeys) {
      const oldest = state.keys().next().value;
      if (oldest !== undefined) state.delete(oldest);
    }
    state.set(key, next);
    return next;
  };
  return {
    waitMs(key, b, nowMs) {
      const s = level(key, b, nowMs);
      return s.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - s.tokens) * b.refillMs));
    },
    take(key, b, nowMs) {
      level(key, b, nowMs).tokens -= 1;
    },
  };
}
