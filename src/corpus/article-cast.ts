// The people of one article: who has been named so far, under which full name, with which
// offices and gender, and who spoke last. A surname, a case form ("Сибіги"), a pronoun or an
// office ("the minister", "глава МЗС") is resolved against this cast, never against the nearest
// word that looks like a name.
import { nameKey } from './names.ts';
import { nominativeCandidates, toNominative } from './name-cases.ts';
import type { Gender, PersonSpan } from './person-spans.ts';
import { isGivenName, isNationality, isRoleWord } from './person-spans.ts';
import { OFFICE_KINDS } from './lexicon/people-words.ts';

export interface CastMember {
  id: number;
  /** The fullest form met: the speaker's name as stored (table canonical for table actors). */
  name: string;
  table: string | null;
  surnameKeys: Set<string>;
  gender: Gender | null;
  /** Office words met with the name, as stems. */
  roles: Set<string>;
  /** Kinds of office the person holds (OFFICE_KINDS): "intelligence", "diplomacy" … */
  offices: Set<string>;
  lastMention: number;
  lastSpoke: number;
}

const isCyrillic = (s: string): boolean => /\p{Script=Cyrillic}/u.test(s);
const stem = (word: string): string => word.toLowerCase().replace(/['’ʼ]/g, '').slice(0, 5);
/** Words that qualify an office without naming a different one: "the head of the administration". */
const GENERIC_QUALIFIER =
  /^(the|this|that|its|his|her|цей|ця|той|та|top|senior|former|колишн\p{L}*|ex|chief|head|administration|ministry|office|department|government|city|region|regional|country|state|адміністрац\p{L}*|міністерств\p{L}*|офіс\p{L}*|уряд\p{L}*|міст\p{L}*|област\p{L}*|обласн\p{L}*|країн\p{L}*|держав\p{L}*|відомств\p{L}*)$/iu;
const GENERIC = new Set(['the', 'a', 'an', 'of', 'for', 'and', 'з', 'і', 'та', 'у', 'в', 'з', 'питань', 'with', 'top', 'said', 'told']);

/** Kinds of office a phrase names ("Розвідник" → intelligence, "глава МЗС" → diplomacy). */
export function officesIn(phrase: string): string[] {
  const lower = ` ${phrase.toLowerCase().replace(/['’ʼ-]/g, '')} `;
  return Object.entries(OFFICE_KINDS)
    .filter(([, stems]) => stems.some((s) => lower.includes(` ${s.replace(/['’ʼ-]/g, '')}`)))
    .map(([kind]) => kind);
}

/** Keys a surname form may stand for: itself, and for Cyrillic its nominative candidates. */
function surnameKeysOf(form: string): string[] {
  const keys = [nameKey(form)];
  if (isCyrillic(form)) for (const c of nominativeCandidates(form, 'lastName')) keys.push(nameKey(c));
  return keys.filter(Boolean);
}

export class ArticleCast {
  readonly members: CastMember[] = [];
  private clock = 0;

  /** Nominative forms met as the subject of a verb: the best evidence for normalising case forms. */
  readonly nominatives = new Set<string>();

  tick(): number {
    this.clock += 1;
    return this.clock;
  }

  private findByKeys(keys: string[], table: string | null): CastMember | undefined {
    if (table) return this.members.find((m) => m.table === table);
    return [...this.members].reverse().find((m) => keys.some((k) => m.surnameKeys.has(k)));
  }

  /** A member for this span, creating one for a first mention; null for a name that is not a person. */
  admit(span: PersonSpan, options: { asSubject?: boolean; oblique?: boolean; offices?: string } = {}): CastMember | null {
    const surname = span.tokens[span.tokens.length - 1] ?? span.name;
    const keys = surnameKeysOf(surname);
    const known = this.findByKeys(keys, span.table);
    const given = span.tokens.length > 1 ? isGivenName(span.tokens[0] as string) : null;
    if (!known && span.cue === 'none' && !options.asSubject) return null;
    const member =
      known ??
      ({
        id: this.members.length + 1,
        name: span.table ?? this.normalise(span, options.oblique ?? false),
        table: span.table,
        surnameKeys: new Set<string>(),
        gender: null,
        roles: new Set<string>(),
        offices: new Set<string>(),
        lastMention: 0,
        lastSpoke: 0,
      } satisfies CastMember);
    if (!known) this.members.push(member);
    if (!member.table && span.tokens.length > 1) {
      // A fuller form replaces a surname-only one ("Kellogg" → "Keith Kellogg").
      const full = this.normalise(span, options.oblique ?? false);
      if (full.split(' ').length > member.name.split(' ').length) member.name = full;
    }
    for (const k of keys) member.surnameKeys.add(k);
    member.surnameKeys.add(nameKey(member.name.split(' ').pop() ?? member.name));
    member.gender ??= span.gender ?? given;
    for (const t of span.titles) if (!GENERIC.has(t) && !isNationality(t)) member.roles.add(stem(t));
    for (const kind of officesIn(span.titles.join(' '))) member.offices.add(kind);
    if (options.offices) for (const kind of officesIn(options.offices)) member.offices.add(kind);
    member.lastMention = this.tick();
    if (options.asSubject && isCyrillic(span.name)) this.nominatives.add(surname);
    return member;
  }

  private normalise(span: PersonSpan, obliqueHint: boolean): string {
    if (!isCyrillic(span.name)) return span.name;
    const last = span.tokens.length - 1;
    // "Марії Захарової": a given name that is not in the nominative but declines from one tells the case.
    const first = span.tokens[0] as string;
    const oblique =
      obliqueHint ||
      (span.tokens.length > 1 && isGivenName(first) === null && nominativeCandidates(first, 'firstName').some((c) => isGivenName(c) !== null));
    return span.tokens
      .map((t, i) => toNominative(t, { part: i === last ? 'lastName' : 'firstName', oblique, preferred: this.nominatives, gender: span.gender }))
      .join(' ');
  }

  spoke(member: CastMember): void {
    member.lastSpoke = this.tick();
  }

  hasTable(canonical: string): boolean {
    return this.members.some((m) => m.table === canonical);
  }

  /** The member a span names, if already in the cast. */
  find(span: PersonSpan): CastMember | null {
    return this.findByKeys(surnameKeysOf(span.tokens[span.tokens.length - 1] ?? span.name), span.table) ?? null;
  }

  /** "he", "she", "він", "вона": the last speaker of that gender, else the last person of it named. */
  resolvePronoun(gender: Gender | null, except: readonly CastMember[] = []): CastMember | null {
    const fits = (m: CastMember): boolean => !except.includes(m) && (gender === null || m.gender === null || m.gender === gender);
    const speakers = this.members.filter((m) => m.lastSpoke > 0 && fits(m)).sort((a, b) => b.lastSpoke - a.lastSpoke);
    if (speakers[0]) return speakers[0];
    const named = this.members.filter(fits).sort((a, b) => b.lastMention - a.lastMention);
    return named[0] ?? null;
  }

  /**
   * "the minister", "глава МЗС", "Розвідник": the person whose offices share a word with the phrase
   * (most recent first); else, for an office word alone, the last speaker of a fitting gender.
   */
  resolveRole(phrase: string, gender: Gender | null): CastMember | null {
    const words = phrase.split(/[\s\u00a0]+/).map((w) => w.replace(/[^\p{L}'’ʼ-]/gu, '')).filter((w) => w && !GENERIC.has(w.toLowerCase()));
    const stems = new Set(words.filter((w) => !isNationality(w)).map(stem));
    const kinds = officesIn(phrase);
    const fits = (m: CastMember): boolean => gender === null || m.gender === null || m.gender === gender;
    let best: CastMember | null = null;
    let bestScore = 0;
    for (const m of this.members) {
      if (!fits(m)) continue;
      let score = 0;
      for (const s of stems) if (m.roles.has(s)) score += 1;
      for (const k of kinds) if (m.offices.has(k)) score += 2;
      // Ties go to the last speaker, then to the last named: an office continues who is talking.
      const later = best !== null && (m.lastSpoke > best.lastSpoke || (m.lastSpoke === best.lastSpoke && m.lastMention > best.lastMention));
      if (score > bestScore || (score === bestScore && score > 0 && later)) {
        best = m;
        bestScore = score;
      }
    }
    if (best) return best;
    // "the minister added", "Розвідник прокоментував": an office alone continues the last speaker;
    // a specific one ("the head of the Poltava Regional Military Administration") names someone else.
    const specific = words.filter((w) => !isRoleWord(w) && !isNationality(w) && !GENERIC_QUALIFIER.test(w));
    if (!words.some(isRoleWord) || specific.length > 0) return null;
    return this.resolvePronoun(gender);
  }

}
