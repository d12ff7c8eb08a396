// Which words a citation may put in quote marks. A post is its author's own words and a report its
// outlet's. A "quote" statement is the sentence as an article reported it — '"…," Yoon said.' —
// so only the words inside the article's quote marks are the speaker's; a paraphrase ("Yoon said
// that …") has none, and putting it in quote marks would misquote the speaker.
import type { StatementKind } from '../corpus/types.ts';

export interface CitedWords {
  words: string;
  /** True: the speaker's (or author's) own words, to be shown in quote marks. */
  direct: boolean;
}

/** Below this quoted share a reported sentence is a paraphrase with a phrase or two quoted. */
const MIN_QUOTED_SHARE = 0.5;

const QUOTED = /“([^“”]*)”|«([^«»]*)»|„([^„“”]*)[“”]|"([^"]*)"/g;

/** The spans inside the text's quote marks, in order; null when a mark is left without its pair. */
export function quotedSpans(text: string): string[] | null {
  if (/[“”«»„"]/.test(text.replace(QUOTED, ''))) return null;
  return [...text.matchAll(QUOTED)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim()).filter((s) => s !== '');
}

export function citedWords(kind: StatementKind, text: string): CitedWords {
  const clean = text.trim();
  if (kind !== 'quote') return { words: clean, direct: true };
  const spans = quotedSpans(clean);
  const quoted = spans?.reduce((n, s) => n + s.length, 0) ?? 0;
  if (!spans || spans.length === 0 || quoted < clean.length * MIN_QUOTED_SHARE) return { words: clean, direct: false };
  // The comma before "he said" belongs to the reporter's sentence, not to the quote.
  return { words: spans.map((s) => s.replace(/,$/, '')).join(' […] '), direct: true };
}
