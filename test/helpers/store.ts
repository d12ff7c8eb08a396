// A real store over an in-memory SQLite with the real migrations and reference tables.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../../src/corpus/ingest.ts';
import type { ReferenceData } from '../../src/corpus/reference.ts';
import { loadReferenceData } from '../../src/corpus/reference.ts';
import type { Store } from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';

export const SHIPPED_CORPUS = fileURLToPath(new URL('../../data/corpus/', import.meta.url));

let cached: ReferenceData | undefined;
export function reference(): ReferenceData {
  cached ??= loadReferenceData();
  return cached;
}

export function memoryStore(): Store {
  const ref = reference();
  return openStore(':memory:', { actors: ref.actors, tagger: ref.tagger });
}

export function tempDir(prefix = 'sd-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A store holding the shipped seed corpus. */
export function seededStore(now = new Date('2026-11-20T08:00:00Z')): Store {
  const store = memoryStore();
  ingest({ paths: [SHIPPED_CORPUS], corpusDir: SHIPPED_CORPUS, store, reference: reference(), now: () => now });
  return store;
}
