// Attribution of a whole article: every paragraph split into units, each unit attributed
// (attribute-unit.ts), then the gaps filled the way news copy is written — a bare quotation
// continues the last speaker or belongs to the attribution line after it, a colon hands the
// next quotation to its speaker — and consecutive units of one speaker joined into a statement.
// Two speakers in one paragraph are two statements.
import type { ActorMatcher } from './actors.ts';
import { ArticleCast } from './article-cast.ts';
import type { CastMember } from './article-cast.ts';
import { attributeUnit } from './attribute-unit.ts';
import type { UnitAttribution } from './attribute-unit.ts';
import type { PartialDate } from './types.ts';
import type { Unit } from './units.ts';
import { quotedShare, splitUnits, startsWithQuote } from './units.ts';

export interface AttributedStatement {
  /** Paragraph index, and the statement's place among that paragraph's statements. */
  paragraph: number;
  part: number;
  text: string;
  speaker: string | null;
  label: string | null;
  date: PartialDate | null;
  mentions: string[];
}

interface Slot {
  unit: Unit;
  attribution: UnitAttribution;
  who: CastMember | null;
  label: string | null;
}

const FIRST_PERSON = /^(I|We|Our|My|Я|Ми|Мы|Наш|Наша|Наше|Наші|Мені|Нам|Нас)\s/u;
const isQuotation = (unit: Unit): boolean => startsWithQuote(unit.text) || quotedShare(unit) >= 0.6;
/** An attribution line: "– додав він.", "— сказав Стефанчук", ", said Macron." */
const isAttributionLine = (unit: Unit): boolean => /^\s*[,–—-]/u.test(unit.text) && unit.text.length < 200;

/** "Про це заявив X", "This was stated by X": the paragraph before is what X said. */
const BACK_REFERENCE = /^\s*(Про це|Об этом|This was (said|stated|announced|reported|written)|He said this|She said this|Це він сказав|Таку заяву)/u;

function recentSpeaker(paragraphs: Slot[][], p: number): Slot | undefined {
  for (const back of [p - 1, p - 2]) {
    const slots = paragraphs[back];
    if (!slots) return undefined;
    const last = [...slots].reverse().find((s) => (s.who || s.label) && !s.attribution.sourceLine);
    if (last) return last;
    if (slots.some((s) => s.attribution.blocked)) return undefined;
  }
  return undefined;
}

function fill(paragraphs: Slot[][]): void {
  paragraphs.forEach((slots, p) => {
    const previousParagraph = paragraphs[p - 1];
    const lastBefore = previousParagraph?.[previousParagraph.length - 1];
    slots.forEach((slot, i) => {
      if (slot.who || slot.label || slot.attribution.blocked) return;
      // A paragraph that opens in the first person ("We do not plan…", "Ми…") speaks for someone.
      const quotation = isQuotation(slot.unit) || slot.attribution.quoteLabel || (i === 0 && FIRST_PERSON.test(slot.unit.text));
      const prev = slots.slice(0, i).reverse().find((s) => s.who || s.label || s.attribution.blocked);
      const next = slots.slice(i + 1).find((s) => s.who || s.label || s.attribution.blocked);
      let source: Slot | undefined;
      if (i === 0 && lastBefore?.attribution.colon && (lastBefore.who || lastBefore.label)) source = lastBefore;
      else if (quotation && next?.attribution.post && !next.attribution.blocked) source = next;
      else if (prev && !prev.attribution.blocked) source = prev;
      else if (next && !next.attribution.blocked && !prev) source = next;
      else if (i === 0 && quotation && lastBefore && (lastBefore.who || lastBefore.label) && !lastBefore.attribution.blocked) source = lastBefore;
      else if (quotation && slots.every((s) => !s.who && !s.label)) {
        // A quotation block whose attribution is the next paragraph's opening line ("– додав він."),
        // or one that says "this" was said ("Про це заявив …", "This was stated by …").
        const following = paragraphs[p + 1]?.[0];
        if (following && (isAttributionLine(following.unit) || BACK_REFERENCE.test(following.unit.text)) && (following.who || following.label)) source = following;
        // Otherwise a quotation paragraph with no attribution of its own is the speaker's in view
        // (the last one of the two paragraphs before).
        else if (i === 0) source = recentSpeaker(paragraphs, p);
      } else if (!quotation && i === 0 && slots.every((s) => !s.who && !s.label && !s.attribution.blocked)) {
        const following = paragraphs[p + 1]?.[0];
        if (following && BACK_REFERENCE.test(following.unit.text) && (following.who || following.label)) source = following;
      }
      if (source) {
        slot.who = source.who;
        slot.label = source.label;
        slot.attribution = { ...slot.attribution, date: slot.attribution.date ?? source.attribution.date };
      }
    });
  });
}

export interface AttributeOptions {
  matcher: ActorMatcher;
  /** The article's date: relative days ("on Tuesday") are read against it. */
  anchor: PartialDate;
  /** The outlet: its name is never a speaker. */
  outlet?: string | null;
}

export function attributeArticle(paragraphs: string[], options: AttributeOptions): AttributedStatement[] {
  const cast = new ArticleCast();
  const context = { matcher: options.matcher, cast, anchor: options.anchor, outlet: options.outlet?.toLowerCase() ?? null };
  const slots: Slot[][] = paragraphs.map((text) =>
    splitUnits(text).map((unit) => {
      const attribution = attributeUnit(unit, context);
      return { unit, attribution, who: attribution.member, label: attribution.label };
    }),
  );
  fill(slots);

  const out: AttributedStatement[] = [];
  slots.forEach((units, paragraph) => {
    let part = 0;
    let run: Slot[] = [];
    const flush = (): void => {
      const head = run[0];
      if (head && (head.who || head.label)) {
        const text = run.map((s) => s.unit.text.trim()).join(' ');
        const speaker = head.who?.name ?? null;
        out.push({
          paragraph,
          part,
          text,
          speaker,
          label: head.who ? null : head.label,
          date: run.find((s) => s.attribution.date)?.attribution.date ?? null,
          mentions: options.matcher.mentionedNames(text, head.who?.table ? [head.who.table] : speaker ? [speaker] : []),
        });
        part += 1;
      }
      run = [];
    };
    for (const slot of units) {
      // "Source: …" lines hand their speaker on; they are not statements.
      if (slot.attribution.sourceLine) {
        flush();
        continue;
      }
      const head = run[0];
      const same = head && head.who === slot.who && head.label === slot.label;
      if (!same) flush();
      run.push(slot);
    }
    flush();
  });
  return out;
}
