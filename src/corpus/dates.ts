// Dates as precise as the text allows. The ingestion clock is never a source of dates.
import type { PartialDate } from './types.ts';
import { UNKNOWN_DATE } from './types.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const pad = (n: number): string => String(n).padStart(2, '0');

export function monthIndex(name: string): number | null {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i === -1 ? null : i + 1;
}

/** True when y-m-d is a real calendar day (no 31 February). */
export function isRealDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function dayDate(y: number, m: number, d: number): PartialDate | null {
  return isRealDay(y, m, d) ? { value: `${y}-${pad(m)}-${pad(d)}`, precision: 'day' } : null;
}

/**
 * '2024-10-22', '2024-10-22T08:00:00Z', '2024-10' or '2024' → a PartialDate; anything else → null.
 * A date-time keeps only its calendar date (in its own offset): statements are dated by day.
 */
export function parseIsoDate(input: string): PartialDate | null {
  const s = input.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const [, y, mo, d, hh, mi, ss] = m;
    if (hh !== undefined && (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 59)) return null;
    return dayDate(Number(y), Number(mo), Number(d));
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? { value: `${m[1]}-${m[2]}`, precision: 'month' } : null;
  }
  if (/^\d{4}$/.test(s)) return { value: s, precision: 'year' };
  return null;
}

/** "23 October 2024", "October 21, 2024", "21 Jan 2026" → a day date; else null. */
export function parseWrittenDate(text: string): PartialDate | null {
  let m = /\b(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})\b/.exec(text);
  if (m) {
    const month = monthIndex(m[2] ?? '');
    if (month) return dayDate(Number(m[3]), month, Number(m[1]));
  }
  m = /\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(text);
  if (m) {
    const month = monthIndex(m[1] ?? '');
    if (month) return dayDate(Number(m[3]), month, Number(m[2]));
  }
  return null;
}

/** A thread-archive date line: "Sep 4 • 15 tweets • 3 min read" → month, day and post count. */
export function parseThreadDateLine(line: string): { month: number; day: number; posts: number | null } | null {
  const m = /^([A-Z][a-z]{2,8})\.?\s+(\d{1,2})\s*•\s*(?:(\d+)\s+tweets?)?.*\bmin read\s*$/.exec(line.trim());
  if (!m) return null;
  const month = monthIndex(m[1] ?? '');
  if (!month) return null;
  return { month, day: Number(m[2]), posts: m[3] ? Number(m[3]) : null };
}

/**
 * "on Tuesday" in an article dated Wednesday 23 October 2024 → Tuesday 22 October: the latest such
 * weekday on or before the article's date. Needs a day-precise anchor; otherwise null.
 */
export function resolveWeekday(weekday: string, anchor: PartialDate): PartialDate | null {
  if (anchor.precision !== 'day' || !anchor.value) return null;
  const target = WEEKDAYS.indexOf(weekday.toLowerCase());
  if (target === -1) return null;
  const t = new Date(`${anchor.value}T00:00:00Z`);
  const back = (t.getUTCDay() - target + 7) % 7;
  t.setUTCDate(t.getUTCDate() - back);
  return { value: t.toISOString().slice(0, 10), precision: 'day' };
}

/** Sort key that orders mixed precisions: '2024-10' → '2024-10-00'; unknown → '' (sorts last). */
export function dateSortKey(date: PartialDate): string {
  if (!date.value) return '';
  if (date.precision === 'day') return date.value;
  if (date.precision === 'month') return `${date.value}-00`;
  return `${date.value}-00-00`;
}

export function orUnknown(date: PartialDate | null | undefined): PartialDate {
  return date ?? UNKNOWN_DATE;
}

export const WEEKDAY_PATTERN = /\b(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
