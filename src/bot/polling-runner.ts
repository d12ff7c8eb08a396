// Runner mode (POLLING_MODE=runner): long polling through @grammyjs/runner, many updates at once.
// One chat's updates still run one at a time, in update_id order (sequentialize in create-bot).
import { run } from '@grammyjs/runner';
import type { Bot, Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.ts';

export const RUNNER_CONCURRENCY = 100;
/** A handler still running after this long gives its slot back (it is not cancelled). */
export const RUNNER_HANDLER_TIMEOUT_MS = 30_000;
const DRAIN_POLL_MS = 25;

type AllowedUpdates = ReadonlyArray<Exclude<keyof Update, 'update_id'>>;

export interface PollingRunnerOptions {
  allowedUpdates: AllowedUpdates;
  logger: Logger;
  concurrency?: number;
  handlerTimeoutMs?: number;
}

export interface PollingRunner {
  /** Settles when polling ends: resolves after stop(); rejects on 401 or 409 (fatal, like bot.start). */
  task: Promise<void>;
  /** Stops fetching, then waits for the handlers in flight (each at most the handler timeout). */
  stop(): Promise<void>;
  /** Updates being handled now. */
  inFlight(): number;
}

export function startPollingRunner<C extends Context>(bot: Bot<C>, options: PollingRunnerOptions): PollingRunner {
  const { logger } = options;
  const timeoutMs = options.handlerTimeoutMs ?? RUNNER_HANDLER_TIMEOUT_MS;
  // Delivery policy (RELIABILITY A3): the runner confirms a batch by asking for the next one as
  // soon as the batch is handed to the sink, while its handlers still run. A crash (SIGKILL, power
  // loss) at that moment loses the updates whose handlers had not finished: Telegram will not send
  // them again. We accept that loss rather than queue updates through SQLite: every handler keeps
  // the database consistent on its own (one transaction per change), the user sees no reply and
  // can repeat the command. A graceful stop (SIGTERM) loses nothing: stop() waits for handlers.
  // Builtin polling (the default) confirms an update only after it was handled: at-least-once.
  const handle = run(bot, {
    runner: {
      fetch: { allowed_updates: options.allowedUpdates },
      // Without `silent` the runner prints errors whose URL carries the token.
      silent: true,
      // 'exponential' doubles without a cap (an hour-long outage would mean hour-long sleeps).
      retryInterval: 'quadratic',
    },
    sink: {
      concurrency: options.concurrency ?? RUNNER_CONCURRENCY,
      timeout: {
        milliseconds: timeoutMs,
        handler: (update) => logger.warn({ updateId: update.update_id, timeoutMs }, 'update handler still running; its slot is freed'),
      },
    },
  });
  // Captured now: the runner forgets its task once it ends. It rejects when getUpdates fails with
  // 401 or 409 (the runner does not retry those); other errors are retried quietly.
  const task = handle.task() ?? Promise.resolve();

  let stopping: Promise<void> | null = null;
  return {
    task,
    inFlight: () => handle.size(),
    stop() {
      stopping ??= (async () => {
        // Resolves once the runner stops fetching; it does not wait for the handlers.
        await handle.stop()?.catch(() => undefined);
        // Timed-out handlers leave the sink, so this ends within the handler timeout.
        const deadline = Date.now() + timeoutMs + 1000;
        while (handle.size() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
        if (handle.size() > 0) logger.warn({ inFlight: handle.size() }, 'handlers still running at shutdown');
      })();
      return stopping;
    },
  };
}
