// Which new statements a subscriber's filters let through. Topics and people are what the chat
// follows (a statement on any followed topic OR involving any followed person); keywords and
// language narrow that down. Empty lists mean "everything".
import { foldText } from '../corpus/names.ts';
import type { Filters, Statement } from '../store/index.ts';

export interface ActorNames {
  /** Canonical names of the followed actor ids (statements carry names, filters carry ids). */
  namesOf(ids: number[]): string[];
}

const hasWord = (folded: string, keyword: string): boolean => {
  const k = foldText(keyword).trim();
  if (!k) return false;
  const escaped = k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, 'u').test(folded);
};

export function matchesFilters(s: Statement, filters: Filters, followedNames: string[]): boolean {
  const follows = filters.topics.length > 0 || followedNames.length > 0;
  if (follows) {
    const onTopic = s.topics.some((t) => filters.topics.includes(t));
    const byPerson = [...s.speakers, ...s.mentioned].some((n) => followedNames.includes(n));
    if (!onTopic && !byPerson) return false;
  }
  const folded = foldText(`${s.title ?? ''} ${s.text} ${s.speakers.join(' ')}`);
  if (filters.include.length > 0 && !filters.include.some((k) => hasWord(folded, k))) return false;
  if (filters.exclude.some((k) => hasWord(folded, k))) return false;
  return true;
}

/** A key equal for chats with the same filters, so they share one built digest. */
export function filterKey(filters: Filters): string {
  const sorted = (xs: Array<string | number>): Array<string | number> => [...xs].sort();
  return JSON.stringify([sorted(filters.topics), sorted(filters.actors), sorted(filters.include.map((k) => foldText(k))), sorted(filters.exclude.map((k) => foldText(k))), filters.languagePref]);
}
