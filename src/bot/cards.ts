// Statement cards in Telegram HTML: who, when (as precisely as known), what kind, topics, the
// text (cut at a sentence, search words in bold) and the source, linked or said to be unknown.
import type { TopicEntry } from '../corpus/topics.ts';
import { formatStatementDate } from '../format-date.ts';
import type { Statement, UiLanguage } from '../store/index.ts';
import { bold, escapeHtml, highlightWords, italic, link } from '../telegram/html.ts';
import type { Texts } from './i18n/index.ts';
import { matchedWord, type SearchWords } from './snippet.ts';
import { cutAtSentence } from './text-cut.ts';

export interface CardLocale {
  t: Texts;
  lang: UiLanguage;
  topics: TopicEntry[];
}

export const CARD_TEXT_CHARS = 900;
export const LIST_TEXT_CHARS = 260;

function speakerLine(s: Statement): string {
  if (s.speakers.length > 0) return bold(s.speakers.join(', '));
  if (s.attribution) return italic(s.attribution);
  return bold(s.source);
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
  if (s.url) return `${t.source}: ${link(s.source, s.url)}`;
  if (s.homeUrl) return `${t.source}: ${link(s.source, s.homeUrl)} (${escapeHtml(t.linkUnknown)})`;
  return `${t.source}: ${escapeHtml(s.source)} (${escapeHtml(t.linkUnknown)})`;
}

function metaLine(s: Statement, locale: CardLocale): string {
  const bits = [formatStatementDate(s.date, s.datePrecision, locale.lang), locale.t.kind[s.kind]];
  const topics = topicLabels(s, locale);
  if (topics) bits.push(topics);
  return escapeHtml(bits.join(' · '));
}

/** A card; `words`: the search that found it, whose words (any form) are shown in bold. */
export function renderCard(s: Statement, locale: CardLocale, options: { words?: SearchWords; full?: boolean } = {}): string {
  const body = options.full ? { text: s.text, cut: false } : cutAtSentence(s.text, CARD_TEXT_CHARS);
  const text = options.words ? highlightWords(body.text, matchedWord(options.words)) : escapeHtml(body.text);
  const lines = [
    `${speakerLine(s)} · ${escapeHtml(`#${s.id}`)}`,
    metaLine(s, locale),
    blockquoteHtml(text),
    sourceLine(s, locale),
  ];
  if (s.mentioned.length > 0) lines.push(`${escapeHtml(locale.t.mentions)}: ${escapeHtml(s.mentioned.join(', '))}`);
  return lines.join('\n');
}

/**
 * One entry of a result list: short, with a tappable /show_ID to open the card. `excerpt` (HTML)
 * shows why the statement is in the list; without it, the opening of the text.
 */
export function renderListItem(s: Statement, index: number, locale: CardLocale, excerpt?: (maxChars: number) => string, maxChars = LIST_TEXT_CHARS): string {
  const body = excerpt ? excerpt(maxChars) : escapeHtml(cutAtSentence(s.text, maxChars).text);
  return [
    `${bold(`${index}.`)} ${speakerLine(s)}`,
    metaLine(s, locale),
    body,
    `${escapeHtml(`/show_${s.id}`)} · ${sourceLine(s, locale)}`,
  ].join('\n');
}

/** blockquote() escapes plain text; here the text is already HTML (with highlights). */
function blockquoteHtml(html: string): string {
  return `<blockquote>${html}</blockquote>`;
}

