// Bytes of a fetched body → text. Feeds from Ukrainian and Russian sites still come in
// windows-1251 or koi8-r, often declared only in the XML prolog, and many old feeds declare nothing
// at all while being Latin-1 or Windows-1252. So: the BOM; then a declared charset (Content-Type,
// `<?xml … encoding="…"?>`, an HTML page's `<meta charset>`); a body that claims UTF-8 (or claims
// nothing) and is not valid UTF-8 is sniffed by chardet among the single-byte charsets such feeds
// use. Every byte of a single-byte charset decodes, so a sniffed body never fails the poll.
import { analyse } from 'chardet';

/** Bytes of the body start searched for an XML declaration (it must be at the very start). */
const PROLOG_SNIFF_BYTES = 512;
/** Bytes of an HTML page searched for a `<meta charset>` (the HTML standard's prescan length). */
const META_SNIFF_BYTES = 1024;
/** What a sniffed body falls back to: the charset of most undeclared non-UTF-8 feeds, and total. */
const FALLBACK_SINGLE_BYTE = 'windows-1252';
/**
 * Charsets chardet may name that we accept, as the label TextDecoder decodes them with. ISO-8859-1
 * is decoded as its superset windows-1252 (as browsers do): feeds labelled Latin-1 use its quotes.
 * Multi-byte East Asian guesses are left out: on short bodies they are chardet's least reliable.
 */
const SNIFFABLE: Record<string, string> = {
  'iso-8859-1': 'windows-1252', 'windows-1252': 'windows-1252', 'windows-1251': 'windows-1251', 'koi8-r': 'koi8-r',
  'iso-8859-2': 'iso-8859-2', 'windows-1250': 'windows-1250', 'iso-8859-5': 'iso-8859-5', 'iso-8859-7': 'iso-8859-7',
  'windows-1253': 'windows-1253', 'iso-8859-8': 'windows-1255', 'windows-1255': 'windows-1255', 'iso-8859-9': 'windows-1254',
  'windows-1254': 'windows-1254', 'windows-1256': 'windows-1256', 'iso-8859-6': 'iso-8859-6',
};

export interface DecodedBody {
  text: string;
  /** The charset the text was decoded with (a TextDecoder label). */
  charset: string;
  /** Set when the charset was guessed from the bytes rather than declared: said in source health. */
  sniffed: boolean;
}

/** The `charset` parameter of a Content-Type header, lower-cased, or null. */
export function charsetOf(contentType: string | null): string | null {
  if (!contentType) return null;
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param.slice(eq + 1).trim().replace(/^["']|["']$/g, '');
    return value ? value.toLowerCase() : null;
  }
  return null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function prologCharset(bytes: Uint8Array): string | null {
  // The declaration is ASCII in every charset a feed uses, so latin1 reads it safely.
  const head = Buffer.from(bytes.subarray(0, PROLOG_SNIFF_BYTES)).toString('latin1');
  const match = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, META_SNIFF_BYTES)).toString('latin1');
  // <meta charset="…"> or <meta http-equiv="Content-Type" content="text/html; charset=…">
  const match = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

/** The decoder's canonical name for a label, or null for a label TextDecoder does not know. */
function knownLabel(label: string | null): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Share of bytes ≥ 0x80 among letters: in Latin-script text accented letters are a few per word;
 * in Cyrillic every letter of a word is one. chardet needs a few hundred bytes to tell them
 * apart, a feed title is often shorter.
 */
function highByteShare(bytes: Uint8Array): number {
  let high = 0;
  let letters = 0;
  for (const b of bytes) {
    if (b >= 0x80) high += 1;
    else if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) letters += 1;
  }
  return high / Math.max(1, high + letters);
}

/** Bytes of markup are skipped when judging the script: tags and attribute names are ASCII. */
function outsideTags(bytes: Uint8Array): Uint8Array {
  return Buffer.from(Buffer.from(bytes).toString('latin1').replace(/<[^>]*>/g, ' '), 'latin1');
}

/** chardet's best single-byte guess among the charsets feeds use, else windows-1252. */
export function sniffSingleByte(bytes: Uint8Array): string {
  const guesses = analyse(bytes).map((match) => SNIFFABLE[match.name.toLowerCase()]).filter((label): label is string => label !== undefined);
  const best = guesses[0] ?? FALLBACK_SINGLE_BYTE;
  // Mostly high bytes is a Cyrillic text chardet saw too little of: the Cyrillic charset it ranks
  // highest, else windows-1251 (the one Ukrainian sites use).
  if (best === 'windows-1252' && highByteShare(outsideTags(bytes)) > 0.5) {
    return guesses.find((label) => label === 'koi8-r' || label === 'windows-1251' || label === 'iso-8859-5') ?? 'windows-1251';
  }
  return best;
}

/** Decodes a body with its declared charset, or a sniffed one when the declaration is missing or false. */
export function decodeBodyDetailed(bytes: Uint8Array, contentType: string | null): DecodedBody {
  const bom = bomCharset(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), charset: bom, sniffed: false };
  const declared = [charsetOf(contentType), prologCharset(bytes), metaCharset(bytes)].map(knownLabel);
  const first = declared.find((label) => label !== null) ?? null;
  // A single-byte charset declared in so many words is believed, unless the bytes are valid UTF-8
  // with non-ASCII in them: a Latin-1 label over UTF-8 is a common server default, the reverse
  // (Latin-1 text that happens to be valid UTF-8) is vanishingly rare.
  if (first && first !== 'utf-8') {
    const utf8 = first === 'windows-1252' ? strictUtf8(bytes) : null;
    if (utf8 !== null && /[^\x00-\x7f]/.test(utf8)) return { text: utf8, charset: 'utf-8', sniffed: true };
    return { text: new TextDecoder(first).decode(bytes), charset: first, sniffed: false };
  }
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { text: utf8, charset: 'utf-8', sniffed: false };
  // Claimed UTF-8 (or nothing) but is not: a later declaration (the prolog under a server's
  // default header) may know better; else the bytes decide.
  const other = declared.find((label) => label !== null && label !== 'utf-8');
  const charset = other ?? sniffSingleByte(bytes);
  return { text: new TextDecoder(charset).decode(bytes), charset, sniffed: true };
}

/** Decodes a body (see decodeBodyDetailed); the text only. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  return decodeBodyDetailed(bytes, contentType).text;
}
