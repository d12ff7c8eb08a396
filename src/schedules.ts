// Everything the shell starts on its own — cron ticks, signal handlers, fire-and-forget calls —
// goes through one wrapper that logs a failure and carries on: a busy or full database, or a bug
// in one task, must never end the process from a timer callback. It also knows what is still
// running, so a shutdown that takes too long can say what held it.
import cron from 'node-cron';
import type { Logger } from './logger.ts';
import { errorFields } from './logger.ts';

export const MINUTE_MS = 60_000;

export interface Schedules {
  /** Runs `fn` now, guarded: a throw or a rejection is logged, never passed on. */
  fire(name: string, fn: () => unknown): void;
  /** A guarded callback for a signal or an event. */
  guard(name: string, fn: () => unknown): () => void;
  /** Runs `fn` every `seconds` (under a minute) on a cron tick; a run still going skips the next. */
  everySeconds(name: string, seconds: number, fn: () => unknown): void;
  /**
   * Runs `fn` every `minutes` minutes, any number (90, 1440): a one-minute tick compares with the
   * last run, because a cron step (*\/90) only divides the hour.
   */
  everyMinutes(name: string, minutes: number, fn: () => unknown): void;
  /** A cron expression, as node-cron reads it. */
  cron(name: string, expression: string, fn: () => unknown): void;
  /** Names of the tasks running now. */
  running(): string[];
  /** Stops every tick (runs in progress are not awaited here; their owners stop them). */
  stop(): Promise<void>;
}

/**
 * A one-minute tick's callback that runs `fn` once `minutes` have passed since it last ran (or
 * since it was made): every 90 minutes is every 90 minutes, not "minute 0 of every hour".
 */
export function intervalTick(minutes: number, fn: () => unknown, now: () => number = Date.now): () => unknown {
  let last = now();
  // A little slack: a tick that fires a few ms early still counts as on time.
  const dueAfterMs = minutes * MINUTE_MS - 5_000;
  return () => {
    if (now() - last < dueAfterMs) return undefined;
    last = now();
    return fn();
  };
}

export function createSchedules(logger: Logger, now: () => number = Date.now): Schedules {
  const tasks: Array<{ stop(): unknown }> = [];
  const inFlight = new Map<string, number>();
  let stopped = false;

  /** Runs one task; resolves when it has settled, whatever happened. */
  async function run(name: string, fn: () => unknown): Promise<void> {
    inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
    try {
      await fn();
    } catch (error) {
      logger.error({ err: errorFields(error), task: name }, `${name} failed; it runs again on its next tick`);
    } finally {
      const left = (inFlight.get(name) ?? 1) - 1;
      if (left > 0) inFlight.set(name, left);
      else inFlight.delete(name);
    }
  }

  function add(name: string, expression: string, fn: () => unknown): void {
    if (stopped) return;
    tasks.push(cron.schedule(expression, () => {
      if (inFlight.has(name)) return; // the previous run is still going
      void run(name, fn);
    }, { name }));
  }

  return {
    fire(name, fn) {
      void run(name, fn);
    },
    guard(name, fn) {
      return () => void run(name, fn);
    },
    everySeconds(name, seconds, fn) {
      if (seconds >= 60) this.everyMinutes(name, Math.max(1, Math.round(seconds / 60)), fn);
      else add(name, `*/${Math.max(1, Math.round(seconds))} * * * * *`, fn);
    },
    everyMinutes(name, minutes, fn) {
      add(name, '* * * * *', intervalTick(minutes, fn, now));
    },
    cron(name, expression, fn) {
      add(name, expression, fn);
    },
    running: () => [...inFlight.keys()],
    async stop() {
      stopped = true;
      for (const task of tasks.splice(0)) await task.stop();
    },
  };
}

/**
 * Unhandled rejections and uncaught exceptions are logged, then the process stops cleanly
 * (a state nobody expected is not a state to keep serving from).
 */
export function installProcessGuards(logger: Logger, stop: (reason: string, exitCode: number) => void): void {
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: errorFields(reason) }, 'unhandled promise rejection; stopping');
    stop('unhandledRejection', 1);
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: errorFields(error) }, 'uncaught exception; stopping');
    stop('uncaughtException', 1);
  });
}

/**
 * Ends the process if a shutdown has not finished in `ms`: exit 1, after a log line naming
 * what was still running. The timer does not itself keep the process alive.
 */
export function armShutdownDeadline(logger: Logger, ms: number, stillRunning: () => string[]): void {
  const timer = setTimeout(() => {
    logger.fatal({ stillRunning: stillRunning(), deadlineSeconds: ms / 1000 }, `shutdown did not finish in ${ms / 1000} s; exiting`);
    process.exit(1);
  }, ms);
  timer.unref();
}
