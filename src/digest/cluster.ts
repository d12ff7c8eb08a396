// One item per thing said: translations of a statement, and the same quote reported by several
// outlets, become one item with "also reported by …"; the preferred language comes first.
import type { LanguagePref, Statement } from '../store/index.ts';
import { runSteps, type Steps } from '../steps.ts';

export interface DigestItem {
  primary: Statement;
  /** Other versions: translations and other outlets' reports of the same words. */
  also: Statement[];
}

/** Two quotes are one when their words (3+ letters) overlap this much (Jaccard). */
const TWIN_SIMILARITY = 0.5;

// A statement's word set is the same for every filter set a digest run composes: computed once.
const wordsOf = new WeakMap<Statement, string[]>();
function words(s: Statement): string[] {
  let found = wordsOf.get(s);
  if (!found) {
    found = [...new Set(s.text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])];
    wordsOf.set(s, found);
  }
  return found;
}

const isAttributedQuote = (s: Statement): boolean => s.kind === 'quote' && s.speakers.length > 0;

function jaccard(x: string[], y: Set<string>): number {
  let shared = 0;
  for (const w of x) if (y.has(w)) shared += 1;
  return shared / (x.length + y.size - shared || 1);
}

/** Items (a step per this many) between two chances for the event loop in a digest run. */
const ITEMS_PER_STEP = 400;

export function clusterItems(statements: Statement[], pref: LanguagePref, uiLang: 'en' | 'uk'): DigestItem[] {
  return runSteps(clusterItemsInSteps(statements, pref, uiLang));
}

export function* clusterItemsInSteps(statements: Statement[], pref: LanguagePref, uiLang: 'en' | 'uk'): Steps<DigestItem[]> {
  return yield* mergeTwins(groupTranslations(statements, pref, uiLang));
}

function groupTranslations(statements: Statement[], pref: LanguagePref, uiLang: 'en' | 'uk'): DigestItem[] {
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
  return items;
}

/**
 * The same quote from two outlets: each item folds into the earliest kept item it is similar to.
 * Comparing every pair took seconds for a week of a big archive, so candidates come from an
 * index (a prefix filter, exact for Jaccard): with each word set ordered rarest word first, two
 * sets with Jaccard ≥ t share a word among the first |x| − ⌈t·|x|⌉ + 1 of either; only items
 * sharing such a word (and the same speakers) are compared.
 */
function* mergeTwins(items: DigestItem[]): Steps<DigestItem[]> {
  // Rarest first, ties by spelling: one rank per word, so ordering a set compares numbers.
  const frequency = new Map<string, number>();
  for (const [index, item] of items.entries()) {
    if (isAttributedQuote(item.primary)) for (const w of words(item.primary)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    if (index % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
  }
  const rank = new Map([...frequency.keys()].sort((a, b) => (frequency.get(a) as number) - (frequency.get(b) as number) || (a < b ? -1 : 1)).map((w, i) => [w, i]));
  const prefixes = new Map<Statement, string[]>();
  const prefixOf = (s: Statement): string[] => {
    let prefix = prefixes.get(s);
    if (!prefix) {
      const all = words(s);
      const ranks = all.map((w) => rank.get(w) as number).sort((a, b) => a - b);
      const keep = all.length - Math.ceil(TWIN_SIMILARITY * all.length) + 1;
      const cut = ranks[keep - 1] as number;
      prefix = all.filter((w) => (rank.get(w) as number) <= cut);
      prefixes.set(s, prefix);
    }
    return prefix;
  };

  const merged: DigestItem[] = [];
  const wordSets: Array<Set<string> | undefined> = [];
  // Per speakers, per prefix word: the kept items (by position) whose prefix holds that word.
  const postings = new Map<string, Map<string, number[]>>();
  // The item each kept item was last looked at for: a candidate found through several words is compared once.
  const lastChecked: number[] = [];
  for (const [index, item] of items.entries()) {
    if (index % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    const s = item.primary;
    const twin = isAttributedQuote(s) ? findTwin(s, index) : undefined;
    if (twin !== undefined) {
      twin.also.push(item.primary, ...item.also);
      continue;
    }
    merged.push(item);
    if (!isAttributedQuote(s) || words(s).length === 0) continue;
    const at = merged.length - 1;
    wordSets[at] = new Set(words(s));
    const speakers = s.speakers.join();
    let byWord = postings.get(speakers);
    if (!byWord) postings.set(speakers, (byWord = new Map()));
    for (const w of prefixOf(s)) {
      const list = byWord.get(w);
      if (list) list.push(at);
      else byWord.set(w, [at]);
    }
  }
  return merged;

  function findTwin(s: Statement, index: number): DigestItem | undefined {
    const own = words(s);
    if (own.length === 0) return undefined;
    const byWord = postings.get(s.speakers.join());
    if (!byWord) return undefined;
    // Jaccard ≥ t needs t·|y| ≤ |x| ≤ |y|/t: a set of another size cannot be a twin.
    const fewest = TWIN_SIMILARITY * own.length;
    const most = own.length / TWIN_SIMILARITY;
    let best = -1;
    for (const w of prefixOf(s)) {
      for (const at of byWord.get(w) ?? []) {
        if (best !== -1 && at >= best) break;
        if (lastChecked[at] === index) continue;
        lastChecked[at] = index;
        const other = wordSets[at] as Set<string>;
        if (other.size < fewest || other.size > most) continue;
        // Same speakers by the index; twins come from different outlets.
        if ((merged[at] as DigestItem).primary.source !== s.source && jaccard(own, other) >= TWIN_SIMILARITY) best = at;
      }
    }
    return best === -1 ? undefined : merged[best];
  }
}
