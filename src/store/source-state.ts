// Per-source polling state (validators, backoff, health) and the failure log behind "N sources
// have failed since …". Rows are keyed by the source's name in the sources file.
import type { Db } from './db.ts';

export interface SourceState {
  name: string;
  url: string;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  totalFailures: number;
  /** ISO instant of the next poll; '' = as soon as possible. */
  nextPollAt: string;
  entriesSeen: number;
  /** A source kind's own position between polls (opaque here), or null. */
  cursor: string | null;
  /** What the last successful poll repaired or cut, or null for a clean body. */
  notes: string | null;
  /** Successful polls that needed a repair. */
  recoveries: number;
}

export interface SourceSuccess {
  name: string;
  now: string;
  nextPollAt: string;
  /** null when the server answered 304: the old validators stay. */
  validators: { etag: string | null; lastModified: string | null } | null;
  entriesSeen: number | null;
  /** Undefined keeps the stored cursor. */
  cursor?: string | null;
  notes?: string | null;
  recovered?: boolean;
}

export interface SourceFailure {
  name: string;
  now: string;
  nextPollAt: string;
  reason: string;
}

const COLUMNS = `name, url, etag, last_modified AS lastModified, last_polled_at AS lastPolledAt, last_success_at AS lastSuccessAt,
  last_failure_at AS lastFailureAt, last_error AS lastError, consecutive_failures AS consecutiveFailures,
  total_failures AS totalFailures, next_poll_at AS nextPollAt, entries_seen AS entriesSeen, cursor, notes, recoveries`;

export function createSourceStateStore(db: Db) {
  const getQuery = db.prepare(`SELECT ${COLUMNS} FROM source_state WHERE name = ?`);
  const listQuery = db.prepare(`SELECT ${COLUMNS} FROM source_state ORDER BY name`);
  // A source whose URL changed in the sources file starts afresh: old validators belong to the old URL.
  const ensureQuery = db.prepare(
    `INSERT INTO source_state (name, url) VALUES (@name, @url)
     ON CONFLICT (name) DO UPDATE SET url = excluded.url, etag = NULL, last_modified = NULL, next_poll_at = ''
     WHERE source_state.url <> excluded.url`,
  );
  const successQuery = db.prepare(
    `UPDATE source_state SET last_polled_at = @now, last_success_at = @now, consecutive_failures = 0, last_error = NULL,
       next_poll_at = @nextPollAt,
       etag = CASE WHEN @hasValidators THEN @etag ELSE etag END,
       last_modified = CASE WHEN @hasValidators THEN @lastModified ELSE last_modified END,
       entries_seen = COALESCE(@entriesSeen, entries_seen),
       cursor = CASE WHEN @hasCursor THEN @cursor ELSE cursor END,
       notes = CASE WHEN @notModified THEN notes ELSE @notes END,
       recoveries = recoveries + @recovered
     WHERE name = @name`,
  );
  const failureQuery = db.prepare(
    `UPDATE source_state SET last_polled_at = @now, last_failure_at = @now, last_error = @reason, next_poll_at = @nextPollAt,
       consecutive_failures = consecutive_failures + 1, total_failures = total_failures + 1
     WHERE name = @name`,
  );
  const logFailureQuery = db.prepare('INSERT INTO source_failures (source_name, failed_at, reason) VALUES (?, ?, ?)');
  const allNamesQuery = db.prepare('SELECT name FROM source_state');
  const deleteQuery = db.prepare('DELETE FROM source_state WHERE name = ?');
  // The current streak began with the first failure after the last success.
  const failingSinceQuery = db.prepare(
    `SELECT MIN(f.failed_at) AS since FROM source_failures f JOIN source_state s ON s.name = f.source_name
     WHERE s.name = ? AND f.failed_at > COALESCE(s.last_success_at, '')`,
  );

  return {
    get: (name: string): SourceState | null => (getQuery.get(name) as SourceState | undefined) ?? null,
    list: (): SourceState[] => listQuery.all() as SourceState[],
    /** Makes sure a configured source has a row; returns its state. */
    ensure(name: string, url: string): SourceState {
      ensureQuery.run({ name, url });
      return getQuery.get(name) as SourceState;
    },
    recordSuccess(s: SourceSuccess): void {
      successQuery.run({
        name: s.name, now: s.now, nextPollAt: s.nextPollAt, hasValidators: s.validators ? 1 : 0,
        etag: s.validators?.etag ?? null, lastModified: s.validators?.lastModified ?? null, entriesSeen: s.entriesSeen,
        hasCursor: s.cursor === undefined ? 0 : 1, cursor: s.cursor ?? null,
        // A 304 (no validators, no entries) says nothing about the body: its notes stay.
        notModified: s.validators === null && s.entriesSeen === null ? 1 : 0, notes: s.notes ?? null, recovered: s.recovered ? 1 : 0,
      });
    },
    recordFailure(f: SourceFailure): void {
      db.transaction(() => {
        failureQuery.run({ name: f.name, now: f.now, reason: f.reason, nextPollAt: f.nextPollAt });
        logFailureQuery.run(f.name, f.now, f.reason);
      })();
    },
    /** Forgets the state of sources no longer in the sources file (their failure log stays). */
    retain(names: string[]): void {
      const keep = new Set(names);
      for (const { name } of allNamesQuery.all() as Array<{ name: string }>) if (!keep.has(name)) deleteQuery.run(name);
    },
    /** Each known source, with when its current run of failures began (null when healthy). */
    health(): SourceHealth[] {
      return (listQuery.all() as SourceState[]).map((state) => ({
        ...state,
        failingSince: state.consecutiveFailures > 0 ? ((failingSinceQuery.get(state.name) as { since: string | null }).since ?? state.lastFailureAt) : null,
      }));
    },
  };
}

export type SourceStateStore = ReturnType<typeof createSourceStateStore>;

export type SourceHealth = SourceState & { failingSince: string | null };

/** One line per source for operators (/stats, `cli sources`). */
export function describeSourceHealth(f: SourceHealth): string {
  const state = f.failingSince
    ? `FAILING since ${f.failingSince} (${f.consecutiveFailures}×): ${f.lastError ?? ''}`
    : `ok, last success ${f.lastSuccessAt ?? 'never'}`;
  const repaired = f.notes ? `; last body: ${f.notes}` : '';
  const recoveries = f.recoveries > 0 ? ` (${f.recoveries} repaired polls)` : '';
  return `${f.name}: ${state}${repaired}${recoveries}; next poll ${f.nextPollAt || 'now'}`;
}
