// People named in a piece of text: table actors, and any other capitalised name that a cue marks
// as a person (a given name, an honorific, an office before it). Titles are kept apart from the
// name ("French President Emmanuel Macron" → name "Emmanuel Macron", titles "french president").
import type { ActorMatcher } from './actors.ts';
import { isGivenName } from './given-names.ts';
import {
  CYRILLIC_BODY_STEMS, CYRILLIC_ROLE_STEMS, ENGLISH_ROLE_NOUNS, HONORIFICS, NATIONALITY_WORDS, NOT_A_NAME,
} from './lexicon/people-words.ts';

export type Gender = 'male' | 'female';
export type Cue = 'table' | 'given' | 'honorific' | 'role' | 'none';

export interface PersonSpan {
  start: number;
  end: number;
  /** The name as written, titles removed. */
  name: string;
  tokens: string[];
  /** Office and title words written with the name (lower case): "kremlin spokesman". */
  titles: string[];
  table: string | null;
  cue: Cue;
  possessive: boolean;
  gender: Gender | null;
}

const ROLE_NOUNS = new Set(ENGLISH_ROLE_NOUNS);
const NATIONALITY = new Set(NATIONALITY_WORDS);

const PREPOSITION_BEFORE = new Set(['of', 'from', 'in', 'at', 'for', 'to', 'by', 'with', 'з', 'із', 'зі', 'від', 'у', 'в', 'до', 'на', 'для']);
/** Cyrillic adjective endings: "Херсонської", "Київського" qualify a body or place after an office. */
const ADJECTIVE_FORM = /(ськ|цьк|зьк|івськ|инськ)(ого|ої|ому|ій|им|ою|их|ий|а|е|і)$|(ного|ної|ному|них)$/u;
const GENITIVE_BODY = /^\p{Script=Cyrillic}+(ії|ї|ини|ики|ки|ци|ці|ти|ди|ни|ри|ли|ми|ви)$/u;
const ABBREVIATED_TITLE = /^(Lt|Gen|Col|Maj|Sgt|Capt|Cpt|Adm|Cmdr|Rep|Sen|Gov|Prof|Amb|Pres|Sec|Dep|St)\.$/;
const TOKEN = String.raw`\p{Lu}(?:[\p{L}'’ʼ-]|\.(?=\p{Lu}))*\.?`;
const PARTICLE = String.raw`(?:von|van|der|den|de|da|di|du|la|le|bin|al|ibn|dos|del)`;
const RUN = new RegExp(String.raw`(?<![\p{L}\p{N}_])${TOKEN}(?:[\s\u00a0]+(?:${PARTICLE}[\s\u00a0]+)*${TOKEN})*`, 'gu');

