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

/** Who reads the digest: a private chat (its subscriber), or a group's or channel's readers. */
export type DigestAudience = 'private' | 'group' | 'channel';

export interface DigestLocale {
  lang: 'en' | 'uk';
  topics: TopicEntry[];
  /** A speaker's name in the reader's script (corpus/display-names.ts). */
  name?: (name: string) => string;
}

const PLURAL = { en: new Intl.PluralRules('en'), uk: new Intl.PluralRules('uk') };
/** The form of a counted noun by the language's plural rule: [one, few, many]. */
const form = (lang: 'en' | 'uk', n: number, forms: readonly [string, string, string]): string => {
  const category = PLURAL[lang].select(n);
  return `${n} ${category === 'one' ? forms[0] : category === 'few' ? forms[1] : category === 'many' ? forms[2] : lang === 'en' ? forms[2] : forms[1]}`;
};

const TEXT = {
  en: {
    headline: (n: number, speakers: number, date: string, own: boolean) =>
      `${own ? 'Your digest' : 'Digest'} for ${date}: ${form('en', n, ['new statement', 'new statements', 'new statements'])} from ${form('en', speakers, ['speaker', 'speakers', 'speakers'])}`,
    sample: (n: number, speakers: number) =>
      `Sample digest: ${form('en', n, ['recent statement', 'recent statements', 'recent statements'])} from ${form('en', speakers, ['speaker', 'speakers', 'speakers'])}`,
    top: 'Top topics', other: 'Other', linkUnknown: 'link unknown', also: 'also', open: 'open',
    footer: 'Change what you get: /subscribe · time: /time · keywords: /keywords · stop: /unsubscribe',
    failed: (n: number) => `${form('en', n, ['source', 'sources', 'sources'])} failed to update since the last digest: `,
    more: (n: number, command: boolean) => `…and ${form('en', n, ['more new statement', 'more new statements', 'more new statements'])}${command ? ': /latest' : '.'}`,
    unattributed: 'unattributed',
  },
  uk: {
    headline: (n: number, speakers: number, date: string, own: boolean) =>
      `${own ? 'Ваш дайджест' : 'Дайджест'} за ${date}: ${form('uk', n, ['нова заява', 'нові заяви', 'нових заяв'])} від ${form('uk', speakers, ['автора', 'авторів', 'авторів'])}`,
    sample: (n: number, speakers: number) =>
      `Зразок дайджесту: ${form('uk', n, ['остання заява', 'останні заяви', 'останніх заяв'])} від ${form('uk', speakers, ['автора', 'авторів', 'авторів'])}`,
    top: 'Головні теми', other: 'Інше', linkUnknown: 'посилання невідоме', also: 'також', open: 'відкрити',
    footer: 'Змінити налаштування: /subscribe · час: /time · ключові слова: /keywords · зупинити: /unsubscribe',
    // "Не оновлювалися (N)" agrees with any N, where "не оновилися 1 джерело" would not.
    failed: (n: number) => `Не оновлювалися з минулого дайджесту (${n}): `,
    more: (n: number, command: boolean) => `…і ще ${form('uk', n, ['нова заява', 'нові заяви', 'нових заяв'])}${command ? ': /latest' : '.'}`,
    unattributed: 'без автора',
  },
} as const;

export interface DigestReaders {
  audience: DigestAudience;
  /** The bot's @username: group and channel readers open a card through a t.me deep link. */
  botUsername?: string | undefined;
}

/** Room left in each part for the "(1/3) " prefix. */
const PART_PREFIX_ROOM = 12;

function sourceHtml(s: Statement, unknown: string): string {
  const name = cutText(s.source, 120);
  const url = safeHttpUrl(s.url);
  return url ? link(name, url) : `${escapeHtml(name)} (${escapeHtml(unknown)})`;
}

/**
 * How a reader opens the card: a private chat taps /show_N; a group's or channel's readers cannot
 * send the bot commands there, so they get a t.me link that opens the card in a private chat.
 */
function openLink(s: Statement, readers: DigestReaders, label: string): string {
  if (readers.audience === 'private') return escapeHtml(`/show_${s.id}`);
  return readers.botUsername && /^\w{3,64}$/.test(readers.botUsername) ? link(label, `https://t.me/${readers.botUsername}?start=show_${s.id}`) : '';
}

function renderItem(item: DigestItem, locale: DigestLocale, readers: DigestReaders): string {
  const t = TEXT[locale.lang];
  const s = item.primary;
  const names = locale.name ? s.speakers.map(locale.name) : s.speakers;
  // Budgets as on cards: one corpus line with 3,000 speakers must not fill a digest part.
  const who = s.speakers.length ? bold(nameList(names, 200)) : s.attribution ? italic(cutText(s.attribution, 160)) : bold(cutText(s.source, 120));
  const date = formatStatementDate(s.date, s.datePrecision, locale.lang);
  const sources = [sourceHtml(s, t.linkUnknown), ...item.also.map((a) => `${escapeHtml(t.also)}: ${sourceHtml(a, t.linkUnknown)}${a.lang !== s.lang ? ` (${a.lang})` : ''}`)];
  const open = openLink(s, readers, t.open);
  return `• ${who} — ${escapeHtml(summarise(s.text))} ${italic(`(${date})`)}\n   ${[...sources, ...(open ? [open] : [])].join(' · ')}`;
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
  /** Default: a private chat's digest (its "your", its /show_N commands, its settings footer). */
  readers?: DigestReaders;
  /** A sample from the latest statements (/digest with nothing new): headed as such, no date. */
  sample?: boolean;
}): string[] {
  const { items, locale } = input;
  const readers = input.readers ?? { audience: 'private' };
  const own = readers.audience === 'private';
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
  // Distinct speakers (a statement by two people counts both); unattributed items by their outlet.
  const speakers = new Set(items.flatMap((i) => (i.primary.speakers.length ? i.primary.speakers : [i.primary.attribution ?? i.primary.source])));
  const date = formatStatementDate(input.localDate, 'day', locale.lang);
  const top = ordered.filter(([k]) => k !== null).slice(0, 3).map(([k]) => label(k));
  const total = items.length + (input.more ?? 0);
  const headline = input.sample ? t.sample(total, speakers.size) : t.headline(total, speakers.size, date, own);
  // Settings and failing sources are for whoever runs the digest, not a channel's readers.
  const footer = [
    ...(input.more ? [escapeHtml(t.more(input.more, own))] : []),
    ...(own && input.failedSources.length ? [italic(`${t.failed(input.failedSources.length)}${input.failedSources.join(', ')}`)] : []),
    ...(own && !input.sample ? [escapeHtml(t.footer)] : []),
  ];
  const blocks = [
    `${bold(headline)}${top.length ? `\n${escapeHtml(`${t.top}: ${top.join(', ')}`)}` : ''}`,
    ...ordered.flatMap(([key, group]) => group.map((item, i) => `${i === 0 ? `${bold(label(key))}\n` : ''}${renderItem(item, locale, readers)}`)),
    ...(footer.length ? [footer.join('\n')] : []),
  ];
  const parts = splitHtml(blocks.join('\n\n'), MAX_MESSAGE_UTF16 - PART_PREFIX_ROOM);
  return parts.length === 1 ? parts : parts.map((p, i) => `${escapeHtml(`(${i + 1}/${parts.length})`)} ${p}`);
}
