// The export file as a stream of UTF-8 chunks, one per batch of statements: grammY uploads it
// as it is produced (sendDocument) and the CLI writes it to stdout or a file the same way.
import type { SpeakerDirectory } from '../bot/citation.ts';
import type { Lang } from '../corpus/types.ts';
import type { Statement, UiLanguage } from '../store/index.ts';
import type { ExportFormat } from './args.ts';
import { csvHeader, csvRow, statementCells, translationIds } from './csv.ts';
import { markdownEntries, markdownHeader } from './markdown.ts';

export interface ExportDocumentOptions {
  format: ExportFormat;
  lang: UiLanguage;
  /** What was exported, in words, for the Markdown title. */
  description: string;
  total: number;
  /** The day the file was made (YYYY-MM-DD), from the caller's clock. */
  exportedOn: string;
  speakers: SpeakerDirectory;
  /** Languages of the other versions a batch names (citations say which version is quoted). */
  versionLangs: (ids: number[]) => ReadonlyMap<number, Lang>;
}

/** Lets other updates and timers run between batches of a big file. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function* exportDocument(batches: Iterable<Statement[]>, o: ExportDocumentOptions): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(o.format === 'csv' ? csvHeader() : markdownHeader(o.lang, o.description, o.total, o.exportedOn));
  const state = { day: null };
  for (const batch of batches) {
    if (o.format === 'csv') {
      yield encoder.encode(batch.map((s) => csvRow(statementCells(s))).join(''));
    } else {
      const versions = o.versionLangs(batch.flatMap(translationIds));
      yield encoder.encode(markdownEntries(batch, o.lang, o.speakers, versions, state));
    }
    await breathe();
  }
}
