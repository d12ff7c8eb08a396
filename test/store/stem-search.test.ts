// Search by stems: every inflected form of a Ukrainian noun finds the same statements; a longer
// word that merely starts like another (активізувати) is not a hit; an outlet's name is not text;
// a finished word is not a prefix; a translated pair is one result, in the reader's language.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import { createStore, type Store } from '../../src/store/index.ts';
import { memoryStore, reference, seededStore, tempDir } from '../helpers/store.ts';

const NOUNS: Record<string, string[]> = {
  санкція: ['санкція', 'санкції', 'санкцій', 'санкціям', 'санкціями', 'санкціях', 'санкцію', 'санкцією'],
  актив: ['актив', 'активу', 'активи', 'активів', 'активам', 'активами', 'активах', 'активом'],
  рада: ['рада', 'ради', 'раді', 'раду', 'радою'],
  переговори: ['переговори', 'переговорів', 'переговорам', 'переговорами', 'переговорах'],
  ракета: ['ракета', 'ракети', 'ракеті', 'ракету', 'ракетою', 'ракет', 'ракетами', 'ракетах'],
  зброя: ['зброя', 'зброї', 'зброю', 'зброєю'],
  гарантія: ['гарантія', 'гарантії', 'гарантій', 'гарантіям', 'гарантіями', 'гарантіях', 'гарантію'],
  відбудова: ['відбудова', 'відбудови', 'відбудові', 'відбудову', 'відбудовою'],
  дрон: ['дрон', 'дрона', 'дрону', 'дрони', 'дронів', 'дронам', 'дронами', 'дронах', 'дроном'],
  обстріл: ['обстріл', 'обстрілу', 'обстріли', 'обстрілів', 'обстрілами', 'обстрілах', 'обстрілом'],
};

let store: Store;
const idsOf = new Map<string, Set<number>>();

beforeAll(() => {
  store = memoryStore();
  const dir = tempDir();
  const lines: string[] = [];
  for (const [noun, forms] of Object.entries(NOUNS)) {
    forms.forEach((form, i) => lines.push(JSON.stringify({ id: `${noun}-${i}`, text: `Речення номер ${i}: тут ${form} стоїть посередині.`, date: '2026-01-05', lang: 'uk' })));
  }
  lines.push(JSON.stringify({ id: 'activate', text: 'Треба активізувати роботу партнерів.', date: '2026-01-05', lang: 'uk' }));
  lines.push(JSON.stringify({ id: 'source-x', text: 'We spoke with partners today.', date: '2026-01-05', source: 'Zelensky on X', lang: 'en' }));
  lines.push(JSON.stringify({ id: 'both', text: 'Both sides agreed to meet again.', date: '2026-01-05', lang: 'en' }));
  writeFileSync(join(dir, 'forms.jsonl'), lines.join('\n'));
  ingest({ paths: [dir], corpusDir: dir, store, reference: reference(), now: () => new Date('2026-01-06T00:00:00Z') });
  const rows = store.db.prepare('SELECT id, external_id AS ext FROM statements').all() as Array<{ id: number; ext: string }>;
  for (const r of rows) {
    const noun = r.ext.split('#').pop()?.replace(/^id:/, '').replace(/-\d+$/, '') ?? '';
    if (!idsOf.has(noun)) idsOf.set(noun, new Set());
    idsOf.get(noun)?.add(r.id);
  }
});

const found = (q: string): number[] => store.statements.searchIds(q).ids.sort((a, b) => a - b);

describe('Ukrainian inflection', () => {
  it.each(Object.entries(NOUNS))('every form of %s finds every statement with any of its forms, and nothing else', (noun, forms) => {
    const expected = [...(idsOf.get(noun) ?? [])].sort((a, b) => a - b);
    expect(expected).toHaveLength(forms.length);
    for (const form of forms) expect(found(form), form).toEqual(expected);
  });

  it('активи finds no statement without a form of актив (not активізувати)', () => {
    const activate = [...(idsOf.get('activate') ?? [])];
    expect(activate).toHaveLength(1);
    for (const form of ['активи', 'активів', 'актив']) expect(found(form)).not.toContain(activate[0]);
    expect(found('активізувати')).toEqual(activate);
  });

  it('a quoted word or phrase is matched exactly, without stemming', () => {
    expect(found('"санкціями"')).toHaveLength(1);
    expect(found('"тут санкції стоїть"')).toHaveLength(1);
    expect(found('"санкції тут"')).toHaveLength(0);
  });
});

describe('what is not a hit', () => {
  it('a word only in the source name does not match ("x" vs "on X")', () => {
    expect(found('x')).toEqual([]);
    expect(found('zelensky')).toEqual([]);
  });

  it('a finished word is not a prefix ("hello bot" vs "both"); a word being typed is', () => {
    expect(found('bot')).toEqual([]);
    expect(found('hello bot')).toEqual([]);
    expect(store.statements.searchIds('bot', { typing: true }).ids).toHaveLength(1);
  });
});

describe('translated pairs', () => {
  it('shows a pair once, in the reader language, whichever version matched', () => {
    const seeded = seededStore();
    const en = seeded.statements.searchIds('North Korean troops', { lang: 'en' }).ids;
    const uk = seeded.statements.searchIds('North Korean troops', { lang: 'uk' }).ids;
    expect(en.length).toBeGreaterThan(0);
    expect(uk).toHaveLength(en.length);
    const byId = (id: number) => seeded.statements.byId(id);
    // The first English hit has a Ukrainian version; the Ukrainian reader gets that one instead.
    const pairEn = en.map(byId).find((s) => s && s.translations.length + (s.translationOf ? 1 : 0) > 0);
    expect(pairEn?.lang).toBe('en');
    const pairUk = uk.map(byId).find((s) => s && (s.translationOf === pairEn?.id || pairEn?.translations.includes(s.id) || s.translations.includes(pairEn?.id ?? -1)));
    expect(pairUk?.lang).toBe('uk');
    expect(uk).not.toContain(pairEn?.id);
    // A Ukrainian query finds the English version for an English reader.
    const fromUk = seeded.statements.searchIds('північнокорейських військових', { lang: 'en' }).ids.map(byId);
    expect(fromUk.length).toBeGreaterThan(0);
    expect(fromUk.some((s) => s?.lang === 'en')).toBe(true);
  });
});

describe('across scripts', () => {
  it('a Cyrillic place name also finds its Latin spelling (Курськ → Kursk)', () => {
    const seeded = seededStore();
    const kursk = seeded.statements.searchIds('Kursk').ids;
    expect(kursk.length).toBeGreaterThan(0);
    expect(seeded.statements.searchIds('Курськ').ids.sort()).toEqual([...kursk].sort());
  });
});

describe('migration rebuild', () => {
  it('rebuilds queued search rows with stems when the store opens', () => {
    const seeded = seededStore();
    const before = seeded.statements.searchIds('військовими').ids.length;
    expect(before).toBeGreaterThan(0);
    seeded.db.exec('DELETE FROM statements_fts; INSERT INTO search_rebuild_queue (statement_id) SELECT id FROM statements');
    expect(seeded.statements.searchIds('військовими').ids).toHaveLength(0);
    const reopened = createStore(seeded.db, { actors: reference().actors, tagger: reference().tagger });
    expect(reopened.statements.searchIds('військовими').ids).toHaveLength(before);
    expect((seeded.db.prepare('SELECT count(*) AS n FROM search_rebuild_queue').get() as { n: number }).n).toBe(0);
  });
});
