// One digest run at a time: build what is due, then deliver what is open (including parts left
// by an earlier run or a crash). Ticked every minute by node-cron and once at startup, which is
// also how a missed tick (a blocked event loop, a restart) is caught up.
import type { Api } from 'grammy';
import type { ReferenceData } from '../corpus/reference.ts';
import type { Logger } from '../logger.ts';
import { errorFields } from '../logger.ts';
import type { Store } from '../store/index.ts';
import type { WriteTurns } from '../store/write-turns.ts';
import { buildDueDigestsInSlices } from './build.ts';
import { deliverOpenParts } from './deliver.ts';
import type { DeliverResult } from './deliver.ts';
import { createRateGate } from './rate-gate.ts';

export interface DigestRunnerOptions {
  store: Store;
  reference: ReferenceData;
  logger: Logger;
  api: Api;
  clock: () => Date;
  maxAgeDays: number;
  catchUpHours: number;
  sendRatePerSecond: number;
  /** The bot's @username once known (for t.me links in group and channel digests). */
  botUsername?: () => string | undefined;
  /** A run stops starting new parts after this long; what is left goes out on the next run. */
  runDeadlineMs?: number;
  privateIntervalMs?: number;
  groupIntervalMs?: number;
  /** The bot's write turns: a background ingest waits while a slice of the build runs. */
  writeTurns?: WriteTurns;
}

export interface RunSummary {
  built: number;
  nothingNew: number;
  missed: number;
  delivery: DeliverResult;
}

export function createDigestRunner(options: DigestRunnerOptions) {
  // One gate for every run: a 429's holds outlive the run that was told.
  const gate = createRateGate(options.sendRatePerSecond);
  let running: Promise<RunSummary | null> | null = null;
  let stopped = false;
  const stop = new AbortController();

  async function runOnce(reason: string): Promise<RunSummary | null> {
    const { store, logger } = options;
    const started = options.clock();
    // Everything inside the try: a busy or full database at the start of a run is logged and
    // the run skipped; the next tick tries again (a cron callback must never throw).
    try {
      const built = await buildDueDigestsInSlices({ store, reference: options.reference, logger, now: started, maxAgeDays: options.maxAgeDays, catchUpHours: options.catchUpHours, botUsername: options.botUsername?.(), writeTurns: options.writeTurns });
      // An idle tick (nothing due, nothing open) writes nothing: no run row per minute forever.
      if (!built.built && !built.nothingNew && !built.missed && !store.deliveries.hasOpenParts()) {
        return { ...built, delivery: { sent: 0, failed: 0, paused: null } };
      }
      const runId = store.deliveries.startRun(started.toISOString());
      const delivery = await deliverOpenParts({
        store, api: options.api, logger, gate, clock: options.clock,
        deadline: Date.now() + (options.runDeadlineMs ?? 10 * 60_000),
        // Chats wait ≥ 1 s between their own parts: twice the rate in workers keeps the gate busy.
        concurrency: Math.ceil(options.sendRatePerSecond * 2) + 4,
        signal: stop.signal,
        ...(options.privateIntervalMs !== undefined ? { privateIntervalMs: options.privateIntervalMs } : {}),
        ...(options.groupIntervalMs !== undefined ? { groupIntervalMs: options.groupIntervalMs } : {}),
      });
      const summary = { ...built, delivery };
      store.deliveries.finishRun(runId, {
        finishedAt: options.clock().toISOString(), built: built.built, skipped: built.nothingNew + built.missed,
        sent: delivery.sent, failed: delivery.failed, note: delivery.paused ?? reason,
      });
      if (built.built || built.nothingNew || built.missed || delivery.sent || delivery.failed) logger.info({ reason, ...built, sent: delivery.sent, failed: delivery.failed }, 'digest run');
      return summary;
    } catch (error) {
      logger.error({ err: errorFields(error), reason }, 'digest run failed; the next tick tries again');
      return null;
    }
  }

  return {
    /** Starts a run unless one is going (then this one is skipped: the next tick catches up). Never rejects. */
    run(reason: string): Promise<RunSummary | null> {
      if (stopped) return Promise.resolve(null);
      if (running) {
        options.logger.debug({ reason }, 'digest run already in progress; skipped');
        return Promise.resolve(null);
      }
      running = runOnce(reason).finally(() => {
        running = null;
      });
      return running;
    },
    /** No new runs, waits cut short; resolves when the current run has finished its sends in flight. */
    async stop(): Promise<void> {
      stopped = true;
      stop.abort();
      await running;
    },
    isRunning: (): boolean => running !== null,
  };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;
