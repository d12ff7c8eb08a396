// The hash a statement is stored with: equal hashes mean a re-read found nothing to rewrite. One
// definition for the writer and for the extraction worker, which computes it off the writer's thread.
import { createHash } from 'node:crypto';
import type { ExtractedStatement, PreparedStatement } from './types.ts';

export function statementContentHash(tags: PreparedStatement['tags'], s: ExtractedStatement, translationGroup: string | null): string {
  const value = [tags, s.kind, s.title, s.text, s.parts, s.partsTotal, s.attribution, s.lang, s.date, s.speakers, s.mentioned, translationGroup, s.url, s.sourceName ?? null];
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
