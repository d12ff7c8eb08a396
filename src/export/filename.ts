// A file name that says what is in the file and when it was made, in ASCII that every system and
// Telegram's multipart upload accept: statements_actor-volodymyr-zelensky_2025-09-01--2025-09-30_2026-11-30.csv
import { transliterateUkrainian } from '../corpus/names.ts';
import type { ExportFormat } from './args.ts';

const MAX_PART_CHARS = 40;

export function slugPart(text: string): string {
  return transliterateUkrainian(text)
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_PART_CHARS)
    .replace(/-+$/, '');
}

/** `parts` describe the filter ("actor Volodymyr Zelensky", "lang uk"); `exportedOn` is YYYY-MM-DD. */
export function exportFilename(parts: string[], exportedOn: string, format: ExportFormat): string {
  const slugs = parts.map(slugPart).filter((p) => p !== '');
  return `${['statements', ...slugs, exportedOn].join('_')}.${format}`;
}
