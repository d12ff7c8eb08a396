// Per-user limit on expensive requests: a sliding one-minute window. Past the limit the user gets
// one polite notice per window, then silence, so a flood costs neither queries nor messages.

export type RateDecision = 'allow' | 'notify' | 'drop';

export interface RateLimiter {
  check(userId: number, nowMs: number): RateDecision;
}

const WINDOW_MS = 60_000;
/** Within the minute, no more than this many in any 10 s: a burst of 50 gets ~2, not 20. */
const BURST_WINDOW_MS = 10_000;

export function createRateLimiter(perMinute: number, maxUsers = 10_000): RateLimiter {
  const burst = Math.max(1, Math.ceil(perMinute / 6));
  const users = new Map<number, { hits: number[]; notifiedAt: number }>();
  return {
    check(userId, nowMs) {
      let entry = users.get(userId);
      if (!entry) {
        if (users.size >= maxUsers) {
          // Forget the oldest user: memory stays bounded whatever the traffic.
          const oldest = users.keys().next().value;
          if (oldest !== undefined) users.delete(oldest);
        }
        entry = { hits: [], notifiedAt: -Infinity };
        users.set(userId, entry);
      }
      entry.hits = entry.hits.filter((t) => nowMs - t < WINDOW_MS);
      const recent = entry.hits.filter((t) => nowMs - t < BURST_WINDOW_MS).length;
      if (entry.hits.length < perMinute && recent < burst) {
        entry.hits.push(nowMs);
        return 'allow';
      }
      if (nowMs - entry.notifiedAt >= WINDOW_MS) {
        entry.notifiedAt = nowMs;
        return 'notify';
      }
      return 'drop';
    },
  };
}
