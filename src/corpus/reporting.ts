// Finding reporting verbs and source phrases in text, outside quotations.
import {
  ENGLISH_REPORTING_VERBS, ENGLISH_SOURCE_PHRASES, UKRAINIAN_REPORTING_VERBS, UKRAINIAN_SOURCE_PHRASES, ukrainianVerbGender,
} from './lexicon/reporting-verbs.ts';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const capitalise = (s: string): string => (s[0]?.toUpperCase() ?? '') + s.slice(1);
const alternation = (forms: readonly string[]): string =>
  [...new Set(forms)].sort((a, b) => b.length - a.length).map((f) => escape(f).replace(/ /g, '\\s+')).join('|');

// English verbs only in lower case: "Post", "State" and "Report" capitalised are names of things.
const VERB_RE = new RegExp(
  `(?<![\\p{L}\\p{N}'’-])(${alternation([...ENGLISH_REPORTING_VERBS, ...UKRAINIAN_REPORTING_VERBS, ...UKRAINIAN_REPORTING_VERBS.map(capitalise)])})(?![\\p{L}\\p{N}'’-])`,
  'gu',
);
const SOURCE_RE = new RegExp(
  `(?<![\\p{L}])(${alternation([...ENGLISH_SOURCE_PHRASES, ...UKRAINIAN_SOURCE_PHRASES].flatMap((p) => [p, capitalise(p)]))})(?![\\p{L}])`,
  'gu',
);

export interface VerbHit {
  start: number;
  end: number;
  form: string;
  /** Gender a Ukrainian/Russian verb ending gives its subject (заявила → female). */
  gender: 'male' | 'female' | 'plural' | null;
  /** "saying", "adding", "наголосивши": continues the sentence's own subject. */
  participle: boolean;
}

export function findVerbs(text: string): VerbHit[] {
  const out: VerbHit[] = [];
  for (const m of text.matchAll(VERB_RE)) {
    const form = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const cyr = /\p{Script=Cyrillic}/u.test(form);
    out.push({
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      form,
      gender: cyr ? ukrainianVerbGender(form) : null,
      participle: cyr ? /вши$/.test(form.split(' ')[0] ?? '') : /ing$/.test(form.split(' ')[0] ?? ''),
    });
  }
  return out;
}

export interface SourceHit {
  start: number;
  end: number;
  phrase: string;
  /** "за словами Сибіги": the name after it stands in the genitive. */
  oblique: boolean;
}

export function findSourcePhrases(text: string): SourceHit[] {
  return [...text.matchAll(SOURCE_RE)].map((m) => {
    const phrase = (m[1] ?? '').toLowerCase();
    return { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, phrase, oblique: /^(за словами|на думку|по словам|по мнению)$/.test(phrase) };
  });
}

/** English verbs after which the speaker may follow ('"…," said Macron'); "told X" names the listener. */
export const INVERTIBLE_ENGLISH = new Set([
  'said', 'says', 'added', 'adds', 'wrote', 'writes', 'noted', 'stressed', 'explained', 'declared', 'insisted', 'argued',
  'warned', 'replied', 'continued', 'emphasised', 'emphasized', 'stated', 'announced', 'concluded', 'recalled', 'posted',
  'states', 'notes', 'stresses', 'explains', 'writes', 'added', 'emphasises', 'emphasizes', 'insists', 'argues', 'warns',
]);
