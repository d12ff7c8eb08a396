// `npm run cli -- export [FILTERS] [--format md|csv] [--lang en|uk] [--out FILE]`: the same
// filters, formats and 5,000-row cap as /export, streamed to stdout or to a file.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { speakerDirectoryFor } from '../bot/citation.ts';
import type { ReferenceData } from '../corpus/reference.ts';
import type { Store, UiLanguage } from '../store/index.ts';
import type { ExportFormat } from './args.ts';
import { parseExportArgs } from './args.ts';
import { exportDocument } from './document.ts';
import { exportFilename } from './filename.ts';
import { planFilterExport } from './plan.ts';
import { exportBatches, MAX_EXPORT_ROWS, measureExport } from './source.ts';

export interface ExportCliOptions {
  words: string;
  format?: string;
  lang?: string;
  out?: string;
  /** Today (YYYY-MM-DD) for the Markdown title and the suggested file name. */
  today: string;
}

export interface ExportCliIo {
  err: (text: string) => void;
  /** Raw bytes to stdout, waiting while the pipe is full. */
  write: (chunk: Uint8Array) => Promise<void>;
}

/** Writes to FILE.part and renames it at the end, so a failed export never leaves half a file as FILE. */
async function writeFile(path: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const part = `${path}.part`;
  const stream = createWriteStream(part);
  try {
    for await (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
    stream.end();
    await once(stream, 'finish');
    await rename(part, path);
  } catch (error) {
    stream.destroy();
    await rm(part, { force: true });
    throw error;
  }
}

export async function runExportCli(store: Store, reference: ReferenceData, o: ExportCliOptions, io: ExportCliIo): Promise<number> {
  const parsed = parseExportArgs(o.words);
  if (!parsed.ok) {
    io.err(`Cannot export: "${parsed.word}" is not understood (${parsed.problem}). Filters: topic:SLUG actor:NAME from:YYYY-MM-DD to:YYYY-MM-DD lang:en|uk|ru format:md|csv`);
    return 2;
  }
  const formatWord = o.format ?? parsed.format ?? 'md';
  const format: ExportFormat | null = formatWord === 'csv' ? 'csv' : formatWord === 'md' || formatWord === 'markdown' ? 'md' : null;
  const lang: UiLanguage | null = o.lang === undefined || o.lang === 'en' ? 'en' : o.lang === 'uk' ? 'uk' : null;
  if (!format || !lang) {
    io.err(!format ? '--format must be md or csv' : '--lang must be en or uk (the language of the citations)');
    return 2;
  }
  const planned = planFilterExport(store, reference.tagger, parsed.words, lang);
  if (!planned.ok) {
    const hint = planned.suggestions.length ? ` Did you mean: ${planned.suggestions.join(', ')}?` : '';
    io.err(`Cannot export: no ${planned.problem} "${planned.word}".${hint}`);
    return 1;
  }
  const { plan } = planned;
  // A file on disk has no upload limit: only the row cap applies here.
  const total = measureExport(store, plan.target).rows;
  if (total > MAX_EXPORT_ROWS) {
    io.err(`Cannot export: ${total} statements match; an export holds up to ${MAX_EXPORT_ROWS}. Narrow it with actor:, topic:, from:, to: or lang:.`);
    return 1;
  }
  const chunks = exportDocument(exportBatches(store, plan.target), {
    format, lang, description: plan.description, total, exportedOn: o.today,
    speakers: speakerDirectoryFor(reference.actors), versionLangs: (ids) => store.exports.langsOf(ids),
  });
  if (o.out) {
    await writeFile(o.out, chunks);
    io.err(`Exported ${total} statements to ${o.out} (as /export would name it: ${exportFilename(plan.nameParts, o.today, format)}).`);
  } else {
    for await (const chunk of chunks) await io.write(chunk);
  }
  return 0;
}
