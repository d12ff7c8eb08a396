// The summary tables behind /about, /actors, /topics and the pickers (migration 0010) must say
// exactly what counting the statements says, after every kind of write: compared here with the
// COUNT(*) queries they replaced, after inserts, updates, gone statements and documents, re-ingest,
// hand-made SQL, and the migration's fill of an existing database.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import type { Db, Store } from '../../src/store/index.ts';
import { migrate } from '../../src/store/migrate.ts';
import { memoryStore, reference, tempDir } from '../helpers/store.ts';

/** The queries the tables replaced (catalog.ts before 0010): the ground truth. */
function countedFromStatements(db: Db) {
  const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
  const c = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(date_sort = ''), 0) AS undated FROM statements WHERE gone = 0`).get() as { n: number; undated: number };
  const tally = (rows: Array<{ k: string; n: number }>) => Object.fromEntries(rows.map((r) => [r.k, r.n]));
  return {
    actors: all(`SELECT a.id, a.canonical, a.name_uk AS nameUk, a.role, SUM(sa.role = 'speaker') AS spoke, SUM(sa.role = 'mentioned') AS mentioned
      FROM actors a JOIN statement_actors sa ON sa.actor_id = a.id JOIN statements s ON s.id = sa.statement_id AND s.gone = 0
      GROUP BY a.id ORDER BY spoke DESC, mentioned DESC, a.canonical`),
    topics: all(`SELECT t.slug, t.label_en AS labelEn, t.label_uk AS labelUk, COUNT(s.id) AS count
      FROM topics t LEFT JOIN statement_topics st ON st.topic_slug = t.slug LEFT JOIN statements s ON s.id = st.statement_id AND s.gone = 0
      GROUP BY t.slug ORDER BY count DESC, t.slug`),
    statements: c.n,
    undated: c.undated,
    byKind: tally(all('SELECT kind AS k, COUNT(*) AS n FROM statements WHERE gone = 0 GROUP BY kind')),
    byLang: tally(all('SELECT lang AS k, COUNT(*) AS n FROM statements WHERE gone = 0 GROUP BY lang')),
    documents: (db.prepare('SELECT COUNT(*) AS n FROM documents WHERE gone = 0').get() as { n: number }).n,
    sources: all<{ name: string }>(`SELECT DISTINCT COALESCE(s.source_name, d.source_name) AS name FROM statements s
      JOIN documents d ON d.id = s.document_id WHERE s.gone = 0 ORDER BY name`).map((r) => r.name),
    // Every live person (the writer removes a gone statement's links; counted over live ones anyway).
    people: (db.prepare('SELECT COUNT(DISTINCT sa.actor_id) AS n FROM statement_actors sa JOIN statements s ON s.id = sa.statement_id AND s.gone = 0').get() as { n: number }).n,
  };
}

function expectExact(store: Store): void {
  const truth = countedFromStatements(store.db);
  const { catalog } = store;
  expect(catalog.actorCounts()).toEqual(truth.actors);
  expect(catalog.topicCounts()).toEqual(truth.topics);
  const speakers = (truth.actors as Array<{ id: number; spoke: number }>).filter((a) => a.spoke > 0);
  expect(catalog.speakerTotal()).toBe(speakers.length);
  expect(catalog.topSpeakers(3)).toEqual(speakers.slice(0, 3));
  const ids = speakers.slice(1, 4).map((a) => a.id);
  expect(catalog.actorCountsOf(ids)).toEqual((truth.actors as Array<{ id: number }>).filter((a) => ids.includes(a.id)));
  const stats = catalog.stats();
  expect({ statements: stats.statements, undated: stats.undated, byKind: stats.byKind, byLang: stats.byLang, documents: stats.documents, sources: stats.sources, actors: stats.actors })
    .toEqual({ statements: truth.statements, undated: truth.undated, byKind: truth.byKind, byLang: truth.byLang, documents: truth.documents, sources: truth.sources, actors: truth.people });
  for (const a of speakers.slice(0, 5)) expect(store.actors.countsOf([a.id]).get(a.id)).toBe(a.spoke);
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Line { id: string; text: string; date?: string | null; actor?: string | string[]; source?: string; lang?: string; kind?: string }
const writeLines = (dir: string, file: string, lines: Line[]): void =>
  writeFileSync(join(dir, file), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);

const TEXTS = [
  'Zelensky said the sanctions against Russia must be tightened before the summit.',
  'Зеленський заявив, що санкції проти Росії треба посилити.',
  'Air defense shot down most of the drones over Kyiv tonight, Rutte was told.',
  'We need more Patriot systems for air defense, said the minister.',
  'Шахеди атакували Київ уночі; ППО збила більшість дронів.',
  'Putin wants a ceasefire only on his terms, Sybiha said.',
];

function corpus(n: number, variant = 0): Line[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `l${i}`,
    text: `${TEXTS[(i + variant) % TEXTS.length]} (${i})`,
    date: i % 7 === 0 ? null : `2025-0${1 + (i % 9)}-1${i % 10}`,
    actor: i % 5 === 0 ? ['Mark Rutte', 'Андрій Сибіга'] : i % 3 === 0 ? 'Ірина Верещук' : i % 2 === 0 ? 'Volodymyr Zelensky' : 'Kaja Kallas',
    source: `Outlet ${(i + variant) % 4}`,
    kind: i % 4 === 0 ? 'report' : 'quote',
    ...(i % 6 === 0 ? { lang: 'uk' } : {}),
  }));
}

function run(store: Store, dir: string, day: string): void {
  ingest({ paths: [dir], corpusDir: dir, store, reference: reference(), now: () => new Date(`${day}T08:00:00Z`) });
}

describe('summary tables (migration 0010)', () => {
  it('stay exact through inserts, changed statements, gone statements and files, and their return', () => {
    const store = memoryStore();
    const dir = tempDir();
    dirs.push(dir);
    writeLines(dir, 'a.jsonl', corpus(60));
    writeLines(dir, 'b.jsonl', corpus(25, 2));
    run(store, dir, '2026-01-01');
    expect(store.catalog.stats().statements).toBeGreaterThan(70);
    expectExact(store);

    // Changed texts, speakers, sources and kinds; some lines dropped (their statements go).
    writeLines(dir, 'a.jsonl', corpus(60, 1).filter((_, i) => i % 4 !== 1).map((l, i) => (i % 3 === 0 ? { ...l, actor: 'Денис Шмигаль', kind: 'post' } : l)));
    run(store, dir, '2026-01-02');
    expectExact(store);

    // A whole file goes, then comes back unchanged: re-ingest brings its statements back.
    rmSync(join(dir, 'b.jsonl'));
    run(store, dir, '2026-01-03');
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM statements WHERE gone = 1').get()).not.toEqual({ n: 0 });
    expectExact(store);
    writeLines(dir, 'b.jsonl', corpus(25, 2));
    run(store, dir, '2026-01-04');
    expectExact(store);

    // The same files again: nothing changes, nothing drifts.
    run(store, dir, '2026-01-05');
    expectExact(store);
    store.close();
  });

  it('stay exact under writes made by hand in SQL (not only the writer)', () => {
    const store = memoryStore();
    const dir = tempDir();
    dirs.push(dir);
    writeLines(dir, 'a.jsonl', corpus(40));
    run(store, dir, '2026-01-01');
    const db = store.db;
    // Gone without removing its links (the writer removes them; a hand-made fix may not).
    db.prepare('UPDATE statements SET gone = 1 WHERE id IN (SELECT id FROM statements ORDER BY id LIMIT 5)').run();
    expectExact(store);
    db.prepare('UPDATE statements SET gone = 0 WHERE id IN (SELECT id FROM statements ORDER BY id LIMIT 2)').run();
    expectExact(store);
    db.prepare(`UPDATE statements SET kind = 'post', lang = 'uk', date_sort = '', source_name = 'Renamed' WHERE id % 3 = 0`).run();
    expectExact(store);
    db.prepare(`UPDATE documents SET source_name = 'Outlet X'`).run();
    expectExact(store);
    db.prepare(`DELETE FROM statement_actors WHERE role = 'mentioned'`).run();
    expectExact(store);
    db.prepare('DELETE FROM statements WHERE id % 4 = 1').run();
    expectExact(store);
    db.prepare('DELETE FROM documents').run();
    expectExact(store);
    expect(store.catalog.stats().statements).toBe(0);
    store.close();
  });

  it('are filled exactly for a database written before them', () => {
    const store = memoryStore();
    const dir = tempDir();
    dirs.push(dir);
    writeLines(dir, 'a.jsonl', corpus(50));
    writeLines(dir, 'b.jsonl', corpus(20, 3));
    run(store, dir, '2026-01-01');
    rmSync(join(dir, 'b.jsonl'));
    run(store, dir, '2026-01-02');
    const db = store.db;
    // Back to the schema before 0010, rows kept; then the migration runs on it.
    const name = (db.prepare(`SELECT name FROM schema_migrations WHERE name LIKE '%_summary_tables.sql'`).get() as { name: string }).name;
    for (const t of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'tallies_%' OR name LIKE 'actor_name_grams_%')`).all() as Array<{ name: string }>) {
      db.exec(`DROP TRIGGER ${t.name}`);
    }
    db.exec('DROP TABLE tallies; DROP TABLE actor_tallies; DROP TABLE topic_tallies; DROP TABLE actor_name_gram_terms; DROP TABLE actor_name_grams;');
    db.prepare('DELETE FROM schema_migrations WHERE name = ?').run(name);
    expect(migrate(db)).toEqual([name]);
    expectExact(store);
    expect(store.actors.find('Верещюк').suggestions.map((a) => a.canonical)).toContain('Iryna Vereshchuk');
    store.close();
  });
});
