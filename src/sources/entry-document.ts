// A feed entry → the document the store keeps for it. Pure: the poller fetches, this decides.
// An official channel (a source with a default speaker) publishes in its speaker's name, so each
// entry is one 'post' by that speaker. A news feed's entry is an article: the same segmentation
// and quote attribution as a text article, so "Zelensky said …" is found under Zelensky.
import { createHash } from 'node:crypto';
import type { ActorMatcher } from '../corpus/actors.ts';
import { segmentArticle } from '../corpus/articles.ts';
import { detectLanguage } from '../corpus/language.ts';
import type { ExtractedDocument, ExtractedStatement, Lang } from '../corpus/types.ts';
import type { FeedEntry } from './feed.ts';
import type { SourceConfig } from './sources-file.ts';

/** The store key of an entry: stable across polls, so an edited entry updates in place. */
export function entryKey(source: string, entryId: string): string {
  return `feed:${source}:${createHash('sha256').update(entryId).digest('hex').slice(0, 24)}`;
}

/** What the store compares to skip an entry that has not changed since the last poll. */
export function entryHash(entry: FeedEntry, source: SourceConfig, extractorVersion: string): string {
  return createHash('sha256')
    .update(extractorVersion)
    .update(JSON.stringify([source.speaker, source.lang, entry.url, entry.title, entry.text, entry.published]))
    .digest('hex');
}

export function entryToDocument(entry: FeedEntry, source: SourceConfig, matcher: ActorMatcher): ExtractedDocument {
  const date = entry.published;
  const text = entry.text.trim() || (entry.title ?? '').trim();
  // The configured language only fills in where detection cannot tell (a caption of digits, a link).
  const languageOf = (t: string): Lang => {
    const detected = detectLanguage(t);
    return detected === 'und' && source.lang ? source.lang : detected;
  };
  /** The entry as one statement: a speaker's post, or an outlet's report too short to segment. */
  const whole = (kind: 'post' | 'report', speakers: string[]): ExtractedStatement => ({
    localKey: kind, kind, title: entry.title, text, parts: null, partsTotal: null, lang: languageOf(text), date, speakers,
    mentioned: matcher.mentionedNames(`${entry.title ?? ''}\n${text}`, speakers.map((name) => matcher.findMentions(name)[0]?.canonical ?? name)),
    attribution: null, translationOf: null, url: entry.url,
  });
  const base = { sourceKey: entryKey(source.name, entry.id), sourceName: source.name, url: entry.url, homeUrl: null, title: entry.title, date };
  if (source.speaker) return { ...base, kind: 'post-archive', statements: [whole('post', [source.speaker])] };

  // The title goes first so the article parser can use it; datelines inside the text still win.
  const { article, statements } = segmentArticle(`${entry.title ?? ''}\n\n${text}`, {
    matcher, documentDate: date, fallbackTitle: entry.title, keyPrefix: '', outlet: source.name,
  });
  return {
    ...base,
    kind: 'article',
    title: article.title ?? entry.title,
    date: article.date ?? date,
    // A teaser too short to pass as article prose is still what the outlet published: keep it whole.
    statements: statements.length === 0 && text
      ? [whole('report', [])]
      : statements.map((s) => ({ ...s, url: entry.url, lang: s.lang === 'und' && source.lang ? source.lang : s.lang })),
  };
}
