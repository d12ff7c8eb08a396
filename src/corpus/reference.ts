// The reference tables in data/: actors (aliases, roles) and topic rules.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActorEntry, ActorMatcher } from './actors.ts';
import { actorTableSchema, createActorMatcher } from './actors.ts';
import type { TopicTagger } from './topics.ts';
import { createTopicTagger, topicTableSchema } from './topics.ts';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** Bump when extraction changes, so unchanged files are parsed again on the next ingest. */
export const EXTRACTOR_VERSION = 2;

export interface ReferenceData {
  actors: ActorEntry[];
  matcher: ActorMatcher;
  tagger: TopicTagger;
  /** Changes whenever the tables or the extractor change. */
  version: string;
}

export class ReferenceDataError extends Error {
  override name = 'ReferenceDataError';
}

function readTable<T>(path: string, parse: (value: unknown) => T): { value: T; raw: string } {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
    return { value: parse(JSON.parse(raw)), raw };
  } catch (error) {
    throw new ReferenceDataError(`Cannot load ${path}: ${(error as Error).message}`, { cause: error });
  }
}

export function loadReferenceData(dataDir: string = DATA_DIR): ReferenceData {
  const actors = readTable(join(dataDir, 'actors.json'), (v) => actorTableSchema.parse(v).actors);
  const topics = readTable(join(dataDir, 'topics.json'), (v) => topicTableSchema.parse(v).topics);
  return {
    actors: actors.value,
    matcher: createActorMatcher(actors.value),
    tagger: createTopicTagger(topics.value),
    version: createHash('sha256').update(`${EXTRACTOR_VERSION}\n${actors.raw}\n${topics.raw}`).digest('hex').slice(0, 16),
  };
}
