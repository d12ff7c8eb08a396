// Feed dates → a UTC calendar day. Parsed by hand rather than with Date.parse, which accepts
// almost any string ("Issue 12" is a date to V8) and reads zone-less times as the server's local
// time: a wrong day is worse than an unknown one, since digests and searches trust it.
// Unlike a text's own dates (corpus/dates.ts, kept in their own offset), a feed's instant becomes its
// UTC day: feeds mix zones, and one calendar for all entries keeps their order right.
import { isRealDay, monthIndex } from '../corpus/dates.ts';
import type { PartialDate } from '../corpus/types.ts';
import { UNKNOWN_DATE } from '../corpus/types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// RFC 822/2822 as feeds write it: "Tue, 03 Jun 2025 23:30:00 -0300", "3 June 2025 10:00 GMT".
// Day and month names in the feed's own language are accepted too ("Seg, 24 Set 2018").
const RFC_DATE =
  /^(?:\p{L}{2,9}\.?,?\s+)?(\d{1,2})\s+(\p{L}{3,9})\.?,?\s+(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([a-z]{1,5}|[+-]\d{2}:?\d{2}))?)?$/iu;

/**
 * Month abbreviations of feeds that localise RFC 822 dates (Portuguese, Spanish, French, German,
 * Italian, Dutch) where they differ from English; RFC 822 allows only English, CMSs do not care.
 */
const LOCAL_MONTHS: Record<string, number> = {
  ene: 1, gen: 1, jan: 1, fev: 2, fév: 2, feb: 2, mrz: 3, mär: 3, maa: 3, avr: 4, abr: 4, mai: 5, mei: 5, mag: 5,
  jui: 6, giu: 6, lug: 7, ago: 8, aoû: 8, aou: 8, set: 9, out: 10, okt: 10, ott: 10, dez: 12, dic: 12, déc: 12,
};

/** The month of an English or localised month name (jui is June; juil(let) is July). */
function anyMonthIndex(name: string): number | null {
  const lower = name.toLowerCase();
  if (lower.startsWith('juil')) return 7;
  return monthIndex(lower) ?? LOCAL_MONTHS[lower.slice(0, 3)] ?? null;
}

/** Zone names seen in feeds, in hours from UTC; the RFC 822 set plus the region's own. */
const ZONE_HOURS: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0,
  est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7,
  wet: 0, west: 1, bst: 1, cet: 1, cest: 2, eet: 2, eest: 3, msk: 3,
};

/** Offset in minutes, 'local' for a name we do not know (the day as written is then the best guess). */
function zoneMinutes(zone: string | undefined): number | 'local' {
  if (!zone) return 0; // a time without a zone: feeds that omit it nearly always mean UTC
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  const hours = ZONE_HOURS[zone.toLowerCase()];
  return hours === undefined ? 'local' : hours * 60;
}

function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface Parts {
  year: number;
  month: number; // 1–12
  day: number;
  time: { hour: number; minute: number; second: number; zone: string | undefined } | null;
}

function toDay(p: Parts): string | null {
  // Rejects 31 June and friends instead of rolling them into the next month.
  if (!isRealDay(p.year, p.month, p.day)) return null;
  const written = Date.UTC(p.year, p.month - 1, p.day);
  if (!p.time) return dayString(written);
  const { hour, minute, second } = p.time;
  if (hour > 24 || minute > 59 || second > 60) return null;
  const offset = zoneMinutes(p.time.zone);
  if (offset === 'local') return dayString(written);
  return dayString(written + ((hour * 60 + minute - offset) * 60 + second) * 1000);
}

function parts(raw: string): Parts | null {
  const iso = ISO_DATE.exec(raw);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    return {
      year: Number(y), month: Number(mo), day: Number(d),
      time: h === undefined ? null : { hour: Number(h), minute: Number(mi), second: Number(s ?? 0), zone },
    };
  }
  const rfc = RFC_DATE.exec(raw);
  if (!rfc) return null;
  const [, d, monthName, y, h, mi, s, zone] = rfc;
  const month = anyMonthIndex(monthName ?? '');
  if (month === null) return null;
  const shortYear = Number(y);
  const year = (y ?? '').length === 2 ? (shortYear < 50 ? 2000 + shortYear : 1900 + shortYear) : shortYear;
  return {
    year, month, day: Number(d),
    time: h === undefined ? null : { hour: Number(h), minute: Number(mi), second: Number(s ?? 0), zone },
  };
}

/** The UTC day of a feed date string, or unknown when it is missing or not a date we can trust. */
export function parseFeedDate(raw: string | null | undefined): PartialDate {
  const text = raw?.trim();
  if (!text) return UNKNOWN_DATE;
  const p = parts(text);
  const day = p ? toDay(p) : null;
  // 1970-01-01 and year-one dates are what a CMS writes for "no date", not a publication day.
  if (!day || day < '1900-01-01' || day === '1970-01-01') return UNKNOWN_DATE;
  return { value: day, precision: 'day' };
}

/** The first of several candidate dates (pubDate, then dc:date, …) that parses. */
export function firstFeedDate(candidates: Array<string | null | undefined>): PartialDate {
  for (const candidate of candidates) {
    const date = parseFeedDate(candidate);
    if (date.value) return date;
  }
  return UNKNOWN_DATE;
}
