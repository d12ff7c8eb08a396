// Scoring topic tags against hand annotations: each annotation names a statement by its file and
// a verbatim anchor, and lists the topics the statement is about. Pure: statements come in as data.
import { z } from 'zod';

export const topicAnnotationsSchema = z.object({
  items: z.array(
    z.object({
      file: z.string().min(1),
      anchor: z.string().min(15).max(60),
      topics: z.array(z.string().regex(/^[a-z0-9-]+$/)),
    }),
  ),
});
export type TopicAnnotation = z.infer<typeof topicAnnotationsSchema>['items'][number];

export interface TaggedStatement {
  /** The file's base name. */
  file: string;
  text: string;
  topics: string[];
}

export interface TopicFigures {
  slug: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface TopicScore {
  perTopic: TopicFigures[];
  macro: { precision: number; recall: number; f1: number };
  matched: number;
  /** Annotations whose anchor found no statement, or more than one. */
  unmatched: Array<{ file: string; anchor: string; found: number }>;
  errors: Array<{ file: string; anchor: string; missed: string[]; extra: string[] }>;
}

const squash = (s: string): string => s.replace(/[“”«»„"'’ʼ]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
const baseName = (p: string): string => p.replace(/^.*[\\/]/, '');
const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

/** Scores every topic that the annotations or the tags use at least once; macro = mean over them. */
export function scoreTopics(annotations: TopicAnnotation[], statements: TaggedStatement[]): TopicScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (slug: string) => {
    let c = counts.get(slug);
    if (!c) counts.set(slug, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  const unmatched: TopicScore['unmatched'] = [];
  const errors: TopicScore['errors'] = [];
  let matched = 0;
  for (const a of annotations) {
    const anchor = squash(a.anchor);
    const hits = statements.filter((s) => s.file === baseName(a.file) && squash(s.text).includes(anchor));
    if (hits.length !== 1 || !hits[0]) {
      unmatched.push({ file: a.file, anchor: a.anchor, found: hits.length });
      continue;
    }
    matched += 1;
    const predicted = new Set(hits[0].topics);
    const gold = new Set(a.topics);
    for (const slug of gold) count(slug)[predicted.has(slug) ? 'tp' : 'fn'] += 1;
    for (const slug of predicted) if (!gold.has(slug)) count(slug).fp += 1;
    const missed = [...gold].filter((t) => !predicted.has(t));
    const extra = [...predicted].filter((t) => !gold.has(t));
    if (missed.length || extra.length) errors.push({ file: a.file, anchor: a.anchor, missed, extra });
  }
  const perTopic = [...counts.entries()]
    .map(([slug, c]) => {
      const precision = ratio(c.tp, c.tp + c.fp);
      const recall = ratio(c.tp, c.tp + c.fn);
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return { slug, ...c, precision, recall, f1 };
    })
    .sort((x, y) => x.slug.localeCompare(y.slug));
  const mean = (k: 'precision' | 'recall' | 'f1'): number => (perTopic.length ? perTopic.reduce((n, t) => n + t[k], 0) / perTopic.length : 0);
  return { perTopic, macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') }, matched, unmatched, errors };
}

export function formatTopicScore(score: TopicScore): string {
  const pct = (x: number): string => x.toFixed(2);
  const lines = score.perTopic.map((t) => `${t.slug.padEnd(20)} P ${pct(t.precision)}  R ${pct(t.recall)}  F1 ${pct(t.f1)}  (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`);
  lines.push(`macro over ${score.perTopic.length} topics: P ${pct(score.macro.precision)}  R ${pct(score.macro.recall)}  F1 ${pct(score.macro.f1)}  (${score.matched} statements)`);
  for (const u of score.unmatched) lines.push(`unmatched (${u.found} found): ${u.file} "${u.anchor}"`);
  return lines.join('\n');
}
