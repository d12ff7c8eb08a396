-- Live sources (feeds): what the poller knows about each configured source between polls, and a
-- log of failures so /about, /stats and digest footers can say what failed since when.
CREATE TABLE source_state (
  name                 TEXT PRIMARY KEY,             -- the name in data/sources.json
  url                  TEXT NOT NULL,
  etag                 TEXT,                         -- validators for the next conditional GET
  last_modified        TEXT,
  last_polled_at       TEXT,
  last_success_at      TEXT,
  last_failure_at      TEXT,
  last_error           TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,   -- drives the backoff; 0 after a success
  total_failures       INTEGER NOT NULL DEFAULT 0,
  next_poll_at         TEXT NOT NULL DEFAULT '',     -- '' = poll now
  entries_seen         INTEGER NOT NULL DEFAULT 0    -- entries in the last successful feed body
);

CREATE TABLE source_failures (
  id          INTEGER PRIMARY KEY,
  source_name TEXT NOT NULL,
  failed_at   TEXT NOT NULL,
  reason      TEXT NOT NULL
);
CREATE INDEX source_failures_at ON source_failures (failed_at);
