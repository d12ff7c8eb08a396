// A Latin-script name written in Ukrainian letters, for people the actor table does not know.
// Two kinds of Latin names reach us: Ukrainian names in the national romanisation (Kyrylo,
// Shmyhal, Yuliia — reversible almost letter for letter) and foreign names as the press spells
// them (John Healey, Giorgia Meloni — only approximated by rules). The rules below are ordered
// longest first; they were checked on the names in test/fixtures/name-pairs.json (see README,
// "Names in the reader's script"), where cyrillic-to-translit-js's reverse mode left Latin
// letters behind ("Jогн") and lost the Ukrainian endings ("Андріі").

/** Letter groups, tried longest first at each position. `start`: only at the start of a word. */
const GROUPS: Array<[string, string, 'start' | 'any' | 'end']> = [
  ['shch', 'щ', 'any'], ['skyi', 'ський', 'end'], ['skyy', 'ський', 'end'], ['skiy', 'ський', 'end'], ['sky', 'ський', 'end'],
  ['ski', 'ський', 'end'], ['tskyi', 'цький', 'end'], ['ska', 'ська', 'end'], ['ts', 'ць', 'end'], ['oe', 'о', 'end'],
  ['ld', 'льд', 'any'], ['lh', 'льг', 'any'], ['lz', 'льц', 'any'], ['l', 'ль', 'end'], ['ai', 'ай', 'any'],
  ['iia', 'ія', 'any'], ['iiu', 'ію', 'any'], ['iie', 'іє', 'any'],
  ['yi', 'ий', 'end'], ['iy', 'ій', 'end'], ['yy', 'ий', 'end'], ['ii', 'ій', 'end'], ['ey', 'ій', 'end'], ['ay', 'ай', 'end'], ['oy', 'ой', 'end'],
  ['ya', 'я', 'start'], ['yu', 'ю', 'start'], ['ye', 'є', 'start'], ['yi', 'ї', 'start'], ['yo', 'йо', 'start'], ['ja', 'я', 'start'],
  ['sch', 'ш', 'any'], ['tch', 'ч', 'any'], ['zh', 'ж', 'any'], ['kh', 'х', 'any'], ['ts', 'ц', 'any'], ['tz', 'ц', 'any'], ['ch', 'ч', 'any'],
  ['sh', 'ш', 'any'], ['ph', 'ф', 'any'], ['th', 'т', 'any'], ['ck', 'к', 'any'], ['ee', 'і', 'any'], ['oo', 'у', 'any'],
  ['ou', 'у', 'any'], ['qu', 'кв', 'any'], ['ohn', 'он', 'any'], ['dj', 'дж', 'any'],
  ['ia', 'ія', 'end'], ['ya', 'я', 'any'], ['yu', 'ю', 'any'], ['ye', 'є', 'any'], ['yo', 'йо', 'any'],
  ['ia', 'я', 'any'], ['iu', 'ю', 'any'], ['ie', 'є', 'any'], ['ay', 'ай', 'any'], ['ey', 'ей', 'any'], ['oy', 'ой', 'any'],
];

const LETTERS: Record<string, string> = {
  a: 'а', b: 'б', c: 'к', d: 'д', e: 'е', f: 'ф', g: 'г', h: 'г', i: 'і', j: 'дж', k: 'к', l: 'л', m: 'м', n: 'н',
  o: 'о', p: 'п', q: 'к', r: 'р', s: 'с', t: 'т', u: 'у', v: 'в', w: 'в', x: 'кс', y: 'и', z: 'з',
};

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

function wordToUkrainian(word: string): string {
  const w = word.toLowerCase();
  let out = '';
  let i = 0;
  while (i < w.length) {
    const group = GROUPS.find(([latin, , where]) =>
      w.startsWith(latin, i) && (where === 'any' || (where === 'start' && i === 0) || (where === 'end' && i + latin.length === w.length)));
    if (group) {
      out += group[1];
      i += group[0].length;
      continue;
    }
    const ch = w[i] as string;
    const next = w[i + 1];
    // c before e/i/y is "s" (Cecilia, Vince); a y before a vowel at the start is й (Yoon → Юн is a group).
    if (ch === 'c' && next !== undefined && 'eiy'.includes(next)) out += 'с';
    else if (ch === 'y' && i > 0 && VOWELS.has(w[i - 1] as string)) out += 'й';
    // A final y after a consonant is English "-y" (Tony, Kennedy): Ukrainian romanisations end in -yi.
    else if (ch === 'y' && i === w.length - 1 && i > 0) out += 'і';
    else out += LETTERS[ch] ?? ch;
    i += 1;
  }
  return out;
}

/** "John Healey" → "Джон Гіллей"-like approximations; Ukrainian romanisations come back exactly more often. */
export function latinToUkrainian(name: string): string {
  const plain = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return plain.replace(/[A-Za-z]+/g, (word) => {
    const uk = wordToUkrainian(word);
    return /^[A-Z]/.test(word) ? uk.charAt(0).toUpperCase() + uk.slice(1) : uk;
  });
}
