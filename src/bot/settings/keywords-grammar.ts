// One grammar for /keywords. `+word` must appear, `-word` must not, a bare word means `+`,
// `+"air defence"` is one phrase. Without a verb the words replace both lists; `add …` merges
// them in (a word moves between lists when its sign changes); `remove …` takes words out of
// either list; `clear` empties both. Case never matters: words are kept lower-cased, once.
// Pure: the current lists in, the new lists (or what was wrong) out.

export const MAX_KEYWORDS = 20;
export const MAX_KEYWORD_CHARS = 40;

export type KeywordVerb = 'replace' | 'add' | 'remove' | 'clear' | 'show';

export type KeywordProblem =
  | { kind: 'lone-sign'; sign: string }
  | { kind: 'unclosed-quote' }
  | { kind: 'too-long'; word: string }
  | { kind: 'too-many' }
  | { kind: 'nothing-to-remove'; words: string[] };

export interface KeywordLists {
  include: string[];
  exclude: string[];
}

export type KeywordResult =
  | { ok: true; verb: KeywordVerb; lists: KeywordLists; notes: Array<'split-phrase'> }
  | { ok: false; problem: KeywordProblem };

const VERBS: Record<string, KeywordVerb> = {
  add: 'add', додати: 'add', додай: 'add', remove: 'remove', delete: 'remove', del: 'remove', rm: 'remove', прибрати: 'remove', прибери: 'remove', видалити: 'remove',
  clear: 'clear', none: 'clear', reset: 'clear', очистити: 'clear', очисти: 'clear', show: 'show', list: 'show', показати: 'show',
};

interface Token {
  sign: '+' | '-' | '';
  word: string;
  quoted: boolean;
}

const normalise = (w: string): string => w.replace(/\s+/g, ' ').trim().toLocaleLowerCase();

/** Splits the words: signs, quoted phrases (straight or curly quotes), everything else by spaces. */
function tokenize(text: string): Token[] | KeywordProblem {
  const tokens: Token[] = [];
  const re = /([+-]?)(?:["“«„]([^"”»“]*)(["”»“])?|([^\s"“«„]*))/gy;
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) {
      i += 1;
      continue;
    }
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || m[0] === '') return { kind: 'lone-sign', sign: text[i] as string };
    const sign = (m[1] ?? '') as Token['sign'];
    if (m[2] !== undefined && m[3] === undefined) return { kind: 'unclosed-quote' };
    const word = normalise(m[2] ?? m[4] ?? '');
    if (!word) return { kind: 'lone-sign', sign: sign || '"' };
    if (word.length > MAX_KEYWORD_CHARS) return { kind: 'too-long', word };
    tokens.push({ sign, word, quoted: m[2] !== undefined });
    i = re.lastIndex;
  }
  return tokens;
}

const unique = (words: string[]): string[] => [...new Set(words)];

export function applyKeywords(input: string, current: KeywordLists): KeywordResult {
  const text = input.trim();
  if (!text) return { ok: true, verb: 'show', lists: current, notes: [] };
  const [first = '', ...rest] = text.split(/\s+/);
  const verb = VERBS[first.toLocaleLowerCase()];
  if (verb === 'clear' && rest.length === 0) return { ok: true, verb, lists: { include: [], exclude: [] }, notes: [] };
  if (verb === 'show' && rest.length === 0) return { ok: true, verb, lists: current, notes: [] };
  const body = verb && verb !== 'clear' && verb !== 'show' ? text.slice(first.length) : text;
  const tokens = tokenize(body);
  if (!Array.isArray(tokens)) return { ok: false, problem: tokens };
  // "+air defence": a bare word right after a signed one was probably meant as one phrase.
  const notes: Array<'split-phrase'> = tokens.some((t, k) => k > 0 && t.sign === '' && !t.quoted && tokens[k - 1]?.sign !== '' && !tokens[k - 1]?.quoted) ? ['split-phrase'] : [];
  const plus = tokens.filter((t) => t.sign !== '-').map((t) => t.word);
  const minus = tokens.filter((t) => t.sign === '-').map((t) => t.word);
  let lists: KeywordLists;
  if (verb === 'remove') {
    const gone = new Set(tokens.map((t) => t.word));
    const missing = [...gone].filter((w) => !current.include.includes(w) && !current.exclude.includes(w));
    if (missing.length === gone.size) return { ok: false, problem: { kind: 'nothing-to-remove', words: missing } };
    lists = { include: current.include.filter((w) => !gone.has(w)), exclude: current.exclude.filter((w) => !gone.has(w)) };
  } else if (verb === 'add') {
    lists = {
      include: unique([...current.include.filter((w) => !minus.includes(w)), ...plus]),
      exclude: unique([...current.exclude.filter((w) => !plus.includes(w)), ...minus]),
    };
  } else {
    // A word given both ways: the last sign wins.
    const last = new Map(tokens.map((t) => [t.word, t.sign === '-' ? '-' : '+']));
    lists = { include: unique(plus.filter((w) => last.get(w) === '+')), exclude: unique(minus.filter((w) => last.get(w) === '-')) };
  }
  if (lists.include.length + lists.exclude.length > MAX_KEYWORDS) return { ok: false, problem: { kind: 'too-many' } };
  return { ok: true, verb: verb === 'add' || verb === 'remove' ? verb : 'replace', lists, notes };
}
