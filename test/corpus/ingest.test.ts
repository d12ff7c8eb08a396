// Idempotent ingest, edits in place, removals, and bad input reported while the rest lands.
import { cpSync, rmSync, writeFileSync, appendFileSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import type { Store } from '../../src/store/index.ts';
import { memoryStore, reference, SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

const run = (store: Store, dir: string, now = '2026-11-20T08:00:00Z') =>
  ingest({ paths: [dir], corpusDir: dir, store, reference: reference(), now: () => new Date(now) });
const ftsCount = (store: Store) => (store.db.prepare('SELECT count(*) AS n FROM statements_fts').get() as { n: number }).n;
const liveCount = (store: Store) => (store.db.prepare('SELECT count(*) AS n FROM statements WHERE gone = 0').get() as { n: number }).n;

function corpusCopy(): string {
  const dir = tempDir();
  cpSync(SHIPPED_CORPUS, dir, { recursive: true });
  return dir;
}

describe('F1: ingest twice, then edit', () => {
  it('adds nothing the second time, updates an edited document in place, keeps FTS in step', () => {
    const dir = corpusCopy();
    const store = memoryStore();
    const first = run(store, dir);
    expect(first).toMatchObject({ added: 65, updated: 0, removed: 0, rejects: [] });
    const before = store.statements.latest(1000).items;

    const second = run(store, dir);
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 65, removed: 0 });

    // Edit one thread of 003 and drop its last thread.
    const file = join(dir, '003_0e2a154100ffc278.txt');
    const text = readFileSync(file, 'utf8');
    const edited = text
      .replace('Europe needs a new network of modern defense production', 'Europe needs a NEW network of modern defence production')
      .replace(/Jun 24 • 16 tweets[\s\S]*$/, '');
    writeFileSync(file, edited);
    const third = run(store, dir);
    expect(third).toMatchObject({ added: 0, updated: 1, unchanged: 63, removed: 1 });
    const after = store.statements.latest(1000).items;
    const ambrosetti = after.find((s) => s.text.includes('NEW network'));
    expect(ambrosetti?.id).toBe(before.find((s) => s.text.includes('Europe needs a new network'))?.id);
    expect(after).toHaveLength(64);
    expect(ftsCount(store)).toBe(liveCount(store));
    expect(store.statements.search('defence production NEW', 5).items.map((s) => s.id)).toContain(ambrosetti?.id);
    expect(store.statements.search('Defense Industries Forum Hague', 50).items.some((s) => s.text.includes('The Hague'))).toBe(false);
  });

  it('marks a removed file gone and brings it back with the same ids when it returns', () => {
    const dir = corpusCopy();
    const store = memoryStore();
    run(store, dir);
    const ids = store.statements.latest(1000).items.filter((s) => s.externalId.startsWith('file:004_')).map((s) => s.id).sort();
    const saved = readFileSync(join(dir, '004_10b7d57b100c4354.txt'));
    rmSync(join(dir, '004_10b7d57b100c4354.txt'));
    expect(run(store, dir).removed).toBe(18);
    expect(liveCount(store)).toBe(47);
    expect(ftsCount(store)).toBe(47);
    writeFileSync(join(dir, '004_10b7d57b100c4354.txt'), saved);
    expect(run(store, dir)).toMatchObject({ added: 0, updated: 18 });
    expect(store.statements.latest(1000).items.filter((s) => s.externalId.startsWith('file:004_')).map((s) => s.id).sort()).toEqual(ids);
  });
});

describe('F2: bad input is reported with file, line and reason; the rest lands', () => {
  it('handles binary, invalid UTF-8, empty, oversized files and bad JSONL lines', () => {
    const dir = corpusCopy();
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x0a]));
    writeFileSync(join(dir, 'empty.md'), '');
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024);
    writeFileSync(
      join(dir, 'feed.jsonl'),
      [
        JSON.stringify({ id: 'ok-1', text: 'Sanctions must be stronger.', date: '2025-03-01', actor: 'Зеленський' }),
        '{ not json',
        JSON.stringify({ id: 'no-text', date: '2025-03-01' }),
        JSON.stringify({ id: 'bad-date', text: 'A date that cannot be.', date: '2025-02-30' }),
        JSON.stringify({ id: 'bad-time', text: 'A time that cannot be.', date: '2025-02-03T25:00:00Z' }),
        JSON.stringify({ id: 'ok-2', text: 'Second good line.', date: '2025-03-02T10:00:00+02:00' }),
      ].join('\n'),
    );
    const store = memoryStore();
    const report = run(store, dir);
    const reasons = report.rejects.map((r) => `${r.file.slice(dir.length + 1)}${r.line ? `:${r.line}` : ''} ${r.reason}`);
    expect(reasons).toEqual([
      'binary.txt binary file (contains NUL bytes)',
      'empty.md empty file',
      'feed.jsonl:2 not valid JSON',
      'feed.jsonl:3 text: Invalid input: expected string, received undefined',
      'feed.jsonl:4 date: date is not a real ISO date or date-time',
      'feed.jsonl:5 date: date is not a real ISO date or date-time',
      `huge.txt file is ${50 * 1024 * 1024} bytes, over the 20971520-byte limit`,
      'latin1.txt not valid UTF-8',
    ]);
    expect(report.added).toBe(65 + 2);
    const good = store.statements.search('Second good line', 5).items[0];
    expect(good?.date).toBe('2025-03-02');
  });

  it('keeps what a file had when it turns unreadable, and takes the good lines of a JSONL file', () => {
    const dir = corpusCopy();
    const store = memoryStore();
    run(store, dir);
    writeFileSync(join(dir, '001_ebf05fc48ef10ead.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    const report = run(store, dir);
    expect(report.removed).toBe(0);
    expect(liveCount(store)).toBe(65);
    appendFileSync(join(dir, 'x.jsonl'), `${JSON.stringify({ text: 'Only line.', date: '2025-01-01' })}\n`);
    expect(run(store, dir).added).toBe(1);
    expect(run(store, dir).added).toBe(0);
  });
});

