// Splitting long messages into parts Telegram accepts: each part's visible text ≤ the limit (in
// UTF-16 units, as Telegram counts), cut at a blank line, else a line end, else a space, else
// anywhere — never inside a tag, an entity or a surrogate pair. Tags open at a cut are closed at
// the end of the part and opened again at the start of the next.
// The whitespace at a cut (the blank line, line end or space cut at) is dropped; all other text
// comes out unchanged and in order.
import { decodeEntities, MAX_MESSAGE_UTF16 } from './html.ts';

type Unit = { kind: 'open'; raw: string; name: string } | { kind: 'close'; raw: string } | { kind: 'text'; raw: string; visible: string };

function tokenize(html: string): Unit[] {
  const units: Unit[] = [];
  const re = /<\/[^>]*>|<[^>]*>|&[#a-zA-Z0-9]+;|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g;
  for (const m of html.matchAll(re)) {
    const raw = m[0];
    if (raw.startsWith('</')) units.push({ kind: 'close', raw });
    else if (raw.startsWith('<') && raw.length > 1) units.push({ kind: 'open', raw, name: /^<([a-zA-Z-]+)/.exec(raw)?.[1] ?? '' });
    else units.push({ kind: 'text', raw, visible: raw.startsWith('&') ? decodeEntities(raw) : raw });
  }
  return units;
}

const closeTags = (stack: Array<Unit & { kind: 'open' }>): string => [...stack].reverse().map((u) => `</${u.name}>`).join('');

function split(units: Unit[], limit: number): string[] {
  const parts: string[] = [];
  let start = 0;
  let opened: Array<Unit & { kind: 'open' }> = [];
  while (start < units.length) {
    const stack = [...opened];
    let visible = 0;
    let j = start;
    // Where a cut may go: before unit `at`, with the tags open there; a higher rank cuts better.
    let best: { at: number; rank: number; stack: typeof stack } | null = null;
    for (; j < units.length; j += 1) {
      const u = units[j] as Unit;
      if (u.kind === 'text') {
        if (visible + u.visible.length > limit) break;
        if (j > start && /^\s$/.test(u.visible)) {
          const next = units[j + 1];
          const rank = u.visible === '\n' ? (next?.kind === 'text' && next.visible === '\n' ? 2 : 1) : 0;
          if (!best || rank >= best.rank) best = { at: j, rank, stack: [...stack] };
        }
        visible += u.visible.length;
      } else if (u.kind === 'open') stack.push(u);
      else stack.pop();
    }
    let cutAt = j;
    let cutStack = stack;
    if (j < units.length && best) {
      cutAt = best.at;
      cutStack = best.stack;
    }
    const body = units.slice(start, cutAt).map((u) => u.raw).join('');
    const part = opened.map((u) => u.raw).join('') + body + closeTags(cutStack);
    if (/\S/.test(units.slice(start, cutAt).map((u) => (u.kind === 'text' ? u.visible : '')).join(''))) parts.push(part);
    // Drop the whitespace we cut at.
    let next = cutAt;
    while (j < units.length && next < units.length) {
      const u = units[next] as Unit;
      if (u.kind !== 'text' || !/^\s$/.test(u.visible)) break;
      next += 1;
    }
    if (next === start) next += 1; // always make progress
    start = next;
    opened = cutStack;
  }
  return parts;
}

export function splitHtml(html: string, limit: number = MAX_MESSAGE_UTF16): string[] {
  return split(tokenize(html), limit);
}

export function splitPlain(text: string, limit: number = MAX_MESSAGE_UTF16): string[] {
  const units: Unit[] = (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) ?? []).map((ch) => ({ kind: 'text', raw: ch, visible: ch }));
  return split(units, limit);
}
