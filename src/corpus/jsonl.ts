// JSONL statements: one JSON object a line, validated; a bad line is reported and skipped.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { describeIssues } from './describe-issues.ts';
import type { ActorMatcher } from './actors.ts';
import { parseIsoDate } from './dates.ts';
import { detectLanguage } from './language.ts';
import type { ExtractedDocument, ExtractedStatement, IngestReject, ParseResult } from './types.ts';
import { UNKNOWN_DATE } from './types.ts';

export const MAX_STATEMENT_CHARS = 100_000;

export const jsonlLineSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  text: z.string().trim().min(1, 'text is empty').max(MAX_STATEMENT_CHARS, `text is longer than ${MAX_STATEMENT_CHARS} characters`),
  // Required by the format, but null means "unknown", which is stored as such (never as today).
  date: z.union([
    z.string().refine((s) => parseIsoDate(s) !== null, 'date is not a real ISO date or date-time'),
    z.null(),
  ]),
  actor: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  url: z.url().optional(),
  source: z.string().min(1).optional(),
  title: z.string().optional(),
  lang: z.string().optional(),
  kind: z.enum(['post', 'quote', 'report']).optional(),
  // An id is the file's own unless marked global (one statement shared by several files).
  global: z.boolean().optional(),
});

/** One line's JSON value → a statement, or the reason the line is skipped. */
export function parseJsonlRecord(value: unknown, matcher?: ActorMatcher): ExtractedStatement | { reason: string } {
  const parsed = jsonlLineSchema.safeParse(value);
  if (!parsed.success) return { reason: describeIssues(parsed.error) };
  const row = parsed.data;
  const actors = row.actor === undefined ? [] : Array.isArray(row.actor) ? row.actor : [row.actor];
  const localKey = row.id
    ? `id:${row.id}`
    : `sha:${createHash('sha256').update(JSON.stringify([row.text, row.date, actors])).digest('hex').slice(0, 20)}`;
  return {
    localKey,
    // Ids are namespaced by file ('<file key>#id:<id>'): two feeds that both number from 1 do not
    // overwrite each other. A global id is used as it is, and a clash between files is reported.
    ...(row.id && row.global ? { externalId: row.id } : {}),
    kind: row.kind ?? (actors.length > 0 ? 'quote' : 'report'),
    title: row.title ?? null,
    text: row.text.trim(),
    parts: null,
    partsTotal: null,
    lang: detectLanguage(row.text, row.lang),
    date: row.date === null ? UNKNOWN_DATE : (parseIsoDate(row.date) ?? UNKNOWN_DATE),
    speakers: actors,
    mentioned: matcher ? matcher.mentionedNames(row.text, actors) : [],
    attribution: null,
    translationOf: null,
    url: row.url ?? null,
    ...(row.source ? { sourceName: row.source } : {}),
  };
}

/** One line of a JSONL file → a statement, the reason it is skipped, or null for a blank line. */
export function parseJsonlLine(line: string, matcher?: ActorMatcher): ExtractedStatement | { reason: string } | null {
  const text = line.trim();
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { reason: 'not valid JSON' };
  }
  return parseJsonlRecord(value, matcher);
}

/** The reason a duplicate line is skipped, from the statement the earlier line made. */
export function duplicateReason(s: ExtractedStatement): string {
  return `duplicate of an earlier line (${s.localKey.startsWith('id:') ? `id ${s.localKey.slice(3)}` : 'same text, date and actor'})`;
}

/** The one document a JSONL file is (its statements are the lines). */
export function jsonlDocument(fileName: string, statements: ExtractedStatement[]): ExtractedDocument {
  return {
    sourceKey: `file:${fileName}`,
    sourceName: fileName,
    kind: 'jsonl',
    url: null,
    homeUrl: null,
    title: null,
    date: UNKNOWN_DATE,
    statements,
  };
}

/** A whole JSONL text in memory (small inputs and tests; ingest streams files: jsonl-import.ts). */
export function parseJsonl(fileName: string, content: string, matcher?: ActorMatcher): ParseResult {
  const rejects: IngestReject[] = [];
  const statements: ExtractedStatement[] = [];
  const seen = new Set<string>();
  content.split(/\r?\n/).forEach((rawLine, i) => {
    const result = parseJsonlLine(rawLine, matcher);
    if (!result) return;
    if ('reason' in result) {
      rejects.push({ file: fileName, line: i + 1, reason: result.reason });
      return;
    }
    if (seen.has(result.localKey)) {
      rejects.push({ file: fileName, line: i + 1, reason: duplicateReason(result) });
      return;
    }
    seen.add(result.localKey);
    statements.push(result);
  });
  return { documents: [jsonlDocument(fileName, statements)], rejects };
}
