// When a digest is due: local time + IANA zone → UTC instants, across DST changes.
// A local time that does not exist (spring forward) goes out at the first valid minute after it;
// a local time that happens twice (fall back) goes out at the first.
import { tzOffset } from '@date-fns/tz';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Offset of the zone from UTC at an instant, in minutes. */
const offsetAt = (timeZone: string, instantMs: number): number => tzOffset(timeZone, new Date(instantMs));

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + offsetAt(timeZone, instant.getTime()) * MINUTE_MS).toISOString().slice(0, 10);
}

export function parseLocalTime(text: string): { hours: number; minutes: number } | null {
  const m = /^([01]?\d|2[0-3])[:.h]?([0-5]\d)$/.exec(text.trim());
  return m ? { hours: Number(m[1]), minutes: Number(m[2]) } : null;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The instant a local date and time happen in a zone (see the header for gaps and repeats). */
export function slotInstant(localDate: string, localTime: string, timeZone: string): Date {
  const time = parseLocalTime(localTime);
  if (!time) throw new Error(`Cannot schedule: "${localTime}" is not a time of day (HH:MM)`);
  const wallMs = Date.parse(`${localDate}T00:00:00Z`) + (time.hours * 60 + time.minutes) * MINUTE_MS;
  // Candidates: the wall time read with each offset in force around it. Valid ones read back as it.
  const offsets = [...new Set([offsetAt(timeZone, wallMs - DAY_MS / 2), offsetAt(timeZone, wallMs), offsetAt(timeZone, wallMs + DAY_MS / 2)])];
  const valid = offsets
    .map((o) => wallMs - o * MINUTE_MS)
    .filter((t) => t + offsetAt(timeZone, t) * MINUTE_MS === wallMs)
    .sort((a, b) => a - b);
  if (valid[0] !== undefined) return new Date(valid[0]);
  // A gap: the clocks jumped over this time. The first valid minute after it is the jump itself.
  let lo = wallMs - Math.max(...offsets) * MINUTE_MS;
  let hi = wallMs - Math.min(...offsets) * MINUTE_MS;
  const before = offsetAt(timeZone, lo);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS;
    if (offsetAt(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The first slot strictly after `after`, with the local date it belongs to. */
export function nextSlot(localTime: string, timeZone: string, after: Date): { at: Date; localDate: string } {
  const start = addDays(localDateOf(after, timeZone), -1);
  for (let i = 0; i < 4; i += 1) {
    const localDate = addDays(start, i);
    const at = slotInstant(localDate, localTime, timeZone);
    if (at.getTime() > after.getTime()) return { at, localDate };
  }
  throw new Error(`Cannot schedule ${localTime} in ${timeZone} after ${after.toISOString()}`);
}

/** The local date a slot instant belongs to (the slot may have moved past a gap, same date). */
export function slotDate(slotAt: Date, timeZone: string): string {
  return localDateOf(slotAt, timeZone);
}
