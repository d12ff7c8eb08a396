// News articles: one 'report' statement for the article, one 'quote' statement per attributed
// quotation or paraphrase. Handles several articles captured into one file.
import type { ActorMatcher } from './actors.ts';
import { cleanInline, isChromeLine, isProse, isTailMarker } from './clean.ts';
import { parseWrittenDate } from './dates.ts';
import { detectLanguage } from './language.ts';
import { attributeArticle } from './quotes.ts';
import { findVerbs } from './reporting.ts';
import type { ExtractedStatement, Lang, PartialDate } from './types.ts';

const ATTRIBUTED_LANGUAGES: ReadonlySet<Lang> = new Set(['en', 'uk', 'ru']);

const DATELINE = /^(updated|published|posted)\s+(.+)$/i;
/** "Source: Budanov in an interview": says who the quotes that follow are by, however short. */
const LABEL_LINE = /^(Source|Джерело|Источник):\s+\S.{8,}/u;
/** A short line that says who said something ("Про це заявив генпрокурор Андрій Костін."). */
const isAttributionLine = (line: string): boolean => line.length >= 25 && /[.!?…]$/.test(line) && findVerbs(line).length > 0;
const PLACE_DATELINE = /^[A-Z][A-Z .'-]{2,30}:\s+/; // "MOSCOW: President …"

export interface Article {
  title: string | null;
  date: PartialDate | null;
  paragraphs: string[];
}

/** A file holds several articles when blank-line gaps of two or more separate pieces with datelines. */
export function splitArticles(body: string): string[] {
  const pieces = body.split(/\r?\n[ \t]*\r?\n[ \t]*(?:\r?\n[ \t]*)+/);
  const dated = pieces.filter((p) => p.split(/\r?\n/).some((l) => DATELINE.test(l.trim())));
  return dated.length >= 2 && dated.length === pieces.filter((p) => p.trim()).length ? pieces : [body];
}

/**
 * Pages captured line by line break a paragraph where a quote ends and its attribution starts:
 * `“…,”` / `stated Tusk.`, `…свідомо обрав,` / `– зазначив Буданов.` A line that ends in a comma,
 * or a line that starts in lower case or with a dash and a lower-case word, continues the line before.
 */
function joinBrokenLines(lines: string[]): void {
  for (let i = 0; i < lines.length; i += 1) {
    const before = lines[i] as string;
    if (!before || isChromeLine(before)) continue;
    // The next line with text: a capture may leave blank lines inside a broken paragraph.
    let j = i + 1;
    while (j < lines.length && lines[j] === '' && j - i <= 3) j += 1;
    const line = lines[j];
    if (!line || isChromeLine(line)) continue;
    const endsOpen = /,["”»’]?$|,\s*…$/u.test(before);
    const startsLower = /^(\p{Ll}|[–—-]\s*\p{Ll})/u.test(line);
    if (!endsOpen && !(startsLower && j === i + 1)) continue;
    lines[i] = `${before} ${line}`;
    lines.splice(i + 1, j - i);
    i -= 1;
  }
}

export function parseArticle(text: string, fallbackTitle: string | null): Article {
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = cleanInline(raw);
    if (isTailMarker(line)) break;
    lines.push(line);
  }
  joinBrokenLines(lines);
  let date: PartialDate | null = null;
  for (const line of lines) {
    const m = DATELINE.exec(line);
    if (m && !date) date = parseWrittenDate(m[2] ?? '');
  }
  // The title is the line a page repeats (heading, breadcrumb, share block), else the first heading.
  const counts = new Map<string, number>();
  for (const line of lines) if (line.length >= 20) counts.set(line, (counts.get(line) ?? 0) + 1);
  const candidates = lines.filter((l) => l.length >= 20 && !isProse(l) && !isChromeLine(l) && !l.startsWith('•') && !LABEL_LINE.test(l) && !isAttributionLine(l));
  const title =
    candidates.find((l) => (counts.get(l) ?? 0) >= 2) ?? fallbackTitle ?? candidates[0] ?? null;

  const paragraphs = lines
    .filter((l) => !isChromeLine(l) && !l.startsWith('•') && l !== title && (isProse(l) || LABEL_LINE.test(l) || isAttributionLine(l)))
    .map((l) => l.replace(PLACE_DATELINE, ''));
  return { title, date, paragraphs };
}

export interface ArticleOptions {
  matcher: ActorMatcher;
  documentDate: PartialDate;
  fallbackTitle: string | null;
  keyPrefix: string;
  /** The outlet's name, never taken for a speaker. */
  outlet?: string | null;
}

export function segmentArticle(text: string, options: ArticleOptions): { article: Article; statements: ExtractedStatement[] } {
  const article = parseArticle(text, options.fallbackTitle);
  const date = article.date ?? options.documentDate;
  const statements: ExtractedStatement[] = [];
  if (article.paragraphs.length === 0) return { article, statements };

  const body = article.paragraphs.join('\n\n');
  const lang = detectLanguage(body);
  // Only languages the reporting-verb lists cover are attributed; anything else stays the outlet's report.
  const quotes = ATTRIBUTED_LANGUAGES.has(lang) ? attributeArticle(article.paragraphs, { matcher: options.matcher, anchor: date, outlet: options.outlet ?? null }) : [];
  const quoted = new Set(quotes.map((q) => q.paragraph));
  // The report is the reporter's own text: the paragraphs nobody is quoted in (the lede first),
  // else the headline — never a copy of a quote.
  const reporterText = article.paragraphs.filter((_, i) => !quoted.has(i)).join('\n\n');
  statements.push({
    localKey: `${options.keyPrefix}report`,
    kind: 'report',
    title: article.title,
    text: reporterText || article.title || (article.paragraphs[0] as string),
    parts: null,
    partsTotal: null,
    lang,
    date,
    speakers: [],
    mentioned: options.matcher.mentionedNames(`${article.title ?? ''}\n${body}`),
    attribution: null,
    translationOf: null,
    url: null,
  });

  // A quote without a day of its own was said when the same speaker last spoke in the article,
  // or failing that, by the article's date.
  const lastDateBySpeaker = new Map<string, PartialDate>();
  for (const q of quotes) {
    const who = q.speaker ?? q.label ?? '';
    const quoteDate = q.date ?? lastDateBySpeaker.get(who) ?? date;
    lastDateBySpeaker.set(who, quoteDate);
    statements.push({
      localKey: `${options.keyPrefix}quote-${q.paragraph + 1}${q.part > 0 ? `-${q.part + 1}` : ''}`,
      kind: 'quote',
      title: article.title,
      text: q.text,
      parts: null,
      partsTotal: null,
      lang: detectLanguage(q.text),
      date: quoteDate,
      speakers: q.speaker ? [q.speaker] : [],
      mentioned: q.mentions,
      attribution: q.speaker ? null : q.label,
      translationOf: null,
      url: null,
    });
  }
  return { article, statements };
}
