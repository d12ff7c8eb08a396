// Polls the live sources of the sources file, whatever their kind (source-kinds.ts): each kind
// fetches and parses, this writes each document under its key (edits update in place), records
// health, and schedules. One failing source is logged, counted and retried with backoff; it never
// stops the others.
import type { ReferenceData } from '../corpus/reference.ts';
import type { Logger } from '../logger.ts';
import { errorFields } from '../logger.ts';
import type { Store } from '../store/index.ts';
import type { FetchLimits, FetchOutcome, Validators } from './fetch.ts';
import { FetchError, fetchWithLimits } from './fetch.ts';
import type { AddressGuard } from './address-guard.ts';
import { createAddressGuard } from './address-guard.ts';
import type { FeedParser } from './feed-parse-thread.ts';
import { createThreadFeedParser } from './feed-parse-thread.ts';
import { kindOf } from './source-kinds.ts';
import type { SourceConfig } from './sources-file.ts';

export { MAX_ENTRIES_PER_POLL } from './feed-kind.ts';

/** Sources polled at once: enough to hide slow servers, few enough to be polite. */
const MAX_CONCURRENT_POLLS = 4;
const MINUTE_MS = 60_000;
const MAX_RETRY_AFTER_MS = 24 * 60 * MINUTE_MS;

export interface PollResult {
  source: string;
  /** 'cancelled': the poller was stopped before or during this poll (not counted as a failure). */
  status: 'updated' | 'not-modified' | 'failed' | 'cancelled';
  added: number;
  updated: number;
  unchanged: number;
  entries: number;
  error?: string;
  /** What the poll repaired, cut or guessed (see source health). */
  notes?: string[];
}

export interface PollerDeps {
  store: Store;
  reference: ReferenceData;
  logger: Logger;
  clock: () => Date;
  sources: () => SourceConfig[];
  fetch?: (url: string, validators: Validators, limits?: Partial<FetchLimits>) => Promise<FetchOutcome>;
  limits?: Partial<FetchLimits>;
  /** Poll every enabled source regardless of its schedule (the CLI's `poll`). */
  forceAll?: boolean;
  /** The address guard for a source's fetches (tests stand in their own resolver); default: the real one. */
  addressGuard?: (feedUrl: string) => AddressGuard;
  /** Where feed bodies are parsed; default: a worker thread with a deadline, closed by stop(). */
  feedParser?: FeedParser;
}

/**
 * When to try a failed source again: 1, 2, 4 … minutes, never later than its own interval (or an
 * hour, whichever is longer), and never earlier than a server's Retry-After.
 */
export function retryDelayMs(consecutiveFailures: number, pollMinutes: number, retryAfterSeconds: number | null): number {
  const cap = Math.max(pollMinutes, 60) * MINUTE_MS;
  const backoff = Math.min(2 ** Math.max(0, consecutiveFailures - 1) * MINUTE_MS, cap);
  const asked = retryAfterSeconds ? Math.min(retryAfterSeconds * 1000, MAX_RETRY_AFTER_MS) : 0;
  return Math.max(backoff, asked);
}

const emptyResult = (source: string, status: PollResult['status'], error?: string): PollResult => ({
  source, status, added: 0, updated: 0, unchanged: 0, entries: 0, ...(error === undefined ? {} : { error }),
});

