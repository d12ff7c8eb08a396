// Folding of names and search text, so that one person is one key in any script or spelling.

/** Ukrainian national transliteration (Cabinet of Ministers resolution 55, 2010). */
const UK_TO_LATIN: Record<string, [string, string]> = {
  // letter: [at the start of a word, elsewhere]
  а: ['a', 'a'], б: ['b', 'b'], в: ['v', 'v'], г: ['h', 'h'], ґ: ['g', 'g'], д: ['d', 'd'],
  е: ['e', 'e'], є: ['ye', 'ie'], ж: ['zh', 'zh'], з: ['z', 'z'], и: ['y', 'y'], і: ['i', 'i'],
  ї: ['yi', 'i'], й: ['y', 'i'], к: ['k', 'k'], л: ['l', 'l'], м: ['m', 'm'], н: ['n', 'n'],
  о: ['o', 'o'], п: ['p', 'p'], р: ['r', 'r'], с: ['s', 's'], т: ['t', 't'], у: ['u', 'u'],
  ф: ['f', 'f'], х: ['kh', 'kh'], ц: ['ts', 'ts'], ч: ['ch', 'ch'], ш: ['sh', 'sh'],
  щ: ['shch', 'shch'], ь: ['', ''], ю: ['yu', 'iu'], я: ['ya', 'ia'],
  // Russian letters that Ukrainian lacks, so Russian spellings fold too.
  ы: ['y', 'y'], э: ['e', 'e'], ё: ['yo', 'io'], ъ: ['', ''],
};

/** Apostrophes used inside Ukrainian words (ʼ ’ ' ‘ and the backtick). */
export const APOSTROPHES = /[\u02BC\u2019\u0027\u2018\u0060]/g;

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);

/** Transliterates Cyrillic letters; other characters pass through (lower-cased). */
export function transliterateUkrainian(input: string): string {
  const lower = input.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i += 1) {
    const ch = lower[i] as string;
    const pair = UK_TO_LATIN[ch];
    if (!pair) {
      out += ch;
      continue;
    }
    // "зг" is written "zgh" so it is not read as "zh".
    if (ch === 'г' && lower[i - 1] === 'з') {
      out += 'gh';
      continue;
    }
    out += isLetter(lower[i - 1]) ? pair[1] : pair[0];
  }
  return out;
}

/** Characters that the diacritics step leaves as they are (no decomposition, or й/ї, which it keeps):
 *  ASCII, the Ukrainian and Russian alphabet without ё, and quotes and dashes of news text. */
function foldsToItself(input: string): boolean {
  for (let i = 0; i < input.length; i += 1) {
    const c = input.charCodeAt(i);
    if (c < 0x80 || (c >= 0x0410 && c <= 0x044f)) continue;
    switch (c) {
      case 0x0404: case 0x0406: case 0x0407: case 0x0454: case 0x0456: case 0x0457: case 0x0490: case 0x0491:
      case 0x2013: case 0x2014: case 0x2018: case 0x2019: case 0x201c: case 0x201d: case 0x00ab: case 0x00bb: case 0x02bc:
        continue;
      default:
        return false;
    }
  }
  return true;
}

/** Lower case, no diacritics, Ukrainian apostrophes removed (so "п’ять" is one word). Most news text
 *  needs no Unicode normalisation (checked first: normalising twice was ~5 us a statement). */
export function foldText(input: string): string {
  if (foldsToItself(input)) return input.replace(APOSTROPHES, '').toLowerCase();
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, (mark, offset: number, whole: string) =>
      // Keep the breve of й and the diaeresis of ї: they are letters in Ukrainian, not accents.
      mark === '\u0306' || mark === '\u0308' ? (/[іиІИ]/.test(whole[offset - 1] ?? '') ? mark : '') : '')
    .normalize('NFC')
    .replace(APOSTROPHES, '')
    .toLowerCase();
}

/**
 * The key a name is stored and looked up by: folded, transliterated to Latin, and with the
 * spelling variants of transliteration merged (Zelensky / Zelenskyy / Zelenskiy / Зеленський all
 * become "zelenski"; Шмигаль and Shmyhal become "shmihal").
 */
export function nameKey(input: string): string {
  return transliterateUkrainian(foldText(input))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\p{L}]+/gu, ' ')
    .replace(/[yj]/g, 'i')
    .replace(/i+/g, 'i')
    // Ukrainian є is "ie" in transliteration where other spellings write "e": Pieskov / Peskov.
    .replace(/ie/g, 'e')
    .replace(/kh/g, 'h')
    .replace(/([a-z])\1+/g, '$1')
    .trim();
}

/** Levenshtein distance, bounded: returns max+1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}
