// Charset sniffing on real text: Ukrainian statements from the seed corpus written in
// windows-1251 and KOI8-U/R bytes with no declaration, and the common false declarations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBodyDetailed } from '../../src/sources/decode-body.ts';

/** Encodes text in a single-byte charset by inverting TextDecoder's own table. */
function encode(text: string, charset: string): Uint8Array {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b += 1) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from([...text].map((c) => table.get(c) ?? 0x3f));
}

const corpus = readFileSync(new URL('../../data/corpus/000_891d343d4f7d98c4.txt', import.meta.url), 'utf8');
const ukrainian = corpus.split('\n').find((line) => /[ієї]/.test(line) && line.length > 200) ?? '';
const rss = (title: string, text: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>${title}</title><description>${text}</description></item></channel></rss>`;

describe('decodeBodyDetailed', () => {
  it('finds windows-1251 in an undeclared Ukrainian feed, even a short one', () => {
    expect(ukrainian.length).toBeGreaterThan(200);
    for (const length of [60, 120, 400]) {
      const sample = ukrainian.slice(0, length);
      const decoded = decodeBodyDetailed(encode(rss(sample.slice(0, 40), sample), 'windows-1251'), 'application/xml');
      expect(decoded, `${length} characters`).toMatchObject({ charset: 'windows-1251', sniffed: true });
      expect(decoded.text).toContain(sample);
    }
  });

  it('believes a declared charset, but reads valid UTF-8 under a Latin-1 label as UTF-8', () => {
    const sample = ukrainian.slice(0, 200);
    const declared = decodeBodyDetailed(encode(rss('x', sample), 'windows-1251'), 'text/xml; charset=windows-1251');
    expect(declared).toMatchObject({ charset: 'windows-1251', sniffed: false });
    const utf8 = decodeBodyDetailed(new TextEncoder().encode(rss('x', sample)), 'text/xml; charset=ISO-8859-1');
    expect(utf8).toMatchObject({ charset: 'utf-8', sniffed: true });
    expect(utf8.text).toContain(sample);
  });

  it('a server default of UTF-8 over a body whose prolog names its charset: the prolog wins', () => {
    const sample = ukrainian.slice(0, 200);
    const body = encode(`<?xml version="1.0" encoding="windows-1251"?>${rss('x', sample).slice('<?xml version="1.0"?>'.length)}`, 'windows-1251');
    const decoded = decodeBodyDetailed(body, 'application/xml; charset=utf-8');
    expect(decoded.charset).toBe('windows-1251');
    expect(decoded.text).toContain(sample);
  });
});
