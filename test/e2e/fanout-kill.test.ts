// B1 (quick form): SIGKILL mid fan-out, restart, every subscriber has exactly one digest.
// The full form (1,000 subscribers, 20 rounds) runs in `npm run test:soak`.
import { describe, expect, it } from 'vitest';
import { runFanoutKill } from '../helpers/fanout.ts';

describe('B1: kill during a fan-out', () => {
  it('ends with one sent digest per subscriber and at most one duplicate each', async () => {
    const r = await runFanoutKill(60, 25);
    expect(r.sentBeforeKill).toBeGreaterThanOrEqual(25);
    expect(r.sentRows).toBe(60);
    expect(r.missing).toBe(0);
    expect(r.maxPerChat).toBeLessThanOrEqual(2);
    expect(r.rejected).toBe(0);
  }, 200_000);
});
