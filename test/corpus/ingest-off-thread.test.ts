// The bot's corpus re-read runs in a worker thread on its own connection: same result as in the
// bot's thread, and the bot's event loop keeps turning while it writes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import { ingestOffThread } from '../../src/corpus/ingest-off-thread.ts';
import { openStore } from '../../src/store/index.ts';
import { memoryStore, reference, SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

describe('ingest off the bot thread', () => {
  it('writes what an ingest in this thread would', async () => {
    const dbPath = join(tempDir('sd-offthread-'), 'index.db');
    const report = await ingestOffThread({ databasePath: dbPath, paths: [SHIPPED_CORPUS], corpusDir: SHIPPED_CORPUS, synchronous: 'NORMAL' });
    const here = memoryStore();
    const expected = ingest({ paths: [SHIPPED_CORPUS], corpusDir: SHIPPED_CORPUS, store: here, reference: reference(), now: () => new Date() });
    expect(report).toMatchObject({ added: expected.added, rejects: expected.rejects });
    const ref = reference();
    const store = openStore(dbPath, { actors: ref.actors, tagger: ref.tagger });
    try {
      const texts = (s: typeof store) => s.db.prepare('SELECT external_id, text, lang FROM statements ORDER BY external_id').all();
      expect(texts(store)).toEqual(texts(here));
    } finally {
      store.close();
    }
  });

  it('leaves the event loop free while a big archive is written', async () => {
    const dir = tempDir('sd-offthread-');
    const file = join(dir, 'archive.jsonl');
    writeFileSync(file, `${Array.from({ length: 6_000 }, (_, i) => JSON.stringify({ id: `x${i}`, text: `Statement ${i}: the minister spoke about sanctions, drones and air defence for Kyiv.`, date: '2025-06-01', actor: 'Mark Rutte' })).join('\n')}\n`);
    const dbPath = join(dir, 'index.db');
    const ref = reference();
    // The bot's own connection keeps writing meanwhile (handled updates): the ingest's transactions
    // take the write lock up front and wait for it, rather than failing with "database is locked".
    const bot = openStore(dbPath, { actors: ref.actors, tagger: ref.tagger });
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
      bot.botState.markUpdateHandled(1, ticks, new Date().toISOString());
    }, 5);
    try {
      const report = await ingestOffThread({ databasePath: dbPath, paths: [file], corpusDir: dir, synchronous: 'NORMAL' });
      expect(report.added).toBe(6_000);
    } finally {
      clearInterval(timer);
      bot.close();
    }
    // An ingest on this thread would have let the timer fire about once; off-thread it fires all along.
    expect(ticks).toBeGreaterThan(20);
  });

  it('reports a failure (here: a file that is not a database) as an error, not a crash', async () => {
    const broken = join(tempDir('sd-offthread-'), 'index.db');
    writeFileSync(broken, 'this is not an SQLite database, just text long enough to have a header '.repeat(20));
    await expect(ingestOffThread({ databasePath: broken, paths: [SHIPPED_CORPUS], corpusDir: SHIPPED_CORPUS, synchronous: 'NORMAL' }))
      .rejects.toThrow(/Cannot ingest: .*not a healthy SQLite database/);
  });
});
