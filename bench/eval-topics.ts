// `npm run eval:topics [-- ANNOTATIONS.json …] [--details]`: ingests the files the annotations
// name (the shipped corpus and the dev set beside the repo by default) into a fresh in-memory
// index and prints topic precision, recall and F1 per topic and macro-averaged.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ingest } from '../src/corpus/ingest.ts';
import { loadReferenceData } from '../src/corpus/reference.ts';
import type { TaggedStatement, TopicScore } from '../src/eval/topic-score.ts';
import { formatTopicScore, scoreTopics, topicAnnotationsSchema } from '../src/eval/topic-score.ts';
import { openStore } from '../src/store/index.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
export const TOPIC_ANNOTATIONS = join(REPO, 'test/fixtures/topic-annotations.json');

/** Annotated files are named relative to the repository ('data/corpus/…', '../shared/…'). */
export function evaluateTopics(path: string = TOPIC_ANNOTATIONS): TopicScore {
  const annotationsPath = resolve(path);
  const { items } = topicAnnotationsSchema.parse(JSON.parse(readFileSync(annotationsPath, 'utf8')));
  const base = dirname(annotationsPath) === dirname(TOPIC_ANNOTATIONS) ? REPO : dirname(annotationsPath);
  const files = [...new Set(items.map((a) => resolve(base, a.file)))].filter((f) => existsSync(f));
  const reference = loadReferenceData();
  const store = openStore(':memory:', { actors: reference.actors, tagger: reference.tagger });
  try {
    for (const dir of new Set(files.map((f) => dirname(f)))) {
      ingest({ paths: files.filter((f) => dirname(f) === dir), corpusDir: dir, store, reference, now: () => new Date('2026-01-01T00:00:00Z') });
    }
    const rows = store.db
      .prepare(
        `SELECT s.text, d.source_key AS key, (SELECT group_concat(topic_slug) FROM statement_topics t WHERE t.statement_id = s.id) AS topics
         FROM statements s JOIN documents d ON d.id = s.document_id WHERE s.gone = 0`,
      )
      .all() as Array<{ text: string; key: string; topics: string | null }>;
    const statements: TaggedStatement[] = rows.map((r) => ({
      file: r.key.replace(/^file:/, '').replace(/#.*$/, '').replace(/^.*[\\/]/, ''),
      text: r.text,
      topics: r.topics ? r.topics.split(',') : [],
    }));
    return scoreTopics(items, statements);
  } finally {
    store.close();
  }
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { details: { type: 'boolean', default: false } }, allowPositionals: true });
  for (const path of positionals.length ? positionals : [TOPIC_ANNOTATIONS]) {
    const score = evaluateTopics(path);
    process.stdout.write(`${path}\n${formatTopicScore(score)}\n`);
    if (values.details) for (const e of score.errors) process.stdout.write(`  ${e.file} "${e.anchor}": missed [${e.missed.join(', ')}] extra [${e.extra.join(', ')}]\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
