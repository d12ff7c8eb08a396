// "New since the last digest" follows commit order: an ingest on another connection (the CLI)
// that took its clock before a digest run but commits during it must not be skipped, and no
// statement may reach a chat twice. And no cap: every matching new statement is counted.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import { buildDueDigests, MAX_DIGEST_ITEMS } from '../../src/digest/build.ts';
import type { Store } from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { quietLogger, subscribe } from '../helpers/digest-fixture.ts';
import { reference, SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';
// Seeded, so a failing interleaving can be replayed from its seed.
import { prng } from '../../bench/synth.ts';

const DAY_MS = 86_400_000;
const FIRST_SLOT = Date.parse('2026-11-22T06:00:00Z'); // 08:00 Kyiv
const KEYWORD_CHATS = [101, 102, 103];
const ALL_CHATS = [201, 202];


const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function openBoth(): { digest: Store; cli: Store } {
  const path = join(tempDir(), 'index.db');
  const ref = reference();
  const digest = openStore(path, { actors: ref.actors, tagger: ref.tagger });
  const cli = openStore(path, { actors: ref.actors, tagger: ref.tagger });
  open.push(digest, cli);
  return { digest, cli };
}

/** Writes a JSONL file of statements, each carrying a unique marker word. */
function jsonlFile(lines: Array<{ marker: string; matching: boolean; date: string; n: number }>): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'feed.jsonl'), lines.map((l) => JSON.stringify({
    // One outlet: near-identical quotes from one source are never folded into one item.
    id: `id-${l.marker}`, date: l.date, actor: 'Volodymyr Zelensky', url: `https://example.org/${l.marker}`, source: 'Wire',
    text: l.matching ? `Statement ${l.marker} says zebra crossings matter, point ${l.n}.` : `Statement ${l.marker} is about something else entirely, item ${l.n}.`,
  })).join('\n'));
  return dir;
}

