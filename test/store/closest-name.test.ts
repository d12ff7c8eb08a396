// An unknown /actor name is looked up through the trigram index of migration 0010, not by comparing
// it with every alias: it must still find the right person for misspellings in either script, and
// agree with the full comparison it replaced.
import { describe, expect, it } from 'vitest';
import { editDistance, nameKey } from '../../src/corpus/names.ts';
import type { Store } from '../../src/store/index.ts';
import { trigramsOf } from '../../src/store/name-index.ts';
import { memoryStore } from '../helpers/store.ts';
import { prng } from '../../bench/synth.ts';

/** The scan the index replaced (actors.ts before 0010): every alias key compared with the user's. */
function scanClosest(store: Store, key: string): Map<number, number> {
  const aliases = store.db.prepare('SELECT actor_id AS actorId, name_key AS nameKey FROM actor_aliases').all() as Array<{ actorId: number; nameKey: string }>;
  const limit = key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
  const scored = new Map<number, number>();
  for (const a of aliases) {
    const d = Math.min(...[a.nameKey, ...a.nameKey.split(' ')].map((c) => editDistance(key, c, limit)));
    const prefix = a.nameKey.split(' ').some((p) => key.length >= 3 && p.startsWith(key));
    const score = prefix ? 0 : d <= limit ? d : Infinity;
    if (score < (scored.get(a.actorId) ?? Infinity)) scored.set(a.actorId, score);
  }
  return new Map([...scored].filter(([, s]) => s !== Infinity));
}

const suggested = (store: Store, query: string): string[] => store.actors.find(query).suggestions.map((a) => a.canonical);

describe('closest names through the trigram index', () => {
  it.each([
    ['Zelemsky', 'Volodymyr Zelensky'], ['Zelnsky', 'Volodymyr Zelensky'], ['Зелеський', 'Volodymyr Zelensky'],
    ['Будонов', 'Kyrylo Budanov'], ['Верещюк', 'Iryna Vereshchuk'], ['Vereschuk', 'Iryna Vereshchuk'],
    ['Putn', 'Vladimir Putin'], ['Путн', 'Vladimir Putin'], ['Shmyhel', 'Denys Shmyhal'], ['Шмигль', 'Denys Shmyhal'],
  ])('%s suggests %s', (query, person) => {
    const store = memoryStore();
    expect(store.actors.find(query).matches).toEqual([]);
    expect(suggested(store, query)).toContain(person);
  });

  it('finds people met in sources after the index was built, in either script', () => {
    const store = memoryStore();
    const olena = store.actors.resolveOrCreate('Олена Коваленко17');
    const ivan = store.actors.resolveOrCreate('Ivan Tkachenko204');
    const ids = (q: string) => store.actors.find(q).suggestions.map((a) => a.id);
    expect(ids('Коваленко71')).toContain(olena);
    expect(ids('Kovalenco17')).toContain(olena);
    expect(ids('Ткаченк204')).toContain(ivan);
    expect(ids('Tkachenko240')).toContain(ivan);
  });

  it('a key holding every word of the query is a match, in any order', () => {
    const store = memoryStore();
    expect(store.actors.find('Zelensky Volodymyr').matches.map((a) => a.canonical)).toEqual(['Volodymyr Zelensky']);
    expect(store.actors.find('Volodymyr').matches.map((a) => a.canonical)).toContain('Volodymyr Zelensky');
  });

  it('agrees with the full comparison on single-letter misspellings of every known alias', () => {
    const store = memoryStore();
    const random = prng(13);
    const keys = [...new Set((store.db.prepare('SELECT name_key AS k FROM actor_aliases').all() as Array<{ k: string }>).map((r) => r.k))];
    let checked = 0;
    for (const key of keys) {
      if (key.length < 5) continue;
      const at = 1 + Math.floor(random() * (key.length - 2));
      const letter = 'aeioukrstn'[Math.floor(random() * 10)] as string;
      const typo = nameKey(key.slice(0, at) + letter + key.slice(at + 1));
      if (!typo || store.actors.find(typo).matches.length > 0) continue;
      const scan = scanClosest(store, typo);
      const best = Math.min(...scan.values());
      const bestIds = [...scan].filter(([, s]) => s === best).map(([id]) => id);
      const found = store.actors.find(typo).suggestions.map((a) => a.id);
      if (bestIds.length <= found.length) for (const id of bestIds) expect(found, typo).toContain(id);
      else expect(found.every((id) => bestIds.includes(id)), typo).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('reads FTS syntax in a name as letters', () => {
    const store = memoryStore();
    for (const q of ['"', 'NEAR(x y)', '-Putin*', 'names:Putin', 'a"b', '* OR *', '"Zelensky']) expect(() => store.actors.find(q)).not.toThrow();
    expect(store.actors.find('"Zelemsky*').suggestions.map((a) => a.canonical)).toContain('Volodymyr Zelensky');
  });

  it('trigrams mark where words start and end', () => {
    expect(trigramsOf('kim jong')).toEqual([' ki', 'kim', 'im ', ' jo', 'jon', 'ong', 'ng ']);
    expect(trigramsOf('a')).toEqual([' a ']);
  });
});
