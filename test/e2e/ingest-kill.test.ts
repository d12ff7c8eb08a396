// C2 (quick form): SIGKILL the CLI during a 1,000-line ingest, 3 times: once while parsing, once
// inside the write transaction, once at a random moment of the run. Each batch is all there or
// not at all, the database is intact, the FTS index matches the live statements.
// The full form (50 kills) runs in `npm run test:soak`.
import { describe, expect, it } from 'vitest';
import type { KillAim } from '../helpers/ingest-kill.ts';
import { BATCH_ROWS, createIngestKillLoop } from '../helpers/ingest-kill.ts';

describe('C2: kill during an ingest transaction', () => {
  it('C2: kills before, inside and around the transaction leave each batch entirely present or absent, integrity ok, FTS in step', async () => {
    const loop = await createIngestKillLoop();
    const kills: Array<[KillAim, () => number]> = [['run', () => 0.05], ['transaction', () => 0.5], ['run', Math.random]];
    for (const [i, [aim, random]] of kills.entries()) {
      const r = await loop.round(i + 1, aim, random);
      const line = `C2 kill ${i + 1}/3: ${r.killAfterMs} ms after the ${aim === 'run' ? 'run' : 'BEGIN'} (run ${loop.runMs} ms, transaction ${loop.txMs} ms)${r.inTransaction ? ' inside the transaction' : ''}${r.finishedFirst ? ' (already done)' : ''}: batch ${r.outcome}, integrity ${r.integrity}, fts ${r.fts} / live ${r.live}`;
      process.stdout.write(`${line}\n`);
      expect([0, BATCH_ROWS], line).toContain(r.rows);
      expect(r.integrity, line).toBe('ok');
      expect(r.fts, line).toBe(r.live);
      if (aim === 'transaction') {
        expect(r.inTransaction, line).toBe(true);
        expect(r.outcome, line).toBe('absent');
      }
    }
    loop.checkEarlierBatches();
  }, 180_000);
});
