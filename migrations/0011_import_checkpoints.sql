-- Resumable imports of large JSONL files. A file is written in batches, each committed together
-- with the checkpoint (the byte offset after its last line), so an import killed at any moment
-- continues after the last committed line and never writes a row twice. `import_seen` remembers
-- which statements this import has written (a line repeated later in the file is reported as a
-- duplicate, and what the file no longer holds is marked gone once the file is done).
CREATE TABLE import_checkpoints (
  file_key      TEXT PRIMARY KEY,              -- 'file:<name>', as documents.source_key
  import_id     INTEGER NOT NULL,
  file_hash     TEXT NOT NULL,                 -- the whole file's hash: a changed file starts over
  byte_offset   INTEGER NOT NULL,              -- next line to read
  line_number   INTEGER NOT NULL,              -- lines read so far
  fresh         INTEGER NOT NULL,              -- 1: the file had no statements before (nothing to sweep)
  started_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE import_seen (
  import_id     INTEGER NOT NULL,
  statement_id  INTEGER NOT NULL,
  PRIMARY KEY (import_id, statement_id)
) WITHOUT ROWID;

-- A big import into an empty index drops the secondary indexes and builds them once at the end
-- (one sort instead of a million scattered inserts). Their definitions wait here meanwhile, so an
-- import that never finishes cannot leave the database without them: opening the store rebuilds
-- them when no import is in progress.
CREATE TABLE deferred_indexes (
  name          TEXT PRIMARY KEY,
  sql           TEXT NOT NULL
);

-- A digest's text is stored once however many chats receive it: chats with the same filters,
-- language and day get the same parts, and 100,000 subscribers made 100,000 copies a day (kept
-- 30 days). A part names its text; `html` stays for parts written before this migration.
CREATE TABLE digest_texts (
  id            INTEGER PRIMARY KEY,
  hash          TEXT NOT NULL UNIQUE,          -- sha256 of the html
  html          TEXT NOT NULL
);
ALTER TABLE delivery_parts ADD COLUMN text_id INTEGER REFERENCES digest_texts(id);
CREATE INDEX delivery_parts_text ON delivery_parts (text_id);
