// A statement's date, said as precisely as it is known and no more.
import type { DatePrecision } from './corpus/types.ts';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_UK = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
const MONTHS_UK_NOMINATIVE = ['січень', 'лютий', 'березень', 'квітень', 'травень', 'червень', 'липень', 'серпень', 'вересень', 'жовтень', 'листопад', 'грудень'];

export function formatStatementDate(date: string | null, precision: DatePrecision, lang: 'en' | 'uk' = 'en'): string {
  if (!date || precision === 'unknown') return lang === 'uk' ? 'дата невідома' : 'date unknown';
  const [y, m, d] = date.split('-').map(Number);
  const month = (m ?? 1) - 1;
  if (precision === 'year') return lang === 'uk' ? `${y} р. (день невідомий)` : `${y} (day unknown)`;
  if (precision === 'month') return lang === 'uk' ? `${MONTHS_UK_NOMINATIVE[month]} ${y} (день невідомий)` : `${MONTHS_EN[month]} ${y} (day unknown)`;
  return lang === 'uk' ? `${d} ${MONTHS_UK[month]} ${y}` : `${d} ${MONTHS_EN[month]} ${y}`;
}
