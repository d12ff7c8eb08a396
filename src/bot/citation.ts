// Citations a journalist can paste: who said it (and their role), the words in the quote marks of
// the reader's language, the date as precisely as known, the outlet and its link (or "link
// unknown"), and for a translated statement which version is quoted. Pure: data in, text out.
// Plain text for the Cite button and inline results; the same parts as Markdown for /export.
import type { ActorEntry } from '../corpus/actors.ts';
import { createNameDisplay } from '../corpus/display-names.ts';
import type { Lang } from '../corpus/types.ts';
import { formatStatementDate } from '../format-date.ts';
import type { Statement, UiLanguage } from '../store/index.ts';
import { MAX_MESSAGE_UTF16 } from '../telegram/html.ts';
import { cutText, safeHttpUrl, wellFormed } from '../telegram/text.ts';
import { CITATION_TEXTS } from './i18n/citation.ts';
import { citedWords } from './quoted-words.ts';

/** A speaker's name and role in one language, from the actor table (data/actors.json). */
export type SpeakerDirectory = (canonical: string, lang: UiLanguage) => { name: string; role: string | null };

export function createSpeakerDirectory(actors: ActorEntry[]): SpeakerDirectory {
  const byName = new Map(actors.map((a) => [a.canonical, a]));
  const display = createNameDisplay(actors);
  return (canonical, lang) => {
    const entry = byName.get(canonical);
    // Someone the table does not know: their name in the reader's script, no role (none is known).
    if (!entry) return { name: display(canonical, lang), role: null };
    // No Ukrainian role is better than an English one inside Ukrainian copy.
    if (lang === 'uk') return { name: entry.uk ?? entry.canonical, role: entry.roleUk ?? null };
    return { name: entry.canonical, role: entry.role ?? null };
  };
}

/** The other-language versions of a statement and their languages (looked up by the caller). */
export type VersionLangs = ReadonlyMap<number, Lang>;

export interface Citation {
  id: number;
  /** "Volodymyr Zelensky, President of Ukraine" (several speakers joined by "; "). */
  who: string;
  kind: string;
  /** formatStatementDate: "22 October 2024", "October 2024 (day unknown)", "date unknown". */
  said: string;
  /** The words as stored (never translated or reworded); of a reported quote, only the quoted words. */
  words: string;
  /** False for reported speech (a paraphrase): shown as such, never in quote marks. */
  direct: boolean;
  outlet: string;
  /** Only http(s) links: a link is what the reader will open. */
  link: string | null;
  /** Which version is quoted, when the statement exists in another language; else null. */
  version: string | null;
}

export function buildCitation(s: Statement, lang: UiLanguage, speakers: SpeakerDirectory, versions: VersionLangs = new Map()): Citation {
  const t = CITATION_TEXTS[lang];
  const who = s.speakers.length > 0
    ? s.speakers.map((name) => speakers(name, lang)).map((p) => (p.role ? `${p.name}, ${p.role}` : p.name)).join('; ')
    : (s.attribution ?? s.source);
  let version: string | null = null;
  if (s.translationOf !== null) {
    version = t.versionTranslation(s.lang, versions.get(s.translationOf) ?? 'und', s.translationOf);
  } else if (s.translations.length > 0) {
    version = t.versionOriginal(s.lang, s.translations.map((id) => ({ id, lang: versions.get(id) ?? 'und' })));
  }
  return {
    id: s.id,
    who,
    kind: t.kind[s.kind],
    said: formatStatementDate(s.date, s.datePrecision, lang),
    ...citedWords(s.kind, s.text),
    outlet: s.source,
    // URLs leave the bot only as http(s) (telegram/text.ts): anything else is "link unknown".
    link: safeHttpUrl(s.url),
    version,
  };
}

