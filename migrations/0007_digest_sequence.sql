-- "New since the last digest" follows commit order, not the writer's clock: every inserted
-- statement takes the next number of one counter row inside its writing transaction. Writers
-- hold the write lock from their first insert to their commit, so numbers are handed out in
-- commit order; a digest that reads the counter N sees every row numbered <= N and none above.
CREATE TABLE commit_sequence (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  value         INTEGER NOT NULL
);

ALTER TABLE statements ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
-- Rows already there are numbered in the order they were first seen.
UPDATE statements SET seq = r.rn
  FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY ingested_at, id) AS rn FROM statements) AS r
  WHERE statements.id = r.id;
INSERT INTO commit_sequence (id, value) VALUES (1, (SELECT COALESCE(MAX(seq), 0) FROM statements));
CREATE INDEX statements_seq ON statements (seq);
-- The insert reads value + 1 (src/store/writes.ts); this moves the counter on in the same transaction.
CREATE TRIGGER statements_commit_seq AFTER INSERT ON statements
BEGIN
  UPDATE commit_sequence SET value = value + 1 WHERE id = 1;
END;

-- A subscription's watermark in that sequence; the old time watermark stays for "sources failed since".
ALTER TABLE subscriptions ADD COLUMN watermark_seq INTEGER NOT NULL DEFAULT 0;
UPDATE subscriptions SET watermark_seq = COALESCE(
  (SELECT seq FROM statements WHERE ingested_at <= subscriptions.watermark ORDER BY ingested_at DESC, id DESC LIMIT 1), 0);

-- The Telegram language of a user (from language_code), so a scheduled digest is written in the
-- language the chat sees even when nobody chose one with /language.
ALTER TABLE chats ADD COLUMN user_language TEXT CHECK (user_language IN ('en', 'uk'));
-- The chat a private chat's settings commands manage (a channel chosen with /channel @name); NULL: itself.
ALTER TABLE chats ADD COLUMN target_chat_id INTEGER;
-- A channel's @name as its owner gave it, so replies and settings can name the digest they change.
ALTER TABLE chats ADD COLUMN title TEXT;

-- Handled updates keyed by the bot: a database moved to another bot (whose update ids start
-- again) must not drop its updates as already handled. Entries live 24 h, so none are carried over.
DROP TABLE handled_updates;
CREATE TABLE handled_updates (
  bot_id        INTEGER NOT NULL,
  update_id     INTEGER NOT NULL,
  handled_at    TEXT NOT NULL,
  PRIMARY KEY (bot_id, update_id)
);
CREATE INDEX handled_updates_at ON handled_updates (handled_at);

-- JSONL ids were global: two files using the same id overwrote each other's statement. They are
-- now the file's own ('<file key>#id:<id>', as src/corpus/jsonl.ts writes them) unless a line is
-- marked "global": existing rows are renamed so a re-read does not see them as new statements.
UPDATE statements SET external_id = (SELECT d.source_key FROM documents d WHERE d.id = statements.document_id) || '#id:' || external_id
  WHERE document_id IN (SELECT id FROM documents WHERE kind = 'jsonl') AND external_id NOT LIKE 'file:%';
