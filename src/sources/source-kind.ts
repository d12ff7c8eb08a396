// What a kind of live source is to the poller: how its entry in the sources file is checked, and
// one poll — from the state kept between polls to documents to write and what to keep for next
// time. The poller owns scheduling, backoff, the store and health; a kind owns fetching and
// parsing. Adding a kind is one file implementing this, registered in source-kinds.ts.
import type { ReferenceData } from '../corpus/reference.ts';
import type { ExtractedDocument } from '../corpus/types.ts';
import type { Logger } from '../logger.ts';
import type { SourceState } from '../store/source-state.ts';
import type { FeedParser } from './feed-parse-thread.ts';
import type { FetchLimits, FetchOutcome, Validators } from './fetch.ts';

export type FetchFn = (url: string, validators: Validators, limits?: Partial<FetchLimits>) => Promise<FetchOutcome>;

export interface KindPollContext {
  /** The state kept since the last poll (validators, cursor). */
  state: SourceState;
  clock: () => Date;
  fetch: FetchFn;
  /** Limits for every request of this source (shutdown signal and address guard included). */
  limits: Partial<FetchLimits>;
  reference: ReferenceData;
  logger: Logger;
  /** Hashes stored for a document key, so an unchanged entry is skipped without being rebuilt. */
  storedHashes: (key: string) => string[];
  /** True once the poller is stopping: no new requests. */
  stopping: () => boolean;
  /** Parses feed bodies off the bot's thread, within a deadline. */
  feedParser: FeedParser;
}

/** One document to write under `key`, or null when the stored one (same hash) stands. */
export interface PolledItem {
  key: string;
  document: ExtractedDocument | null;
  hash: string;
}

export interface KindPollResult {
  status: 'updated' | 'not-modified';
  items: PolledItem[];
  /** Validators for the next conditional request; null keeps the stored ones. */
  validators: Validators | null;
  /** The kind's position for the next poll; undefined keeps the stored one. */
  cursor?: string | null;
  /** Entries the source listed (more than `items` when some were cut). */
  entries: number;
  /** What was repaired, cut or guessed, for source health. */
  notes: string[];
  /** The body needed a repair (malformed, cut at the cap, charset guessed): counted in health. */
  recovered: boolean;
}

export interface SourceKind<C> {
  readonly kind: string;
  /** The zod schema of this kind's entry in the sources file (common fields included). */
  readonly settings: { safeParse(raw: unknown): { success: true; data: C } | { success: false; error: import('zod').ZodError } };
  poll(source: C, context: KindPollContext): Promise<KindPollResult>;
}
