// Extractive summaries: one or two sentences of the statement itself — the most informative ones,
// in their original order — within about 280 characters. Nothing is written that it did not say.

export const SUMMARY_CHARS = 280;

const STOPWORDS = new Set(
  ('a an and are as at be been but by for from has have he her his i in is it its of on or our that the their them they this to was we were '
    + 'will with you your not no all also more must can said would could there which who what when than then so just only very about into '
    + 'і й та в у на з до що це як за не від для по а але ми ви вони він вона його її їх є був була було буде').split(' '),
);

export function splitSentences(text: string): string[] {
  const flat = text.replace(/\s*\n+\s*/g, ' ').trim();
  const parts = flat.match(/[^.!?…]+(?:[.!?…]+["”»’)]*|$)(?:\s+|$)/gu) ?? [flat];
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const words = (s: string): string[] => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2 && !STOPWORDS.has(w));

/** Scores a sentence by how much of the statement's vocabulary it carries, plus numbers and names. */
function score(sentence: string, frequency: Map<string, number>): number {
  const ws = words(sentence);
  if (ws.length === 0) return 0;
  const content = ws.reduce((sum, w) => sum + (frequency.get(w) ?? 0), 0) / Math.sqrt(ws.length);
  const numbers = (sentence.match(/\d[\d,.]*/g) ?? []).length * 0.8;
  const names = (sentence.match(/(?<!^)\b\p{Lu}\p{Ll}+/gu) ?? []).length * 0.3;
  return content + numbers + names;
}

export function summarise(text: string, maxChars = SUMMARY_CHARS): string {
  const sentences = splitSentences(text);
  if (sentences.length <= 2 && sentences.join(' ').length <= maxChars) return sentences.join(' ');
  const frequency = new Map<string, number>();
  for (const w of words(text)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const ranked = sentences.map((s, i) => ({ s, i, score: score(s, frequency) - i * 0.05 })).sort((a, b) => b.score - a.score);
  const chosen: Array<{ s: string; i: number }> = [];
  let length = 0;
  for (const candidate of ranked) {
    if (chosen.length === 2) break;
    if (length + candidate.s.length + (chosen.length ? 1 : 0) > maxChars) continue;
    chosen.push(candidate);
    length += candidate.s.length + 1;
  }
  if (chosen.length === 0) {
    // Even the best sentence is too long: its opening words, marked as cut.
    const best = ranked[0]?.s ?? text;
    const head = best.slice(0, maxChars - 2);
    return `${head.slice(0, head.lastIndexOf(' ') > maxChars / 2 ? head.lastIndexOf(' ') : head.length).replace(/[\s,;:–—-]+$/, '')} …`;
  }
  return chosen.sort((a, b) => a.i - b.i).map((c) => c.s).join(' ');
}
