-- Counts and lists without counting: /about, /actors, /topics and the pickers read small summary
-- tables instead of grouping a million statements (9 s for /about at 1M). Triggers keep them in
-- step with every write, whoever makes it (ingest, live sources, a hand-run SQL fix), so no
-- writer has to remember to call anything. A statement counts while it is live (gone = 0); its
-- actor and topic links count while they exist and their statement is live.

-- One row per figure: ('statements', ''), ('undated', ''), ('kind', 'quote'), ('lang', 'uk'),
-- ('source', 'Outlet 7'), ('documents', ''), ('actors', ''), ('speakers', '').
CREATE TABLE tallies (
  dim           TEXT NOT NULL,
  key           TEXT NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (dim, key)
) WITHOUT ROWID;

-- Per person: statements spoken and mentioned in (live ones). canonical is copied (it never
-- changes) so "most spoken first, then by name" is one index walk, not a sort of every actor.
CREATE TABLE actor_tallies (
  actor_id      INTEGER PRIMARY KEY REFERENCES actors(id) ON DELETE CASCADE,
  canonical     TEXT NOT NULL,
  spoke         INTEGER NOT NULL DEFAULT 0,
  mentioned     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actor_tallies_order ON actor_tallies (spoke DESC, mentioned DESC, canonical);

CREATE TABLE topic_tallies (
  topic_slug    TEXT PRIMARY KEY REFERENCES topics(slug) ON DELETE CASCADE,
  n             INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- A statement's source as users see it: its own outlet, else its document's.
-- (Inlined in each trigger: SQLite has no functions in SQL.)

-- ---- statements ---------------------------------------------------------------------------
CREATE TRIGGER tallies_statement_insert AFTER INSERT ON statements WHEN NEW.gone = 0
BEGIN
  INSERT INTO tallies (dim, key, n) VALUES
    ('statements', '', 1),
    ('undated', '', NEW.date_sort = ''),
    ('kind', NEW.kind, 1),
    ('lang', NEW.lang, 1),
    ('source', COALESCE(NEW.source_name, (SELECT source_name FROM documents WHERE id = NEW.document_id), ''), 1)
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
END;

-- Only when something counted changes: ingest touches every unchanged statement's document_id,
-- and the WHEN keeps that a no-op.
CREATE TRIGGER tallies_statement_update AFTER UPDATE OF gone, kind, lang, date_sort, source_name, document_id ON statements
WHEN OLD.gone IS NOT NEW.gone OR (NEW.gone = 0 AND (OLD.kind IS NOT NEW.kind OR OLD.lang IS NOT NEW.lang
  OR (OLD.date_sort = '') IS NOT (NEW.date_sort = '') OR OLD.source_name IS NOT NEW.source_name OR OLD.document_id IS NOT NEW.document_id))
BEGIN
  INSERT INTO tallies (dim, key, n) SELECT dim, key, -1 FROM (
    SELECT 'statements' AS dim, '' AS key UNION ALL SELECT 'kind', OLD.kind UNION ALL SELECT 'lang', OLD.lang
    UNION ALL SELECT 'source', COALESCE(OLD.source_name, (SELECT source_name FROM documents WHERE id = OLD.document_id), '')
    UNION ALL SELECT 'undated', '' WHERE OLD.date_sort = ''
  ) WHERE OLD.gone = 0
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO tallies (dim, key, n) SELECT dim, key, 1 FROM (
    SELECT 'statements' AS dim, '' AS key UNION ALL SELECT 'kind', NEW.kind UNION ALL SELECT 'lang', NEW.lang
    UNION ALL SELECT 'source', COALESCE(NEW.source_name, (SELECT source_name FROM documents WHERE id = NEW.document_id), '')
    UNION ALL SELECT 'undated', '' WHERE NEW.date_sort = ''
  ) WHERE NEW.gone = 0
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
END;

-- Links are removed first, while the statement row still says whether it was live (a foreign-key
-- cascade would run after the row is gone). Nothing deletes statements today; this keeps it exact.
CREATE TRIGGER tallies_statement_delete BEFORE DELETE ON statements
BEGIN
  DELETE FROM statement_actors WHERE statement_id = OLD.id;
  DELETE FROM statement_topics WHERE statement_id = OLD.id;
  INSERT INTO tallies (dim, key, n) SELECT dim, key, -1 FROM (
    SELECT 'statements' AS dim, '' AS key UNION ALL SELECT 'kind', OLD.kind UNION ALL SELECT 'lang', OLD.lang
    UNION ALL SELECT 'source', COALESCE(OLD.source_name, (SELECT source_name FROM documents WHERE id = OLD.document_id), '')
    UNION ALL SELECT 'undated', '' WHERE OLD.date_sort = ''
  ) WHERE OLD.gone = 0
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
END;

-- ---- documents ----------------------------------------------------------------------------
CREATE TRIGGER tallies_document_insert AFTER INSERT ON documents WHEN NEW.gone = 0
BEGIN
  INSERT INTO tallies (dim, key, n) VALUES ('documents', '', 1) ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tallies_document_gone AFTER UPDATE OF gone ON documents WHEN OLD.gone IS NOT NEW.gone
BEGIN
  INSERT INTO tallies (dim, key, n) VALUES ('documents', '', CASE WHEN NEW.gone = 0 THEN 1 ELSE -1 END)
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
END;

-- A renamed outlet moves its live statements that have no outlet of their own.
CREATE TRIGGER tallies_document_source AFTER UPDATE OF source_name ON documents WHEN OLD.source_name IS NOT NEW.source_name
BEGIN
  INSERT INTO tallies (dim, key, n)
    SELECT 'source', COALESCE(OLD.source_name, ''), -COUNT(*) FROM statements WHERE document_id = OLD.id AND gone = 0 AND source_name IS NULL
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO tallies (dim, key, n)
    SELECT 'source', COALESCE(NEW.source_name, ''), COUNT(*) FROM statements WHERE document_id = NEW.id AND gone = 0 AND source_name IS NULL
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tallies_document_delete BEFORE DELETE ON documents
BEGIN
  DELETE FROM statements WHERE document_id = OLD.id;
  INSERT INTO tallies (dim, key, n) SELECT 'documents', '', -1 WHERE OLD.gone = 0
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
END;

-- ---- statement_actors ---------------------------------------------------------------------
CREATE TRIGGER tallies_actor_link_insert AFTER INSERT ON statement_actors
WHEN (SELECT gone FROM statements WHERE id = NEW.statement_id) = 0
BEGIN
  INSERT INTO actor_tallies (actor_id, canonical, spoke, mentioned)
    SELECT NEW.actor_id, canonical, NEW.role = 'speaker', NEW.role = 'mentioned' FROM actors WHERE id = NEW.actor_id
  ON CONFLICT (actor_id) DO UPDATE SET spoke = spoke + excluded.spoke, mentioned = mentioned + excluded.mentioned;
END;

CREATE TRIGGER tallies_actor_link_delete AFTER DELETE ON statement_actors
WHEN (SELECT gone FROM statements WHERE id = OLD.statement_id) = 0
BEGIN
  UPDATE actor_tallies SET spoke = spoke - (OLD.role = 'speaker'), mentioned = mentioned - (OLD.role = 'mentioned')
  WHERE actor_id = OLD.actor_id;
END;

-- A statement going (or coming back) takes its links' counts with it, whether or not the writer
-- also deletes the links (it does, after marking the statement gone: then the delete above is a no-op).
CREATE TRIGGER tallies_actor_links_gone AFTER UPDATE OF gone ON statements WHEN OLD.gone IS NOT NEW.gone
BEGIN
  INSERT INTO actor_tallies (actor_id, canonical, spoke, mentioned)
    SELECT sa.actor_id, a.canonical,
      CASE WHEN NEW.gone = 0 THEN 1 ELSE -1 END * SUM(sa.role = 'speaker'),
      CASE WHEN NEW.gone = 0 THEN 1 ELSE -1 END * SUM(sa.role = 'mentioned')
    FROM statement_actors sa JOIN actors a ON a.id = sa.actor_id WHERE sa.statement_id = NEW.id GROUP BY sa.actor_id
  ON CONFLICT (actor_id) DO UPDATE SET spoke = spoke + excluded.spoke, mentioned = mentioned + excluded.mentioned;
  INSERT INTO topic_tallies (topic_slug, n)
    SELECT topic_slug, CASE WHEN NEW.gone = 0 THEN 1 ELSE -1 END FROM statement_topics WHERE statement_id = NEW.id
  ON CONFLICT (topic_slug) DO UPDATE SET n = n + excluded.n;
END;

-- "How many people": actors with at least one live link, and those who spoke, kept as their
-- counts cross zero.
CREATE TRIGGER tallies_actor_insert AFTER INSERT ON actor_tallies
BEGIN
  INSERT INTO tallies (dim, key, n) VALUES ('actors', '', NEW.spoke + NEW.mentioned > 0), ('speakers', '', NEW.spoke > 0)
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tallies_actor_update AFTER UPDATE ON actor_tallies
WHEN (OLD.spoke + OLD.mentioned > 0) IS NOT (NEW.spoke + NEW.mentioned > 0) OR (OLD.spoke > 0) IS NOT (NEW.spoke > 0)
BEGIN
  INSERT INTO tallies (dim, key, n) VALUES
    ('actors', '', (NEW.spoke + NEW.mentioned > 0) - (OLD.spoke + OLD.mentioned > 0)),
    ('speakers', '', (NEW.spoke > 0) - (OLD.spoke > 0))
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tallies_actor_delete AFTER DELETE ON actor_tallies
BEGIN
  INSERT INTO tallies (dim, key, n) VALUES ('actors', '', -(OLD.spoke + OLD.mentioned > 0)), ('speakers', '', -(OLD.spoke > 0))
  ON CONFLICT (dim, key) DO UPDATE SET n = n + excluded.n;
END;

-- ---- statement_topics ---------------------------------------------------------------------
CREATE TRIGGER tallies_topic_link_insert AFTER INSERT ON statement_topics
WHEN (SELECT gone FROM statements WHERE id = NEW.statement_id) = 0
BEGIN
  INSERT INTO topic_tallies (topic_slug, n) VALUES (NEW.topic_slug, 1) ON CONFLICT (topic_slug) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tallies_topic_link_delete AFTER DELETE ON statement_topics
WHEN (SELECT gone FROM statements WHERE id = OLD.statement_id) = 0
BEGIN
  UPDATE topic_tallies SET n = n - 1 WHERE topic_slug = OLD.topic_slug;
END;

-- ---- filling them for an existing database ------------------------------------------------
INSERT INTO tallies (dim, key, n) SELECT 'statements', '', COUNT(*) FROM statements WHERE gone = 0;
INSERT INTO tallies (dim, key, n) SELECT 'undated', '', COUNT(*) FROM statements WHERE gone = 0 AND date_sort = '';
INSERT INTO tallies (dim, key, n) SELECT 'kind', kind, COUNT(*) FROM statements WHERE gone = 0 GROUP BY kind;
INSERT INTO tallies (dim, key, n) SELECT 'lang', lang, COUNT(*) FROM statements WHERE gone = 0 GROUP BY lang;
INSERT INTO tallies (dim, key, n)
  SELECT 'source', COALESCE(s.source_name, d.source_name, ''), COUNT(*) FROM statements s JOIN documents d ON d.id = s.document_id
  WHERE s.gone = 0 GROUP BY 2;
INSERT INTO tallies (dim, key, n) SELECT 'documents', '', COUNT(*) FROM documents WHERE gone = 0;
INSERT INTO tallies (dim, key, n) VALUES ('actors', '', 0), ('speakers', '', 0);
-- The insert trigger on actor_tallies counts 'actors' and 'speakers' as these rows arrive.
INSERT INTO actor_tallies (actor_id, canonical, spoke, mentioned)
  SELECT a.id, a.canonical, SUM(sa.role = 'speaker'), SUM(sa.role = 'mentioned')
  FROM statement_actors sa JOIN statements s ON s.id = sa.statement_id AND s.gone = 0 JOIN actors a ON a.id = sa.actor_id
  GROUP BY a.id;
INSERT INTO topic_tallies (topic_slug, n)
  SELECT st.topic_slug, COUNT(*) FROM statement_topics st JOIN statements s ON s.id = st.statement_id AND s.gone = 0
  GROUP BY st.topic_slug;

-- ---- closest names through an index -------------------------------------------------------
-- An unknown /actor name was compared with every alias (1.5 s at 1M). Trigrams of each name key
-- find the few keys sharing pieces of it; only those are compared. The key is stored with a space
-- on each side, so a whole word is the substring ' word ' (three characters or more even for a
-- one-letter word) and "a key holding this word" is an index lookup too. One row per distinct
-- (actor, key): aliases spelled differently often fold to one key. Rows are found again by their
-- content, not by actor_aliases' rowid (VACUUM may renumber a table without an INTEGER PRIMARY KEY).
CREATE VIRTUAL TABLE actor_name_grams USING fts5(
  padded_key, actor_id UNINDEXED,
  tokenize = 'trigram'
);
-- How many keys hold each trigram: a query leaves out the trigrams half the keys share ("enk" of
-- every Ukrainian -enko), which would only make it read more rows.
CREATE VIRTUAL TABLE actor_name_gram_terms USING fts5vocab(actor_name_grams, row);
CREATE TRIGGER actor_name_grams_insert AFTER INSERT ON actor_aliases
WHEN NOT EXISTS (SELECT 1 FROM actor_aliases WHERE actor_id = NEW.actor_id AND name_key = NEW.name_key AND alias IS NOT NEW.alias)
BEGIN
  INSERT INTO actor_name_grams (padded_key, actor_id) VALUES (' ' || NEW.name_key || ' ', NEW.actor_id);
END;
CREATE TRIGGER actor_name_grams_delete AFTER DELETE ON actor_aliases
WHEN NOT EXISTS (SELECT 1 FROM actor_aliases WHERE actor_id = OLD.actor_id AND name_key = OLD.name_key)
BEGIN
  DELETE FROM actor_name_grams WHERE rowid IN (
    SELECT rowid FROM actor_name_grams WHERE padded_key LIKE ' ' || OLD.name_key || ' '
  ) AND padded_key = ' ' || OLD.name_key || ' ' AND actor_id = OLD.actor_id;
END;
CREATE TRIGGER actor_name_grams_update AFTER UPDATE OF name_key, actor_id ON actor_aliases
WHEN OLD.name_key IS NOT NEW.name_key OR OLD.actor_id IS NOT NEW.actor_id
BEGIN
  DELETE FROM actor_name_grams WHERE rowid IN (
    SELECT rowid FROM actor_name_grams WHERE padded_key LIKE ' ' || OLD.name_key || ' '
  ) AND padded_key = ' ' || OLD.name_key || ' ' AND actor_id = OLD.actor_id
    AND NOT EXISTS (SELECT 1 FROM actor_aliases WHERE actor_id = OLD.actor_id AND name_key = OLD.name_key);
  INSERT INTO actor_name_grams (padded_key, actor_id) SELECT ' ' || NEW.name_key || ' ', NEW.actor_id
    WHERE NOT EXISTS (SELECT 1 FROM actor_aliases WHERE actor_id = NEW.actor_id AND name_key = NEW.name_key AND alias IS NOT NEW.alias);
END;
INSERT INTO actor_name_grams (padded_key, actor_id) SELECT DISTINCT ' ' || name_key || ' ', actor_id FROM actor_aliases;
