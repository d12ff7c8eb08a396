// The longest event-loop stall during a phase (perf_hooks.monitorEventLoopDelay), and the
// process's resident memory sampled meanwhile: "no stall over 100 ms" and "RSS ≤ 300 MB" are read
// from here, phase by phase.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { round } from './measure.ts';

export interface PhaseFigures {
  /** Longest delay of the event loop seen during the phase (ms). */
  longestStallMs: number;
  /** 99th percentile of the loop's delay (ms). */
  p99StallMs: number;
  /** Highest resident memory sampled during the phase (MB). */
  peakRssMb: number;
}

function rssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

export async function measurePhase<T>(run: () => Promise<T> | T): Promise<{ value: T } & PhaseFigures> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let peakRssMb = rssMb();
  // The sampler is a timer too: when the loop stalls, it samples late, but it still samples.
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb())), 100);
  histogram.enable();
  try {
    const value = await run();
    return { value, longestStallMs: round(histogram.max / 1e6, 1), p99StallMs: round(histogram.percentile(99) / 1e6, 1), peakRssMb: Math.max(peakRssMb, rssMb()) };
  } finally {
    histogram.disable();
    clearInterval(sampler);
  }
}
