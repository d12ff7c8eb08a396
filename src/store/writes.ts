// Writing extracted documents: upsert by stable ids, keep the FTS index in step, mark what
// disappeared as gone. Callers wrap one source file in one transaction.
import { statementContentHash } from '../corpus/content-hash.ts';
import { dateSortKey } from '../corpus/dates.ts';
import { foldText } from '../corpus/names.ts';
import { stemFolded, stemText } from '../corpus/stem.ts';
import type { TopicTagger } from '../corpus/topics.ts';
import type { ExtractedDocument, ExtractedStatement, PreparedStatement } from '../corpus/types.ts';
import type { ActorStore } from './actors.ts';
import type { SeenStatements } from './imports.ts';
import type { TypingTerms } from './typing-terms.ts';
import { FLUSH_TERMS } from './typing-terms.ts';
import type { Db } from './db.ts';

export interface WriteCounts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Global ids (JSONL `"global": true`) another file still holds: reported, the later file wins. */
  clashes: string[];
}

export function createWriter(db: Db, actors: ActorStore, tagger: TopicTagger, typingTerms: TypingTerms) {
  const upsertDocumentQuery = db.prepare(
    `INSERT INTO documents (source_key, source_name, kind, url, home_url, title, date, date_precision, content_hash, first_seen_at, last_seen_at, gone)
     VALUES (@sourceKey, @sourceName, @kind, @url, @homeUrl, @title, @date, @precision, @hash, @now, @now, 0)
     ON CONFLICT (source_key) DO UPDATE SET source_name = excluded.source_name, kind = excluded.kind, url = excluded.url,
       home_url = excluded.home_url, title = excluded.title, date = excluded.date, date_precision = excluded.date_precision,
       content_hash = excluded.content_hash, last_seen_at = excluded.last_seen_at, gone = 0
     RETURNING id`,
  );
  const statementByExternalQuery = db.prepare(
    'SELECT s.id, s.content_hash AS hash, s.gone, d.source_key AS sourceKey FROM statements s JOIN documents d ON d.id = s.document_id WHERE s.external_id = ?',
  );
  const insertStatementQuery = db.prepare(
    `INSERT INTO statements (document_id, external_id, kind, title, text, parts_json, parts_total, attribution, lang, date, date_precision,
       date_sort, translation_group, url, source_name, content_hash, ingested_at, updated_at, gone, seq)
     VALUES (@documentId, @externalId, @kind, @title, @text, @partsJson, @partsTotal, @attribution, @lang, @date, @precision,
       @dateSort, @translationGroup, @url, @sourceName, @hash, @now, @now, 0, (SELECT value + 1 FROM commit_sequence WHERE id = 1))
     RETURNING id`,
  );
  const updateStatementQuery = db.prepare(
    `UPDATE statements SET document_id = @documentId, kind = @kind, title = @title, text = @text, parts_json = @partsJson,
       parts_total = @partsTotal, attribution = @attribution, lang = @lang, date = @date, date_precision = @precision,
       date_sort = @dateSort, translation_group = @translationGroup, url = @url, source_name = @sourceName,
       content_hash = @hash, updated_at = @now, gone = 0
     WHERE id = @id`,
  );
  const touchDocumentQuery = db.prepare('UPDATE statements SET document_id = ? WHERE id = ?');
  const clearActorsQuery = db.prepare('DELETE FROM statement_actors WHERE statement_id = ?');
  const insertActorQuery = db.prepare('INSERT OR IGNORE INTO statement_actors (statement_id, actor_id, role, date_sort) VALUES (?, ?, ?, ?)');
  const clearTopicsQuery = db.prepare('DELETE FROM statement_topics WHERE statement_id = ?');
  const insertTopicQuery = db.prepare('INSERT OR IGNORE INTO statement_topics (statement_id, topic_slug, matched, date_sort) VALUES (?, ?, ?, ?)');
  const deleteFtsQuery = db.prepare('DELETE FROM statements_fts WHERE rowid = ?');
  const insertFtsQuery = db.prepare('INSERT INTO statements_fts (rowid, body, stems, names, title) VALUES (?, ?, ?, ?, ?)');
  const queuedQuery = db.prepare(
    `SELECT q.statement_id AS id, s.text, s.title, s.attribution, s.gone FROM search_rebuild_queue q
     LEFT JOIN statements s ON s.id = q.statement_id ORDER BY q.statement_id LIMIT ?`,
  );
  const actorsOfQuery = db.prepare('SELECT actor_id AS actorId FROM statement_actors WHERE statement_id = ? ORDER BY rowid');
  const dequeueQuery = db.prepare('DELETE FROM search_rebuild_queue WHERE statement_id = ?');
  const liveInDocumentQuery = db.prepare('SELECT id, external_id AS externalId FROM statements WHERE document_id = ? AND gone = 0');
  const markStatementGoneQuery = db.prepare('UPDATE statements SET gone = 1, updated_at = ? WHERE id = ?');
  // A file's documents: its key, or its key + '#…'. A range, not LIKE: LIKE ignores case and
  // cannot use the index, so every lookup scanned all documents (slow for feeds with many entries).
  const documentsOfFileQuery = db.prepare(
    `SELECT id, source_key AS sourceKey, content_hash AS hash FROM documents
     WHERE gone = 0 AND (source_key = @key OR (source_key >= @key || '#' AND source_key < @key || '$'))`,
  );
  const markDocumentGoneQuery = db.prepare('UPDATE documents SET gone = 1, last_seen_at = ? WHERE id = ?');
  const liveDocumentKeysQuery = db.prepare(`SELECT source_key AS sourceKey FROM documents WHERE gone = 0 AND source_key LIKE 'file:%'`);

  function externalIdOf(doc: ExtractedDocument, s: ExtractedStatement): string {
    return s.externalId ?? `${doc.sourceKey}#${s.localKey}`;
  }

  // The names column of the same people is the same string: an archive of a few speakers stems
  // their aliases once, not once per statement. Bounded: a stream of new people cannot grow it forever.
  const namesColumnCache = new Map<string, string>();
  const NAMES_CACHE_LIMIT = 10_000;

  function namesColumn(actorIds: number[], attribution: string | null): string {
    const key = `${actorIds.join(',')}|${attribution ?? ''}`;
    const cached = namesColumnCache.get(key);
    if (cached !== undefined) return cached;
    const names = actorIds.flatMap((actorId) => actors.aliasesOf(actorId));
    if (attribution) names.push(attribution);
    const column = stemText([...new Set(names)].join(' · '));
    if (namesColumnCache.size >= NAMES_CACHE_LIMIT) namesColumnCache.clear();
    namesColumnCache.set(key, column);
    return column;
  }

  /** One search row: the folded text (exact words, phrases), its stems, the people's names and the title. */
  function insertSearchRow(id: number, text: string, title: string | null, attribution: string | null, actorIds: number[], prepared?: PreparedStatement): void {
    const body = prepared?.body ?? foldText(text);
    insertFtsQuery.run(id, body, prepared?.stems ?? stemFolded(body), namesColumn(actorIds, attribution), title ? stemText(title) : '');
    typingTerms.count(body);
  }

  // Search rows wait until the batch's other writes are done. SQLite opens a savepoint for every
  // statement that may need one (an insert with a trigger or a unique key), and FTS5 writes its
  // pending terms to disk at each savepoint: interleaved, every row became a segment of its own and
  // the statement insert cost 70-90 us instead of 20-35 (measured on the realistic archive).
  const pendingSearchRows: Array<{ id: number; s: ExtractedStatement; actorIds: number[]; isNew: boolean }> = [];

  function queueSearchRow(id: number, s: ExtractedStatement, speakerIds: number[], mentionIds: number[], isNew: boolean): void {
    pendingSearchRows.push({ id, s, actorIds: [...speakerIds, ...mentionIds], isNew });
  }

  /** Writes the queued search rows, in the order they were queued; inside the caller's transaction. */
  function flushSearchRows(): void {
    for (const { id, s, actorIds, isNew } of pendingSearchRows.splice(0)) {
      if (!isNew) deleteFtsQuery.run(id);
      insertSearchRow(id, s.text, s.title, s.attribution, actorIds, s.prepared);
    }
  }

  interface Translations {
    byKey: Map<string, ExtractedStatement>;
    originals: Set<string>;
  }

  /** Per document, once: who translates whom (a lookup per statement, not a scan). */
  function translationsOf(doc: ExtractedDocument): Translations {
    const byKey = new Map<string, ExtractedStatement>();
    const originals = new Set<string>();
    for (const o of doc.statements) {
      byKey.set(o.localKey, o);
      if (o.translationOf) originals.add(o.translationOf);
    }
    return { byKey, originals };
  }

  type Outcome = 'added' | 'updated' | 'unchanged';

  /** `seen`: a streamed import's memory — a statement it already wrote is a repeated line, not written again. */
  const NO_TRANSLATIONS: Translations = { byKey: new Map(), originals: new Set() };

  function writeStatement(
    documentId: number, doc: ExtractedDocument, s: ExtractedStatement, now: string, links: Translations, clashes: string[], seen?: SeenStatements,
  ): Outcome | 'duplicate' {
    const externalId = externalIdOf(doc, s);
    const original = s.translationOf ? links.byKey.get(s.translationOf) : undefined;
    const hasTranslations = links.originals.has(s.localKey);
    const translationGroup = original ? externalIdOf(doc, original) : hasTranslations ? externalId : null;
    const sourceName = s.sourceName ?? null;
    // The statement's own words decide its topics: an article title speaks for the article, not each quote.
    const tags = s.prepared?.tags ?? tagger.tag(s.text);
    const hash = s.prepared && translationGroup === null ? s.prepared.hashAlone : statementContentHash(tags, s, translationGroup);
    const existing = statementByExternalQuery.get(externalId) as { id: number; hash: string; gone: number; sourceKey: string } | undefined;
    if (existing && seen?.has(existing.id)) return 'duplicate';
    const fileOf = (key: string): string => key.split('#')[0] as string;
    if (existing && existing.gone === 0 && fileOf(existing.sourceKey) !== fileOf(doc.sourceKey)) {
      clashes.push(`id ${externalId} is also in ${fileOf(existing.sourceKey).replace(/^file:/, '')}`);
    }
    if (existing && existing.hash === hash && existing.gone === 0) {
      touchDocumentQuery.run(documentId, existing.id);
      seen?.add(existing.id);
      return 'unchanged';
    }
    const params = {
      documentId, externalId, kind: s.kind, title: s.title, text: s.text,
      partsJson: s.parts ? JSON.stringify(s.parts) : null, partsTotal: s.partsTotal, attribution: s.attribution,
      lang: s.lang, date: s.date.value, precision: s.date.precision, dateSort: dateSortKey(s.date),
      translationGroup, url: s.url, sourceName, hash, now,
    };
    let id: number;
    if (existing) {
      id = existing.id;
      updateStatementQuery.run({ ...params, id });
      clearActorsQuery.run(id);
      clearTopicsQuery.run(id);
    } else {
      id = (insertStatementQuery.get(params) as { id: number }).id;
    }
    const speakerIds = [...new Set(s.speakers.map((name) => actors.resolveOrCreate(name)))];
    const mentionIds = [...new Set(s.mentioned.map((name) => actors.resolveOrCreate(name)))].filter((a) => !speakerIds.includes(a));
    for (const a of speakerIds) insertActorQuery.run(id, a, 'speaker', params.dateSort);
    for (const a of mentionIds) insertActorQuery.run(id, a, 'mentioned', params.dateSort);
    for (const t of tags) insertTopicQuery.run(id, t.slug, t.matched, params.dateSort);
    queueSearchRow(id, s, speakerIds, mentionIds, !existing);
    seen?.add(id);
    return existing ? 'updated' : 'added';
  }

  /** A gone statement leaves the search index and the per-person/per-topic lists at once. */
  function markStatementGone(id: number, now: string): void {
    markStatementGoneQuery.run(now, id);
    deleteFtsQuery.run(id);
    clearActorsQuery.run(id);
    clearTopicsQuery.run(id);
  }

  return {
    /**
     * Rebuilds the search rows a migration queued (0007 added the stems column), in batches; the
     * caller wraps it in one transaction. Returns how many rows were rebuilt.
     */
    rebuildQueuedSearchRows(batch = 2000): number {
      let done = 0;
      for (;;) {
        const rows = queuedQuery.all(batch) as Array<{ id: number; text: string | null; title: string | null; attribution: string | null; gone: number | null }>;
        if (rows.length === 0) {
          typingTerms.flush();
          return done;
        }
        for (const r of rows) {
          deleteFtsQuery.run(r.id);
          if (r.text !== null && r.gone === 0) {
            const actorIds = (actorsOfQuery.all(r.id) as Array<{ actorId: number }>).map((a) => a.actorId);
            insertSearchRow(r.id, r.text, r.title, r.attribution, [...new Set(actorIds)]);
          }
          dequeueQuery.run(r.id);
          done += 1;
        }
        typingTerms.flush(FLUSH_TERMS);
      }
    },

    /**
     * Writes every document parsed from one file, and marks gone what the file no longer holds.
     * `fileKey` is 'file:<name>'; its documents are that key or '<key>#…'.
     */
    writeFile(fileKey: string, documents: ExtractedDocument[], now: string, fileHash: string): WriteCounts {
      // Rows queued by a call whose transaction failed (it threw) were rolled back: never write them.
      pendingSearchRows.length = 0;
      typingTerms.discard();
      const counts: WriteCounts = { added: 0, updated: 0, unchanged: 0, removed: 0, clashes: [] };
      const keep = new Set(documents.map((d) => d.sourceKey));
      for (const doc of documents) {
        const documentId = this.upsertDocument(doc, fileHash, now);
        const seen = new Set<string>();
        const links = translationsOf(doc);
        for (const s of doc.statements) {
          seen.add(externalIdOf(doc, s));
          counts[writeStatement(documentId, doc, s, now, links, counts.clashes) as Outcome] += 1;
        }
        for (const row of liveInDocumentQuery.all(documentId) as Array<{ id: number; externalId: string }>) {
          if (seen.has(row.externalId)) continue;
          markStatementGone(row.id, now);
          counts.removed += 1;
        }
      }
      flushSearchRows();
      typingTerms.flush();
      for (const row of documentsOfFileQuery.all({ key: fileKey }) as Array<{ id: number; sourceKey: string }>) {
        if (keep.has(row.sourceKey)) continue;
        counts.removed += this.markDocumentGone(row.id, now);
      }
      return counts;
    },

    /** A document row, created or refreshed; `hash` says which file content it was written from. */
    upsertDocument(doc: ExtractedDocument, hash: string, now: string): number {
      return (upsertDocumentQuery.get({
        sourceKey: doc.sourceKey, sourceName: doc.sourceName, kind: doc.kind, url: doc.url, homeUrl: doc.homeUrl,
        title: doc.title, date: doc.date.value, precision: doc.date.precision, hash, now,
      }) as { id: number }).id;
    },

    /** One batch of a streamed file (JSONL lines), in the caller's transaction: an outcome per statement. */
    writeStreamed(
      documentId: number, doc: ExtractedDocument, batch: ExtractedStatement[], now: string, seen: SeenStatements, clashes: string[], bulk = false,
    ): Array<Outcome | 'duplicate'> {
      pendingSearchRows.length = 0; // see writeFile
      const outcomes = batch.map((s) => writeStatement(documentId, doc, s, now, NO_TRANSLATIONS, clashes, seen));
      flushSearchRows();
      // With the batch, so a crash loses none; a bulk load (a batch repeats most of the last one's
      // words) every FLUSH_TERMS distinct words, then at its end, and recounts them if interrupted.
      typingTerms.flush(bulk ? FLUSH_TERMS : 0);
      return outcomes;
    },


    /** Statements a re-read file no longer holds leave the index and the lists. */
    markStatementsGone(ids: number[], now: string): void {
      for (const id of ids) markStatementGone(id, now);
    },

    /** Marks a document and its statements gone; returns how many statements went. */
    markDocumentGone(documentId: number, now: string): number {
      markDocumentGoneQuery.run(now, documentId);
      const rows = liveInDocumentQuery.all(documentId) as Array<{ id: number }>;
      for (const row of rows) markStatementGone(row.id, now);
      return rows.length;
    },

    /** Keys ('file:<name>' or 'file:<name>#…') of documents still live. */
    liveFileKeys(): string[] {
      return (liveDocumentKeysQuery.all() as Array<{ sourceKey: string }>).map((r) => r.sourceKey);
    },

    /** Live documents of a file with the hash they were written from: equal hashes mean nothing to do. */
    documentsOfFile(fileKey: string): Array<{ id: number; sourceKey: string; hash: string }> {
      return documentsOfFileQuery.all({ key: fileKey }) as Array<{ id: number; sourceKey: string; hash: string }>;
    },
    liveStatementCount(documentIds: number[]): number {
      return documentIds.reduce((n, id) => n + (liveInDocumentQuery.all(id) as unknown[]).length, 0);
    },
  };
}

export type Writer = ReturnType<typeof createWriter>;
