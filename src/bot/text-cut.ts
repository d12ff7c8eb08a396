// Cutting statement text for cards: at a sentence end when one is near, else at a word.

export function cutAtSentence(text: string, maxChars: number): { text: string; cut: boolean } {
  const clean = text.trim();
  if (clean.length <= maxChars) return { text: clean, cut: false };
  const head = clean.slice(0, maxChars);
  // The last sentence end in the window, if it keeps at least half of it.
  let end = -1;
  for (const m of head.matchAll(/[.!?…]["”»’)]?(?=\s)/g)) end = (m.index ?? 0) + m[0].length;
  if (end >= maxChars * 0.5) return { text: head.slice(0, end), cut: true };
  const space = head.lastIndexOf(' ');
  const body = space > maxChars * 0.5 ? head.slice(0, space) : head;
  // Never leave half a surrogate pair at the cut.
  const safe = /[\uD800-\uDBFF]$/.test(body) ? body.slice(0, -1) : body;
  return { text: `${safe.replace(/[\s,;:–—-]+$/, '')} …`, cut: true };
}
