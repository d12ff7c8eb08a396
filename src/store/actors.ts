// Actors and their aliases: every spelling stored with its folded key, so a name in any script is
// one indexed lookup; unknown names met in sources become actors of their own.
import type { ActorEntry } from '../corpus/actors.ts';
import { nameKey } from '../corpus/names.ts';
import { isTitleWord } from '../corpus/person-spans.ts';
import type { Db } from './db.ts';
import { createNameIndex } from './name-index.ts';

/** People named by a common first name ("Olena"): only so many are loaded and ranked. */
const MAX_WORD_MATCHES = 200;

export interface Actor {
  id: number;
  canonical: string;
  nameUk: string | null;
  role: string | null;
  country: string | null;
}

interface ActorRow {
  id: number;
  canonical: string;
  name_uk: string | null;
  role: string | null;
  country: string | null;
}

export const toActor = (r: ActorRow): Actor => ({ id: r.id, canonical: r.canonical, nameUk: r.name_uk, role: r.role, country: r.country });

export function createActorStore(db: Db) {
  const insertActorQuery = db.prepare(
    `INSERT INTO actors (canonical, name_uk, role, country, from_table) VALUES (@canonical, @nameUk, @role, @country, @fromTable)
     ON CONFLICT (canonical) DO UPDATE SET name_uk = excluded.name_uk, role = excluded.role, country = excluded.country,
       from_table = MAX(from_table, excluded.from_table)
     RETURNING id`,
  );
  const insertAliasQuery = db.prepare(
    'INSERT OR IGNORE INTO actor_aliases (actor_id, alias, name_key) VALUES (?, ?, ?)',
  );
  const byKeyOutsideTableQuery = db.prepare(
    `SELECT a.* FROM actor_aliases k JOIN actors a ON a.id = k.actor_id WHERE k.name_key = ? AND a.from_table = 0 ORDER BY a.id LIMIT 1`,
  );
  const byKeyQuery = db.prepare(
    `SELECT a.* FROM actor_aliases k JOIN actors a ON a.id = k.actor_id WHERE k.name_key = ?
     ORDER BY a.from_table DESC, a.id LIMIT 1`,
  );
  const byIdQuery = db.prepare('SELECT * FROM actors WHERE id = ?');
  const exactQuery = db.prepare('SELECT actor_id AS actorId FROM actor_aliases WHERE name_key = ?');
  // Counts from the summary table (migration 0010): one row per person, not a count of their statements.
  const countQuery = db.prepare('SELECT COALESCE((SELECT spoke FROM actor_tallies WHERE actor_id = ?), 0)').pluck();
  const names = createNameIndex(db);
  const aliasesOfQuery = db.prepare('SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias');

  const tableAliasesQuery = db.prepare(
    'SELECT k.actor_id AS actorId, k.name_key AS nameKey FROM actor_aliases k JOIN actors a ON a.id = k.actor_id WHERE a.from_table = 1',
  );
  // The table's aliases change only in syncTable: keep them in memory for ingest's lookups.
  let tableAliases: Array<{ actorId: number; nameKey: string }> | null = null;

  // One-word aliases of table people that are not theirs alone ("Yun", "Jung"): a source naming only
  // that word means someone else unless the article resolved it (the extractor passes the full name then).
  const sharedSurnameKeys = new Set<string>();

  // Ingest asks the same names again and again: remember answers (ids never change meaning).
  const idByName = new Map<string, number>();
  const aliasesById = new Map<number, string[]>();
  const MAX_CACHED = 200_000;

  function addAlias(actorId: number, alias: string): void {
    const key = nameKey(alias);
    if (key) insertAliasQuery.run(actorId, alias, key);
    aliasesById.delete(actorId);
  }

  return {
    /** Loads data/actors.json into the tables (idempotent). */
    syncTable(entries: ActorEntry[]): void {
      db.transaction(() => {
        for (const e of entries) {
          const { id } = insertActorQuery.get({
            canonical: e.canonical, nameUk: e.uk ?? null, role: e.role ?? null, country: e.country ?? null, fromTable: 1,
          }) as { id: number };
          for (const alias of [e.canonical, ...(e.uk ? [e.uk] : []), ...e.aliases]) {
            addAlias(id, alias);
            if (!e.surnameAlone && !/\s/.test(alias.trim())) sharedSurnameKeys.add(nameKey(alias));
          }
        }
      })();
      tableAliases = null;
      idByName.clear();
    },

    /** The actor a name in a source refers to, created when nobody by that key exists. */
    resolveOrCreate(name: string): number {
      const known = idByName.get(name);
      if (known !== undefined) return known;
      const id = this.resolveOrCreateUncached(name);
      if (idByName.size >= MAX_CACHED) idByName.clear();
      idByName.set(name, id);
      return id;
    },

    resolveOrCreateUncached(name: string): number {
      const key = nameKey(name);
      const found = (sharedSurnameKeys.has(key) ? byKeyOutsideTableQuery.get(key) : byKeyQuery.get(key)) as ActorRow | undefined;
      if (found) return found.id;
      // "President Zelensky": a known alias inside a longer name is that person — when the other
      // words are titles. "Melania Trump" and "Carl Jung" are other people.
      const words = new Set(key.split(' '));
      const titleKeys = new Set(name.split(/\s+/).filter(isTitleWord).map(nameKey));
      tableAliases ??= tableAliasesQuery.all() as Array<{ actorId: number; nameKey: string }>;
      const inside = tableAliases
        .filter((a) => {
          const aliasWords = a.nameKey.split(' ');
          return aliasWords.every((w) => words.has(w)) && [...words].every((w) => aliasWords.includes(w) || titleKeys.has(w));
        })
        .sort((a, b) => b.nameKey.length - a.nameKey.length)[0];
      if (inside && inside.nameKey.length >= 4 && !sharedSurnameKeys.has(inside.nameKey)) return inside.actorId;
      // A name met in Cyrillic is also its Ukrainian display name.
      const nameUk = /\p{Script=Cyrillic}/u.test(name) ? name.trim() : null;
      const { id } = insertActorQuery.get({ canonical: name.trim(), nameUk, role: null, country: null, fromTable: 0 }) as { id: number };
      addAlias(id, name);
      // The surname alone finds them too ("Vereshchuk" for "Ірина Верещук").
      const parts = name.trim().split(/\s+/);
      const last = parts[parts.length - 1];
      if (parts.length > 1 && last && last.length >= 4) addAlias(id, last);
      return id;
    },

    byId(id: number): Actor | undefined {
      const row = byIdQuery.get(id) as ActorRow | undefined;
      return row ? toActor(row) : undefined;
    },

    aliasesOf(id: number): string[] {
      const cached = aliasesById.get(id);
      if (cached) return cached;
      const aliases = (aliasesOfQuery.all(id) as Array<{ alias: string }>).map((r) => r.alias);
      if (aliasesById.size >= MAX_CACHED) aliasesById.clear();
      aliasesById.set(id, aliases);
      return aliases;
    },

    /**
     * Actors a user's words name: exact key first, then aliases containing every word, then
     * close spellings (edit distance) as suggestions.
     */
    find(query: string): { matches: Actor[]; suggestions: Actor[] } {
      const key = nameKey(query);
      if (!key) return { matches: [], suggestions: [] };
      const load = (ids: Iterable<number>): Actor[] =>
        [...new Set(ids)].map((id) => toActor(byIdQuery.get(id) as ActorRow));
      // 1. One indexed lookup: the usual case.
      const exact = (exactQuery.all(key) as Array<{ actorId: number }>).map((r) => r.actorId);
      if (exact.length > 0) return { matches: load(exact), suggestions: [] };
      // 2. Keys holding every word ("volodymyr" in "volodymyr zelensky"): the trigram index.
      const containing = names.holdingWords(key.split(' ')).map((a) => a.actorId);
      if (containing.length > 0) return { matches: load([...new Set(containing)].slice(0, MAX_WORD_MATCHES)), suggestions: [] };
      // 3. Close spellings, as suggestions: candidates from the trigram index, compared by edit distance.
      return { matches: [], suggestions: load(names.closest(key)) };
    },

    /** How often each of these people spoke and was mentioned (for ordering namesakes). */
    countsOf(ids: number[]): Map<number, number> {
      const out = new Map<number, number>();
      for (const id of ids.slice(0, 50)) out.set(id, countQuery.get(id) as number);
      return out;
    },
  };
}

export type ActorStore = ReturnType<typeof createActorStore>;
