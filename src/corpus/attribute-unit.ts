// Who a unit (a sentence, or a quotation with its attribution) is by: the subject of its
// reporting verb — a name, a pronoun or an office — or the person after "according to" /
// "за словами". The subject of the verb wins, not the nearest name.
import type { ActorMatcher } from './actors.ts';
import type { ArticleCast, CastMember } from './article-cast.ts';
import { FEMALE_PRONOUNS, MALE_PRONOUNS, PLURAL_PRONOUNS } from './lexicon/people-words.ts';
import type { Gender, PersonSpan } from './person-spans.ts';
import { findPersonSpans, isRoleWord } from './person-spans.ts';
import { findSourcePhrases, findVerbs, INVERTIBLE_ENGLISH } from './reporting.ts';
import type { VerbHit } from './reporting.ts';
import { dayNamedIn } from './said-when.ts';
import type { PartialDate } from './types.ts';
import type { Unit } from './units.ts';
import { isInside } from './units.ts';

export interface UnitContext {
  matcher: ActorMatcher;
  cast: ArticleCast;
  anchor: PartialDate;
  /** The outlet's own name (lower case): "Rubryka reports" is the outlet, never a speaker. */
  outlet: string | null;
}

export interface UnitAttribution {
  member: CastMember | null;
  /** Words naming an unnamed speaker ("A top US diplomat"). */
  label: string | null;
  /** The unit has its own subject that is not a person (an institution, a country): it inherits no speaker. */
  blocked: boolean;
  /** The attribution follows a quotation, so a bare quotation before it belongs to it too. */
  post: boolean;
  /** Ends with a colon: the next quotation is this speaker's. */
  colon: boolean;
  /** "Source: Budanov in an interview with Forbes": names who the next quotation is by; not a statement. */
  sourceLine: boolean;
  /** "Quote:" / "Цитата:" before a quotation with no name: the quotation of the speaker in view. */
  quoteLabel: boolean;
  date: PartialDate | null;
}

const FILLER_WORDS = new Set(
  `also then later further again previously repeatedly earlier has have had was were is are will would reportedly separately
meanwhile however still now recently also yesterday today tonight once more first last week month on in at during this that
monday tuesday wednesday thursday friday saturday sunday mr ms mrs
також вже раніше зокрема водночас ще тоді згодом теж тим часом вкотре знову своєю чергою при цьому крім окрім того
окремо особисто публічно відкрито ж же бо ну сьогодні вчора напередодні про це так як у в на і й а але та понеділок вівторок
середу четвер пʼятницю п'ятницю п’ятницю суботу неділю також ранее уже как об этом`.trim().split(/\s+/),
);
const PREPOSITIONS = new Set(
  'with beside to by from met and of for about against between among like than under over after before at in on за з із зі до від для перед після на про у в між під над'.split(' '),
);
const ADVERBIAL_START = /^(in|at|on|during|after|before|while|when|speaking|asked|answering|responding|addressing|commenting|writing|referring|у|в|на|під|після|перед|відповідаючи|коментуючи|виступаючи|звертаючись|говорячи|про|як|так|це|тоді|при|во|по)(\s|$)/iu;
const LABEL_LINE = /^(Source|Джерело|Источник|Quote|Цитата|Пряма мова|Прямая речь)(?:\s+(?:from|of|від|з)\s+([^:]{1,80}))?:\s*/u;
/** "йдеться у заяві МЗС", "the ministry's statement said": a body's document speaks (a bare
 * "йдеться у повідомленні" is usually the post of the official in view, so it does not count). */
const IMPERSONAL =
  /(?<!\p{L})((йдеться|ідеться|сказано|зазначається|наголошується|говориться|говорится|сообщается)\s+(у|в)\s+\p{L}+\s+(\p{Lu}{2,}|міністерств\p{L}*|відомств\p{L}*|пресслужб\p{L}*|прес-служб\p{L}*|штаб\p{L}*|уряд\p{L}*|посольств\p{L}*)|the (statement|report|document|release) (said|says|read))(?!\p{L})/iu;
