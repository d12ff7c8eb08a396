// Statement cards in Telegram HTML: who, when (as precisely as known), what kind, topics, the
// text (cut at a sentence, search words in bold) and the source, linked or said to be unknown.
import type { TopicEntry } from '../corpus/topics.ts';
import { formatStatementDate } from '../format-date.ts';
import type { Statement, UiLanguage } from '../store/index.ts';
import { bold, escapeHtml, highlightWords, italic, link, MAX_MESSAGE_UTF16, toPlainText } from '../telegram/html.ts';
import { splitHtml } from '../telegram/split.ts';
import { cutText, nameList, safeHttpUrl, wellFormed } from '../telegram/text.ts';
import type { Texts } from './i18n/index.ts';
import { matchedWord, type SearchWords } from './snippet.ts';
import { cutAtSentence } from './text-cut.ts';

export interface CardLocale {
  t: Texts;
  lang: UiLanguage;
  topics: TopicEntry[];
  /** A speaker's name in the reader's script (corpus/display-names.ts); as stored when absent. */
  name?: (name: string) => string;
}

const namesOf = (names: string[], locale?: CardLocale): string[] => (locale?.name ? names.map(locale.name) : names);

export const CARD_TEXT_CHARS = 900;
export const LIST_TEXT_CHARS = 260;

/**
 * Each field of a card has a budget (UTF-16 units of visible text), so a card stays far under
 * Telegram's 4096 whatever the corpus holds — a line with 3,000 speakers included.
 */
export const FIELD_BUDGET = { speakers: 200, attribution: 160, source: 120, meta: 300, mentions: 300, url: 2000 } as const;

function speakerLine(s: Statement, locale: CardLocale, scale = 1): string {
  const cap = (n: number): number => Math.max(24, Math.floor(n * scale));
  if (s.speakers.length > 0) return bold(nameList(namesOf(s.speakers, locale), cap(FIELD_BUDGET.speakers)));
  if (s.attribution) return italic(cutText(s.attribution, cap(FIELD_BUDGET.attribution)));
  return bold(cutText(s.source, cap(FIELD_BUDGET.source)));
}

/** An http(s) URL short enough to send, else null (shown as "link unknown"). */
function sendableUrl(url: string | null): string | null {
  const safe = safeHttpUrl(url);
  return safe && safe.length <= FIELD_BUDGET.url ? safe : null;
}

function topicLabels(s: Statement, locale: CardLocale): string {
  return s.topics
    .map((slug) => locale.topics.find((t) => t.slug === slug))
    .filter((t): t is TopicEntry => t !== undefined)
    .map((t) => (locale.lang === 'uk' ? t.uk : t.en))
    .join(', ');
}

/** "Source: Arab News (link unknown)" or the outlet linked; an account's home is not a post link. */
export function sourceLine(s: Statement, locale: CardLocale): string {
  const { t } = locale;
  const name = cutText(s.source, FIELD_BUDGET.source);
  const url = sendableUrl(s.url);
  const home = sendableUrl(s.homeUrl);
  if (url) return `${t.source}: ${link(name, url)}`;
  if (home) return `${t.source}: ${link(name, home)} (${escapeHtml(t.linkUnknown)})`;
  return `${t.source}: ${escapeHtml(name)} (${escapeHtml(t.linkUnknown)})`;
}

function metaLine(s: Statement, locale: CardLocale): string {
  const bits = [formatStatementDate(s.date, s.datePrecision, locale.lang), locale.t.kind[s.kind]];
  const topics = topicLabels(s, locale);
  if (topics) bits.push(topics);
  return escapeHtml(cutText(bits.join(' · '), FIELD_BUDGET.meta));
}

function mentionsLine(s: Statement, locale: CardLocale): string[] {
  return s.mentioned.length > 0 ? [`${escapeHtml(locale.t.mentions)}: ${escapeHtml(nameList(namesOf(s.mentioned, locale), FIELD_BUDGET.mentions))}`] : [];
}

/**
 * A statement card, never over MAX_MESSAGE_UTF16 visible units: `full` gives the whole text,
 * which may need several messages (fullTextParts); otherwise the text is cut at a sentence.
 */
