// /time: the forms people type. "8" → 08:00, "8:30", "08.30", "8h30", "0830", "8:30 pm", "8pm",
// "12 am" → 00:00, "20:00", and Ukrainian "8 вечора" / "7 ранку". What is wrong is named so the
// reply can say it: an hour past 23, minutes past 59, "pm" on a 24-hour time, or no time at all.

export type TimeProblem = 'empty' | 'hour-range' | 'minute-range' | 'half-day-range' | 'format';
export type TimeResult = { ok: true; hours: number; minutes: number; text: string } | { ok: false; problem: TimeProblem };

const PM = /^(pm|p\.m\.|p|вечора|дня|по обіді)$/;
const AM = /^(am|a\.m\.|a|ранку|ночі|зранку)$/;

export function parseTimeOfDay(input: string): TimeResult {
  const text = input.trim().toLocaleLowerCase().replace(/\s+/g, ' ');
  if (!text) return { ok: false, problem: 'empty' };
  const m = /^(?:о |at )?(\d{1,2})(?:[:.h ]?(\d{2}))?(?: ?(am|a\.m\.|a|pm|p\.m\.|p|ранку|зранку|ночі|вечора|дня|по обіді))?$/.exec(text)
    ?? /^(?:о |at )?(\d{1,2})(\d{2})()$/.exec(text);
  if (!m) return { ok: false, problem: 'format' };
  let hours = Number(m[1]);
  const minutes = m[2] ? Number(m[2]) : 0;
  const half = m[3] ?? '';
  if (minutes > 59) return { ok: false, problem: 'minute-range' };
  if (half) {
    if (hours < 1 || hours > 12) return { ok: false, problem: 'half-day-range' };
    if (PM.test(half) && hours < 12) hours += 12;
    if (AM.test(half) && hours === 12) hours = 0;
  } else if (hours > 23) return { ok: false, problem: 'hour-range' };
  return { ok: true, hours, minutes, text: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}
