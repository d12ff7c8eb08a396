// The feed kind: RSS, Atom, JSON Feed and RDF. A conditional GET, the body parsed (repaired where
// it can be, cut to the newest entries), each entry one document keyed by its id, and for
// `fetchArticles` sources the entry's page in place of a teaser.
import { z } from 'zod';
import type { ExtractedDocument } from '../corpus/types.ts';
import { UNKNOWN_DATE } from '../corpus/types.ts';
import { entryHash, entryKey, entryToDocument } from './entry-document.ts';
import type { FeedEntry } from './feed.ts';
import { fetchArticleDocument } from './page.ts';
import type { KindPollContext, KindPollResult, PolledItem, SourceKind } from './source-kind.ts';
import type { CommonSourceConfig } from './source-settings.ts';
import { commonSourceFields, httpUrlSchema } from './source-settings.ts';

export interface FeedSourceConfig extends CommonSourceConfig {
  kind: 'feed';
  fetchArticles: boolean;
}

/**
 * Entries taken from one feed body (feeds list the newest first). A 5 MB feed can hold 10,000
 * items; reading all of them every poll would hold the bot's only thread for many seconds, so the
 * rest are cut from the text before it is parsed.
 */
export const MAX_ENTRIES_PER_POLL = 200;
/** Article pages fetched per poll of one feed; the rest keep their feed text until the next poll. */
const MAX_PAGES_PER_POLL = 10;
/** A publication date this far ahead of the clock is a feed error, not news: stored as unknown. */
const MAX_FUTURE_MS = 24 * 3600_000;
/** Marks an entry stored without the page it asked for, so the next poll tries the page again. */
const TEASER_ONLY = ':teaser';

const settings = z
  .strictObject({ ...commonSourceFields, kind: z.literal('feed').default('feed'), url: httpUrlSchema, fetchArticles: z.boolean().default(false) })
  .transform(({ comment: _comment, ...source }): FeedSourceConfig => source);

function withoutFutureDate(entry: FeedEntry, now: Date): FeedEntry {
  const day = entry.published.value;
  if (!day || Date.parse(`${day}T00:00:00Z`) <= now.getTime() + MAX_FUTURE_MS) return entry;
  return { ...entry, published: UNKNOWN_DATE };
}

/** New or changed entries become documents; unchanged ones (same hash as stored) are skipped. */
async function entryItems(source: FeedSourceConfig, entries: FeedEntry[], context: KindPollContext): Promise<PolledItem[]> {
  const { reference } = context;
  const out: PolledItem[] = [];
  let pages = 0;
  for (const entry of entries) {
    const key = entryKey(source.name, entry.id);
    const hash = entryHash(entry, source, reference.version);
    const stored = context.storedHashes(key);
    if (stored.length > 0 && stored.every((h) => h === hash)) {
      out.push({ key, document: null, hash });
      continue;
    }
    const wantsPage = source.fetchArticles && entry.url !== null;
    // A teaser already stored for this very entry is not rewritten while the page is out of reach.
    const pageBudget = pages < MAX_PAGES_PER_POLL && !context.stopping();
    if (wantsPage && !pageBudget && stored.length > 0 && stored.every((h) => h === hash + TEASER_ONLY)) {
      out.push({ key, document: null, hash: hash + TEASER_ONLY });
      continue;
    }
    let page: ExtractedDocument | null = null;
    if (wantsPage && pageBudget) {
      pages += 1;
      page = await fetchArticleDocument(entry, source, reference.matcher, { logger: context.logger, limits: context.limits, fetch: context.fetch });
    }
    out.push(page ? { key, document: page, hash } : { key, document: entryToDocument(entry, source, reference.matcher), hash: wantsPage ? hash + TEASER_ONLY : hash });
  }
  return out;
}

async function poll(source: FeedSourceConfig, context: KindPollContext): Promise<KindPollResult> {
  const { state } = context;
  const outcome = await context.fetch(source.url, { etag: state.etag, lastModified: state.lastModified }, { ...context.limits, keepHeadOverCap: true });
  if (outcome.status === 'not-modified') return { status: 'not-modified', items: [], validators: null, entries: 0, notes: [], recovered: false };
  const parsed = await context.feedParser.parse(outcome.body, { baseUrl: outcome.finalUrl, maxEntries: MAX_ENTRIES_PER_POLL, truncated: outcome.truncated ?? false });
  const now = context.clock();
  const entries = parsed.entries.slice(0, MAX_ENTRIES_PER_POLL).map((entry) => withoutFutureDate(entry, now));
  const notes = [
    ...(outcome.truncated ? [`body over the size cap: its first ${outcome.body.length} characters read`] : []),
    ...(outcome.sniffedCharset ? [`charset not declared or wrong: read as ${outcome.sniffedCharset}`] : []),
    ...parsed.notes,
  ];
  return {
    status: 'updated',
    items: await entryItems(source, entries, context),
    validators: outcome.validators,
    entries: parsed.total,
    notes,
    recovered: parsed.recovered || Boolean(outcome.truncated) || Boolean(outcome.sniffedCharset),
  };
}

export const feedKind: SourceKind<FeedSourceConfig> = { kind: 'feed', settings, poll };
