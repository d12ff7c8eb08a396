// The benchmark code runs once at a tiny scale so it cannot rot. No time is asserted.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBench } from '../bench/run.ts';
import { tempDir } from './helpers/store.ts';

describe('benchmarks', () => {
  it('run at tiny scale and write results.md and results.json', async () => {
    const out = tempDir('sd-bench-');
    const results = await runBench('tiny', out, tempDir('sd-bench-work-'), () => undefined);
    expect(existsSync(join(out, 'results.md'))).toBe(true);
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(json.ingest[0].statements).toBe(2000);
    // The digest figure measures real builds: every subscriber has something new (not "nothing new").
    expect(json.digestBuild[0].built).toBeGreaterThan(0);
    expect(json.fanout.lost).toBe(0);
    expect(json.fanout.duplicates).toBe(0);
    // Every command of the bot and inline queries have a row, each measured.
    const rows = json.latency.figures as Array<{ command: string; ours: { n: number } }>;
    for (const row of ['/latest', '/actor (known)', '/actor (unknown name)', '/actors', '/topic', '/topics', '/about', '/digest', '/search EN common', '/search UK rare', 'inline (empty)', 'inline (words)']) {
      expect(rows.find((f) => f.command === row)?.ours.n, row).toBeGreaterThan(0);
    }
    expect(json.latency.maxStallMs).toBeGreaterThan(0);
    expect(results.rss).toBeDefined();
    expect(readFileSync(join(out, 'results.md'), 'utf8')).toContain('## Ingest of one realistic JSONL archive');
  }, 180_000);
});
