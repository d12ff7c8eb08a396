// One person, one key in any script: a speaker met once is found by either spelling.
import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/corpus/names.ts';
import { openDatabase } from '../../src/store/db.ts';
import { loadMigrations, migrate } from '../../src/store/migrate.ts';
import { memoryStore } from '../helpers/store.ts';

describe('actor keys across scripts', () => {
  it.each([
    ['Dmitry Peskov', 'Пєсков'], ['Дмитро Пєсков', 'Peskov'], ['Kaja Kallas', 'Каллас'], ['Кая Каллас', 'Kallas'],
    ['Andriy Yermak', 'Єрмак'], ['Руслан Стефанчук', 'Stefanchuk'], ['Дмитро Лубінець', 'Lubinets'],
  ])('a speaker stored as %s is found by %s', (stored, query) => {
    const store = memoryStore();
    const id = store.actors.resolveOrCreate(stored);
    expect(store.actors.find(query).matches.map((a) => a.id)).toContain(id);
  });

  it('a person met in Cyrillic keeps that name as the Ukrainian name', () => {
    const store = memoryStore();
    expect(store.actors.byId(store.actors.resolveOrCreate('Кая Каллас'))?.nameUk).toBe('Кая Каллас');
    expect(store.actors.byId(store.actors.resolveOrCreate('Keith Kellogg'))?.nameUk).toBeNull();
  });

  it('migration 0005 re-keys aliases stored under the old folding', () => {
    const db = openDatabase(':memory:');
    migrate(db, loadMigrations().filter((m) => m.name < '0005'));
    db.prepare("INSERT INTO actors (id, canonical) VALUES (1, 'Дмитро Пєсков')").run();
    db.prepare("INSERT INTO actor_aliases (actor_id, alias, name_key) VALUES (1, 'Дмитро Пєсков', 'dmitro pieskov')").run();
    migrate(db);
    expect(db.prepare('SELECT name_key AS k FROM actor_aliases').get()).toEqual({ k: nameKey('Дмитро Пєсков') });
    expect(nameKey('Дмитро Пєсков')).toBe('dmitro peskov');
    db.close();
  });
});
