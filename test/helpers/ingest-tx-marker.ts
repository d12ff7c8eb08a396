// Test-only preload for the C2 ingest child (`node --import tsx --import <this> src/cli.ts`):
// writes a line to stderr, synchronously, right before the ingest's write transaction begins and
// right after it commits, so the kill loop can aim inside the transaction. The product is unchanged.
// A JSONL file is written in batches (corpus/ingest-jsonl.ts, `writeOldest`); the kill loop's 1,000-line
// files are one batch, so the batch's transaction is the one marked (not the small bookkeeping
// transactions before and after it).
import Database from 'better-sqlite3';
import { writeSync } from 'node:fs';

export const TX_BEGIN = 'C2-TX-BEGIN';
export const TX_COMMITTED = 'C2-TX-COMMITTED';

const proto = Database.prototype as unknown as { transaction: (fn: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown };
const original = proto.transaction;
type Tx = ((...args: unknown[]) => unknown) & { deferred: Tx; immediate: Tx; exclusive: Tx };

/** The same call, with the markers around it when it is the ingest's batch write. */
function marking(run: (...args: unknown[]) => unknown) {
  return function (this: unknown, ...args: unknown[]): unknown {
    const stack = new Error().stack ?? '';
    const isIngest = /corpus[\\/]ingest-jsonl\.ts/.test(stack) && /\bwriteOldest\b/.test(stack);
    if (isIngest) writeSync(2, `${TX_BEGIN}\n`);
    const result = run.apply(this, args);
    if (isIngest) writeSync(2, `${TX_COMMITTED}\n`);
    return result;
  };
}

proto.transaction = function (this: unknown, fn) {
  const tx = original.call(this, fn) as Tx;
  const marked = marking(tx) as Tx;
  // The ingest writes with .immediate(): every flavour is marked the same way.
  for (const flavour of ['deferred', 'immediate', 'exclusive'] as const) {
    Object.defineProperty(marked, flavour, { value: marking(tx[flavour]), enumerable: false });
  }
  return marked;
};
