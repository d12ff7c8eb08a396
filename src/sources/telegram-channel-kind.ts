// The Telegram channel kind: { "kind": "telegram-channel", "channel": "V_Zelenskiy_official",
// "speaker": "Volodymyr Zelensky" } reads the channel's public web preview (t.me/s/<channel>),
// one `post` per message, keyed by channel and message id so an edited message updates its
// statement in place. Older pages (?before=<id>) are read for backfill, one per poll, up to
// `backfillPages`; the cursor between polls is the id the next older page starts before.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { dayDate } from '../corpus/dates.ts';
import { detectLanguage } from '../corpus/language.ts';
import type { ExtractedDocument } from '../corpus/types.ts';
import { UNKNOWN_DATE } from '../corpus/types.ts';
import type { KindPollContext, KindPollResult, PolledItem, SourceKind } from './source-kind.ts';
import type { CommonSourceConfig } from './source-settings.ts';
import { commonSourceFields, httpUrlSchema } from './source-settings.ts';
import type { PreviewMessage } from './telegram-preview.ts';
import { parsePreviewPage } from './telegram-preview.ts';

export interface TelegramChannelSourceConfig extends CommonSourceConfig {
  kind: 'telegram-channel';
  /** The channel's public username (t.me/<channel>). */
  channel: string;
  /** Older preview pages (?before=) read in all, one per poll, after the newest page. */
  backfillPages: number;
}

const DEFAULT_BACKFILL_PAGES = 5;
const MAX_BACKFILL_PAGES = 200;
/** Telegram's own preview is polled no more often than this (a mirror or a local copy may be). */
const MIN_TME_POLL_MINUTES = 5;

const settings = z
  .strictObject({
    ...commonSourceFields,
    kind: z.literal('telegram-channel'),
    channel: z.string({ error: () => 'is required' }).trim().regex(/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/, 'must be a public channel username (letters, digits, _; 4–32)'),
    // Where the preview is read; t.me/s/<channel> unless a mirror or a saved copy is served elsewhere.
    url: httpUrlSchema.optional(),
    backfillPages: z.number().int().min(0).max(MAX_BACKFILL_PAGES).default(DEFAULT_BACKFILL_PAGES),
  })
  .refine((entry) => entry.url !== undefined || entry.pollMinutes >= MIN_TME_POLL_MINUTES, {
    path: ['pollMinutes'],
    error: `must be at least ${MIN_TME_POLL_MINUTES} for t.me (be polite to Telegram)`,
  })
  .transform(({ comment: _comment, url, channel, ...source }): TelegramChannelSourceConfig => {
    const name = channel.replace(/^@/, '');
    return { ...source, channel: name, url: url ?? `https://t.me/s/${name}` };
  });

interface Cursor {
  /** The next older page is ?before=<this id>; null when backfill is done. */
  before: number | null;
  pages: number;
}

function readCursor(text: string | null): Cursor | null {
  try {
    const value = text ? (JSON.parse(text) as Partial<Cursor>) : null;
    return value && typeof value.pages === 'number' ? { before: typeof value.before === 'number' ? value.before : null, pages: value.pages } : null;
  } catch {
    return null;
  }
}

export function channelPostKey(channel: string, id: number): string {
  return `tg-channel:${channel.toLowerCase()}/${id}`;
}

function postDay(postedAt: string | null) {
  if (!postedAt) return UNKNOWN_DATE;
  const t = new Date(postedAt);
  return dayDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()) ?? UNKNOWN_DATE;
}

function messageItem(message: PreviewMessage, source: TelegramChannelSourceConfig, context: KindPollContext): PolledItem {
  const key = channelPostKey(source.channel, message.id);
  const date = postDay(message.postedAt);
  // A forwarded post is someone else's words: credited to its origin, not put in the owner's mouth.
  const speakers = source.speaker && !message.forwardedFrom ? [source.speaker] : [];
  const hash = createHash('sha256')
    .update(context.reference.version)
    .update(JSON.stringify([source.speaker, source.lang, message.text, date, message.forwardedFrom]))
    .digest('hex');
  const stored = context.storedHashes(key);
  if (stored.length > 0 && stored.every((h) => h === hash)) return { key, document: null, hash };
  const detected = detectLanguage(message.text);
  const document: ExtractedDocument = {
    sourceKey: key, sourceName: source.name, kind: 'post-archive', url: message.url, homeUrl: `https://t.me/${source.channel}`,
    title: null, date,
    statements: [{
      localKey: `tg:${message.id}`, kind: 'post', title: null, text: message.text, parts: null, partsTotal: null,
      lang: detected === 'und' && source.lang ? source.lang : detected, date, speakers,
      mentioned: context.reference.matcher.mentionedNames(message.text, speakers),
      attribution: message.forwardedFrom, translationOf: null, url: message.url,
    }],
  };
  return { key, document, hash };
}

async function fetchPage(url: string, source: TelegramChannelSourceConfig, context: KindPollContext, conditional: boolean) {
  const validators = conditional ? { etag: context.state.etag, lastModified: context.state.lastModified } : { etag: null, lastModified: null };
  const outcome = await context.fetch(url, validators, context.limits);
  if (outcome.status === 'not-modified') return { outcome, page: null };
  const page = parsePreviewPage(outcome.body, source.channel);
  if (!page.isPreview) throw new Error(`Cannot read channel @${source.channel}: the page shows no public preview (no such channel, a private one, or previews turned off)`);
  return { outcome, page };
}

async function poll(source: TelegramChannelSourceConfig, context: KindPollContext): Promise<KindPollResult> {
  const newest = await fetchPage(source.url, source, context, true);
  const messages: PreviewMessage[] = [...(newest.page?.messages ?? [])];
  let cursor = readCursor(context.state.cursor) ?? { before: newest.page?.olderBefore ?? null, pages: 0 };
  const notes: string[] = [];
  // Backfill: one older page per poll, so a new source reaches back without a burst of requests.
  if (cursor.before !== null && cursor.pages < source.backfillPages && !context.stopping()) {
    const older = new URL(source.url);
    older.searchParams.set('before', String(cursor.before));
    const { page } = await fetchPage(older.href, source, context, false);
    messages.push(...(page?.messages ?? []));
    // A page that does not go further back (the channel's start, or a server repeating itself) ends the backfill.
    const next = page?.olderBefore ?? null;
    cursor = { before: next !== null && next < cursor.before ? next : null, pages: cursor.pages + 1 };
    notes.push(cursor.before === null ? 'backfill reached the channel\'s first post' : `backfill: ${cursor.pages} of ${source.backfillPages} older pages read`);
  }
  const posts = messages.filter((m) => !m.service && m.text !== '');
  const seen = new Set<number>();
  const items = posts.filter((m) => !seen.has(m.id) && seen.add(m.id)).map((m) => messageItem(m, source, context));
  const validators = newest.outcome.status === 'ok' ? newest.outcome.validators : null;
  return {
    status: newest.page === null && items.length === 0 ? 'not-modified' : 'updated',
    items,
    validators,
    cursor: JSON.stringify(cursor),
    entries: messages.length,
    notes,
    recovered: false,
  };
}

export const telegramChannelKind: SourceKind<TelegramChannelSourceConfig> = { kind: 'telegram-channel', settings, poll };
