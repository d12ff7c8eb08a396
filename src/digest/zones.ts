// Time zones by IANA name, or by the cities people actually type.
import { editDistance, foldText } from '../corpus/names.ts';
import { isTimeZone } from './due.ts';

const CITIES: Record<string, string> = {
  kyiv: 'Europe/Kyiv', kiev: 'Europe/Kyiv', київ: 'Europe/Kyiv', киев: 'Europe/Kyiv', ukraine: 'Europe/Kyiv', україна: 'Europe/Kyiv',
  lviv: 'Europe/Kyiv', львів: 'Europe/Kyiv', odesa: 'Europe/Kyiv', odessa: 'Europe/Kyiv', одеса: 'Europe/Kyiv', kharkiv: 'Europe/Kyiv', харків: 'Europe/Kyiv',
  seoul: 'Asia/Seoul', сеул: 'Asia/Seoul', tokyo: 'Asia/Tokyo', токіо: 'Asia/Tokyo', beijing: 'Asia/Shanghai', пекін: 'Asia/Shanghai',
  london: 'Europe/London', лондон: 'Europe/London', dublin: 'Europe/Dublin', lisbon: 'Europe/Lisbon', madrid: 'Europe/Madrid',
  paris: 'Europe/Paris', париж: 'Europe/Paris', brussels: 'Europe/Brussels', брюссель: 'Europe/Brussels', berlin: 'Europe/Berlin', берлін: 'Europe/Berlin',
  amsterdam: 'Europe/Amsterdam', 'the hague': 'Europe/Amsterdam', rome: 'Europe/Rome', vienna: 'Europe/Vienna', prague: 'Europe/Prague',
  warsaw: 'Europe/Warsaw', варшава: 'Europe/Warsaw', vilnius: 'Europe/Vilnius', вільнюс: 'Europe/Vilnius', riga: 'Europe/Riga', tallinn: 'Europe/Tallinn',
  helsinki: 'Europe/Helsinki', stockholm: 'Europe/Stockholm', oslo: 'Europe/Oslo', copenhagen: 'Europe/Copenhagen', bucharest: 'Europe/Bucharest',
  chisinau: 'Europe/Chisinau', istanbul: 'Europe/Istanbul', ankara: 'Europe/Istanbul', moscow: 'Europe/Moscow', dubai: 'Asia/Dubai',
  delhi: 'Asia/Kolkata', 'new delhi': 'Asia/Kolkata', washington: 'America/New_York', вашингтон: 'America/New_York', 'new york': 'America/New_York',
  'нью-йорк': 'America/New_York', ottawa: 'America/Toronto', toronto: 'America/Toronto', chicago: 'America/Chicago', 'los angeles': 'America/Los_Angeles',
  'san francisco': 'America/Los_Angeles', sydney: 'Australia/Sydney', canberra: 'Australia/Sydney', utc: 'UTC', gmt: 'UTC',
};

const ALL_ZONES = (): string[] => (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');

/** An IANA zone for "Asia/Seoul", "asia/seoul", "Seoul" or "Київ"; null if unknown. */
export function resolveTimeZone(input: string): string | null {
  const text = input.trim();
  if (!text || text.length > 64) return null;
  const city = CITIES[foldText(text).replace(/\s+/g, ' ')];
  if (city) return city;
  if (isTimeZone(text)) {
    // The name as IANA spells it today (Europe/Kyiv, not the older alias ICU may resolve it to).
    const listed = [...Object.values(CITIES), ...ALL_ZONES()].find((z) => z.toLowerCase() === text.toLowerCase());
    return listed ?? new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
  }
  return null;
}

/** A zone as people read it: fixed offsets as "UTC+02:00", others by their IANA name. */
export function zoneLabel(zone: string): string {
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone);
  // IANA's Etc zones have the sign inverted: Etc/GMT-2 is two hours ahead of UTC.
  if (m) return `UTC${m[1] === '-' ? '+' : '-'}${(m[2] ?? '0').padStart(2, '0')}:00`;
  return zone === 'Etc/UTC' || zone === 'Etc/GMT' ? 'UTC' : zone;
}

export type ZoneResult =
  | { ok: true; zone: string }
  | { ok: false; problem: 'empty' }
  | { ok: false; problem: 'offset-range' | 'offset-minutes'; offset: string }
  | { ok: false; problem: 'unknown'; suggestions: string[] };


/** Close spellings of a zone or city ("Kyvi" → Europe/Kyiv), best first. */
export function suggestZones(input: string, max = 3): string[] {
  const key = foldText(input).replace(/[\s_]+/g, ' ').trim();
  if (key.length < 3) return [];
  const limit = key.length <= 3 ? 1 : 2;
  const scored: Array<[string, number]> = [];
  for (const [city, zone] of Object.entries(CITIES)) scored.push([zone, editDistance(key, city, limit)]);
  for (const zone of ALL_ZONES()) {
    const last = foldText(zone.split('/').pop() ?? '').replace(/_/g, ' ');
    scored.push([zone, Math.min(editDistance(key, last, limit), editDistance(key, foldText(zone), limit))]);
  }
  const best = scored.filter(([, d]) => d <= limit).sort((a, b) => a[1] - b[1]).map(([zone]) => zone);
  return [...new Set(best)].slice(0, max);
}

/**
 * /timezone's grammar: an IANA name in any case, a city (Kyiv, Київ, Seoul), or a fixed offset
 * (UTC+2, GMT-5, +02:00) kept as the Etc/GMT zone of that offset (no daylight saving: the reply says so).
 */
export function parseTimeZone(input: string): ZoneResult {
  const text = input.trim();
  if (!text) return { ok: false, problem: 'empty' };
  const offset = /^(?:utc|gmt|utc ?|гмт)?\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (offset) {
    const sign = offset[1] === '+' ? 1 : -1;
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? '0');
    if (minutes !== 0) return { ok: false, problem: 'offset-minutes', offset: text };
    if ((sign > 0 && hours > 14) || (sign < 0 && hours > 12)) return { ok: false, problem: 'offset-range', offset: text };
    return { ok: true, zone: hours === 0 ? 'UTC' : `Etc/GMT${sign > 0 ? '-' : '+'}${hours}` };
  }
  const zone = resolveTimeZone(text);
  if (zone) return { ok: true, zone };
  return { ok: false, problem: 'unknown', suggestions: suggestZones(text) };
}
