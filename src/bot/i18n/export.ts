// Interface texts of the Cite button and /export, in both languages (plain: callers escape).
import type { UiLanguage } from '../../store/index.ts';
import type { ExportArgsProblem } from '../../export/args.ts';

const EXAMPLE = '/export topic:sanctions actor:zelensky from:2025-09-01 to:2025-09-30 lang:uk format:csv';

export interface ExportTexts {
  cite: string;
  citeInlineTitle: (who: string) => string;
  caption: (n: number, what: string) => string;
  noList: string;
  empty: string;
  tooMany: (n: number, max: number) => string;
  tooBig: (n: number, maxMb: number) => string;
  badArgs: (problem: ExportArgsProblem, word: string) => string;
  actorUnknown: (word: string, suggestions: string[]) => string;
  topicUnknown: (word: string, suggestions: string[]) => string;
  stillBuilding: string;
}

const n = (x: number): string => x.toLocaleString('en-US');

export const EXPORT_TEXTS: Record<UiLanguage, ExportTexts> = {
  en: {
    cite: '❝ Cite',
    citeInlineTitle: (who) => `Citation: ${who}`,
    caption: (count, what) => `${n(count)} statement${count === 1 ? '' : 's'} · ${what}`,
    noList: `Nothing to export yet. Show a list first (/latest, /actor NAME, /topic SLUG, /search WORDS), then send /export — or give filters:\n${EXAMPLE}`,
    empty: 'No statement matches, so there is nothing to export.',
    tooMany: (count, max) =>
      `That is ${n(count)} statements; one export holds up to ${n(max)}. Narrow it with a person, a topic, a date window or a language, e.g.\n/export actor:zelensky from:2025-09-01 to:2025-09-30 lang:uk`,
    tooBig: (count, mb) =>
      `These ${n(count)} statements would make a file over ${mb} MB, more than Telegram takes. Narrow it with a person, a topic, a date window or a language, e.g.\n/export actor:zelensky from:2025-09-01 to:2025-09-30`,
    badArgs: (problem, word) => {
      switch (problem) {
        case 'date': return `“${word}” is not a date I can use: write YYYY-MM-DD, YYYY-MM or YYYY.`;
        case 'range': return `The window ends before it starts (${word}): from: must not be after to:.`;
        case 'lang': return `“${word}”: lang: takes en, uk or ru.`;
        case 'format': return `“${word}”: format: takes md (Markdown citations) or csv (a table).`;
        default: return `I did not understand “${word}”. Filters: topic:SLUG actor:NAME from:YYYY-MM-DD to:YYYY-MM-DD lang:en|uk format:md|csv, e.g.\n${EXAMPLE}`;
      }
    },
    actorUnknown: (word, s) => (s.length ? `No one called “${word}” exactly. Did you mean: ${s.join(', ')}?` : `I know no one called “${word}”.`),
    topicUnknown: (word, s) => (s.length ? `“${word}” fits several topics: ${s.join(', ')}.` : `No topic “${word}”. /topics lists them.`),
    stillBuilding: 'Your previous export is still being built; it will arrive in a moment.',
  },
  uk: {
    cite: '❝ Цитувати',
    citeInlineTitle: (who) => `Цитата: ${who}`,
    caption: (count, what) => `Заяв: ${count} · ${what}`,
    noList: `Ще нічого експортувати. Спершу покажіть список (/latest, /actor ІМʼЯ, /topic ТЕМА, /search СЛОВА), потім надішліть /export — або задайте фільтри:\n${EXAMPLE}`,
    empty: 'Жодна заява не підходить, тож експортувати нічого.',
    tooMany: (count, max) =>
      `Це ${count} заяв; один експорт вміщує до ${max}. Звузьте його людиною, темою, проміжком дат чи мовою, напр.\n/export actor:zelensky from:2025-09-01 to:2025-09-30 lang:uk`,
    tooBig: (count, mb) =>
      `Ці ${count} заяв дали б файл понад ${mb} МБ — більше, ніж приймає Telegram. Звузьте експорт людиною, темою, проміжком дат чи мовою, напр.\n/export actor:zelensky from:2025-09-01 to:2025-09-30`,
    badArgs: (problem, word) => {
      switch (problem) {
        case 'date': return `«${word}» — не дата, яку я розумію: пишіть РРРР-ММ-ДД, РРРР-ММ або РРРР.`;
        case 'range': return `Проміжок закінчується раніше, ніж починається (${word}): from: не може бути після to:.`;
        case 'lang': return `«${word}»: lang: приймає en, uk або ru.`;
        case 'format': return `«${word}»: format: приймає md (цитати Markdown) або csv (таблиця).`;
        default: return `Не зрозумів «${word}». Фільтри: topic:ТЕМА actor:ІМʼЯ from:РРРР-ММ-ДД to:РРРР-ММ-ДД lang:en|uk format:md|csv, напр.\n${EXAMPLE}`;
      }
    },
    actorUnknown: (word, s) => (s.length ? `Нікого з іменем «${word}» точно. Можливо: ${s.join(', ')}?` : `Не знаю нікого з іменем «${word}».`),
    topicUnknown: (word, s) => (s.length ? `«${word}» пасує до кількох тем: ${s.join(', ')}.` : `Немає теми «${word}». Список: /topics.`),
    stillBuilding: 'Попередній експорт ще готується; він надійде за мить.',
  },
};