/** The digest connection's store, with hooks around each of the run's write transactions. */
function withHooks(store: Store, hooks: { before: () => void; after: () => void }): Store {
  const db = new Proxy(store.db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return (fn: (...args: unknown[]) => unknown) => {
          const tx = target.transaction(fn);
          const wrap = (run: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
            hooks.before();
            try {
              return run(...args);
            } finally {
              hooks.after();
            }
          };
          return Object.assign(wrap(tx), { immediate: wrap(tx.immediate), deferred: wrap(tx.deferred), exclusive: wrap(tx.exclusive) });
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...store, db } as Store;
}

describe('commit order decides what is new', () => {
  it('G1: a CLI ingest committing while a digest run is in progress, 20 random interleavings: every matching row reaches exactly one digest', () => {
    const seed = 20_261_130;
    const random = prng(seed);
    const { digest, cli } = openBoth();
    subscribe(digest, [...KEYWORD_CHATS, ...ALL_CHATS], new Date(FIRST_SLOT - DAY_MS));
    for (const chatId of KEYWORD_CHATS) {
      const s = digest.subscriptions.get(chatId);
      if (s) digest.subscriptions.save({ ...s, include: ['zebra'] }, new Date(FIRST_SLOT - DAY_MS).toISOString());
    }
    const written: Array<{ marker: string; matching: boolean }> = [];
    const commitPoints: string[] = [];
    const ROUNDS = 20;
    for (let round = 0; round < ROUNDS + 1; round += 1) {
      const slot = FIRST_SLOT + round * DAY_MS;
      const runAt = new Date(slot + 5_000);
      let pending = false;
      // The CLI opens its transaction and writes at a random point of the run: before it (0) or
      // right after the run's n-th write (1..5), and commits just before the run's next write
      // (which would wait for its lock), or before the run even starts.
      const startAfter = round < ROUNDS ? Math.floor(random() * 6) : -1;
      const commitEarly = startAfter === 0 && random() < 0.3;
      commitPoints.push(`${startAfter}${commitEarly ? 'c' : ''}`);
      const startIngest = (): void => {
        // The CLI takes its clock first (a little before the run's), then writes.
        const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, n) => ({
          marker: `m${round}x${n}q`, matching: random() < 0.6, date: new Date(slot - DAY_MS).toISOString().slice(0, 10), n,
        }));
        written.push(...lines);
        const dir = jsonlFile(lines);
        cli.db.exec('BEGIN');
        ingest({ paths: [dir], corpusDir: SHIPPED_CORPUS, store: cli, reference: reference(), now: () => new Date(slot - 1_000 - Math.floor(random() * 60_000)) });
        pending = true;
      };
      const commit = (): void => {
        if (pending) cli.db.exec('COMMIT');
        pending = false;
      };
      if (startAfter === 0) startIngest();
      if (commitEarly) commit();
      let writes = 0;
      buildDueDigests({
        store: withHooks(digest, {
          before: commit,
          after: () => {
            writes += 1;
            if (writes === startAfter) startIngest();
          },
        }),
        reference: reference(), logger: quietLogger(), now: runAt, maxAgeDays: 7, catchUpHours: 6,
      });
      commit();
    }
    const htmlOf = (chatId: number): string =>
      (digest.db.prepare('SELECT t.html FROM delivery_parts p JOIN deliveries d ON d.id = p.delivery_id JOIN digest_texts t ON t.id = p.text_id WHERE d.chat_id = ?').pluck().all(chatId) as string[]).join('\n');
    const context = `seed ${seed}, commit points ${commitPoints.join(',')}`;
    for (const chatId of [...KEYWORD_CHATS, ...ALL_CHATS]) {
      const html = htmlOf(chatId);
      for (const row of written) {
        const expected = KEYWORD_CHATS.includes(chatId) && !row.matching ? 0 : 1;
        const times = html.split(`Statement ${row.marker} `).length - 1;
        expect(times, `${row.marker} in chat ${chatId} (${context})`).toBe(expected);
      }
    }
    // The interleavings did include transactions open across the run's reads.
    expect(commitPoints.filter((p) => p !== '0c' && p !== '5').length).toBeGreaterThan(5);
  }, 60_000);

  it('G2: 6,000 new matching rows reach a keyword-only subscriber, behind 5,000 newer ones that do not match', () => {
    const { digest, cli } = openBoth();
    const subscribedAt = new Date(FIRST_SLOT - DAY_MS);
    subscribe(digest, [301], subscribedAt);
    const s = digest.subscriptions.get(301);
    if (s) digest.subscriptions.save({ ...s, include: ['zebra'] }, subscribedAt.toISOString());
    const day = (offset: number): string => new Date(FIRST_SLOT - offset * DAY_MS).toISOString().slice(0, 10);
    const lines = [
      ...Array.from({ length: 6_000 }, (_, n) => ({ marker: `k${n}q`, matching: true, date: day(3), n })),
      ...Array.from({ length: 5_000 }, (_, n) => ({ marker: `o${n}q`, matching: false, date: day(1), n })),
    ];
    ingest({ paths: [jsonlFile(lines)], corpusDir: SHIPPED_CORPUS, store: cli, reference: reference(), now: () => new Date(FIRST_SLOT - 3_600_000) });
    expect(buildDueDigests({ store: digest, reference: reference(), logger: quietLogger(), now: new Date(FIRST_SLOT + 5_000), maxAgeDays: 7, catchUpHours: 6 })).toMatchObject({ built: 1 });
    const row = digest.db.prepare('SELECT items FROM deliveries WHERE chat_id = 301').get() as { items: number };
    expect(row.items).toBe(6_000);
    const html = (digest.db.prepare('SELECT t.html FROM delivery_parts p JOIN digest_texts t ON t.id = p.text_id').pluck().all() as string[]).join('\n');
    expect(html).toContain(`and ${6_000 - MAX_DIGEST_ITEMS} more new statements`);
    expect(html).not.toContain('something else entirely');
  }, 120_000);
});
