-- Bot state: chats and their interface language, result lists for paging buttons, handled
-- updates (so a redelivered update changes nothing twice), and the admin audit log.

CREATE TABLE chats (
  id            INTEGER PRIMARY KEY,           -- Telegram chat id (a private chat's id is the user's)
  type          TEXT NOT NULL,
  ui_language   TEXT CHECK (ui_language IN ('en', 'uk')),  -- NULL: follow the user's language_code
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- A result list behind ◀ ▶ buttons: callback data carries only 'p:<list id>:<page>'.
CREATE TABLE result_lists (
  id            INTEGER PRIMARY KEY,
  chat_id       INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('latest', 'search', 'actor', 'topic')),
  arg           TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX result_lists_created ON result_lists (created_at);

CREATE TABLE result_pages (
  list_id       INTEGER NOT NULL REFERENCES result_lists(id) ON DELETE CASCADE,
  page_no       INTEGER NOT NULL,
  cursor        TEXT,                          -- NULL for the first page
  PRIMARY KEY (list_id, page_no)
);

CREATE TABLE handled_updates (
  update_id     INTEGER PRIMARY KEY,
  handled_at    TEXT NOT NULL
);
CREATE INDEX handled_updates_at ON handled_updates (handled_at);

CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  user_id       INTEGER,
  chat_id       INTEGER,
  command       TEXT NOT NULL,
  allowed       INTEGER NOT NULL,
  detail        TEXT
);
