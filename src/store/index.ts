// The store: one object over one connection. The only barrel file in src/.
import type { ActorEntry } from '../corpus/actors.ts';
import type { TopicTagger } from '../corpus/topics.ts';
import { createActorStore } from './actors.ts';
import { createBotState } from './bot-state.ts';
import { createDeliveryStore } from './deliveries.ts';
import { createImportState } from './imports.ts';
import { createExportQueries } from './exports.ts';
import { createSubscriptionStore } from './subscriptions.ts';
import { createBulkLoad } from './bulk-load.ts';
import { createCatalog } from './catalog.ts';
import type { Db, OpenOptions } from './db.ts';
import { openDatabase } from './db.ts';
import { migrate } from './migrate.ts';
import { createRetention } from './retention.ts';
import { createSourceStateStore } from './source-state.ts';
import { createStatementStore } from './statements.ts';
import { createTypingTerms } from './typing-terms.ts';
import { createWriter } from './writes.ts';

export type { Db, OpenOptions } from './db.ts';
export type { Actor } from './actors.ts';
export type { Statement, Page, SearchPage, SearchResult, SearchOptions } from './statements.ts';
export { MAX_COUNTED, MAX_SEARCH_MATCHES } from './statements.ts';
export type { ActorCount, TopicCount, CorpusStats, IngestRun } from './catalog.ts';
export type { WriteCounts } from './writes.ts';
export type { ImportCheckpoint, SeenStatements } from './imports.ts';
export type { Subscription, Filters, LanguagePref } from './subscriptions.ts';
export type { OpenPart } from './deliveries.ts';
export type { ExportFilters } from './exports.ts';
export type { ListCursor } from './cursor.ts';
export type { PruneCounts } from './retention.ts';
export type { SourceState, SourceHealth } from './source-state.ts';
export { describeSourceHealth } from './source-state.ts';
export type { BotState, UiLanguage, ListKind, ResultList } from './bot-state.ts';
export { parseActorListArg } from './bot-state.ts';
export { BackupError, CorruptDatabaseError, UnknownMigrationError, StoreError } from './errors.ts';
export { backupDatabase } from './backup.ts';

export interface Reference {
  actors: ActorEntry[];
  tagger: TopicTagger;
}

/** Wraps an open, migrated connection; loads the actor and topic tables into it. */
export function createStore(db: Db, reference: Reference) {
  const actors = createActorStore(db);
  const catalog = createCatalog(db);
  actors.syncTable(reference.actors);
  catalog.syncTopics(reference.tagger.entries);
  const typingTerms = createTypingTerms(db);
  const writer = createWriter(db, actors, reference.tagger, typingTerms);
  const bulkLoad = createBulkLoad(db);
  bulkLoad.repairIfAbandoned();
  // Search rows queued by a migration (new columns) are rebuilt once, before anything reads them.
  db.transaction(() => writer.rebuildQueuedSearchRows())();
  return {
    db,
    actors,
    catalog,
    statements: createStatementStore(db, typingTerms),
    typingTerms,
    writer,
    imports: createImportState(db),
    bulkLoad,
    botState: createBotState(db),
    subscriptions: createSubscriptionStore(db),
    deliveries: createDeliveryStore(db),
    sources: createSourceStateStore(db),
    exports: createExportQueries(db),
    retention: createRetention(db),
    close: (): void => {
      if (db.open) db.close();
    },
  };
}

export type Store = ReturnType<typeof createStore>;

/** Opens (creating when missing) and migrates the database at `path`, ready to use. */
export function openStore(path: string, reference: Reference, options: OpenOptions = {}): Store {
  const db = openDatabase(path, options);
  try {
    migrate(db);
    return createStore(db, reference);
  } catch (error) {
    db.close();
    throw error;
  }
}
