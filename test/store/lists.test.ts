// A person's list (/actor) pages through their statements newest first, as speaker only or in any
// role; the any-role list merges the two roles' index ranges and must equal plain SQL over both.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { seededStore } from '../helpers/store.ts';

function allPages(store: Store, actorId: number, role: 'speaker' | 'any', size: number): number[] {
  const ids: number[] = [];
  for (let cursor: string | null = null; ;) {
    const page = store.statements.byActor(actorId, size, cursor, role);
    ids.push(...page.items.map((s) => s.id));
    if (!page.next) return ids;
    cursor = page.next;
  }
}

describe('lists by person', () => {
  it('pages through every role newest first, the same as plain SQL, for people who speak and are mentioned', () => {
    const store = seededStore();
    const people = store.db.prepare(
      `SELECT actor_id AS id FROM statement_actors GROUP BY actor_id
       HAVING SUM(role = 'speaker') > 0 AND SUM(role = 'mentioned') > 0 ORDER BY COUNT(*) DESC LIMIT 5`,
    ).pluck().all() as number[];
    expect(people.length).toBeGreaterThan(0);
    const expected = store.db.prepare(
      `SELECT s.id FROM statements s WHERE s.gone = 0 AND s.id IN (SELECT statement_id FROM statement_actors WHERE actor_id = ? AND role = ?)
       ORDER BY s.date_sort DESC, s.id DESC`,
    ).pluck();
    const anyRole = store.db.prepare(
      `SELECT l.statement_id FROM statement_actors l JOIN statements s ON s.id = l.statement_id
       WHERE l.actor_id = ? AND s.gone = 0 ORDER BY l.date_sort DESC, l.statement_id DESC`,
    ).pluck();
    for (const id of people) {
      expect(allPages(store, id, 'speaker', 3), `speaker ${id}`).toEqual(expected.all(id, 'speaker'));
      expect(allPages(store, id, 'any', 3), `any ${id}`).toEqual(anyRole.all(id));
    }
  });
});
