// One item per thing said: translations of a statement, and the same quote reported by several
// outlets, become one item with "also reported by …"; the preferred language comes first.
import type { LanguagePref, Statement } from '../store/index.ts';

export interface DigestItem {
  primary: Statement;
  /** Other versions: translations and other outlets' reports of the same words. */
  also: Statement[];
}

const wordSet = (s: string): Set<string> => new Set((s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []));

function similar(a: Statement, b: Statement): boolean {
  if (a.kind !== 'quote' || b.kind !== 'quote') return false;
  if (a.speakers.join() !== b.speakers.join() || a.speakers.length === 0 || a.source === b.source) return false;
  const x = wordSet(a.text);
  const y = wordSet(b.text);
  let shared = 0;
  for (const w of x) if (y.has(w)) shared += 1;
  return shared / (x.size + y.size - shared || 1) >= 0.5;
}

export function clusterItems(statements: Statement[], pref: LanguagePref, uiLang: 'en' | 'uk'): DigestItem[] {
  const wanted = (s: Statement): boolean => pref === 'both' || s.lang === pref;
  const first = pref === 'both' ? uiLang : pref;
  const byId = new Map(statements.map((s) => [s.id, s]));
  const used = new Set<number>();
  const items: DigestItem[] = [];
  for (const s of statements) {
    if (used.has(s.id)) continue;
    const groupIds = [s.id, ...(s.translationOf ? [s.translationOf] : []), ...s.translations];
    const group = [...new Set(groupIds)].map((id) => byId.get(id)).filter((x): x is Statement => x !== undefined);
    for (const g of group) used.add(g.id);
    const versions = group.filter(wanted);
    if (versions.length === 0) continue;
    versions.sort((a, b) => Number(b.lang === first) - Number(a.lang === first));
    const [primary, ...rest] = versions as [Statement, ...Statement[]];
    items.push({ primary, also: rest });
  }
  // The same quote from two outlets: fold the later into the earlier.
  const merged: DigestItem[] = [];
  for (const item of items) {
    const twin = merged.find((m) => similar(m.primary, item.primary));
    if (twin) twin.also.push(item.primary, ...item.also);
    else merged.push(item);
  }
  return merged;
}
