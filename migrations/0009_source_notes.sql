-- Live sources of more than one kind, and what a successful poll had to work around.
-- cursor: a kind's own position between polls (a Telegram channel's backfill: the oldest message
--   read so far), opaque to the store.
-- notes: what the last successful poll repaired or cut ("malformed XML recovered (unescaped &)",
--   "body over the size cap"), shown with the source's health; NULL when the body was clean.
-- recoveries: how many successful polls needed such a repair, so a feed that is always broken
--   shows as such even when every poll succeeds.
ALTER TABLE source_state ADD COLUMN cursor TEXT;
ALTER TABLE source_state ADD COLUMN notes TEXT;
ALTER TABLE source_state ADD COLUMN recoveries INTEGER NOT NULL DEFAULT 0;
