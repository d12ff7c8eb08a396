// A global send rate: sends are spread evenly (one every 1000/rate ms) rather than burst, so a
// large fan-out stays under Telegram's ~30 msg/s however many chats are served at once.

export interface RateGate {
  /** Resolves when the caller may send. */
  take(): Promise<void>;
}

export function createRateGate(perSecond: number, now: () => number = Date.now): RateGate {
  const interval = 1000 / perSecond;
  let nextFree = 0;
  return {
    async take() {
      const t = now();
      const slot = Math.max(t, nextFree);
      nextFree = slot + interval;
      if (slot > t) await new Promise((resolve) => setTimeout(resolve, slot - t));
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