const MAX_VERBS_PER_UNIT = 12;
const POSSESSIVES = new Set(['його', 'її', 'его', 'ее', 'её', 'his', 'her', 'their', 'їхній', 'їхня', 'їх']);
const WEAK_VERBS = new Set(['report', 'reports', 'reported', 'повідомляє', 'пише', 'пишуть', 'повідомили']);
const PERSON_NOUN = /\b(official|diplomat|spokes(?:man|woman|person)|source|minister|aide|adviser|advisor|officer|commander|envoy|lawmaker|analyst)s?\b/i;
const CLAUSE_BOUNDARY = /[,;:()]|[”"»](?=[\s,.])|\s[–—-]\s|^[–—-]\s/gu;
/** Stepping back over an appositive crosses commas only: a quoted name inside it ("Суперпозиція") is no boundary. */
const COMMA_BOUNDARY = /[,;:()]|\s[–—-]\s/gu;

const words = (s: string): string[] => s.toLowerCase().split(/[\s\u00a0]+/).map((w) => w.replace(/[^\p{L}\p{N}'’ʼ-]/gu, '')).filter(Boolean);

/** The text with quotations blanked out: a day inside a quotation is what they talk about, not when. */
function outsideQuotes(text: string, quotes: Unit['quotes']): string {
  let out = text;
  for (const [a, b] of quotes) if (a < out.length) out = out.slice(0, a) + ' '.repeat(Math.min(b, out.length) - a) + out.slice(Math.min(b, out.length));
  return out;
}

/** The segment of the unit before `at`, after the nearest clause boundary. */
function segmentBefore(text: string, at: number, floor: number, boundaries: RegExp = CLAUSE_BOUNDARY): { start: number; text: string; boundary: string } {
  let start = floor;
  let boundary = '';
  boundaries.lastIndex = 0;
  for (const m of text.slice(0, at).matchAll(boundaries)) {
    const end = (m.index ?? 0) + m[0].length;
    if (end > start) {
      start = end;
      boundary = m[0].trim();
    }
  }
  return { start, text: text.slice(start, at), boundary };
}

function stripFillers(segment: string): string {
  const list = segment.trim().split(/\s+/).filter(Boolean);
  while (list.length && FILLER_WORDS.has((list[list.length - 1] as string).toLowerCase().replace(/[^\p{L}'’ʼ]/gu, ''))) list.pop();
  while (list.length && FILLER_WORDS.has((list[0] as string).toLowerCase().replace(/[^\p{L}'’ʼ]/gu, ''))) list.shift();
  return list.join(' ');
}

type Subject =
  | { kind: 'person'; span: PersonSpan; oblique: boolean }
  | { kind: 'pronoun'; gender: Gender | null }
  | { kind: 'role'; phrase: string }
  | { kind: 'label'; phrase: string }
  | { kind: 'who' }
  | { kind: 'coordination' }
  | { kind: 'empty' }
  | { kind: 'other' };

function pronounGender(word: string): Gender | null | 'plural' | undefined {
  if (MALE_PRONOUNS.has(word)) return 'male';
  if (FEMALE_PRONOUNS.has(word)) return 'female';
  // After "за словами" / "according to": "його", "її", "him", "her".
  if (word === 'його' || word === 'him' || word === 'его') return 'male';
  if (word === 'її' || word === 'her' || word === 'ее' || word === 'её') return 'female';
  if (PLURAL_PRONOUNS.has(word)) return 'plural';
  return undefined;
}

/**
 * After an adverbial opening ("На сторінці міністерства Галущенко зазначив") a bare Cyrillic name
 * may still be the subject — unless its ending is an oblique case ("в етері 24 Каналу").
 */
function nominativeLooking(span: PersonSpan): boolean {
  const last = (span.tokens[span.tokens.length - 1] ?? '').toLowerCase();
  return /\p{Script=Cyrillic}/u.test(last) && !/(у|ю|ові|еві|ом|ем|ою|ею|ів|ах|ях|ій|ої|ого|ому)$/u.test(last);
}

function classify(segment: string, segStart: number, spans: PersonSpan[], fullText: string): Subject {
  const core = stripFillers(segment);
  if (!core) return { kind: 'empty' };
  if (/^(a|an)\s/i.test(core) && PERSON_NOUN.test(core)) return { kind: 'label', phrase: core };
  const ws = words(core);
  if (ws.length === 1) {
    const g = pronounGender(ws[0] as string);
    if (g === 'plural') return { kind: 'other' };
    if (g !== undefined) return { kind: 'pronoun', gender: g };
  }
  const segEnd = segStart + segment.length;
  const inside = spans.filter((s) => s.start >= segStart && s.end <= segEnd + 1);
  const last = inside[inside.length - 1];
  // "Про це в етері 24 Каналу розповів …", "In an interview with Forbes, …": a name inside an
  // adverbial phrase is not the subject unless something marks it as a person.
  const adverbial = ADVERBIAL_START.test(core) || ADVERBIAL_START.test(segment.trim());
  // The subject is the last person whose words up to the verb are at most an adverbial phrase
  // ("Юрій Ігнат на своїй сторінці у Facebook спростував", "Rutte on Monday addressed").
  const isSubject = (s: PersonSpan): boolean => {
    if (s.possessive || (adverbial && s.cue === 'none' && !nominativeLooking(s))) return false;
    const before = words(fullText.slice(Math.max(segStart, s.start - 25), s.start)).pop() ?? '';
    if (PREPOSITIONS.has(before)) return false;
    const rawTail = fullText.slice(s.end, segEnd).trim();
    const next = words(rawTail)[0] ?? '';
    // "Тихий різко відповів", "Peskov sharply said": one adverb between subject and verb.
    const adverb = words(rawTail).length === 1 && /^(\p{Ll}+ly|\p{Ll}{3,}[оі]|\p{Ll}{3,}ше)$/u.test(next) && /\p{Script=Cyrillic}|ly$/u.test(next);
    return !stripFillers(rawTail) || adverb || (next !== 'and' && next !== 'і' && next !== 'та' && (PREPOSITIONS.has(next) || ADVERBIAL_START.test(rawTail)));
  };
  // A marked person first ("Юрій Ігнат в ефірі телеканалу Freeдом прокоментував"), else any name.
  const subjectSpan = inside.find((s) => s.cue !== 'none' && isSubject(s)) ?? inside.find(isSubject);
  if (subjectSpan) return { kind: 'person', span: subjectSpan, oblique: false };
  const afterPreposition = last ? PREPOSITIONS.has(words(fullText.slice(Math.max(segStart, last.start - 25), last.start)).pop() ?? '') : false;
  if (last && !(adverbial && last.cue === 'none' && !nominativeLooking(last)) && !(afterPreposition && last.cue === 'none')) {
    const tail = stripFillers(fullText.slice(last.end, segEnd));
    if (!last.possessive && !tail) {
      // "Putin and Trump said": several people, no single speaker.
      const before = fullText.slice(segStart, last.start);
      if (/\b(and|і|та|й)\s*$/u.test(before) && inside.length > 1) return { kind: 'other' };
      return { kind: 'person', span: last, oblique: false };
    }
  }
  if (/^(who|who['’]s|which|який|яка|які|котрий|котра)$/u.test(ws[0] ?? '')) return { kind: 'who' };
  if (/^(and|but|і|та|й|а|але|and then)$/u.test(ws[ws.length - 1] ?? '')) return { kind: 'coordination' };
  // "Про це екскерівник ОП розповів": an office after the opener is still the subject.
  if (adverbial && !(ws.length <= 6 && ws.some(isRoleWord))) return { kind: 'empty' };
  if (ws.length <= 14 && ws.some(isRoleWord)) return { kind: 'role', phrase: core };
  const g = pronounGender(ws[0] as string);
  if (g !== undefined && g !== 'plural' && ws.length <= 3) return { kind: 'pronoun', gender: g };
  return { kind: 'other' };
}

function genderOf(verb: VerbHit): Gender | null {
  return verb.gender === 'male' || verb.gender === 'female' ? verb.gender : null;
}

/** Set per unit: whether a span is a case form of someone already in the article ("Кличка" for Кличко). */
let isOwnerForm: (span: PersonSpan) => boolean = () => false;

/** The speaker named right after a verb or a source phrase: "said Defense Minister Rustem Umerov", "– наголосив він". */
function subjectAfter(text: string, from: number, spans: PersonSpan[], quotes: Unit['quotes']): Subject {
  const rest = text.slice(from);
  // A name in quotation marks ("в ефірі «Радіо Свобода»") does not end the clause.
  const stop = rest.search(/[,;:!?(]|\.(?=\s|$)|\s[–—]\s/u);
  const clause = stop === -1 ? rest : rest.slice(0, stop);
  const ws = words(clause);
  const firstWord = ws.find((w) => !FILLER_WORDS.has(w) || pronounGender(w) !== undefined);
  if (firstWord) {
    const g = pronounGender(firstWord);
    // "його прес-секретар" is a possessive before a noun, not the pronoun subject "він".
    const determiner = POSSESSIVES.has(firstWord) && ws.indexOf(firstWord) < ws.length - 1;
    if (g !== undefined && !determiner && ws.indexOf(firstWord) <= 1) return g === 'plural' ? { kind: 'other' } : { kind: 'pronoun', gender: g };
  }
  const span = spans.find((s) => s.start >= from && s.start <= from + clause.length && !isInside(quotes, s.start));
  const between = words(text.slice(from, span?.start ?? from));
  // "сказала прес-секретар Кличка": a known person in a case form after an office owns the office.
  const owner = span && between.some(isRoleWord) && isOwnerForm(span);
  if (span && !owner && between.length <= 7 && !span.possessive) return { kind: 'person', span, oblique: false };
  const head = ws.slice(0, 5);
  // "states Ukraine's Human Rights Ombudsman, Dmytro Lubinets, in …": an office, then the name.
  if (ws.some(isRoleWord) && rest[stop] === ',') {
    const next = spans.find((s) => s.start > from + stop && s.start <= from + stop + 3 && !s.possessive);
    if (next) return { kind: 'person', span: next, oblique: false };
  }
  if (head.length && isRoleWord(head[0] as string)) return { kind: 'role', phrase: head.join(' ') };
  if (head.length > 1 && !PREPOSITIONS.has(head[0] as string) && isRoleWord(head[1] as string)) return { kind: 'role', phrase: head.join(' ') };
  return { kind: 'other' };
}

export function attributeUnit(unit: Unit, context: UnitContext): UnitAttribution {
  const { cast, matcher } = context;
  const text = unit.text;
  const allSpans = findPersonSpans(text, { matcher });
  const spans = allSpans.filter((s) => !isInside(unit.quotes, s.start));
  // Someone named inside the quotation is talked about, not talking: "he" is someone else.
  const quotedPeople = allSpans.filter((s) => isInside(unit.quotes, s.start)).map((s) => cast.find(s)).filter((m): m is CastMember => m !== null);
  const colon = /:\s*$/.test(text);
  isOwnerForm = (span) => {
    const member = cast.find(span);
    const written = span.tokens[span.tokens.length - 1] ?? '';
    return member !== null && /\p{Script=Cyrillic}/u.test(written) && !member.name.split(' ').includes(written);
  };
  const result: UnitAttribution = { member: null, label: null, blocked: false, post: false, colon, date: null, sourceLine: false, quoteLabel: false };
  const offices = (table: string | null): string | undefined => {
    const entry = table ? matcher.byCanonical(table) : undefined;
    return entry ? [entry.role ?? '', ...entry.descriptors, ...entry.tenures.flatMap((t) => t.descriptors)].join(' ') : undefined;
  };
  const admit = (span: PersonSpan, options: { asSubject?: boolean; oblique?: boolean } = {}): CastMember | null =>
    cast.admit(span, { ...options, offices: offices(span.table) });
  // A surname alone names a table person only if the table says so or the article named them in full.
  for (const s of [...allSpans]) {
    if (!s.table || s.tokens.length > 1 || matcher.byCanonical(s.table)?.surnameAlone || cast.hasTable(s.table)) continue;
    s.table = null;
    s.cue = s.gender ? 'given' : 'none';
  }
  // People named before the first reporting word are in view when it is resolved; those after it
  // (the object of "відповів на заяви … Захарової") join the cast only once this unit is done.
  const firstReport = Math.min(text.length, ...findVerbs(text).map((v) => v.start), ...findSourcePhrases(text).map((h) => h.start));
  for (const s of spans) if (s.cue !== 'none' && !s.possessive && s.start < firstReport) admit(s);
  const admitRest = (): void => {
    for (const s of spans) if (s.cue !== 'none' && !s.possessive && s.start >= firstReport) admit(s);
  };

  const resolve = (subject: Subject, verb: VerbHit | null, oblique = false): CastMember | 'label' | null => {
    const gender = verb ? genderOf(verb) : null;
    switch (subject.kind) {
      case 'person':
        return admit(subject.span, { asSubject: true, oblique: oblique || subject.oblique });
      case 'pronoun':
        return cast.resolvePronoun(subject.gender ?? gender, quotedPeople);
      case 'role': {
        const table = matcher.resolveDescriptor(subject.phrase.replace(/’/g, "'"), context.anchor);
        if (table) {
          const member = admit({ start: 0, end: 0, name: table, tokens: table.split(' '), titles: [], table, cue: 'table', possessive: false, gender: null });
          if (member) return member;
        }
        return cast.resolveRole(subject.phrase, gender);
      }
      case 'label':
        result.label = subject.phrase;
        return 'label';
      default:
        return null;
    }
  };

  /** The sentence's own subject, for "…and reiterated" and "…, saying": its first person not after a preposition. */
  const mainSubject = (before: number): CastMember | null => {
    if (result.member) return result.member;
    const lead = /^\s*(he|she|він|вона)\b/iu.exec(text);
    if (lead) return cast.resolvePronoun(pronounGender((lead[1] as string).toLowerCase()) as Gender);
    for (const s of spans) {
      if (s.start >= before || s.possessive) continue;
      const prev = words(text.slice(Math.max(0, s.start - 20), s.start)).pop() ?? '';
      if (PREPOSITIONS.has(prev)) continue;
      // "Later, Sikorski …", "Коментувати … Терехов не став": a capitalised opener is not a name.
      if (s.cue === 'none' && !cast.find(s) && (s.start === 0 || /^\s*,/.test(text.slice(s.end)))) continue;
      return admit(s, { asSubject: true });
    }
    return null;
  };

  // Labelled lines (Ukrainska Pravda and others): "Source: Budanov in an interview", "Quote from the head of …:".
  const labelled = LABEL_LINE.exec(text);
  if (labelled) {
    const kind = (labelled[1] ?? '').toLowerCase();
    const isSource = /^(source|джерело|источник)/.test(kind);
    // "Quote from X:" names X before the colon; "Source: X in an interview" names X after it.
    const from = isSource ? labelled[0].length : labelled[0].length - (labelled[2]?.length ?? 0) - 2;
    const subject = isSource || labelled[2] ? subjectAfter(text, Math.max(0, from), spans, unit.quotes) : { kind: 'empty' as const };
    const who = subject.kind === 'person' || subject.kind === 'role' || subject.kind === 'pronoun' ? resolve(subject, null) : null;
    if (isSource) {
      if (who && who !== 'label') {
        result.member = who;
        result.sourceLine = true;
        cast.spoke(who);
      }
      admitRest();
      return result;
    }
    result.quoteLabel = true;
    if (who && who !== 'label') {
      result.member = who;
      cast.spoke(who);
      admitRest();
      return result;
    }
  }

  let clauseForDate = '';
  // "according to X", "за словами X": the speaker follows the phrase.
  for (const hit of findSourcePhrases(text)) {
    if (isInside(unit.quotes, hit.start)) continue;
    // "за його словами" carries its pronoun inside the phrase.
    const inner = / (його|її|его|ее|её) /u.exec(` ${hit.phrase} `)?.[1];
    const subject: Subject = inner ? { kind: 'pronoun', gender: pronounGender(inner) as Gender } : subjectAfter(text, hit.end, spans, unit.quotes);
    const who = subject.kind === 'person' ? resolve({ ...subject, oblique: hit.oblique }, null, hit.oblique) : subject.kind === 'role' || subject.kind === 'pronoun' ? resolve(subject, null) : null;
    if (who && who !== 'label') {
      result.member = who;
      clauseForDate = text.slice(0, hit.end + 40);
      break;
    }
  }

  const quoteEnd = Math.max(0, ...unit.quotes.map(([, b]) => b));
  // A real sentence has a handful of reporting verbs; a hostile one may have thousands, and each
  // is resolved by looking back over the sentence: only the first MAX_VERBS_PER_UNIT are tried.
  for (const verb of result.member ? [] : findVerbs(text).slice(0, MAX_VERBS_PER_UNIT)) {
    if (isInside(unit.quotes, verb.start)) continue;
    const seg = segmentBefore(text, verb.start, 0);
    let subject = classify(seg.text, seg.start, spans, text);
    const english = !/\p{Script=Cyrillic}/u.test(verb.form);
    // "This was stated by NATO Secretary General Mark Rutte": the speaker follows "by".
    const passive = /^\s+by\s/.exec(text.slice(verb.end));
    // "Кличко не заявляв", "did not say": a denial of saying is no statement of the subject's.
    if (/(?<!\p{L})(не|not|never|didn['’]t|did not|has not|hasn['’]t)\s+$/iu.test(text.slice(Math.max(0, verb.start - 12), verb.start))) continue;
    // "may be expected", "was reported": a passive without "by" names no speaker and blocks nothing.
    if (english && !passive && /\b(be|is|are|was|were|been|being)\s+$/i.test(text.slice(Math.max(0, verb.start - 12), verb.start))) continue;
    if (passive && english) {
      const after = subjectAfter(text, verb.end + passive[0].length, spans, unit.quotes);
      if (after.kind === 'person' || after.kind === 'role') subject = after;
    }
    if (subject.kind === 'empty' && (!english || INVERTIBLE_ENGLISH.has(verb.form) || verb.participle === false && seg.boundary !== '')) {
      const after = subjectAfter(text, verb.end, spans, unit.quotes);
      if (after.kind !== 'other' && (!english || INVERTIBLE_ENGLISH.has(verb.form))) subject = after;
    }
    // "Peskov, the Kremlin spokesman, said" / "Zelensky, in his nightly address, said": step back over commas.
    let floor = seg.start;
    const appositive = (segment: string): boolean => /^\s*(a|an|the|who|who['’]s|which|один|одна|який|яка)\s/iu.test(segment);
    for (
      let step = 0;
      step < 2 && (subject.kind === 'empty' || subject.kind === 'role' || subject.kind === 'who' || subject.kind === 'label' || (subject.kind === 'other' && appositive(seg.text))) && seg.boundary === ',';
      step += 1
    ) {
      const back = segmentBefore(text, floor - 1, 0, COMMA_BOUNDARY);
      const earlier = classify(back.text, back.start, spans, text);
      if (earlier.kind === 'person' || earlier.kind === 'pronoun') {
        subject = earlier;
        break;
      }
      if (earlier.kind !== 'empty' && earlier.kind !== 'role' && !appositive(back.text)) break;
      floor = back.start;
    }
    // "…, Rubryka reports": outlets report; a person who "reported" must be marked as one.
    if (WEAK_VERBS.has(verb.form) && subject.kind === 'person' && subject.span.cue === 'none' && !cast.find(subject.span)) subject = { kind: 'other' };
    if (subject.kind === 'person' && context.outlet && subject.span.name.toLowerCase() === context.outlet) subject = { kind: 'other' };
    let who: CastMember | 'label' | null = null;
    if (subject.kind === 'coordination' || (verb.participle && (subject.kind === 'empty' || subject.kind === 'other'))) who = mainSubject(verb.start);
    else if (subject.kind === 'who') {
      const before = spans.filter((s) => s.end <= seg.start && !s.possessive).pop();
      who = before ? cast.admit(before, { asSubject: true }) : null;
    } else who = resolve(subject, verb);
    if (who === null) {
      if (subject.kind === 'other') result.blocked = true;
      continue;
    }
    result.blocked = false;
    if (who !== 'label') {
      result.member = who;
      if (verb.gender === 'female' && who.gender === null) who.gender = 'female';
      if (verb.gender === 'male' && who.gender === null) who.gender = 'male';
    }
    result.post = unit.quotes.length > 0 && verb.start >= quoteEnd - 1 && quoteEnd > 0;
    const afterVerb = text.slice(verb.end, verb.end + 60).split(/["“«:]|\bthat\b|(?<!\p{L})що(?!\p{L})/u)[0] ?? '';
    clauseForDate = `${outsideQuotes(text.slice(0, verb.start), unit.quotes)} ${afterVerb}`;
    break;
  }
  // "…", – йдеться у повідомленні / "the statement said": a document speaks, not the person in view.
  if (!result.member && !result.label && IMPERSONAL.test(outsideQuotes(text, unit.quotes))) result.blocked = true;
  if (result.member || result.label) {
    result.date = dayNamedIn(clauseForDate, context.anchor);
    if (result.member) cast.spoke(result.member);
  }
  admitRest();
  return result;
}
