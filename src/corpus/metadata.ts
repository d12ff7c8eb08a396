// What is known about a document file: from data/corpus/manifest.json, or front matter in the file.
import { z } from 'zod';
import { parseIsoDate } from './dates.ts';
import type { DocumentKind, PartialDate } from './types.ts';
import { UNKNOWN_DATE } from './types.ts';

export const documentMetaSchema = z.object({
  source: z.string().min(1),
  kind: z.enum(['post-archive', 'article', 'other']).default('other'),
  speaker: z.string().min(1).optional(),
  languages: z.array(z.string()).optional(),
  /** Publication date as far as known: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'. */
  date: z.string().refine((s) => parseIsoDate(s) !== null, 'not a date (YYYY-MM-DD, YYYY-MM or YYYY)').optional(),
  title: z.string().optional(),
  url: z.url().optional(),
  homeUrl: z.url().optional(),
  /** A Telegram channel's username (t.me/<channel>): a channel export has no other way to link posts. */
  channel: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'not a Telegram username').optional(),
  notes: z.string().optional(),
});
export type DocumentMetaInput = z.infer<typeof documentMetaSchema>;

export const manifestSchema = z.object({ files: z.record(z.string(), documentMetaSchema) });

export interface DocumentMeta {
  source: string;
  kind: Exclude<DocumentKind, 'jsonl'>;
  speaker: string | null;
  date: PartialDate;
  title: string | null;
  url: string | null;
  homeUrl: string | null;
  /** Optional so metadata built elsewhere stays valid; only Telegram exports read it. */
  channel?: string | null;
}

export function toDocumentMeta(input: DocumentMetaInput): DocumentMeta {
  return {
    source: input.source,
    kind: input.kind,
    speaker: input.speaker ?? null,
    date: (input.date && parseIsoDate(input.date)) || UNKNOWN_DATE,
    title: input.title ?? null,
    url: input.url ?? null,
    homeUrl: input.homeUrl ?? null,
    channel: input.channel ?? null,
  };
}

/** Metadata for a file nobody described: its name as the source, nothing else assumed. */
export function defaultMeta(fileName: string): DocumentMeta {
  return { source: fileName, kind: 'other', speaker: null, date: UNKNOWN_DATE, title: null, url: null, homeUrl: null, channel: null };
}

/**
 * Front matter: `---` on the first line, `key: value` lines, `---`. Returns the body without it.
 * Throws a ZodError-derived message on bad values so the caller can reject the file.
 */
export function splitFrontMatter(text: string): { meta: DocumentMetaInput | null; body: string; bodyLine: number } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!m) return { meta: null, body: text, bodyLine: 1 };
  const raw: Record<string, unknown> = {};
  for (const line of (m[1] ?? '').split(/\r?\n/)) {
    const kv = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1] as string;
    const value = (kv[2] ?? '').trim().replace(/^["'](.*)["']$/, '$1');
    raw[key] = key === 'languages' ? value.split(/[,\s]+/).filter(Boolean) : value;
  }
  const parsed = documentMetaSchema.parse(raw);
  return { meta: parsed, body: text.slice(m[0].length), bodyLine: (m[0].match(/\n/g) ?? []).length + 1 };
}
