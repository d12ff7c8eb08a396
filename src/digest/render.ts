// The digest as Telegram HTML: a headline, items grouped by topic, each with speaker, summary,
// date and source link(s), a footer; split at item boundaries into numbered parts.
import type { TopicEntry } from '../corpus/topics.ts';
import { formatStatementDate } from '../format-date.ts';
import type { Statement } from '../store/index.ts';
import { bold, escapeHtml, italic, link } from '../telegram/html.ts';
import { MAX_MESSAGE_UTF16 } from '../telegram/html.ts';
import { splitHtml } from '../telegram/split.ts';
import { cutText, nameList, safeHttpUrl } from '../telegram/text.ts';
import type { DigestItem } from './cluster.ts';
import { summarise } from './summarise.ts';

export interface DigestLocale {
  lang: 'en' | 'uk';
  topics: TopicEntry[];
}

const TEXT = {
  en: {
    headline: (n: number, speakers: number, date: string) => `Your digest for ${date}: ${n} new statement${n === 1 ? '' : 's'} from ${speakers} speaker${speakers === 1 ? '' : 's'}`,
    top: 'Top topics', other: 'Other', linkUnknown: 'link unknown', also: 'also', open: 'open',
    footer: 'Change what you get: /subscribe · time: /time · keywords: /keywords · stop: /unsubscribe',
    failed: (n: number) => `${n} source${n === 1 ? '' : 's'} failed to update since the last digest: `,
    more: (n: number) => `…and ${n} more new statement${n === 1 ? '' : 's'}: /latest`,
    unattributed: 'unattributed',
  },
  uk: {
    headline: (n: number, speakers: number, date: string) => `Ваш дайджест за ${date}: нових заяв — ${n}, мовців — ${speakers}`,
    top: 'Головні теми', other: 'Інше', linkUnknown: 'посилання невідоме', also: 'також', open: 'відкрити',
    footer: 'Змінити налаштування: /subscribe · час: /time · ключові слова: /keywords · зупинити: /unsubscribe',
    failed: (n: number) => `Джерел, що не оновилися з минулого дайджесту: ${n}: `,
    more: (n: number) => `…і ще нових заяв: ${n}: /latest`,
    unattributed: 'без автора',
  },
} as const;

/** Room left in each part for the "(1/3) " prefix. */
const PART_PREFIX_ROOM = 12;

function sourceHtml(s: Statement, unknown: string): string {
  const name = cutText(s.source, 120);
  const url = safeHttpUrl(s.url);
  return url ? link(name, url) : `${escapeHtml(name)} (${escapeHtml(unknown)})`;
}

function renderItem(item: DigestItem, locale: DigestLocale): string {
  const t = TEXT[locale.lang];
  const s = item.primary;
  // Budgets as on cards: one corpus line with 3,000 speakers must not fill a digest part.
  const who = s.speakers.length ? bold(nameList(s.speakers, 200)) : s.attribution ? italic(cutText(s.attribution, 160)) : bold(cutText(s.source, 120));
  const date = formatStatementDate(s.date, s.datePrecision, locale.lang);
  const sources = [sourceHtml(s, t.linkUnknown), ...item.also.map((a) => `${escapeHtml(t.also)}: ${sourceHtml(a, t.linkUnknown)}${a.lang !== s.lang ? ` (${a.lang})` : ''}`)];
  return `• ${who} — ${escapeHtml(summarise(s.text))} ${italic(`(${date})`)}\n   ${sources.join(' · ')} · ${escapeHtml(`/show_${s.id}`)}`;
}

function topicOf(s: Statement, followed: string[], locale: DigestLocale): string | null {
  return s.topics.find((t) => followed.includes(t)) ?? locale.topics.map((t) => t.slug).find((slug) => s.topics.includes(slug)) ?? null;
}

export function renderDigest(input: {
  items: DigestItem[];
  /** Items left out for length: said in the footer. */
  more?: number;
  localDate: string;
  followedTopics: string[];
  failedSources: string[];
  locale: DigestLocale;
}): string[] {
  const { items, locale } = input;
  const t = TEXT[locale.lang];
  const label = (slug: string | null): string => {
    const entry = locale.topics.find((x) => x.slug === slug);
    return entry ? (locale.lang === 'uk' ? entry.uk : entry.en) : t.other;
  };
  const groups = new Map<string | null, DigestItem[]>();
  for (const item of items) {
    const key = topicOf(item.primary, input.followedTopics, locale);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const ordered = [...groups.entries()].sort((a, b) => (a[0] === null ? 1 : b[0] === null ? -1 : b[1].length - a[1].length));
  const speakers = new Set(items.map((i) => i.primary.speakers.join(', ') || i.primary.attribution || i.primary.source));
  const date = formatStatementDate(input.localDate, 'day', locale.lang);
  const top = ordered.filter(([k]) => k !== null).slice(0, 3).map(([k]) => label(k));
  const blocks = [
    `${bold(t.headline(items.length + (input.more ?? 0), speakers.size, date))}${top.length ? `\n${escapeHtml(`${t.top}: ${top.join(', ')}`)}` : ''}`,
    ...ordered.flatMap(([key, group]) => group.map((item, i) => `${i === 0 ? `${bold(label(key))}\n` : ''}${renderItem(item, locale)}`)),
    [
      ...(input.more ? [escapeHtml(t.more(input.more))] : []),
      ...(input.failedSources.length ? [italic(`${t.failed(input.failedSources.length)}${input.failedSources.join(', ')}`)] : []),
      escapeHtml(t.footer),
    ].join('\n'),
  ];
  const parts = splitHtml(blocks.join('\n\n'), MAX_MESSAGE_UTF16 - PART_PREFIX_ROOM);
  return parts.length === 1 ? parts : parts.map((p, i) => `${escapeHtml(`(${i + 1}/${parts.length})`)} ${p}`);
}
