// `npm run eval:attribution [-- DIR …] [--details]`: ingests a set of news articles with a truth
// file (truth.json, the dev set's format) into a fresh in-memory index, lists every statement as
// `latest --json` would, and prints recall per language, attribution precision and date accuracy.
// Default: the development set beside the repository (../shared/corpus-dev/news).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ingest } from '../src/corpus/ingest.ts';
import { loadReferenceData } from '../src/corpus/reference.ts';
import type { ScoredStatement } from '../src/eval/attribution-score.ts';
import { formatScore, scoreAttribution, truthSchema } from '../src/eval/attribution-score.ts';
import { openStore } from '../src/store/index.ts';

export const DEV_SET = fileURLToPath(new URL('../../shared/corpus-dev/news/', import.meta.url));
const DEFAULT_SETS = [DEV_SET];

export function evaluateSet(dir: string) {
  const reference = loadReferenceData();
  const store = openStore(':memory:', { actors: reference.actors, tagger: reference.tagger });
  try {
    const report = ingest({ paths: [dir], corpusDir: dir, store, reference, now: () => new Date('2026-01-01T00:00:00Z') });
    const truth = truthSchema.parse(JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')));
    // Each statement with the file it came from (the source key names it), in latest order.
    const fileOf = new Map(
      (store.db.prepare('SELECT s.id AS id, d.source_key AS key FROM statements s JOIN documents d ON d.id = s.document_id').all() as Array<{ id: number; key: string }>)
        .map((r) => [r.id, r.key.replace(/^file:/, '').replace(/#.*$/, '')]),
    );
    const statements: ScoredStatement[] = [];
    let cursor: string | null = null;
    do {
      const page = store.statements.latest(500, cursor);
      for (const s of page.items) statements.push({ file: fileOf.get(s.id) ?? '', kind: s.kind, text: s.text, speakers: s.speakers, date: s.date });
      cursor = page.next;
    } while (cursor);
    return { score: scoreAttribution(truth, statements), rejects: report.rejects.filter((r) => !r.file.endsWith('truth.json')) };
  } finally {
    store.close();
  }
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { details: { type: 'boolean', default: false } }, allowPositionals: true });
  const dirs = positionals.length ? positionals : DEFAULT_SETS;
  for (const dir of dirs) {
    let result;
    try {
      result = evaluateSet(dir);
    } catch (error) {
      process.stdout.write(`${dir}: cannot evaluate: ${(error as Error).message}\n`);
      continue;
    }
    process.stdout.write(`# ${relative(process.cwd(), dir) || dir}\n${formatScore(result.score, { details: values.details })}\n`);
    for (const r of result.rejects) process.stdout.write(`  rejected ${r.file}: ${r.reason}\n`);
    process.stdout.write('\n');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
