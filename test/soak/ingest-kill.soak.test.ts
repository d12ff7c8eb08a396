// C2: SIGKILL the CLI during a 1,000-line ingest, 50 times into one database: every other kill is
// aimed inside the write transaction, the rest anywhere in the run. After each, the batch is
// entirely present or absent, integrity_check is ok, the FTS index matches the live statements,
// and no earlier batch changed. SOAK_INGEST_KILLS overrides the count.
import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BATCH_ROWS, createIngestKillLoop } from '../helpers/ingest-kill.ts';

const KILLS = Number(process.env.SOAK_INGEST_KILLS ?? 50);

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
  if (process.env.SOAK_LOG) appendFileSync(process.env.SOAK_LOG, `${line}\n`);
};

describe('ingest kill soak', () => {
  it(`C2: ${KILLS} kills during 1,000-line ingests`, async () => {
    const started = Date.now();
    const loop = await createIngestKillLoop();
    const tally = { present: 0, absent: 0, partial: 0, inTransaction: 0 };
    for (let k = 1; k <= KILLS; k += 1) {
      const aim = k % 2 === 0 ? 'run' : 'transaction';
      const r = await loop.round(k, aim);
      tally[r.outcome] += 1;
      if (r.inTransaction) tally.inTransaction += 1;
      const line = `C2 kill ${k}/${KILLS}: ${r.killAfterMs} ms after the ${aim === 'run' ? 'run began' : 'BEGIN'}${r.inTransaction ? ', inside the transaction' : ''}${r.finishedFirst ? ', after the child had exited' : ''}: batch ${r.outcome} (${r.rows} rows), integrity ${r.integrity}, fts ${r.fts} / live ${r.live}, ${r.seconds.toFixed(1)} s`;
      log(line);
      expect([0, BATCH_ROWS], line).toContain(r.rows);
      expect(r.integrity, line).toBe('ok');
      expect(r.fts, line).toBe(r.live);
      if (r.inTransaction) expect(r.outcome, line).toBe('absent');
    }
    loop.checkEarlierBatches();
    const summary = `C2 summary: ${KILLS} kills (run ${loop.runMs} ms, transaction ${loop.txMs} ms), ${tally.inTransaction} inside the transaction, ${tally.present} present, ${tally.absent} absent, ${tally.partial} partial, integrity ok, FTS in step, ${((Date.now() - started) / 1000).toFixed(0)} s`;
    log(summary);
    // Half the kills aim inside the transaction: most must land there, or the soak proves little.
    expect(tally.inTransaction, summary).toBeGreaterThanOrEqual(Math.floor(KILLS / 4));
  });
});
