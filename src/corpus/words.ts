// Words of a text as the topic rules and the alias patterns see them: runs of letters and digits
// (\p{L}\p{N}), with '_' inside words or not (the stems column has always kept 'f_16' one word;
// FTS5's unicode61 splits it again when indexing). A hand-written scan with each UTF-16 unit classified
// once: a regex over every statement, twice (topics, then the stemmed search column), was ~10 us
// of the ~110 us that extracting one statement costs.

export interface Word {
  word: string;
  /** Where the word starts in the text (UTF-16 units). */
  index: number;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Per UTF-16 unit of the Basic Multilingual Plane: 0 not yet known, 1 letter or digit, 2 neither. */
const bmp = new Uint8Array(0x10000);
const astral = new Map<number, boolean>();
const UNDERSCORE = 0x5f;

function isWordCodePoint(code: number): boolean {
  if (code < 0x10000) {
    let known = bmp[code] as number;
    if (known === 0) {
      known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
      bmp[code] = known;
    }
    return known === 1;
  }
  let known = astral.get(code);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(code));
    if (astral.size < 10_000) astral.set(code, known);
  }
  return known;
}

/** Calls `found` with each word of `text` and where it starts; `underscore`: '_' is part of a word. */
export function forEachWord(text: string, underscore: boolean, found: (word: string, index: number) => void): void {
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) as number;
    const width = code > 0xffff ? 2 : 1;
    const inWord = (underscore && code === UNDERSCORE) || isWordCodePoint(code);
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      found(text.slice(start, i), start);
      start = -1;
    }
    i += width;
  }
  if (start >= 0) found(text.slice(start), start);
}

/** The words of `text` with where each starts; `underscore`: '_' is part of a word. */
export function wordsWithIndex(text: string, underscore = false): Word[] {
  const words: Word[] = [];
  forEachWord(text, underscore, (word, index) => void words.push({ word, index }));
  return words;
}
