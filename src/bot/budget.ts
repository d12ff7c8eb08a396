// Sliding-window budgets keyed by strings ('user:5:search', 'chat:-100:msgs'). A key holds the
// units it spent with their times; memory is bounded by dropping the least recently used key.

export interface Limit {
  max: number;
  windowMs: number;
}

export interface Budgets {
  /** 0 when `units` more fit under every limit now, else the ms until they would. */
  waitMs(key: string, limit: Limit, nowMs: number, units?: number): number;
  charge(key: string, units: number, nowMs: number): void;
}

/** The longest window any caller uses; older entries are dropped. */
const MAX_WINDOW_MS = 10 * 60_000;

export function createBudgets(maxKeys = 50_000): Budgets {
  const spent = new Map<string, Array<[number, number]>>();
  const entries = (key: string, nowMs: number): Array<[number, number]> => {
    let list = spent.get(key);
    if (list) {
      spent.delete(key); // re-inserted below: the Map's order is recency
      while (list.length > 0 && nowMs - (list[0]?.[0] ?? 0) >= MAX_WINDOW_MS) list.shift();
    } else {
      if (spent.size >= maxKeys) {
        const oldest = spent.keys().next().value;
        if (oldest !== undefined) spent.delete(oldest);
      }
      list = [];
    }
    spent.set(key, list);
    return list;
  };
  return {
    waitMs(key, limit, nowMs, units = 1) {
      const list = entries(key, nowMs);
      const inWindow = list.filter(([at]) => nowMs - at < limit.windowMs);
      let used = inWindow.reduce((sum, [, n]) => sum + n, 0);
      if (used + units <= limit.max) return 0;
      // Wait until enough of the oldest entries leave the window.
      for (const [at, n] of inWindow) {
        used -= n;
        if (used + units <= limit.max) return Math.max(1, at + limit.windowMs - nowMs);
      }
      return limit.windowMs;
    },
    charge(key, units, nowMs) {
      if (units > 0) entries(key, nowMs).push([nowMs, units]);
    },
  };
}
