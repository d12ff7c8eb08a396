// B1 / issue 4 acceptance: SIGKILL in the middle of a 1,000-subscriber fan-out, restart; every
// subscriber has exactly one digest (at most one duplicated part each); 12 times in a row, 3 per
// kill point (~37 s a round, so B1 and C2 together stay near 10 minutes).
// SOAK_ROUNDS and SOAK_SUBSCRIBERS override the defaults.
import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runFanoutKill } from '../helpers/fanout.ts';

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 12);
const SUBSCRIBERS = Number(process.env.SOAK_SUBSCRIBERS ?? 1000);
const KILL_POINTS = [0, 1, 399, 999].map((k) => Math.min(k, SUBSCRIBERS - 1));

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
  if (process.env.SOAK_LOG) appendFileSync(process.env.SOAK_LOG, `${line}\n`);
};

describe('fan-out kill/restart soak', () => {
  it(`B1: ${ROUNDS} rounds of ${SUBSCRIBERS} subscribers`, async () => {
    const started = Date.now();
    let messages = 0;
    let duplicates = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const killAfter = KILL_POINTS[round % KILL_POINTS.length] ?? 0;
      const r = await runFanoutKill(SUBSCRIBERS, killAfter);
      const line = `B1 round ${round + 1}/${ROUNDS}: kill after ${killAfter} (sent ${r.sentBeforeKill}), ${r.messages} messages, ${r.duplicates} duplicates (max ${r.maxPerChat} per chat), ${r.missing} missing, ${r.sentRows}/${SUBSCRIBERS} one sent row, ${r.rejected} rejected, ${r.rateLimited} 429, ${r.seconds.toFixed(1)} s`;
      log(line);
      messages += r.messages;
      duplicates += r.duplicates;
      expect(r.sentRows, line).toBe(SUBSCRIBERS);
      expect(r.missing, line).toBe(0);
      expect(r.maxPerChat, line).toBeLessThanOrEqual(2);
      expect(r.rejected, line).toBe(0);
    }
    log(`B1 summary: ${ROUNDS} kill/restart rounds of ${SUBSCRIBERS} subscribers passed, ${messages} messages, ${duplicates} duplicates, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });
});
