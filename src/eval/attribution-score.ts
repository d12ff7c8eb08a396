// Scores extracted statements against a truth file of who said what (the dev set's scoring rule):
// recall per language, attribution precision, and the day of the words. Pure: data in, figures out.
import { z } from 'zod';

export const truthSchema = z.array(
  z.object({
    file: z.string(),
    anchor: z.string().min(1),
    speaker: z.array(z.string().min(1)).min(1),
    lang: z.string(),
    date: z.string().nullable(),
    dateAlso: z.array(z.string()).optional(),
    optional: z.boolean().optional(),
    note: z.string().optional(),
  }),
);
export type TruthItem = z.infer<typeof truthSchema>[number];

export interface ScoredStatement {
  file: string;
  kind: string;
  text: string;
  speakers: string[];
  date: string | null;
}

/** Lower case, no quote marks or apostrophes, one kind of dash, single spaces. */
export function normaliseForScoring(s: string): string {
  return s
    .toLowerCase()
    .replace(/["“”«»„‟'’‘ʼ`]/g, '')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const nameMatches = (speaker: string, accepted: string[]): boolean => {
  const s = normaliseForScoring(speaker);
  return accepted.some((a) => {
    const n = normaliseForScoring(a);
    return s === n || s.includes(n);
  });
};

export interface Miss {
  file: string;
  anchor: string;
  why: 'not found' | 'wrong speaker' | 'report only';
  got: string[];
}

export interface AttributionScore {
  recall: Record<string, { found: number; total: number }>;
  precision: { right: number; total: number };
  dates: { right: number; total: number };
  misses: Miss[];
  wrong: Array<{ file: string; text: string; speakers: string[] }>;
  wrongDates: Array<{ file: string; anchor: string; want: string; got: string | null }>;
}

export function scoreAttribution(truth: TruthItem[], statements: ScoredStatement[]): AttributionScore {
  const byFile = new Map<string, ScoredStatement[]>();
  for (const s of statements) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const score: AttributionScore = { recall: {}, precision: { right: 0, total: 0 }, dates: { right: 0, total: 0 }, misses: [], wrong: [], wrongDates: [] };

  for (const item of truth) {
    const anchor = normaliseForScoring(item.anchor);
    const inFile = byFile.get(item.file) ?? [];
    const holding = inFile.filter((s) => normaliseForScoring(s.text).includes(anchor));
    const attributed = holding.filter((s) => s.kind !== 'report');
    const found = attributed.find((s) => s.speakers.some((sp) => nameMatches(sp, item.speaker)));
    if (item.optional) continue;
    const tally = (score.recall[item.lang] ??= { found: 0, total: 0 });
    tally.total += 1;
    if (!found) {
      const why = attributed.length > 0 ? 'wrong speaker' : holding.length > 0 ? 'report only' : 'not found';
      score.misses.push({ file: item.file, anchor: item.anchor, why, got: attributed.flatMap((s) => s.speakers) });
      continue;
    }
    tally.found += 1;
    if (item.date !== null) {
      score.dates.total += 1;
      const ok = [item.date, ...(item.dateAlso ?? [])].includes(found.date ?? '');
      if (ok) score.dates.right += 1;
      else score.wrongDates.push({ file: item.file, anchor: item.anchor, want: item.date, got: found.date });
    }
  }

  // Precision: every quote that holds any anchor must name only a right speaker for one of them.
  for (const s of statements) {
    if (s.kind !== 'quote') continue;
    const text = normaliseForScoring(s.text);
    const anchors = truth.filter((t) => t.file === s.file && text.includes(normaliseForScoring(t.anchor)));
    if (anchors.length === 0) continue;
    score.precision.total += 1;
    const right =
      s.speakers.length > 0 && anchors.some((t) => s.speakers.every((sp) => nameMatches(sp, t.speaker)));
    if (right) score.precision.right += 1;
    else score.wrong.push({ file: s.file, text: s.text.slice(0, 120), speakers: s.speakers });
  }
  return score;
}

const ratio = (n: number, d: number): string => (d === 0 ? '-' : `${(n / d).toFixed(3)} (${n}/${d})`);

export function formatScore(score: AttributionScore, options: { details?: boolean } = {}): string {
  const lines: string[] = [];
  for (const [lang, t] of Object.entries(score.recall).sort()) lines.push(`recall ${lang}: ${ratio(t.found, t.total)}`);
  lines.push(`attribution precision: ${ratio(score.precision.right, score.precision.total)}`);
  lines.push(`day of the words: ${ratio(score.dates.right, score.dates.total)}`);
  if (options.details) {
    for (const m of score.misses) lines.push(`  MISS ${m.file} [${m.why}${m.got.length ? `: ${m.got.join(', ')}` : ''}] ${m.anchor}`);
    for (const w of score.wrong) lines.push(`  WRONG ${w.file} [${w.speakers.join(', ') || 'no speaker'}] ${w.text}`);
    for (const d of score.wrongDates) lines.push(`  DATE ${d.file} want ${d.want} got ${d.got ?? 'unknown'}: ${d.anchor}`);
  }
  return lines.join('\n');
}
