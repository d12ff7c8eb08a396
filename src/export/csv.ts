// CSV rows of an export: RFC 4180 (comma, CRLF, double quotes doubled), UTF-8 with a byte-order
// mark so spreadsheet programs read Cyrillic as Cyrillic.
import type { Statement } from '../store/index.ts';

export const UTF8_BOM = '\uFEFF';
export const CSV_COLUMNS = ['id', 'date', 'date_precision', 'speaker', 'kind', 'language', 'text', 'outlet', 'url', 'topics', 'translation_id'] as const;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: corpus text comes from public sources, and "=HYPERLINK(…)" must stay text.
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  const cell = guardFormula(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** The other-language version(s): the original of a translation, else the translations. */
export function translationIds(s: Statement): number[] {
  return s.translationOf !== null ? [s.translationOf] : s.translations;
}

export function statementCells(s: Statement): string[] {
  return [
    String(s.id),
    s.date ?? '',
    s.datePrecision,
    s.speakers.length > 0 ? s.speakers.join('; ') : (s.attribution ?? ''),
    s.kind,
    s.lang,
    s.text,
    s.source,
    s.url ?? '',
    s.topics.join('; '),
    translationIds(s).join('; '),
  ];
}

export function csvHeader(): string {
  return `${UTF8_BOM}${csvRow(CSV_COLUMNS)}`;
}
