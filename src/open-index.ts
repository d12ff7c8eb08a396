// Opening the index the way both entry points need it: reference tables loaded, DB migrated.
import type { ReferenceData } from './corpus/reference.ts';
import { loadReferenceData } from './corpus/reference.ts';
import type { Store } from './store/index.ts';
import { openStore } from './store/index.ts';

export interface Index {
  store: Store;
  reference: ReferenceData;
}

export function openIndex(databasePath: string, options: { synchronous?: 'FULL' | 'NORMAL'; checkIntegrity?: boolean | 'state-tables' } = {}): Index {
  const reference = loadReferenceData();
  const store = openStore(databasePath, { actors: reference.actors, tagger: reference.tagger }, options);
  return { store, reference };
}