describe('F3: a statement whose date cannot be determined', () => {
  it('is stored as unknown, never as the ingestion time, and sorts after dated ones', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'undated.jsonl'), `${JSON.stringify({ id: 'u1', text: 'Nobody knows when this was said.', date: null })}\n`);
    writeFileSync(join(dir, 'dated.jsonl'), `${JSON.stringify({ id: 'd1', text: 'This one is dated.', date: '2020-01-01' })}\n`);
    const store = memoryStore();
    run(store, dir, '2026-11-23T10:00:00Z');
    const [first, second] = store.statements.latest(10).items;
    expect(first?.externalId).toMatch(/dated\.jsonl#id:d1$/);
    expect(second).toMatchObject({ externalId: expect.stringMatching(/undated\.jsonl#id:u1$/), date: null, datePrecision: 'unknown' });
    expect(store.catalog.stats().undated).toBe(1);
  });
});

describe('JSONL actors in any script', () => {
  it('finds Cyrillic-only speakers by their Latin transliteration, and known people by any alias', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'people.jsonl'),
      [
        { id: 'v1', text: 'Гуманітарний коридор відкрито.', date: '2025-05-01', actor: 'Ірина Верещук' },
        { id: 's1', text: 'Енергосистема працює стабільно.', date: '2025-05-02', actor: 'Шмигаль' },
        { id: 'z1', text: 'We need more air defense.', date: '2025-05-03', actor: ['President Zelensky'] },
        { id: 'n1', text: 'Новий посол прибув.', date: '2025-05-04', actor: 'Олександр Згурський' },
      ].map((o) => JSON.stringify(o)).join('\n'),
    );
    const store = memoryStore();
    run(store, dir);
    const speakersOf = (name: string) => {
      const found = store.actors.find(name).matches[0];
      return found ? store.statements.byActor(found.id, 10).items.map((s) => s.externalId.replace(/^.*#id:/, '')) : [];
    };
    expect(speakersOf('Vereshchuk')).toEqual(['v1']);
    expect(speakersOf('Iryna Vereshchuk')).toEqual(['v1']);
    expect(speakersOf('Shmyhal')).toEqual(['s1']);
    expect(speakersOf('Зеленський')).toEqual(['z1']);
    expect(speakersOf('Zghurskyi')).toEqual(['n1']);
    expect(speakersOf('Згурський')).toEqual(['n1']);
  });
});

describe('JSONL ids', () => {
  it('G16: are the file’s own: two files numbering from 1 keep both statements; a global id in two files is reported', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.jsonl'), `${JSON.stringify({ id: '1', text: 'Feed A says the first thing.', date: '2025-05-01' })}\n${JSON.stringify({ id: 'g', global: true, text: 'Shared statement.', date: '2025-05-01' })}\n`);
    writeFileSync(join(dir, 'b.jsonl'), `${JSON.stringify({ id: '1', text: 'Feed B says something else.', date: '2025-05-02' })}\n${JSON.stringify({ id: 'g', global: true, text: 'Shared statement.', date: '2025-05-01' })}\n`);
    const store = memoryStore();
    const report = run(store, dir);
    const texts = store.statements.latest(10).items.map((s) => s.text).sort();
    expect(texts).toEqual(['Feed A says the first thing.', 'Feed B says something else.', 'Shared statement.']);
    expect(report.rejects.map((r) => r.reason)).toEqual([expect.stringMatching(/^id g is also in .*a\.jsonl: a global id must name one statement/)]);
    // Read again: nothing new, nothing gone.
    expect(run(store, dir)).toMatchObject({ added: 0, removed: 0 });
  });
});

