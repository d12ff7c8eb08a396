// JSONL lines → statements, with their topics and search columns worked out ahead (pure). Runs in
// the extraction worker for big imports, or in-process for small ones: the same code either way.
import type { ActorMatcher } from './actors.ts';
import { statementContentHash } from './content-hash.ts';
import { parseJsonlLine } from './jsonl.ts';
import { foldText } from './names.ts';
import { stemWords } from './stem.ts';
import { wordsWithIndex } from './words.ts';
import type { TopicTagger } from './topics.ts';
import type { ExtractedStatement } from './types.ts';

/** A line as read: its text, or the reason it could not be read (too long, not UTF-8). */
export type RawLine = { lineNumber: number; text: string } | { lineNumber: number; problem: string };
export type ExtractedLine = { lineNumber: number; statement: ExtractedStatement } | { lineNumber: number; reason: string };

export interface LineExtractionTables {
  matcher: ActorMatcher;
  tagger: TopicTagger;
}

export function extractLines(lines: RawLine[], tables: LineExtractionTables): ExtractedLine[] {
  const out: ExtractedLine[] = [];
  for (const line of lines) {
    if ('problem' in line) {
      out.push({ lineNumber: line.lineNumber, reason: line.problem });
      continue;
    }
    const result = parseJsonlLine(line.lineNumber === 1 ? line.text.replace(/^\uFEFF/, '') : line.text, tables.matcher);
    if (!result) continue;
    if ('reason' in result) {
      out.push({ lineNumber: line.lineNumber, reason: result.reason });
      continue;
    }
    const body = foldText(result.text);
    // One scan of the words for the stems and the topics: they differ only where a word has '_'.
    const words = wordsWithIndex(body, true);
    const tags = tables.tagger.tag(result.text, { folded: body, words: body.includes('_') ? wordsWithIndex(body) : words });
    result.prepared = { tags, body, stems: stemWords(words), hashAlone: statementContentHash(tags, result, null) };
    out.push({ lineNumber: line.lineNumber, statement: result });
  }
  return out;
}