export function createSourcePoller(deps: PollerDeps) {
  const fetchFeed = deps.fetch ?? fetchWithLimits;
  const { store, logger } = deps;
  let stopping = false;
  const feedParser = deps.feedParser ?? createThreadFeedParser();
  const shutdown = new AbortController();
  // Every fetch of a source (the feed, its redirects, its pages) goes through the address guard.
  const guardFor = deps.addressGuard ?? ((feedUrl: string) => createAddressGuard({ feedUrl }));
  const limits = (source: SourceConfig): Partial<FetchLimits> => ({ ...deps.limits, signal: shutdown.signal, guard: guardFor(source.url) });
  // Sources waiting for a slot or being polled. Each source is queued on its own, so a slow feed
  // holds one of the slots, never the others' turn.
  const queued = new Set<string>();
  const queue: Array<{ source: SourceConfig; done: (result: PollResult) => void }> = [];
  const inFlight = new Set<Promise<void>>();

  async function pollSource(source: SourceConfig): Promise<PollResult> {
    const state = store.sources.ensure(source.name, source.url);
    const result = emptyResult(source.name, 'updated');
    try {
      // The kind fetches and parses; the context is all it may touch.
      const polled = await kindOf(source).poll(source, {
        state, clock: deps.clock, fetch: fetchFeed, limits: limits(source), reference: deps.reference, logger,
        storedHashes: (key) => store.writer.documentsOfFile(key).map((d) => d.hash),
        stopping: () => stopping, feedParser,
      });
      const now = deps.clock();
      const next = new Date(now.getTime() + source.pollMinutes * MINUTE_MS).toISOString();
      if (polled.status === 'not-modified') {
        store.sources.recordSuccess({ name: source.name, now: now.toISOString(), nextPollAt: next, validators: null, entriesSeen: null, ...(polled.cursor === undefined ? {} : { cursor: polled.cursor }) });
        return { ...result, status: 'not-modified' };
      }
      const stamp = now.toISOString();
      store.db.transaction(() => {
        for (const { key, document, hash } of polled.items) {
          if (!document) {
            result.unchanged += 1;
            continue;
          }
          const counts = store.writer.writeFile(key, [document], stamp, hash);
          result.added += counts.added;
          result.updated += counts.updated;
          result.unchanged += counts.unchanged;
        }
        store.sources.recordSuccess({
          name: source.name, now: stamp, nextPollAt: next, validators: polled.validators, entriesSeen: polled.items.length,
          notes: polled.notes.length > 0 ? polled.notes.join('; ') : null, recovered: polled.recovered,
          ...(polled.cursor === undefined ? {} : { cursor: polled.cursor }),
        });
      })();
      result.entries = polled.entries;
      if (polled.notes.length > 0) result.notes = polled.notes;
      if (result.added || result.updated) logger.info({ ...result }, 'source polled');
      return result;
    } catch (error) {
      if (stopping) return { ...result, status: 'cancelled' };
      const now = deps.clock();
      const failures = state.consecutiveFailures + 1;
      const retryAfter = error instanceof FetchError ? error.retryAfterSeconds : null;
      const nextPollAt = new Date(now.getTime() + retryDelayMs(failures, source.pollMinutes, retryAfter)).toISOString();
      const reason = (error as Error).message;
      store.sources.recordFailure({ name: source.name, now: now.toISOString(), nextPollAt, reason });
      logger.warn({ source: source.name, failures, nextPollAt, err: errorFields(error) }, 'source failed; will retry');
      return { ...result, status: 'failed', error: reason };
    }
  }

  async function pollDue(): Promise<PollResult[]> {
    if (stopping) return [];
    const now = deps.clock().toISOString();
    const configured = deps.sources();
    // A disabled source is forgotten too: it must not show as failing in every digest footer.
    store.sources.retain(configured.filter((s) => s.enabled).map((s) => s.name));
    const due = configured.filter((s) => {
      if (!s.enabled || queued.has(s.name)) return false;
      const state = store.sources.get(s.name);
      return deps.forceAll || !state || state.url !== s.url || state.nextPollAt <= now;
    });
    const results = Promise.all(due.map((source) => new Promise<PollResult>((done) => {
      queued.add(source.name);
      queue.push({ source, done });
    })));
    pump();
    return results;
  }

  function pump(): void {
    while (inFlight.size < MAX_CONCURRENT_POLLS && queue.length > 0) {
      const job = queue.shift() as (typeof queue)[number];
      const run = pollSource(job.source)
        .then(job.done, (error: unknown) => job.done(emptyResult(job.source.name, 'failed', (error as Error).message)))
        .finally(() => {
          queued.delete(job.source.name);
          inFlight.delete(run);
          pump();
        });
      inFlight.add(run);
    }
  }

  return {
    /**
     * Queues every enabled source whose time has come and is not already queued or being polled;
     * resolves with their results. At most MAX_CONCURRENT_POLLS run at once, across calls.
     */
    pollDue,
    pollSource,
    /** Aborts the requests in flight, drops what waits, and resolves when every poll has ended. */
    async stop(): Promise<void> {
      stopping = true;
      shutdown.abort();
      for (const job of queue.splice(0)) job.done(emptyResult(job.source.name, 'cancelled'));
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      await feedParser.close();
    },
  };
}

export type SourcePoller = ReturnType<typeof createSourcePoller>;
