// The article page behind a feed entry, for feeds that only carry a teaser ("fetchArticles").
// The page's main text replaces the teaser; when the page cannot be fetched or holds no article,
// the caller keeps the feed's own text, so an entry is never lost to a bad page.
import type { ActorMatcher } from '../corpus/actors.ts';
import { parseHtmlPage } from '../corpus/html-page.ts';
import type { DocumentMeta } from '../corpus/metadata.ts';
import type { ExtractedDocument } from '../corpus/types.ts';
import type { Logger } from '../logger.ts';
import { errorFields } from '../logger.ts';
import { AddressRefusedError, createAddressGuard } from './address-guard.ts';
import { entryKey, entryToDocument } from './entry-document.ts';
import type { FeedEntry } from './feed.ts';
import type { FetchLimits, FetchOutcome, Validators } from './fetch.ts';
import { fetchWithLimits } from './fetch.ts';
import type { SourceConfig } from './sources-file.ts';

export interface PageFetchOptions {
  logger: Logger;
  limits?: Partial<FetchLimits> | undefined;
  fetch?: ((url: string, validators: Validators, limits?: Partial<FetchLimits>) => Promise<FetchOutcome>) | undefined;
}

export async function fetchArticleDocument(
  entry: FeedEntry,
  source: SourceConfig,
  matcher: ActorMatcher,
  options: PageFetchOptions,
): Promise<ExtractedDocument | null> {
  if (!entry.url) return null;
  try {
    // The link first, then every hop inside the fetch (pinned to the checked address), so a public
    // link redirecting to an internal address is refused too.
    const guard = options.limits?.guard ?? createAddressGuard({ feedUrl: source.url });
    try {
      await guard.pin(new URL(entry.url));
    } catch (error) {
      if (!(error instanceof AddressRefusedError)) throw error;
      options.logger.warn({ source: source.name, url: entry.url, reason: error.message }, 'entry links to an internal address; page not fetched');
      return null;
    }
    const outcome = await (options.fetch ?? fetchWithLimits)(entry.url, { etag: null, lastModified: null }, { ...options.limits, guard });
    if (outcome.status !== 'ok') return null;
    const meta: DocumentMeta = {
      source: source.name, kind: 'article', speaker: source.speaker, date: entry.published, title: entry.title, url: entry.url, homeUrl: null,
    };
    const page = parseHtmlPage(entry.url, outcome.body, meta, matcher, { url: entry.url }).documents[0];
    const report = page?.statements.find((s) => s.kind === 'report');
    if (!page || !report) return null;
    // An official channel's page is still its speaker's post; only the text gets longer.
    if (source.speaker) return entryToDocument({ ...entry, text: report.text }, source, matcher);
    return {
      ...page,
      sourceKey: entryKey(source.name, entry.id),
      sourceName: source.name,
      url: entry.url,
      // The feed's date is the publication date; a page date only helps when the feed has none.
      date: entry.published.value ? entry.published : page.date,
      statements: page.statements.map((s) => ({ ...s, url: entry.url, date: s.date.value ? s.date : entry.published })),
    };
  } catch (error) {
    options.logger.warn({ url: entry.url, err: errorFields(error) }, 'article page unusable; keeping the feed text');
    return null;
  }
}
