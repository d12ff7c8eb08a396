// Is this word a given name, and whose: the given-name lists of the lexicon as one lookup.
import {
  CYRILLIC_GIVEN_NAMES_FEMALE, CYRILLIC_GIVEN_NAMES_MALE, LATIN_GIVEN_NAMES_FEMALE, LATIN_GIVEN_NAMES_MALE,
} from './lexicon/people-words.ts';

const MALE_GIVEN = new Set([...LATIN_GIVEN_NAMES_MALE, ...CYRILLIC_GIVEN_NAMES_MALE]);
const FEMALE_GIVEN = new Set([...LATIN_GIVEN_NAMES_FEMALE, ...CYRILLIC_GIVEN_NAMES_FEMALE]);

export function isGivenName(token: string): 'male' | 'female' | null {
  const t = token.replace(/['’ʼ]s$/u, '').replace(/\.$/, '').toLowerCase().replace(/ʼ|’/g, "'");
  if (FEMALE_GIVEN.has(t)) return 'female';
  if (MALE_GIVEN.has(t)) return 'male';
  return null;
}