/** A card; `words`: the search that found it, whose words (any form) are shown in bold. */
export function renderCard(s: Statement, locale: CardLocale, options: { words?: SearchWords; full?: boolean; note?: string } = {}): string {
  const source = wellFormed(s.text);
  const build = (textChars: number): string => {
    const body = options.full ? { text: source, cut: false } : cutAtSentence(source, textChars);
    const text = options.words ? highlightWords(body.text, matchedWord(options.words)) : escapeHtml(body.text);
    return [
      `${speakerLine(s, locale)} · ${escapeHtml(`#${s.id}`)}`,
      metaLine(s, locale),
      ...headline(s, 300),
      blockquoteHtml(text),
      ...(options.note ? [`<i>${escapeHtml(options.note)}</i>`] : []),
      sourceLine(s, locale),
      ...mentionsLine(s, locale),
    ].join('\n');
  };
  let html = build(CARD_TEXT_CHARS);
  // The budgets keep a card well under the limit; this only guards against a budget mistake.
  for (let chars = CARD_TEXT_CHARS / 2; !options.full && toPlainText(html).length > MAX_MESSAGE_UTF16 && chars >= 50; chars /= 2) html = build(chars);
  return html;
}

/** Full text in at most `maxParts` messages; a longer text is cut, and the card says so. */
export function fullTextParts(s: Statement, locale: CardLocale, maxParts: number): string[] {
  const budget = maxParts * (MAX_MESSAGE_UTF16 - 600);
  if (s.text.length <= budget) return splitHtml(renderCard(s, locale, { full: true })).slice(0, maxParts);
  const shown = cutText(s.text, budget);
  const note = locale.t.fullTextCut(shown.length, s.text.length);
  return splitHtml(renderCard({ ...s, text: shown }, locale, { full: true, note })).slice(0, maxParts);
}

/** A report's article title, in bold: what the item is about before any of its words. */
export function headline(s: Statement, maxChars: number): string[] {
  if (s.kind !== 'report' || !s.title) return [];
  const fold = (x: string): string => x.replace(/\s+/g, ' ').trim().toLowerCase();
  // Some articles' text opens with their title: shown once, as the text.
  if (fold(s.text).startsWith(fold(s.title))) return [];
  return [bold(cutText(wellFormed(s.title), maxChars))];
}

/** "21 Jan 2026" / "21 січ. 2026": a list line is read on a phone; the card has the long form. */
export function shortDate(s: Statement, lang: UiLanguage): string {
  if (!s.date || s.datePrecision === 'unknown') return formatStatementDate(s.date, s.datePrecision, lang);
  const [y, m, d] = s.date.split('-').map(Number);
  const at = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1));
  if (s.datePrecision === 'year') return String(y);
  const options: Intl.DateTimeFormatOptions = s.datePrecision === 'month' ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang === 'uk' ? 'uk-UA' : 'en-GB', options).format(at).replace(/ р\.$/, '');
}

/**
 * The outlet's name, linked to the statement (or the outlet's home) when a link is known. Said once
 * for a whole page (`page`), it links only the outlet's home: one item's article is not the page's.
 */
export function sourceName(s: Statement, page = false): string {
  const name = cutText(s.source, 60);
  const url = page ? sendableUrl(s.homeUrl) : (sendableUrl(s.url) ?? sendableUrl(s.homeUrl));
  return url ? link(name, url) : escapeHtml(name);
}

export interface ListItemOptions {
  /** HTML that shows why the statement is in the list; without it, the opening of the text. */
  body: string;
  /** Every item on the page has this outlet: it is said once under the page, not on each item. */
  sharedSource: boolean;
}

/**
 * One entry of a result list, short for a phone: who · when · what kind, a report's headline,
 * the words, and a tappable /show_ID (with the outlet unless the whole page shares it).
 */
export function renderListItem(s: Statement, index: number, locale: CardLocale, options: ListItemOptions, maxChars = LIST_TEXT_CHARS): string {
  const scale = maxChars >= LIST_TEXT_CHARS ? 0.6 : 0.3;
  return [
    `${bold(`${index}.`)} ${speakerLine(s, locale, scale)} · ${escapeHtml(`${shortDate(s, locale.lang)} · ${locale.t.kind[s.kind]}`)}`,
    ...headline(s, Math.max(60, Math.floor(maxChars / 2))),
    ...(options.body ? [options.body] : []),
    options.sharedSource ? sharedSourceLine(s, locale) : `${escapeHtml(`/show_${s.id}`)} · ${sourceName(s)}`,
  ].join('\n');
}

/** "/show_12", and a short link to the item's own page when it has one (the outlet is named under the page). */
function sharedSourceLine(s: Statement, locale: CardLocale): string {
  const url = sendableUrl(s.url);
  return url ? `${escapeHtml(`/show_${s.id}`)} · ${link(locale.t.linkWord, url)}` : escapeHtml(`/show_${s.id}`);
}

/** The opening of a statement for a list, cut at a sentence. */
export function openingOf(s: Statement, maxChars: number): string {
  return cutAtSentence(wellFormed(s.text), maxChars).text;
}

/** blockquote() escapes plain text; here the text is already HTML (with highlights). */
function blockquoteHtml(html: string): string {
  return `<blockquote>${html}</blockquote>`;
}

