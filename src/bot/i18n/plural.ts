// Counted nouns by the language's own plural rule: Ukrainian has one / few / many ("1 заява",
// "2 заяви", "5 заяв", "21 заява"), English one / other. Forms are given per category.
import type { UiLanguage } from '../../store/index.ts';

const RULES: Record<UiLanguage, Intl.PluralRules> = { en: new Intl.PluralRules('en'), uk: new Intl.PluralRules('uk') };
const LOCALES: Record<UiLanguage, string> = { en: 'en-US', uk: 'uk-UA' };

export interface Forms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

/** "65 заяв", "1 statement": the number (grouped as the language writes it) and its form. */
export function countOf(lang: UiLanguage, n: number, nouns: Record<UiLanguage, Forms>): string {
  return `${n.toLocaleString(LOCALES[lang])} ${formOf(lang, n, nouns)}`;
}

/** The noun's form for `n`, without the number ("заяв"). */
export function formOf(lang: UiLanguage, n: number, nouns: Record<UiLanguage, Forms>): string {
  const forms = nouns[lang];
  return forms[RULES[lang].select(n) as keyof Forms] ?? forms.other;
}

export const STATEMENTS: Record<UiLanguage, Forms> = {
  en: { one: 'statement', other: 'statements' },
  uk: { one: 'заява', few: 'заяви', many: 'заяв', other: 'заяви' },
};
/** People after "by" / "від" (Ukrainian genitive: від 1 особи, від 2 осіб, від 6 осіб). */
export const PEOPLE: Record<UiLanguage, Forms> = {
  en: { one: 'person', other: 'people' },
  uk: { one: 'особи', few: 'осіб', many: 'осіб', other: 'особи' },
};
