// Post archives (thread-archive pages of an X account): one statement per thread.
import type { ActorMatcher } from './actors.ts';
import { cleanInline, isChromeLine } from './clean.ts';
import { dayDate, parseThreadDateLine } from './dates.ts';
import { detectLanguage } from './language.ts';
import type { ExtractedStatement, Lang, PartialDate } from './types.ts';

/** Archive chrome that ends a run of threads (and starts the next). */
const SEPARATOR = /^(([•·*]\s*){2,}|missing some tweet in this thread\?.*|force a refresh)$/i;

/**
 * Where a page does not mark thread boundaries, a post that opens on an occasion starts a thread:
 * "Today, I addressed…", "At the … Summit…", "Addressing…", "I had a call with…".
 */
const THREAD_OPENER =
  /^(Today,?\s+(I|at|in)\b|Today I\b|I address(ed)?\b|Addressing\b|At the\b|I presented\b|I had a (phone )?call\b|I began\b|I signed\b|Провів|Сьогодні)/u;

interface Thread {
  posts: string[];
  lang: Lang;
  date: PartialDate | null;
  total: number | null;
  /** Threads from one marked group are split by language, and may pair as translations. */
  group: number;
}

interface Run {
  posts: string[];
  date: PartialDate | null;
  total: number | null;
  marked: boolean;
}

/** Splits lines into runs of posts, at blank lines, separators and date lines. */
function toRuns(lines: string[], year: number | null): { runs: Run[]; hasDateLines: boolean } {
  const runs: Run[] = [];
  let current: Run = { posts: [], date: null, total: null, marked: false };
  let hasDateLines = false;
  let lastMonth: number | null = null;
  let runningYear = year;
  const flush = (): void => {
    if (current.posts.length > 0) runs.push(current);
    current = { posts: [], date: null, total: null, marked: false };
  };
  for (const raw of lines) {
    const line = cleanInline(raw);
    const dated = parseThreadDateLine(line);
    if (dated) {
      flush();
      hasDateLines = true;
      // Archives list newest first: a later month further down means the year before.
      if (runningYear !== null && lastMonth !== null && dated.month > lastMonth) runningYear -= 1;
      lastMonth = dated.month;
      current.date = runningYear !== null ? dayDate(runningYear, dated.month, dated.day) : null;
      current.total = dated.posts;
      current.marked = true;
      continue;
    }
    if (line === '' || SEPARATOR.test(line)) {
      // A blank line inside a dated thread does not end it; a separator does.
      if (line !== '' || !current.marked) flush();
      continue;
    }
    if (isChromeLine(line)) continue;
    current.posts.push(line);
  }
  flush();
  return { runs, hasDateLines };
}

/** A run of posts in two languages is two threads (a post and its translation). */
function splitByLanguage(posts: string[]): Array<{ posts: string[]; lang: Lang }> {
  const out: Array<{ posts: string[]; lang: Lang }> = [];
  for (const post of posts) {
    const lang = detectLanguage(post);
    const last = out[out.length - 1];
    if (last && last.lang === lang) last.posts.push(post);
    else out.push({ posts: [post], lang });
  }
  return out;
}

function splitByOpeners(posts: string[]): string[][] {
  const threads: string[][] = [];
  for (const post of posts) {
    const last = threads[threads.length - 1];
    if (!last || THREAD_OPENER.test(post)) threads.push([post]);
    else last.push(post);
  }
  return threads;
}

export interface PostArchiveOptions {
  speaker: string | null;
  documentDate: PartialDate;
  matcher: ActorMatcher;
}

export function segmentPostArchive(body: string, options: PostArchiveOptions): ExtractedStatement[] {
  const year = options.documentDate.value ? Number(options.documentDate.value.slice(0, 4)) : null;
  const { runs, hasDateLines } = toRuns(body.split(/\r?\n/), year);
  const threads: Thread[] = [];
  runs.forEach((run, group) => {
    for (const part of splitByLanguage(run.posts)) {
      // Unmarked pages run threads together: split at openers only where no date line marks them.
      const pieces = run.marked || hasDateLines ? [part.posts] : splitByOpeners(part.posts);
      for (const posts of pieces) threads.push({ posts, lang: part.lang, date: run.date, total: run.total, group });
    }
  });

  // The same thread captured twice is one statement: map every copy to the first.
  const firstIndex = new Map<string, number>();
  const canonical = threads.map((t, i) => {
    const key = t.posts.join('\n');
    if (!firstIndex.has(key)) firstIndex.set(key, i);
    return firstIndex.get(key) as number;
  });
  // A thread right after one of its group in another language, post for post, translates it.
  const translates = threads.map((t, i) => {
    const before = threads[i - 1];
    return before && before.group === t.group && before.lang !== t.lang && before.posts.length === t.posts.length
      ? (canonical[i - 1] as number)
      : null;
  });

  const statements: ExtractedStatement[] = [];
  const keyOf = new Map<number, string>();
  threads.forEach((thread, i) => {
    if (canonical[i] !== i) return;
    const localKey = `thread-${keyOf.size + 1}`;
    keyOf.set(i, localKey);
    const original = translates[i];
    const text = thread.posts.join('\n\n');
    const mentioned = options.matcher.mentionedNames(text, options.speaker ? [options.speaker] : []);
    statements.push({
      localKey,
      kind: 'post',
      title: null,
      text,
      parts: thread.posts,
      partsTotal: thread.total,
      lang: thread.lang,
      date: thread.date ?? options.documentDate,
      speakers: options.speaker ? [options.speaker] : [],
      mentioned,
      attribution: null,
      translationOf: original !== null && original !== undefined ? (keyOf.get(original) ?? null) : null,
      url: null,
    });
  });
  return statements;
}
