-- No query reads statements by ingested_at since "new since the last digest" follows the commit
-- sequence (0007): the index only cost every insert, and a bulk load its build at the end.
DROP INDEX IF EXISTS statements_ingested;
-- A bulk load in progress during the upgrade would build it again from its saved definition.
DELETE FROM deferred_indexes WHERE name = 'statements_ingested';
