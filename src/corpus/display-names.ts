// A person's name in the reader's script. People in the actor table have both spellings there
// (data/actors.json: canonical and uk); anyone else is transliterated: Latin → Ukrainian letters
// for a Ukrainian reader (latin-to-ukrainian.ts), Cyrillic → the national romanisation for an
// English one. A name in a third script (Korean, Arabic) is left as written.
import type { ActorEntry } from './actors.ts';
import { latinToUkrainian } from './latin-to-ukrainian.ts';
import { transliterateUkrainian } from './names.ts';

export type NameLanguage = 'en' | 'uk';
export type NameDisplay = (name: string, lang: NameLanguage) => string;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** "Ірина Верещук" → "Iryna Vereshchuk": each word romanised, capitals kept. */
export function cyrillicToLatin(name: string): string {
  return name.replace(/[\p{Script=Cyrillic}’ʼ']+/gu, (word) => {
    const latin = transliterateUkrainian(word.replace(/[’ʼ']/g, ''));
    return /^\p{Lu}/u.test(word) ? latin.charAt(0).toUpperCase() + latin.slice(1) : latin;
  });
}

const cache = new WeakMap<readonly ActorEntry[], NameDisplay>();

export function createNameDisplay(actors: readonly ActorEntry[]): NameDisplay {
  const known = cache.get(actors);
  if (known) return known;
  const table = new Map<string, ActorEntry>();
  for (const a of actors) {
    table.set(a.canonical, a);
    if (a.uk) table.set(a.uk, a);
  }
  const display: NameDisplay = (name, lang) => {
    const entry = table.get(name);
    if (entry) return lang === 'uk' ? (entry.uk ?? latinToUkrainian(entry.canonical)) : entry.canonical;
    if (lang === 'uk' && LATIN.test(name) && !CYRILLIC.test(name)) return latinToUkrainian(name);
    if (lang === 'en' && CYRILLIC.test(name)) return cyrillicToLatin(name);
    return name;
  };
  cache.set(actors, display);
  return display;
}
