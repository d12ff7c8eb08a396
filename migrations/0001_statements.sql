-- Statement index: documents, statements, actors, topics and the full-text index.
-- Never edit this file once it has landed: add 0002_… instead.

CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  source_key    TEXT NOT NULL UNIQUE,          -- stable key of the file/feed entry, e.g. 'file:000_….txt'
  source_name   TEXT NOT NULL,                 -- outlet or channel, shown to users
  kind          TEXT NOT NULL CHECK (kind IN ('post-archive', 'article', 'jsonl', 'other')),
  url           TEXT,                          -- only when known
  home_url      TEXT,                          -- the known origin (an account, a site), not an item link
  title         TEXT,
  date          TEXT,                          -- 'YYYY-MM-DD', 'YYYY-MM', 'YYYY' or NULL
  date_precision TEXT NOT NULL CHECK (date_precision IN ('day', 'month', 'year', 'unknown')),
  content_hash  TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  gone          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE statements (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  external_id   TEXT NOT NULL UNIQUE,          -- stable across re-ingest: '<source_key>#<local key>' or a JSONL id
  kind          TEXT NOT NULL CHECK (kind IN ('post', 'quote', 'report')),
  title         TEXT,
  text          TEXT NOT NULL,
  parts_json    TEXT,                          -- JSON array of the visible posts of a thread
  parts_total   INTEGER,                       -- how many posts the thread has in all, when known
  attribution   TEXT,                          -- who said it when no known actor did ("a top US diplomat")
  lang          TEXT NOT NULL,
  date          TEXT,
  date_precision TEXT NOT NULL CHECK (date_precision IN ('day', 'month', 'year', 'unknown')),
  date_sort     TEXT NOT NULL,                 -- date padded for ordering ('2024-10-00'); '' when unknown (sorts last)
  translation_group TEXT,                      -- external_id of the original; shared by its translations
  url           TEXT,
  source_name   TEXT,                          -- the outlet when it differs from the document's
  content_hash  TEXT NOT NULL,
  ingested_at   TEXT NOT NULL,                 -- first time the bot saw it: drives "new since last digest"
  updated_at    TEXT NOT NULL,
  gone          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX statements_latest ON statements (gone, date_sort DESC, id DESC);
CREATE INDEX statements_document ON statements (document_id);
CREATE INDEX statements_translation ON statements (translation_group);
CREATE INDEX statements_ingested ON statements (ingested_at);

CREATE TABLE actors (
  id            INTEGER PRIMARY KEY,
  canonical     TEXT NOT NULL UNIQUE,
  name_uk       TEXT,
  role          TEXT,
  country       TEXT,
  from_table    INTEGER NOT NULL DEFAULT 0      -- 1: listed in data/actors.json; 0: met only in a source
);

CREATE TABLE actor_aliases (
  actor_id      INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  alias         TEXT NOT NULL,
  name_key      TEXT NOT NULL,                 -- folded + transliterated, see corpus/names.ts
  PRIMARY KEY (actor_id, alias)
);
CREATE INDEX actor_aliases_key ON actor_aliases (name_key);

-- date_sort is copied from the statement so "newest by this person" is one index range scan.
CREATE TABLE statement_actors (
  statement_id  INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
  actor_id      INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  role          TEXT NOT NULL CHECK (role IN ('speaker', 'mentioned')),
  date_sort     TEXT NOT NULL,
  PRIMARY KEY (statement_id, actor_id, role)
);
CREATE INDEX statement_actors_actor ON statement_actors (actor_id, role, date_sort DESC, statement_id DESC);

CREATE TABLE topics (
  slug          TEXT PRIMARY KEY,
  label_en      TEXT NOT NULL,
  label_uk      TEXT NOT NULL
);

CREATE TABLE statement_topics (
  statement_id  INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
  topic_slug    TEXT NOT NULL REFERENCES topics(slug) ON DELETE CASCADE,
  matched       TEXT NOT NULL,                 -- the keyword that matched: tags stay explainable
  date_sort     TEXT NOT NULL,
  PRIMARY KEY (statement_id, topic_slug)
);
CREATE INDEX statement_topics_topic ON statement_topics (topic_slug, date_sort DESC, statement_id DESC);

-- Full-text index, rowid = statements.id. Holds folded text (apostrophes removed), the names and
-- aliases of the statement's actors (so a name in either script finds it), title and source.
CREATE VIRTUAL TABLE statements_fts USING fts5(
  body, names, title, source,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE ingest_runs (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  files_read    INTEGER NOT NULL DEFAULT 0,
  added         INTEGER NOT NULL DEFAULT 0,
  updated       INTEGER NOT NULL DEFAULT 0,
  unchanged     INTEGER NOT NULL DEFAULT 0,
  removed       INTEGER NOT NULL DEFAULT 0,
  rejects_json  TEXT NOT NULL DEFAULT '[]'
);
