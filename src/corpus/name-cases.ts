// Ukrainian names decline (Сибіга → Сибіги, Сибізі, Сибігою; Лубінець → Лубінця). A speaker is
// stored under the nominative, so a form met in an oblique case is turned back: candidate
// nominatives are made by swapping case endings, and one is accepted only when the shevchenko
// library, declining it, produces the form that was met.
import { createRequire } from 'node:module';
import { isGivenName } from './given-names.ts';

type Part = 'firstName' | 'lastName';
type Gender = 'male' | 'female';
type Shevchenko = typeof import('shevchenko');

// Loaded on the first Ukrainian oblique form, not at import: the library's tables cost ~80 MB of
// memory, and a JSONL import or the bot's search never needs them.
let shevchenko: { lib: Shevchenko; decliners: Array<Shevchenko['inGenitive']> } | null = null;
function library(): NonNullable<typeof shevchenko> {
  if (!shevchenko) {
    const lib = createRequire(import.meta.url)('shevchenko') as Shevchenko;
    shevchenko = { lib, decliners: [lib.inGenitive, lib.inDative, lib.inAccusative, lib.inAblative, lib.inLocative] };
  }
  return shevchenko;
}

/** Case endings that may end an oblique form, longest first, with the nominative endings they replace. */
const ENDINGS: Array<[string, string[]]> = [
  ['ського', ['ський']], ['ському', ['ський']], ['ським', ['ський']], ['ській', ['ська', 'ський']], ['ської', ['ська']], ['ською', ['ська']],
  ['цького', ['цький']], ['цькому', ['цький']], ['цьким', ['цький']],
  ['ого', ['ий', 'ій']], ['ому', ['ий', 'ій']], ['ої', ['а']], ['ою', ['а', '']], ['ею', ['я', 'ь', '']], ['єю', ['я']],
  ['ові', ['', 'о', 'ь']], ['еві', ['', 'ь']], ['єві', ['й']], ['ом', ['', 'о']], ['ем', ['', 'ь']], ['єм', ['й']],
  ['им', ['ий']], ['ім', ['ій', 'ий']],
  ['а', ['', 'о']], ['я', ['ь', 'й', '']], ['у', ['', 'а', 'о']], ['ю', ['ь', 'й', 'я']], ['і', ['а', 'я', '', 'ь']], ['ї', ['я', 'й']],
  ['и', ['а']], ['і', ['а']], ['ій', ['а']],
];

const cache = new Map<string, string>();
const MAX_CACHED = 20_000;

function declinesTo(candidate: string, form: string, part: Part, genders: Gender[]): boolean {
  const { lib, decliners } = library();
  for (const gender of genders) {
    for (const decline of decliners) {
      try {
        const out = decline({ gender: gender === 'male' ? lib.Gender.Male : lib.Gender.Female, [part]: candidate });
        if (out[part] === form) return true;
      } catch {
        // The library refuses some inputs; such a candidate is simply not confirmed.
      }
    }
  }
  return false;
}

/** Softened stems gain back a vowel: Лубінц-я → Лубінець, Кравц-я → Кравець. */
function withFleetingVowel(stem: string): string[] {
  if (stem.length < 3) return [];
  return [`${stem.slice(0, -1)}е${stem.slice(-1)}ь`, `${stem.slice(0, -1)}е${stem.slice(-1)}`, `${stem.slice(0, -1)}о${stem.slice(-1)}`];
}

const CONSONANT = '[бвгґджзйклмнпрстфхцчшщ]';
/** Shapes no Ukrainian nominative has: a consonant cluster before ь, й after a consonant, оь/оя. */
const IMPOSSIBLE_ENDING = new RegExp(`(${CONSONANT}${CONSONANT}ь|${CONSONANT}й|о[ья])$`, 'u');

/**
 * Candidate nominatives of a Cyrillic name form met in the text, each confirmed by declension;
 * the form itself is not included. `gender` narrows the check when known.
 */
export function nominativeCandidates(form: string, part: Part, gender: Gender | null = null): string[] {
  // Declension runs a small neural network inside the library: remember every answer.
  const key = `${part}|${gender ?? ''}|${form}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached ? cached.split('|') : [];
  const found = confirmedCandidates(form, part, gender);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, found.join('|'));
  return found;
}

function confirmedCandidates(form: string, part: Part, gender: Gender | null): string[] {
  const lower = form.toLowerCase();
  const genders: Gender[] = gender ? [gender] : ['male', 'female'];
  const out: string[] = [];
  for (const [ending, replacements] of ENDINGS) {
    if (!lower.endsWith(ending) || lower.length - ending.length < 2) continue;
    const stem = form.slice(0, form.length - ending.length);
    const candidates = [...replacements.map((r) => stem + r), ...withFleetingVowel(stem)];
    for (const candidate of candidates) {
      if (candidate === form || out.includes(candidate) || IMPOSSIBLE_ENDING.test(candidate.toLowerCase())) continue;
      if (declinesTo(candidate, form, part, genders)) out.push(candidate);
    }
  }
  return out;
}

/**
 * The nominative of a name form. `preferred` are forms met in the same article in the nominative
 * (as the subject of a verb): a confirmed candidate among them wins. Otherwise, when the form
 * stands where the grammar needs an oblique case (`oblique`), the first confirmed candidate;
 * else the form as written (a name the engine cannot normalise is kept, never dropped).
 */
export function toNominative(
  form: string,
  options: { part?: Part; gender?: Gender | null; oblique?: boolean; preferred?: ReadonlySet<string> } = {},
): string {
  if (!/\p{Script=Cyrillic}/u.test(form)) return form;
  const part = options.part ?? 'lastName';
  if (options.preferred?.has(form)) return form;
  const candidates = nominativeCandidates(form, part, options.gender ?? null);
  const known = candidates.find((c) => options.preferred?.has(c)) ?? (part === 'firstName' ? candidates.find((c) => isGivenName(c) !== null) : undefined);
  if (known) return known;
  if (options.oblique && candidates.length > 0) return candidates[0] as string;
  return form;
}
