// A paragraph in units of attribution: sentences, except that a quotation is never cut, so
// `"A. B," he said.` is one unit and two speakers in one paragraph are two units.

const OPEN_QUOTES = '“"«„';
const CLOSE_QUOTES = '”"»“';

export type Span = [number, number];

/** Character ranges inside quotation marks (both marks included). An unclosed quote runs to the end. */
export function quoteSpans(text: string): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let opener = '';
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (open === -1) {
      if (OPEN_QUOTES.includes(ch)) {
        open = i;
        opener = ch;
        depth = 0;
      }
      continue;
    }
    // «…„…“…» nests: an inner „ or « opens a level the matching mark closes.
    if (opener === '«' && ch === '«') depth += 1;
    else if (opener === '«' && ch === '»') {
      if (depth > 0) depth -= 1;
      else {
        spans.push([open, i + 1]);
        open = -1;
      }
    } else if (opener !== '«' && CLOSE_QUOTES.includes(ch) && !(opener === '"' && ch !== '"') && !(opener === '“' && ch === '“')) {
      spans.push([open, i + 1]);
      open = -1;
    }
  }
  if (open !== -1) spans.push([open, text.length]);
  return spans;
}

export const isInside = (spans: readonly Span[], at: number): boolean => spans.some(([a, b]) => at > a && at < b - 1);

export interface Unit {
  text: string;
  /** Offset of the unit in its paragraph. */
  start: number;
  /** Quotation ranges, relative to the unit. */
  quotes: Span[];
}

const ABBREVIATION = /(?:\b(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|Maj|Sgt|Capt|Rep|Sen|Gov|St|Jr|Sr|No|vs|etc|U\.S|U\.K|E\.U|ім|т\.зв|т\.д|р|ст|м|вул|див|тис|млн|млрд|грн)|\b\p{Lu})\.$/u;

/** Splits a paragraph at sentence ends that lie outside quotations. */
export function splitUnits(paragraph: string): Unit[] {
  const spans = quoteSpans(paragraph);
  const cuts: number[] = [0];
  const re = /[.!?…]+["”»]?\s+(?=["“«„(\p{Lu}\p{N}–—-])/gu;
  for (const m of paragraph.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].length;
    const mark = m.index ?? 0;
    if (isInside(spans, mark)) continue;
    if (ABBREVIATION.test(paragraph.slice(Math.max(0, mark - 6), mark + 1))) continue;
    cuts.push(end);
  }
  cuts.push(paragraph.length);
  const units: Unit[] = [];
  for (let i = 0; i < cuts.length - 1; i += 1) {
    const start = cuts[i] as number;
    const raw = paragraph.slice(start, cuts[i + 1]);
    const text = raw.trimEnd();
    if (!text.trim()) continue;
    units.push({
      text,
      start,
      quotes: spans.filter(([a, b]) => a >= start && b <= start + raw.length + 1).map(([a, b]) => [a - start, Math.min(b, start + text.length) - start] as Span),
    });
  }
  return units;
}

/** Share of a unit's letters inside quotation marks. */
export function quotedShare(unit: Unit): number {
  const letters = unit.text.replace(/[^\p{L}]/gu, '').length;
  if (letters === 0) return 0;
  const inside = unit.quotes.reduce((n, [a, b]) => n + unit.text.slice(a, b).replace(/[^\p{L}]/gu, '').length, 0);
  return inside / letters;
}

export const startsWithQuote = (text: string): boolean => OPEN_QUOTES.includes(text.trimStart()[0] ?? '');
