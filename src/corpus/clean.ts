// Page chrome: lines a captured web page carries around the text (menus, share buttons, view
// counts, teasers, captions, contact blocks). Cleaning keeps only what someone said or reported.

/** A line that is chrome wherever it appears. */
const CHROME_LINE: RegExp[] = [
  /^(short url|follow|share|share this( article)?|search( mobile)?|menu|subscribe|print|to top|more articles|read more|read also|advertisement)$/i,
  /^\d[\d\s.,k]*$/i, // view and comment counts: "668", "1.2k"
  /^(updated|published|posted)\s+.{0,40}\d{4}.{0,10}$/i, // datelines (their date is read separately)
  /^(phone|tel|e-?mail|fax)\s*:/i,
  /^copyright\s*©|^©/i,
  /^\d{5},\s/, // postal addresses "01011, Kyiv, …"
  /^(this (handout )?photo(graph)?|photo:|file photo)/i, // photo captions
  /\((photo|фото)\s*:[^)]*\)\s*$/i, // "… (Photo: AFP)", "… (Фото: Укрінформ)"
  /\((afp|ap|reuters|epa|getty images|efe|anadolu)\)\s*$/i,
  /^<\s*truncated \d+ characters\s*>$/i, // capture artefacts
  /^missing some tweet in this thread\?/i,
  /^force a refresh$/i,
  /^([•·*]\s*){2,}$/, // "• • •"
];

/** A line after which the rest of an article is the site's (comments, teasers, footers). */
const TAIL_MARKER: RegExp[] = [
  /^(top article|more articles|related( articles| news)?|comments|recent ones|read also|you may also like|most read)$/i,
  /^thank you for being with us/i,
];

export function isChromeLine(line: string): boolean {
  const t = line.trim();
  return t === '' || CHROME_LINE.some((re) => re.test(t));
}

export function isTailMarker(line: string): boolean {
  return TAIL_MARKER.some((re) => re.test(line.trim()));
}

/** Removes capture artefacts inside a line and normalises spaces. */
export function cleanInline(line: string): string {
  return line
    .replace(/<\s*truncated \d+ characters\s*>/gi, '')
    .replace(/[\u00a0\t]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Prose: a line long enough and closed like a sentence (or a quotation) — or a long line of
 * several sentences whose last one the capture cut off ("… to intimidate us").
 */
export function isProse(line: string): boolean {
  const t = line.trim();
  if (t.length < 60) return false;
  return /[.!?…:"”»’)]$/.test(t) || (t.length >= 120 && /[.!?…]["”»]?\s+\p{Lu}/u.test(t));
}