const bare = (token: string): string => token.replace(/['’ʼ]s$/u, '').replace(/\.$/, '').toLowerCase();

export { isGivenName };

/** Lower-case words that name an office: "spokesman", "міністр", "речниця", "глава". */
/** An office, honorific or nationality written before a name ("President", "Mr", "Ukrainian"). */
export function isTitleWord(word: string): boolean {
  const w = bare(word);
  return isRoleWord(w) || w in HONORIFICS || NATIONALITY.has(w);
}

/** Nationality words are not offices: "the Russian official" says nothing about which one. */
export const isNationality = (word: string): boolean => NATIONALITY.has(bare(word));

export function isRoleWord(word: string): boolean {
  const w = bare(word);
  if (ROLE_NOUNS.has(w)) return true;
  if (!/\p{Script=Cyrillic}/u.test(w)) return false;
  // Compounds carry an office inside: "генпрокурор", "віцепрем'єр", "експрезидент".
  return CYRILLIC_ROLE_STEMS.some(
    (stem) => (w.startsWith(stem) && w.length - stem.length <= 4) || (stem.length >= 6 && w.includes(stem) && w.length - stem.length <= 9),
  );
}

/** Capitalised words that start a run but are not part of a name (places, offices, sentence openers). */
function isTitleOrPlace(token: string): boolean {
  const w = bare(token);
  // A stem plus a case ending ("Верховної", "Офісу"); a longer word is a surname ("Полтавченко").
  if (/\p{Script=Cyrillic}/u.test(w) && CYRILLIC_BODY_STEMS.some((stem) => w.startsWith(stem) && w.length - stem.length <= 3)) return true;
  if (NOT_A_NAME.has(w) || isRoleWord(w) || NATIONALITY.has(w) || w in HONORIFICS) return true;
  if (/^\p{Lu}{2,}$/u.test(token.replace(/['’ʼ]s$|\.$/gu, ''))) return true; // acronyms: NATO, МЗС
  return ABBREVIATED_TITLE.test(token); // "Lt.", "Gen."
}

export interface FindOptions {
  matcher: ActorMatcher;
}

/** Persons and person-like names in `text`, in order. `cue: 'none'` marks a capitalised name with no cue yet. */
export function findPersonSpans(text: string, options: FindOptions): PersonSpan[] {
  const table = options.matcher.findMentions(text);
  const out: PersonSpan[] = [];
  for (const m of text.matchAll(RUN)) {
    const runStart = m.index ?? 0;
    let tokens = m[0].split(/[\s\u00a0]+/);
    // A sentence-final period is not part of the last name.
    const possessive = /['’ʼ]s$/u.test(tokens[tokens.length - 1] ?? '');
    // The name is what follows the last title or place word: "Middle East Steve Witkoff", "Foreign Minister Radosław Sikorski".
    let lead = 0;
    tokens.forEach((t, i) => {
      if (isTitleOrPlace(t) && i < tokens.length - 1) lead = i + 1;
    });
    if (tokens.length === 1 && isTitleOrPlace(tokens[0] as string)) lead = 1;
    // A given name inside the run starts the name: "Мэр Киева Виталий Кличко" → "Виталий Кличко".
    const givenAt = tokens.findIndex((t, i) => i > lead && i < tokens.length - 1 && isGivenName(t) !== null);
    if (givenAt > lead && isGivenName(tokens[lead] as string) === null) lead = givenAt;
    if (lead === tokens.length - 1 && isTitleOrPlace(tokens[lead] as string)) lead = tokens.length;
    // "Ukrainian President Volodymyr Zelenskyy": titles first, then the name.
    const nameTokens = tokens.slice(lead).map((t, i, all) => (i === all.length - 1 ? t.replace(/(?<!\b\p{Lu})\.$/u, '').replace(/['’ʼ]s$/u, '') : t));
    if (nameTokens.length === 0 || nameTokens.some((t) => isTitleOrPlace(t))) continue;
    const titleTokens = tokens.slice(0, lead).map(bare);
    let offset = runStart;
    for (let i = 0; i < lead; i += 1) offset = text.indexOf(tokens[i] as string, offset) + (tokens[i] as string).length;
    const start = text.indexOf(nameTokens[0] as string, offset);
    const end = runStart + m[0].length - (m[0].endsWith('.') && !/\b\p{Lu}\.$/u.test(m[0]) ? 1 : 0);
    // Lower-case office words just before the run: "spokesman Dmitry Peskov", "міністр оборони Рустем Умєров".
    const before = text.slice(Math.max(0, runStart - 120), runStart).split(/[,;:“”"«»()]/).pop() ?? '';
    const contextWords = before.split(/\s+/).filter(Boolean).slice(-12).map(bare);
    const titles = [...contextWords, ...titleTokens];
    const honorific = [...titles].reverse().find((w) => w in HONORIFICS);
    const given = isGivenName(nameTokens[0] as string);
    const hit = table.find((t) => t.start < end && t.end > start);
    let tableName: string | null = null;
    if (hit) {
      const mentionWords = text.slice(hit.start, hit.end).split(/\s+/).length;
      const extra = nameTokens.length - mentionWords;
      // "Melania Trump" is not Donald Trump: a surname alias with another given name before it is someone else.
      // …and so is a surname alias followed by more of a name ("Yun Byung-se").
      const namesake = mentionWords === 1 && extra > 0 && (hit.start > start ? given !== null || !isTitleOrPlace(nameTokens[0] as string) : true);
      if (!namesake) tableName = hit.canonical;
    }
    // An office names the person right after it: "spokesman Dmitry Peskov", "глава МЗС Андрій Сибіга".
    // "governor of Lugansk": a word after a preposition is a place, not the office holder's name.
    const lastContext = contextWords[contextWords.length - 1] ?? '';
    const roleNear = !PREPOSITION_BEFORE.has(lastContext) && [...contextWords.slice(-3), ...titleTokens].some(isRoleWord);
    const cue: Cue = tableName ? 'table' : given ? 'given' : honorific ? 'honorific' : roleNear ? 'role' : 'none';
    if (cue === 'role' && ADJECTIVE_FORM.test((nameTokens[0] as string).toLowerCase())) continue;
    // "прем'єр Словаччини", "Глава Міненергетики", "розвідки … Федерації": one Cyrillic word in a
    // feminine genitive after an office is the country or body it belongs to, not a surname.
    if (cue === 'role' && nameTokens.length === 1 && GENITIVE_BODY.test((nameTokens[0] as string).toLowerCase())) continue;
    // Countries end in -ія (Великобританія, Франція); a woman's given name is in the list, a surname hardly ever does.
    if (cue === 'none' && nameTokens.length === 1 && /^\p{Script=Cyrillic}+ія$/u.test((nameTokens[0] as string).toLowerCase())) continue;
    tokens = nameTokens;
    out.push({
      start: Math.max(start, runStart),
      end,
      name: nameTokens.join(' '),
      tokens: nameTokens,
      titles,
      table: tableName,
      cue,
      possessive,
      gender: given ?? (honorific ? (HONORIFICS[honorific] ?? null) : null),
    });
  }
  // Table names the capitalised scan cannot see (lower-case spellings are not names; nothing to add).
  return out;
}
