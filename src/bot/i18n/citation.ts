// Texts of citations and exports, in both languages. Kept apart from en.ts/uk.ts: a citation is
// copy the reader pastes into their own text, worded for that, not interface text.
import type { Lang, StatementKind } from '../../corpus/types.ts';
import type { UiLanguage } from '../../store/index.ts';

const LANG_EN: Record<Lang, string> = { en: 'English', uk: 'Ukrainian', ru: 'Russian', und: 'another language' };
// "англійською" etc.: the instrumental form reads as "in <language>".
const LANG_UK: Record<Lang, string> = { en: 'англійською', uk: 'українською', ru: 'російською', und: 'іншою мовою' };
const LANG_UK_ADJ: Record<Lang, string> = { en: 'англійська', uk: 'українська', ru: 'російська', und: 'невідома' };

export interface CitationTexts {
  source: string;
  linkUnknown: string;
  /** Before reported speech, which must not be taken for the speaker's own words. */
  reported: string;
  kind: Record<StatementKind, string>;
  versionTranslation: (own: Lang, originalLang: Lang, originalId: number) => string;
  versionOriginal: (own: Lang, others: Array<{ id: number; lang: Lang }>) => string;
  excerpt: (id: number) => string;
}

export const CITATION_TEXTS: Record<UiLanguage, CitationTexts> = {
  en: {
    source: 'Source',
    linkUnknown: 'link unknown',
    reported: 'Reported, not a direct quote',
    kind: { post: 'post', quote: 'as reported', report: 'report' },
    versionTranslation: (own, orig, id) => `Version quoted: ${LANG_EN[own]}, a translation; the original is in ${LANG_EN[orig]} (statement #${id}).`,
    versionOriginal: (own, others) =>
      `Version quoted: the original, in ${LANG_EN[own]}; also in ${others.map((o) => `${LANG_EN[o.lang]} (statement #${o.id})`).join(', ')}.`,
    excerpt: (id) => `(Excerpt; the whole text: /show ${id})`,
  },
  uk: {
    source: 'Джерело',
    linkUnknown: 'посилання невідоме',
    reported: 'Переказ, не пряма цитата',
    kind: { post: 'допис', quote: 'за повідомленням ЗМІ', report: 'репортаж' },
    versionTranslation: (own, orig, id) => `Цитована версія: ${LANG_UK_ADJ[own]}, переклад; оригінал — ${LANG_UK[orig]} (заява #${id}).`,
    versionOriginal: (own, others) =>
      `Цитована версія: оригінал, ${LANG_UK[own]}; є також ${others.map((o) => `${LANG_UK[o.lang]} (заява #${o.id})`).join(', ')}.`,
    excerpt: (id) => `(Уривок; увесь текст: /show ${id})`,
  },
};
