// Telegram Desktop's "Export chat history" (JSON): result.json of a channel → one post per message.
// Validation is loose on purpose: exporter versions add keys; only what is read here must hold.
import { z } from 'zod';
import { describeIssues } from './describe-issues.ts';
import type { ActorMatcher } from './actors.ts';
import { dayDate, parseIsoDate } from './dates.ts';
import { detectLanguage } from './language.ts';
import type { DocumentMeta } from './metadata.ts';
import type { ExtractedDocument, ExtractedStatement, IngestReject, ParseResult, PartialDate } from './types.ts';
import { UNKNOWN_DATE } from './types.ts';

const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
const TME_URL = /^https?:\/\/(?:www\.)?(?:t|telegram)\.me\/(?:s\/)?([A-Za-z][A-Za-z0-9_]{3,31})\/?$/;

const textPartSchema = z.union([
  z.string(),
  z.looseObject({ type: z.string(), text: z.string(), href: z.string().optional() }),
]);
type TextPart = z.infer<typeof textPartSchema>;

const messageSchema = z.looseObject({
  id: z.number().int(),
  type: z.string(),
  date: z.string().optional(),
  date_unixtime: z.string().regex(/^\d+$/, 'not a Unix time').optional(),
  text: z.union([z.string(), z.array(textPartSchema)]).optional(),
  forwarded_from: z.string().nullable().optional(),
});
type Message = z.infer<typeof messageSchema>;

const exportSchema = z.looseObject({ name: z.string().nullable().optional(), messages: z.array(z.unknown()) });

/** The channel's t.me username: result.json never holds it, so it comes from the manifest only. */
export function channelUsername(meta: DocumentMeta | null): string | null {
  if (meta?.channel && USERNAME.test(meta.channel)) return meta.channel;
  return TME_URL.exec(meta?.homeUrl ?? '')?.[1] ?? null;
}

/** Formatted text as one string: a link keeps its words, and its address when the words hide it. */
export function flattenMessageText(text: string | TextPart[] | undefined): string {
  const parts = typeof text === 'string' ? [text] : (text ?? []);
  const joined = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const href = part.href?.trim();
      const showHref = part.type === 'text_link' && href && href !== part.text.trim() && /^https?:\/\//i.test(href);
      return showHref ? `${part.text} (${href})` : part.text;
    })
    .join('');
  return joined
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * date_unixtime is an instant: its UTC day. `date` alone is the exporter's wall clock in a zone the
 * file does not name, so only its calendar day is trusted. Nothing usable → unknown, never "now".
 */
export function messageDate(message: Pick<Message, 'date' | 'date_unixtime'>): PartialDate {
  if (message.date_unixtime) {
    const t = new Date(Number(message.date_unixtime) * 1000);
    if (!Number.isNaN(t.getTime())) {
      return dayDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()) ?? UNKNOWN_DATE;
    }
  }
  const local = message.date?.trim() ?? '';
  return /^\d{4}-\d{2}-\d{2}/.test(local) ? (parseIsoDate(local) ?? UNKNOWN_DATE) : UNKNOWN_DATE;
}

/** V8 reports "at position N" for most syntax errors; turn that into a line and column. */
function jsonErrorReject(fileName: string, text: string, error: Error): IngestReject {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return { file: fileName, line: null, reason: `not valid JSON: ${error.message}` };
  const before = text.slice(0, Number(position)).split('\n');
  const column = (before[before.length - 1]?.length ?? 0) + 1;
  const detail = error.message.replace(/\s*in JSON at position \d+.*$/s, '');
  return { file: fileName, line: before.length, reason: `not valid JSON at column ${column}: ${detail}` };
}

/**
 * The line each element of the top-level "messages" array starts on, so a bad message can be
 * reported where an editor shows it. Runs only on text JSON.parse accepted.
 */
function messageStartLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastKey = '';
  let inMessages = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (ch === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') {
        inString = false;
        if (depth === 1) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (expectElement && !/\s/.test(ch) && ch !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') {
      inString = true;
      stringStart = i;
    } else if (ch === '{' || ch === '[') {
      depth += 1;
      if (depth === 2 && ch === '[' && lastKey === 'messages') inMessages = expectElement = true;
    } else if (ch === '}' || ch === ']') {
      depth -= 1;
      if (depth === 1) inMessages = expectElement = false;
    } else if (ch === ',' && inMessages && depth === 2) expectElement = true;
  }
  return lines;
}

export function parseTelegramExport(fileName: string, text: string, meta: DocumentMeta | null, matcher: ActorMatcher): ParseResult {
  const reject = (line: number | null, reason: string): ParseResult => ({ documents: [], rejects: [{ file: fileName, line, reason }] });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { documents: [], rejects: [jsonErrorReject(fileName, text, error as Error)] };
  }
  const exported = exportSchema.safeParse(value);
  if (!exported.success) return reject(null, 'not a Telegram export (no "messages" array)');

  const username = channelUsername(meta);
  // Without a username there is no honest link to a post: urls stay null rather than guessed.
  const channelUrl = username ? `https://t.me/${username}` : null;
  const speaker = meta?.speaker ?? null;
  const startLines = messageStartLines(text);
  const lineOf = (index: number): number | null =>
    startLines.length === exported.data.messages.length ? (startLines[index] ?? null) : null;
  const rejects: IngestReject[] = [];
  const statements: ExtractedStatement[] = [];
  const seen = new Set<number>();
  exported.data.messages.forEach((raw, index) => {
    const parsed = messageSchema.safeParse(raw);
    if (!parsed.success) {
      rejects.push({ file: fileName, line: lineOf(index), reason: `message #${index + 1}: ${describeIssues(parsed.error)}` });
      return;
    }
    const message = parsed.data;
    // Service messages ("channel created", pinned) and photos without a caption say nothing.
    const body = message.type === 'message' ? flattenMessageText(message.text) : '';
    if (!body) return;
    if (seen.has(message.id)) {
      rejects.push({ file: fileName, line: lineOf(index), reason: `message #${index + 1}: duplicate of message id ${message.id}` });
      return;
    }
    seen.add(message.id);
    // A forwarded post is someone else's words: it is not put in the channel owner's mouth.
    const forwardedFrom = message.forwarded_from?.trim() || null;
    const speakers = speaker && !forwardedFrom ? [speaker] : [];
    statements.push({
      // Keyed by message id, so an edited message updates its statement in place on re-import.
      localKey: `tg:${message.id}`,
      kind: 'post',
      title: null,
      text: body,
      parts: null,
      partsTotal: null,
      lang: detectLanguage(body),
      date: messageDate(message),
      speakers,
      mentioned: matcher.mentionedNames(body, speakers),
      attribution: forwardedFrom,
      translationOf: null,
      url: channelUrl ? `${channelUrl}/${message.id}` : null,
    });
  });

  const exportName = exported.data.name?.trim() || null;
  const document: ExtractedDocument = {
    sourceKey: `file:${fileName}`,
    sourceName: meta?.source ?? exportName ?? fileName,
    kind: 'post-archive',
    url: channelUrl,
    homeUrl: channelUrl ?? meta?.homeUrl ?? null,
    title: meta?.title ?? exportName,
    date: meta?.date ?? UNKNOWN_DATE,
    statements,
  };
  if (statements.length === 0 && rejects.length === 0) rejects.push({ file: fileName, line: null, reason: 'no messages with text in the export' });
  return { documents: [document], rejects };
}
