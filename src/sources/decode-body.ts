// Bytes of a fetched body → text. Feeds from Ukrainian and Russian sites still come in
// windows-1251 or koi8-r, often declared only in the XML prolog, so the charset is looked for in
// the BOM, then Content-Type, then `<?xml … encoding="…"?>`, then an HTML page's `<meta charset>`;
// a label TextDecoder does not know
// falls back to UTF-8 rather than failing the poll.

/** Bytes of the body start searched for an XML declaration (it must be at the very start). */
const PROLOG_SNIFF_BYTES = 512;

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

/** Bytes of an HTML page searched for a `<meta charset>` (the HTML standard's prescan length). */
const META_SNIFF_BYTES = 1024;

function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, META_SNIFF_BYTES)).toString('latin1');
  // <meta charset="…"> or <meta http-equiv="Content-Type" content="text/html; charset=…">
  const match = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

function decoderFor(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8'); // unknown label: UTF-8 is what most feeds really are
  }
}

/** Decodes a body; invalid bytes become U+FFFD instead of failing the whole feed. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const label = bomCharset(bytes) ?? charsetOf(contentType) ?? prologCharset(bytes) ?? metaCharset(bytes) ?? 'utf-8';
  return decoderFor(label).decode(bytes);
}
