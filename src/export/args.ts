// The words of /export and of `cli export`: topic:SLUG actor:NAME from:DATE to:DATE lang:en|uk
// format:md|csv. Pure: names and topics are resolved by the caller (the same lookups as /actor).
import type { Lang } from '../corpus/types.ts';

export type ExportFormat = 'md' | 'csv';

export interface ExportWords {
  topic?: string;
  actor?: string;
  lang?: Lang;
  /** 'YYYY-MM-DD': the first day of what the user wrote (2025-09 → 2025-09-01). */
  from?: string;
  /** 'YYYY-MM-DD': the last day of what the user wrote (2025-09 → 2025-09-30). */
  to?: string;
}

export type ExportArgsProblem = 'unknown' | 'date' | 'range' | 'lang' | 'format';

export type ParsedExportArgs =
  | { ok: true; words: ExportWords; format: ExportFormat | null; hasFilters: boolean }
  | { ok: false; problem: ExportArgsProblem; word: string };

const PAIR = /([\p{L}_]+):("[^"]*"|\S+)/gu;
const LANGS: readonly Lang[] = ['en', 'uk', 'ru'];

/** "2025", "2025-09" or "2025-09-14" as the first or last day it names; null when no such day. */
export function periodBound(value: string, side: 'from' | 'to'): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? (side === 'from' ? 1 : 12) : Number(m[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = m[3] === undefined ? (side === 'from' ? 1 : lastDay) : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > lastDay) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseExportArgs(text: string): ParsedExportArgs {
  const words: ExportWords = {};
  let format: ExportFormat | null = null;
  for (const m of text.matchAll(PAIR)) {
    const key = (m[1] ?? '').toLowerCase();
    const raw = m[2] ?? '';
    const value = raw.replace(/^"|"$/g, '').trim();
    if (!value) return { ok: false, problem: 'unknown', word: m[0] };
    switch (key) {
      case 'topic':
        words.topic = value.replace(/_/g, ' ');
        break;
      case 'actor':
        words.actor = value.replace(/_/g, ' ');
        break;
      case 'lang': {
        const lang = value.toLowerCase() as Lang;
        if (!LANGS.includes(lang)) return { ok: false, problem: 'lang', word: m[0] };
        words.lang = lang;
        break;
      }
      case 'from':
      case 'to': {
        const bound = periodBound(value, key);
        if (!bound) return { ok: false, problem: 'date', word: m[0] };
        words[key] = bound;
        break;
      }
      case 'format': {
        const f = value.toLowerCase();
        if (f === 'csv') format = 'csv';
        else if (f === 'md' || f === 'markdown') format = 'md';
        else return { ok: false, problem: 'format', word: m[0] };
        break;
      }
      default:
        return { ok: false, problem: 'unknown', word: m[0] };
    }
  }
  const leftover = text.replace(PAIR, '').trim();
  if (leftover) return { ok: false, problem: 'unknown', word: leftover.split(/\s+/)[0] ?? leftover };
  if (words.from && words.to && words.from > words.to) return { ok: false, problem: 'range', word: `${words.from} > ${words.to}` };
  return { ok: true, words, format, hasFilters: Object.keys(words).length > 0 };
}
