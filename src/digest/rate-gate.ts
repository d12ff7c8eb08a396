// A global send rate: sends are spread evenly (one every 1000/rate ms) rather than burst, so a
// large fan-out stays under Telegram's ~30 msg/s however many chats are served at once. After a
// 429 the whole gate holds (everyone slows, not only the worker that was told), and the chat that
// was told waits its own retry_after, remembered across runs.

export interface RateGate {
  /** Resolves when the caller may send (early, without a slot, when `signal` aborts). */
  take(signal?: AbortSignal): Promise<void>;
  /** Nobody takes a slot before `untilMs` (epoch ms). */
  holdAll(untilMs: number): void;
  /** This chat gets nothing before `untilMs`; other chats go on. */
  holdChat(chatId: number, untilMs: number): void;
  /** Epoch ms before which this chat must not be sent to (0: now). */
  chatFreeAt(chatId: number): number;
}

/** A 429 holds every sender this long at most; a longer retry_after is the told chat's alone. */
export const SHARED_HOLD_MAX_MS = 5_000;

export function createRateGate(perSecond: number, now: () => number = Date.now): RateGate {
  const interval = 1000 / perSecond;
  let nextFree = 0;
  // Bumped by every hold: a sender that was already waiting for its slot queues again behind
  // the hold (spread at the rate after it, not all at once when it ends).
  let holds = 0;
  const chatHolds = new Map<number, number>();
  return {
    async take(signal) {
      for (;;) {
        const t = now();
        const slot = Math.max(t, nextFree);
        nextFree = slot + interval;
        const seen = holds;
        if (slot > t) await sleep(slot - t, signal);
        if (signal?.aborted || holds === seen) return;
      }
    },
    holdAll(untilMs) {
      if (untilMs <= nextFree) return;
      nextFree = untilMs;
      holds += 1;
    },
    holdChat(chatId, untilMs) {
      // Past holds are dropped as new ones come, so the map stays as small as the chats held now.
      const t = now();
      for (const [id, until] of chatHolds) if (until <= t) chatHolds.delete(id);
      chatHolds.set(chatId, Math.max(untilMs, chatHolds.get(chatId) ?? 0));
    },
    chatFreeAt(chatId) {
      return chatHolds.get(chatId) ?? 0;
    },
  };
}

/** Waits `ms`, or less when `signal` aborts (then it resolves at once: callers check the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}
