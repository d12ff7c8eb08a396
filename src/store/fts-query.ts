// User words → a safe FTS5 query. Every token is quoted, so no input can be read as FTS syntax
// (NEAR, AND, column filters, '-', '*', quotes); the last word and long Ukrainian words match by prefix.
import { foldText } from '../corpus/names.ts';

export const MAX_QUERY_CHARS = 256;
export const MAX_QUERY_TOKENS = 12;
const MAX_TOKEN_CHARS = 48;
const MIN_PREFIX_CHARS = 2;

/** Ukrainian has no stemmer in SQLite: cut common endings and match by prefix instead. */
const UK_ENDING = /(ами|ями|ові|еві|ого|ому|ими|іми|ах|ях|ів|їв|ам|ям|ий|ій|ої|ою|ею|ей|а|я|і|и|у|ю|о|е|ь)$/u;

/** Function words: as the last word they are taken whole, not as a prefix ("the" ≠ "the*"). */
const FUNCTION_WORDS = new Set('a an and are as at be by for from has have he in is it its of on or that the their they this to was we were will with і й та в у на з до що це як за не від для по а'.split(' '));

export interface SearchTerms {
  /** Folded tokens, in order, deduplicated: also used to highlight matches. */
  tokens: string[];
  /** Tokens as they are matched: full words or stems matched by prefix. */
  patterns: Array<{ text: string; prefix: boolean }>;
  truncated: boolean;
}

export function toSearchTerms(input: string): SearchTerms {
  const truncated = input.length > MAX_QUERY_CHARS;
  const folded = foldText(input.slice(0, MAX_QUERY_CHARS));
  const all = folded.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const tokens = [...new Set(all.map((t) => t.slice(0, MAX_TOKEN_CHARS)))].slice(0, MAX_QUERY_TOKENS);
  const patterns = tokens.map((token, i) => {
    const isLast = i === tokens.length - 1;
    if (/\p{Script=Cyrillic}/u.test(token) && token.length >= 5) {
      return { text: token.replace(UK_ENDING, ''), prefix: true };
    }
    return { text: token, prefix: isLast && token.length >= MIN_PREFIX_CHARS && !FUNCTION_WORDS.has(token) };
  });
  return { tokens, patterns, truncated: truncated || all.length > tokens.length };
}

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The FTS5 MATCH expression: all terms ('all') or any of them ('any'); null when nothing to search. */
export function toFtsQuery(terms: SearchTerms, mode: 'all' | 'any' = 'all'): string | null {
  if (terms.patterns.length === 0) return null;
  return terms.patterns.map((p) => (p.prefix ? `${quote(p.text)}*` : quote(p.text))).join(mode === 'all' ? ' AND ' : ' OR ');
}
