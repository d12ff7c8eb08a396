// The shell's schedules: a failing task is logged and runs again, never ends the process; any
// interval in minutes; a shutdown past its deadline exits naming what still ran.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createSchedules, intervalTick, MINUTE_MS } from '../src/schedules.ts';
import { recordingLogger } from './helpers/digest-fixture.ts';
import { ROOT } from './helpers/bot-process.ts';

describe('guarded tasks', () => {
  it('G3: a task that throws or rejects is logged, passed on to nobody, and runs again next time', async () => {
    const { logger, lines } = recordingLogger();
    const schedules = createSchedules(logger);
    let calls = 0;
    const sync = schedules.guard('sync-task', () => {
      calls += 1;
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    });
    sync();
    sync();
    schedules.fire('async-task', async () => {
      calls += 1;
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(3);
    const failures = lines.map((l) => JSON.parse(l) as { task?: string; err?: { code?: string } }).filter((l) => l.task);
    expect(failures.map((f) => [f.task, f.err?.code])).toEqual([['sync-task', 'SQLITE_BUSY'], ['sync-task', 'SQLITE_BUSY'], ['async-task', 'SQLITE_FULL']]);
    expect(schedules.running()).toEqual([]);
    await schedules.stop();
  });

  it('knows what is running', async () => {
    const { logger } = recordingLogger();
    const schedules = createSchedules(logger);
    let release = (): void => undefined;
    schedules.fire('digests', () => new Promise<void>((r) => (release = r)));
    expect(schedules.running()).toEqual(['digests']);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(schedules.running()).toEqual([]);
  });
});

describe('intervals in minutes', () => {
  it.each([[90, 16], [1440, 1], [10, 144], [7, 205]])('G12: every %i minutes on a one-minute tick runs %i times a day', (minutes, times) => {
    let now = 0;
    let runs = 0;
    const tick = intervalTick(minutes, () => (runs += 1), () => now);
    for (let minute = 1; minute <= 1440; minute += 1) {
      now = minute * MINUTE_MS + 3; // ticks land a few ms late, as cron's do
      tick();
    }
    expect(runs).toBe(times);
  });
});

describe('process guards and the shutdown deadline', () => {
  it('G18: an unhandled rejection is logged and the process stops cleanly; a stop that hangs is ended at the deadline, naming what ran', async () => {
    const script = `
      import { createLogger } from './src/logger.ts';
      import { armShutdownDeadline, installProcessGuards } from './src/schedules.ts';
      const logger = createLogger({ level: 'info', secrets: [] });
      installProcessGuards(logger, (reason, code) => {
        logger.info({ reason, code }, 'stopping');
        armShutdownDeadline(logger, 300, () => ['digest run']);
        setInterval(() => undefined, 1000); // a stop that never finishes
      });
      setTimeout(() => { Promise.reject(new Error('boom')); }, 10);
      setInterval(() => undefined, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(output).toContain('unhandled promise rejection; stopping');
    expect(output).toContain('boom');
    expect(output).toMatch(/"stillRunning":\["digest run"\].*shutdown did not finish/);
  }, 30_000);
});
