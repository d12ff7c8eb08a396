// The HTML libraries (linkedom, Readability), loaded the first time a page is read. Together they
// cost ~30 MB of memory that a JSONL import, the bot's search or the digests never need.
import { createRequire } from 'node:module';

type Linkedom = typeof import('linkedom');
type ReadabilityModule = typeof import('@mozilla/readability');

const load = createRequire(import.meta.url);
let linkedom: Linkedom | null = null;
let readability: ReadabilityModule | null = null;

export const parseHTML: Linkedom['parseHTML'] = ((html: string) => {
  linkedom ??= load('linkedom') as Linkedom;
  return linkedom.parseHTML(html);
}) as Linkedom['parseHTML'];

export function readabilityClass(): ReadabilityModule['Readability'] {
  readability ??= load('@mozilla/readability') as ReadabilityModule;
  return readability.Readability;
}
