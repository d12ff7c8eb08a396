// Time zones by IANA name, or by the cities people actually type.
import { foldText } from '../corpus/names.ts';
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

/** An IANA zone for "Asia/Seoul", "asia/seoul", "Seoul" or "Київ"; null if unknown. */
export function resolveTimeZone(input: string): string | null {
  const text = input.trim();
  if (!text || text.length > 64) return null;
  const city = CITIES[foldText(text).replace(/\s+/g, ' ')];
  if (city) return city;
  if (isTimeZone(text)) return new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
  return null;
}
