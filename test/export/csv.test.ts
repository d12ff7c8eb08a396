// CSV export: RFC 4180 read back by a standard parser (csv-parse) gives the same rows, whatever
// the text holds; UTF-8 with a BOM; formula-looking cells kept as text.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { speakerDirectoryFor } from '../../src/bot/citation.ts';
import { CSV_COLUMNS, csvRow, guardFormula, statementCells } from '../../src/export/csv.ts';
import { exportDocument } from '../../src/export/document.ts';
import type { Statement } from '../../src/store/index.ts';
import { reference } from '../helpers/store.ts';

/** Texts with what breaks naive CSV: quotes, commas, CR/LF, Cyrillic, emoji, and formula starts. */
const hostileText = fc.array(
  fc.oneof(
    fc.constantFrom('"', '""', ',', '\n', '\r\n', '\r', ';', ' ', "'", '=', '+', '-', '@', '\t', '«', '»', '“', '”', 'ʼ'),
    fc.constantFrom('Зеленський', 'санкції', 'їжак', 'Ґанок', '😀', '🇺🇦', '👩‍👩‍👧', 'NATO', 'x'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  ),
  { maxLength: 30 },
).map((parts) => parts.join(''));

function statement(i: number, text: string, over: Partial<Statement> = {}): Statement {
  return {
    id: i, externalId: `e${i}`, kind: 'quote', title: null, text, parts: null, partsTotal: null, attribution: null, lang: 'uk',
    date: '2025-09-0' + ((i % 9) + 1), datePrecision: 'day', speakers: ['Volodymyr Zelensky', 'Андрій Сибіга'], mentioned: [],
    topics: ['sanctions', 'air-defence'], source: 'Укрінформ, "Kyiv"', url: `https://e.org/${i}?a=1,2`, homeUrl: null,
    translationOf: i > 1 ? 1 : null, translations: [], ingestedAt: '2026-01-01T00:00:00Z', ...over,
  };
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

describe('CSV export', () => {
  it('round-trips through csv-parse: same rows, same order, every cell as written (fast-check)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(hostileText, hostileText), { minLength: 1, maxLength: 12 }), async (rows) => {
      const items = rows.map(([text, outlet], i) => statement(i + 1, text, { source: outlet, attribution: outlet, speakers: i % 2 ? [] : ['Volodymyr Zelensky'] }));
      const bytes = await collect(exportDocument([items.slice(0, 5), items.slice(5)], {
        format: 'csv', lang: 'en', description: 'x', total: items.length, exportedOn: '2026-11-30',
        speakers: speakerDirectoryFor(reference().actors), versionLangs: () => new Map(),
      }));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const parsed = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
      expect(parsed[0]).toEqual([...CSV_COLUMNS]);
      // What a spreadsheet shows: each cell as stored, a formula-looking one with a leading apostrophe.
      expect(parsed.slice(1)).toEqual(items.map((s) => statementCells(s).map(guardFormula)));
      expect(parsed.slice(1).map((r) => r[6])).toEqual(items.map((s) => (/^[=+\-@\t\r]/.test(s.text) ? `'${s.text}` : s.text)));
    }), { numRuns: 150 });
  });

  it('has the issue\'s columns, CRLF line ends, and quotes only fields that need it', () => {
    const cells = statementCells(statement(2, 'He said: "no", twice.'));
    expect(cells).toEqual(['2', '2025-09-03', 'day', 'Volodymyr Zelensky; Андрій Сибіга', 'quote', 'uk', 'He said: "no", twice.',
      'Укрінформ, "Kyiv"', 'https://e.org/2?a=1,2', 'sanctions; air-defence', '1']);
    expect(csvRow(cells)).toBe('2,2025-09-03,day,Volodymyr Zelensky; Андрій Сибіга,quote,uk,"He said: ""no"", twice.","Укрінформ, ""Kyiv""","https://e.org/2?a=1,2",sanctions; air-defence,1\r\n');
  });

  it('a cell a spreadsheet would run as a formula stays text', () => {
    expect(csvRow(['=HYPERLINK("http://evil")', '+1', '-', '@x', 'ok=1'])).toBe(`"'=HYPERLINK(""http://evil"")",'+1,'-,'@x,ok=1\r\n`);
  });
});
