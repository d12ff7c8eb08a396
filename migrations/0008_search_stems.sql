-- Search by word stems, and never by the outlet's name.
-- The full-text index gets a column of word stems (so every inflected form of a Ukrainian or English
-- word finds the same statements) and loses the source column (a word found only in "on X" or an
-- outlet's name is not a hit). Stems are computed in the application (a stemming library), so the
-- rows are rebuilt after this migration from the queue below, in one transaction, on first open.
DROP TABLE statements_fts;
CREATE VIRTUAL TABLE statements_fts USING fts5(
  body, stems, names, title,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE search_rebuild_queue (
  statement_id  INTEGER PRIMARY KEY
);
INSERT INTO search_rebuild_queue (statement_id) SELECT id FROM statements WHERE gone = 0;

-- A list's size as it was when its first page was shown ("1–5 of 37"), and whether it was cut
-- (a search keeps at most its 500 newest matches, a count stops at 1,000: both say so).
-- A search list is frozen: `items` holds its statement ids in order ('12,7,31'), written once with
-- the list (one row, not one per id), so later pages neither skip nor repeat after an ingest.
ALTER TABLE result_lists ADD COLUMN total INTEGER;
ALTER TABLE result_lists ADD COLUMN cut INTEGER NOT NULL DEFAULT 0;
ALTER TABLE result_lists ADD COLUMN items TEXT;
