// Attribution: which paragraphs of an article are someone's quotation or paraphrase, and whose.
// Works paragraph by paragraph, as news copy is written: a quote, then "X said"; "X said that …";
// "according to X"; "he said" pointing back to the last person in view.
import type { ActorMatcher, Mention } from './actors.ts';
import type { PartialDate } from './types.ts';
import { resolveWeekday, WEEKDAY_PATTERN } from './dates.ts';

const VERBS =
  'said|says|told|stated|noted|added|emphasi[sz]ed|stressed|warned|confirmed|reiterated|announced|urged|insisted|declared|explained|argued|claimed|wrote|underlined|pointed out|called on|called for|according to';
const VERB_RE = new RegExp(`(?<![\\p{L}])(${VERBS})(?![\\p{L}])`, 'giu');
const PERSON_NOUN = /\b(official|diplomat|spokes(?:man|woman|person)|source|minister|aide|adviser|advisor|officer|commander|envoy|lawmaker|analyst)s?\b/i;
const FILLER = /\b(also|then|later|further|again|previously|repeatedly|once more|earlier)\b/gi;
const OPEN_QUOTES = '“"«„';
const CLOSE_QUOTES = '”"»“';

export interface Attribution {
  speaker: string | null;
  /** Words that name an unnamed speaker ("A top US diplomat"). */
  label: string | null;
  date: PartialDate | null;
}

export interface AttributedParagraph extends Attribution {
  index: number;
  text: string;
  mentions: string[];
}

/** Character ranges inside quotation marks. An unclosed quote runs to the end. */
function quoteSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open = -1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (open === -1 && OPEN_QUOTES.includes(ch)) open = i;
    else if (open !== -1 && CLOSE_QUOTES.includes(ch) && ch !== '“') {
      spans.push([open, i]);
      open = -1;
    }
  }
  if (open !== -1) spans.push([open, text.length]);
  return spans;
}

const inSpans = (spans: Array<[number, number]>, at: number): boolean => spans.some(([a, b]) => at > a && at < b);

function subjectBefore(text: string, verbAt: number): { subject: string; start: number } {
  const head = text.slice(0, verbAt);
  let cut = 0;
  for (const re of [/[”"»]\s*[,.]?\s*[-—–]?\s*/g, /[.!?]\s+/g, /,\s+/g, /^[A-Z]{3,}(?: [A-Z]{3,})*:\s*/g]) {
    for (const m of head.matchAll(re)) cut = Math.max(cut, (m.index ?? 0) + m[0].length);
  }
  return { subject: head.slice(cut).trim(), start: cut };
}

function resolveSubject(
  subject: string,
  subjectStart: number,
  verbAt: number,
  mentions: Mention[],
  matcher: ActorMatcher,
  recent: string[],
  excluded: Set<string>,
): Attribution | null {
  const bare = subject.replace(FILLER, '').replace(WEEKDAY_PATTERN, '').replace(/\s+/g, ' ').trim();
  if (/^(he|she)$/i.test(bare)) {
    const speaker = [...recent].reverse().find((name) => !excluded.has(name)) ?? null;
    return speaker ? { speaker, label: null, date: null } : null;
  }
  if (/^who$/i.test(bare)) {
    const before = mentions.filter((m) => !m.possessive && m.end <= verbAt);
    const last = before[before.length - 1];
    return last ? { speaker: last.canonical, label: null, date: null } : null;
  }
  const inSubject = mentions.filter((m) => !m.possessive && m.start >= subjectStart && m.end <= verbAt);
  const named = inSubject[inSubject.length - 1];
  if (named && !/^(a|an)\s/i.test(bare)) return { speaker: named.canonical, label: null, date: null };
  const described = matcher.resolveDescriptor(bare.replace(/’/g, "'"));
  if (described) return { speaker: described, label: null, date: null };
  if (/^(a|an)\s/i.test(bare) && PERSON_NOUN.test(bare)) return { speaker: null, label: bare, date: null };
  return null;
}

/**
 * Finds who a paragraph quotes or paraphrases. `recent` lists people in view, oldest first, and
 * is updated in place; `previous` is the attribution of the paragraph before, for a bare quote
 * that continues it.
 */
export function attributeParagraph(
  text: string,
  matcher: ActorMatcher,
  recent: string[],
  previous: Attribution | null,
  anchor: PartialDate,
): Attribution | null {
  const mentions = matcher.findMentions(text);
  const spans = quoteSpans(text);
  const quoted = new Set(mentions.filter((m) => inSpans(spans, m.start)).map((m) => m.canonical));
  let found: Attribution | null = null;
  let verbEnd = 0;

  const candidates = [...text.matchAll(VERB_RE)];
  const outside = candidates.filter((m) => !inSpans(spans, m.index ?? 0));
  // A quote left open by the source ("…direction, Lt. Gen. Kyrylo Budanov told the media outlet. “It…")
  // hides its attribution inside it: accept a known name directly before the verb.
  const fallback = candidates.filter((m) =>
    mentions.some((mention) => !mention.possessive && /^\s*$/.test(text.slice(mention.end, m.index ?? 0))),
  );
  for (const m of outside.length > 0 ? outside : fallback) {
    const at = m.index ?? 0;
    const verb = (m[1] ?? '').toLowerCase();
    if (verb === 'according to') {
      const who = /^\s*([^,.;]+)/.exec(text.slice(at + m[0].length))?.[1] ?? '';
      const whoStart = at + m[0].length + (text.slice(at + m[0].length).length - text.slice(at + m[0].length).trimStart().length);
      const named = mentions.find((x) => !x.possessive && x.start >= whoStart && x.end <= whoStart + who.length);
      const speaker = named?.canonical ?? matcher.resolveDescriptor(who);
      if (speaker) {
        found = { speaker, label: null, date: null };
        verbEnd = at + m[0].length;
        break;
      }
      continue;
    }
    const { subject, start } = subjectBefore(text, at);
    const excluded = quoted;
    const resolved = resolveSubject(subject, start, at, mentions, matcher, recent, excluded);
    if (resolved) {
      found = resolved;
      verbEnd = at + m[0].length;
      // The weekday of the saying sits in the subject or just after the verb, before any quote.
      const after = text.slice(verbEnd, verbEnd + 40).split(/[“"«]|\bthat\b/)[0] ?? '';
      const weekday = WEEKDAY_PATTERN.exec(`${subject} ${after}`)?.[1];
      found.date = weekday ? resolveWeekday(weekday, anchor) : null;
      break;
    }
  }

  if (!found && OPEN_QUOTES.includes(text.trimStart()[0] ?? '') && previous && (previous.speaker || previous.label)) {
    found = { speaker: previous.speaker, label: previous.label, date: previous.date };
  }

  for (const m of mentions) if (!m.possessive) recent.push(m.canonical);
  if (found?.speaker) recent.push(found.speaker);
  return found;
}

/** Attributes every paragraph of an article body in order; returns those that are quotes. */
export function attributeArticle(
  paragraphs: string[],
  matcher: ActorMatcher,
  anchor: PartialDate,
): AttributedParagraph[] {
  const recent: string[] = [];
  let previous: Attribution | null = null;
  const out: AttributedParagraph[] = [];
  paragraphs.forEach((text, index) => {
    const found = attributeParagraph(text, matcher, recent, previous, anchor);
    previous = found;
    if (!found) return;
    const mentions = matcher.mentionedNames(text, found.speaker ? [found.speaker] : []);
    out.push({ ...found, index, text, mentions });
  });
  return out;
}
