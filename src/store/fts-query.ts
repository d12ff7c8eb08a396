// User words → a safe FTS5 query. Every token is quoted, so no input can be read as FTS syntax
// (NEAR, AND, column filters, '-', '*'). A word matches by its stem (every inflected form); a phrase
// in quote marks matches those exact words in that order; only a word still being typed (the last
// word of an inline query) also matches by prefix: a finished word never does ("bot" ≠ "both").
import { foldText, transliterateUkrainian } from '../corpus/names.ts';
import { stemWord } from '../corpus/stem.ts';

export const MAX_QUERY_CHARS = 256;
export const MAX_QUERY_TOKENS = 12;
const MAX_TOKEN_CHARS = 48;
const MIN_PREFIX_CHARS = 2;

/** Function words: as a word being typed they are taken whole, not as a prefix ("the" ≠ "the*"). */
const FUNCTION_WORDS = new Set('a an and are as at be by for from has have he in is it its of on or that the their they this to was we were will with і й та в у на з до що це як за не від для по а'.split(' '));

/** Columns a stem is looked up in: the text's stems, the people's names, the title (never the outlet). */
const STEM_COLUMNS = '{stems names title}';
const QUOTE_PAIRS = /"([^"]*)"|“([^”]*)”|«([^»]*)»|„([^“”]*)[“”]/gu;

export interface SearchTerm {
  /** Folded words of the term: one word, or the words of a quoted phrase. */
  words: string[];
  /** Stems of the words (what highlights match). */
  stems: string[];
  phrase: boolean;
  /** Stem of a Cyrillic word's Latin transliteration: Курськ also finds Kursk (places, names). */
  latin: string | null;
  /** The word being typed: also matched by prefix. */
  prefix: boolean;
  /** The typed word's most frequent completions in the index: matched instead of the prefix when known. */
  completions?: string[];
}

export interface SearchTerms {
  /** Folded words, in order, deduplicated. */
  tokens: string[];
  /** Stems of the words searched by stem: a text word whose stem is among them is a match. */
  stems: string[];
  /** Words of quoted phrases: matched as they are. */
  exact: string[];
  terms: SearchTerm[];
  truncated: boolean;
}

const wordsIn = (s: string): string[] => (foldText(s).match(/[\p{L}\p{N}_]+/gu) ?? []).map((t) => t.slice(0, MAX_TOKEN_CHARS));

/** Parses user words. `typing`: the last word may be unfinished (inline mode) and matches by prefix. */
export function toSearchTerms(input: string, options: { typing?: boolean } = {}): SearchTerms {
  const cut = input.slice(0, MAX_QUERY_CHARS);
  let truncated = input.length > MAX_QUERY_CHARS;
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  let count = 0;
  const add = (words: string[], phrase: boolean): void => {
    const room = MAX_QUERY_TOKENS - count;
    if (room <= 0) {
      if (words.length > 0) truncated = true;
      return;
    }
    if (words.length > room) truncated = true;
    const kept = words.slice(0, room);
    const key = `${phrase ? 'p' : 'w'}:${kept.join(' ')}`;
    if (kept.length === 0 || seen.has(key)) return;
    seen.add(key);
    count += kept.length;
    const only = kept.length === 1 && !phrase ? (kept[0] ?? '') : '';
    const latin = /\p{Script=Cyrillic}/u.test(only) ? stemWord(transliterateUkrainian(only)) : null;
    terms.push({ words: kept, stems: kept.map(stemWord), phrase, latin, prefix: false });
  };
  let rest = '';
  let last = 0;
  for (const m of cut.matchAll(QUOTE_PAIRS)) {
    rest += ` ${cut.slice(last, m.index)}`;
    last = m.index + m[0].length;
    const words = wordsIn(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
    // One quoted word is an exact word (no stem); several are a phrase.
    if (words.length > 0) add(words, true);
  }
  rest += ` ${cut.slice(last)}`;
  for (const w of wordsIn(rest)) add([w], false);
  const final = terms[terms.length - 1];
  const endsInWord = /[\p{L}\p{N}_]$/u.test(cut);
  if (options.typing && final && !final.phrase && endsInWord) {
    const w = final.words[0] ?? '';
    final.prefix = w.length >= MIN_PREFIX_CHARS && !FUNCTION_WORDS.has(w);
  }
  const tokens = [...new Set(terms.flatMap((t) => t.words))];
  const stems = [...new Set(terms.filter((t) => !t.phrase).flatMap((t) => (t.latin ? [...t.stems, t.latin] : t.stems)))];
  const exact = [...new Set(terms.filter((t) => t.phrase).flatMap((t) => t.words))];
  return { tokens, stems, exact, terms, truncated };
}

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function termQuery(t: SearchTerm): string {
  if (t.phrase) return `body : ${quote(t.words.join(' '))}`;
  const alternatives = [`${STEM_COLUMNS} : ${quote(t.stems[0] ?? '')}`];
  if (t.latin) alternatives.push(`${STEM_COLUMNS} : ${quote(t.latin)}`);
  // Completions are whole words: FTS5 stops at the newest matches. A prefix reads all of them first.
  if (t.prefix) alternatives.push(t.completions?.length ? `body : (${t.completions.map(quote).join(' OR ')})` : `body : ${quote(t.words[0] ?? '')}*`);
  return alternatives.length > 1 ? `(${alternatives.join(' OR ')})` : (alternatives[0] ?? '');
}

/** The FTS5 MATCH expression: all terms ('all') or any of them ('any'); null when nothing to search. */
export function toFtsQuery(terms: SearchTerms, mode: 'all' | 'any' = 'all'): string | null {
  if (terms.terms.length === 0) return null;
  return terms.terms.map(termQuery).join(mode === 'all' ? ' AND ' : ' OR ');
}
