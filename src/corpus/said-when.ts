// When the words were said, from the attribution's own words: "on Thursday", "On 22 August",
// "March 8", "yesterday", "у неділю, 24 серпня", "напередодні", "14 липня". Relative words are
// read against the article's day; a day that cannot be fixed gives null (the caller falls back
// to the publication date with its precision).
import { dayDate, monthIndex, resolveWeekday } from './dates.ts';
import type { PartialDate } from './types.ts';

const UK_MONTHS: Record<string, number> = {
  січня: 1, лютого: 2, березня: 3, квітня: 4, травня: 5, червня: 6, липня: 7, серпня: 8, вересня: 9, жовтня: 10, листопада: 11, грудня: 12,
  января: 1, февраля: 2, марта: 3, апреля: 4, мая: 5, июня: 6, июля: 7, августа: 8, сентября: 9, октября: 10, ноября: 11, декабря: 12,
};
const UK_WEEKDAYS: Array<[RegExp, string]> = [
  [/понеділ/u, 'monday'], [/вівтор/u, 'tuesday'], [/серед|середу/u, 'wednesday'], [/четвер/u, 'thursday'],
  [/п['’ʼ]?ятниц/u, 'friday'], [/субот/u, 'saturday'], [/неділ/u, 'sunday'],
  [/понедельник/u, 'monday'], [/вторник/u, 'tuesday'], [/сред[ау]/u, 'wednesday'], [/четверг/u, 'thursday'], [/пятниц/u, 'friday'], [/воскресень/u, 'sunday'],
];
const EN_MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?';

function shiftDays(anchor: PartialDate, days: number): PartialDate | null {
  if (anchor.precision !== 'day' || !anchor.value) return null;
  const t = new Date(`${anchor.value}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return { value: t.toISOString().slice(0, 10), precision: 'day' };
}

/** A day and month without a year: the anchor's year, or the year before when that would be in its future. */
function dayOfMonth(day: number, month: number, anchor: PartialDate, year: number | null): PartialDate | null {
  if (year !== null) return dayDate(year, month, day);
  if (!anchor.value) return null;
  const anchorYear = Number(anchor.value.slice(0, 4));
  const date = dayDate(anchorYear, month, day);
  if (!date?.value) return null;
  if (anchor.precision === 'day' && date.value > (shiftDays(anchor, 2)?.value ?? '')) return dayDate(anchorYear - 1, month, day);
  if (anchor.precision === 'month' && date.value.slice(0, 7) > anchor.value) return dayDate(anchorYear - 1, month, day);
  return date;
}

/** The day an attribution clause names, resolved against the article's date; null when it names none. */
export function dayNamedIn(clause: string, anchor: PartialDate): PartialDate | null {
  // Explicit calendar dates first: they need no weekday arithmetic.
  let m = new RegExp(`\\b${EN_MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`).exec(clause);
  if (m) {
    const month = monthIndex(m[1] ?? '');
    const found = month ? dayOfMonth(Number(m[2]), month, anchor, m[3] ? Number(m[3]) : null) : null;
    if (found) return found;
  }
  m = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${EN_MONTH}(?:,?\\s+(\\d{4}))?\\b`).exec(clause);
  if (m) {
    const month = monthIndex(m[2] ?? '');
    const found = month ? dayOfMonth(Number(m[1]), month, anchor, m[3] ? Number(m[3]) : null) : null;
    if (found) return found;
  }
  m = /(?<![\p{L}\d])(\d{1,2})\s+(\p{L}+)(?:\s+(\d{4}))?/u.exec(clause);
  while (m) {
    const month = UK_MONTHS[(m[2] ?? '').toLowerCase()];
    if (month) {
      const found = dayOfMonth(Number(m[1]), month, anchor, m[3] ? Number(m[3]) : null);
      if (found) return found;
    }
    const rest = clause.slice((m.index ?? 0) + m[0].length);
    const next = /(?<![\p{L}\d])(\d{1,2})\s+(\p{L}+)(?:\s+(\d{4}))?/u.exec(rest);
    if (!next) break;
    clause = rest;
    m = next;
  }
  const en = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.exec(clause);
  if (en) return resolveWeekday(en[1] ?? '', anchor);
  const lower = clause.toLowerCase();
  if (/(?<!\p{L})(у|в|во)\s/u.test(lower)) {
    for (const [re, weekday] of UK_WEEKDAYS) {
      const hit = new RegExp(`(?<!\\p{L})(у|в|во)\\s+${re.source}`, 'u').test(lower);
      if (hit) return resolveWeekday(weekday, anchor);
    }
  }
  if (/\byesterday\b|(?<!\p{L})(вчора|учора|напередодні|накануне|вчера)(?!\p{L})/u.test(lower)) return shiftDays(anchor, -1);
  if (/(?<!\p{L})(позавчора|позавчера)(?!\p{L})/u.test(lower)) return shiftDays(anchor, -2);
  if (/\b(today|earlier today|this morning|tonight)\b|(?<!\p{L})(сьогодні|сегодня)(?!\p{L})/u.test(lower)) return shiftDays(anchor, 0);
  return null;
}