/** “…” in English copy, «…» in Ukrainian; quotes inside the words take the inner marks. */
export function quoteWords(words: string, lang: UiLanguage): string {
  if (lang === 'uk') return `«${words.replace(/«/g, '„').replace(/»/g, '“')}»`;
  return `“${words.replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/** "Volodymyr Zelensky, President of Ukraine — post, 22 October 2024" */
const headLine = (c: Citation): string => `${c.who} — ${c.kind}, ${c.said}`;

function plainLines(c: Citation, lang: UiLanguage, words: string): string[] {
  const t = CITATION_TEXTS[lang];
  const source = c.link ? `${t.source}: ${c.outlet}, ${c.link}` : `${t.source}: ${c.outlet} (${t.linkUnknown})`;
  const said = c.direct ? quoteWords(words, lang) : `${t.reported}: ${words}`;
  return [`${headLine(c)}:`, said, source, ...(c.version ? [c.version] : [])];
}

/** Budgets of a citation message's fields (its words get the rest of the message). */
const CITATION_WHO_CHARS = 400;
const CITATION_OUTLET_CHARS = 120;
const CITATION_LINK_CHARS = 1000;
const CITATION_VERSION_CHARS = 300;

/**
 * The citation as one plain-text message (no parse mode: it pastes anywhere). Words that would not
 * fit Telegram's limit are cut at a sentence or word and marked "[…]", with where to read them all.
 */
export function renderCitationText(full: Citation, lang: UiLanguage, maxChars = MAX_MESSAGE_UTF16): string {
  // A message has room for the words, not for any corpus field: speakers, outlet, link and version
  // get the budgets of a card (a line with 3,000 speakers still makes a citation under 4096).
  const c: Citation = {
    ...full,
    who: cutText(full.who, CITATION_WHO_CHARS),
    words: wellFormed(full.words),
    outlet: cutText(full.outlet, CITATION_OUTLET_CHARS),
    link: full.link !== null && full.link.length <= CITATION_LINK_CHARS ? full.link : null,
    version: full.version === null ? null : cutText(full.version, CITATION_VERSION_CHARS),
  };
  const whole = plainLines(c, lang, c.words).join('\n');
  if (whole.length <= maxChars) return whole;
  const note = CITATION_TEXTS[lang].excerpt(c.id);
  const room = maxChars - (whole.length - c.words.length) - note.length - 8;
  return [...plainLines(c, lang, cutWords(c.words, Math.max(room, 1))), note].join('\n');
}

function cutWords(words: string, maxChars: number): string {
  const head = words.slice(0, maxChars);
  let end = -1;
  for (const m of head.matchAll(/[.!?…](?=\s)/g)) end = (m.index ?? 0) + 1;
  if (end < maxChars * 0.5) end = head.lastIndexOf(' ') > maxChars * 0.5 ? head.lastIndexOf(' ') : head.length;
  let cut = head.slice(0, end);
  // Never leave half a surrogate pair at the cut.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()} […]`;
}

/**
 * Backslash-escapes what Markdown would read as markup, so corpus text renders literally: inline
 * syntax anywhere (* _ ` [ ] < > | ~ \\, and & before an entity), block syntax at a line's start
 * (# - + = > and "1." lists). Ordinary punctuation stays as it is, so the raw file reads well too.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`)
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
    .replace(/^([ \t]*)([#+\-=])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}

/** Parentheses and spaces encoded, so a link stays one Markdown link target. */
const markdownUrl = (url: string): string => url.replace(/[()<>\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** One citation as a Markdown block: the same parts as the plain text, the words as a blockquote. */
export function renderCitationMarkdown(c: Citation, lang: UiLanguage): string {
  const t = CITATION_TEXTS[lang];
  const source = c.link
    ? `${t.source}: [${escapeMarkdown(c.outlet)}](${markdownUrl(c.link)})`
    : `${t.source}: ${escapeMarkdown(c.outlet)} (${t.linkUnknown})`;
  const body = c.direct ? quoteWords(c.words, lang) : `${t.reported}: ${c.words}`;
  const quote = body.split(/\r?\n/).map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : '>'));
  return [
    `**${escapeMarkdown(c.who)}** — ${escapeMarkdown(`${c.kind}, ${c.said}`)} · \`#${c.id}\``,
    '',
    ...quote,
    '',
    // Two trailing spaces: a Markdown line break before the version line.
    ...(c.version ? [`${source}  `, escapeMarkdown(c.version)] : [source]),
  ].join('\n');
}

const directories = new WeakMap<ActorEntry[], SpeakerDirectory>();

/** One directory per actor table (the table is loaded once per process). */
export function speakerDirectoryFor(actors: ActorEntry[]): SpeakerDirectory {
  let directory = directories.get(actors);
  if (!directory) {
    directory = createSpeakerDirectory(actors);
    directories.set(actors, directory);
  }
  return directory;
}
