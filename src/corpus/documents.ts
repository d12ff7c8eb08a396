// A text document (.txt/.md) with its metadata → extracted documents and statements.
import type { ActorMatcher } from './actors.ts';
import { segmentArticle, splitArticles } from './articles.ts';
import type { DocumentMeta } from './metadata.ts';
import { segmentPostArchive } from './posts.ts';
import type { ExtractedDocument } from './types.ts';

export function parseTextDocument(
  fileName: string,
  body: string,
  meta: DocumentMeta,
  matcher: ActorMatcher,
): ExtractedDocument[] {
  const base = {
    sourceName: meta.source,
    url: meta.url,
    homeUrl: meta.homeUrl,
  };
  if (meta.kind === 'post-archive') {
    const statements = segmentPostArchive(body, { speaker: meta.speaker, documentDate: meta.date, matcher });
    return [{ ...base, sourceKey: `file:${fileName}`, kind: 'post-archive', title: meta.title, date: meta.date, statements }];
  }
  // Articles and undescribed documents: one document per article in the file.
  const pieces = splitArticles(body);
  return pieces.map((piece, i) => {
    const { article, statements } = segmentArticle(piece, {
      matcher,
      documentDate: meta.date,
      fallbackTitle: pieces.length === 1 ? meta.title : null,
      keyPrefix: '',
      outlet: meta.source,
    });
    return {
      ...base,
      sourceKey: pieces.length === 1 ? `file:${fileName}` : `file:${fileName}#article-${i + 1}`,
      kind: meta.kind,
      title: article.title,
      date: article.date ?? meta.date,
      statements,
    };
  });
}
