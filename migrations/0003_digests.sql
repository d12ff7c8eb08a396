-- Daily digests: who gets one, when, with which filters; and the delivery log that makes each
-- (chat, local date) digest go out once, part by part.

CREATE TABLE subscriptions (
  chat_id       INTEGER PRIMARY KEY,
  chat_type     TEXT NOT NULL,
  owner_user_id INTEGER,                       -- who set it up (a channel's admin)
  active        INTEGER NOT NULL DEFAULT 1,    -- 0: blocked, kicked, deactivated, chat gone, unsubscribed
  inactive_reason TEXT,
  paused        INTEGER NOT NULL DEFAULT 0,
  local_time    TEXT NOT NULL DEFAULT '08:00', -- HH:MM in time_zone
  time_zone     TEXT NOT NULL,
  language_pref TEXT NOT NULL DEFAULT 'both' CHECK (language_pref IN ('en', 'uk', 'both')),
  topics_json   TEXT NOT NULL DEFAULT '[]',    -- topic slugs; [] = all
  actors_json   TEXT NOT NULL DEFAULT '[]',    -- actor ids; [] = all
  include_json  TEXT NOT NULL DEFAULT '[]',    -- keywords, any of which must appear
  exclude_json  TEXT NOT NULL DEFAULT '[]',    -- keywords none of which may appear
  watermark     TEXT NOT NULL,                 -- statements ingested after this are new to this chat
  next_due_at   TEXT NOT NULL,                 -- UTC instant of the next digest slot
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX subscriptions_due ON subscriptions (active, paused, next_due_at);

CREATE TABLE deliveries (
  id            INTEGER PRIMARY KEY,
  chat_id       INTEGER NOT NULL,
  digest_date   TEXT NOT NULL,                 -- the subscriber's local date of the slot
  status        TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
  decision      TEXT NOT NULL,                 -- why: 'digest', 'nothing new', 'missed slot', 'chat gone', …
  items         INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (chat_id, digest_date)
);
CREATE INDEX deliveries_status ON deliveries (status);

CREATE TABLE delivery_parts (
  delivery_id   INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
  part_no       INTEGER NOT NULL,
  html          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'sent', 'failed')),
  message_id    INTEGER,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (delivery_id, part_no)
);
CREATE INDEX delivery_parts_open ON delivery_parts (status, delivery_id);

-- Every attempt's outcome, append-only: what was tried, when, and what Telegram said.
CREATE TABLE delivery_events (
  id            INTEGER PRIMARY KEY,
  delivery_id   INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
  part_no       INTEGER NOT NULL,
  event         TEXT NOT NULL,                 -- 'sent' or 'error'
  detail        TEXT,
  at            TEXT NOT NULL
);
CREATE INDEX delivery_events_delivery ON delivery_events (delivery_id);

CREATE TABLE digest_runs (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  built         INTEGER NOT NULL DEFAULT 0,
  skipped       INTEGER NOT NULL DEFAULT 0,
  parts_sent    INTEGER NOT NULL DEFAULT 0,
  parts_failed  INTEGER NOT NULL DEFAULT 0,
  note          TEXT
);
