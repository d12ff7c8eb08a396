// Bot state in SQLite: chat language, paging lists, handled updates, admin audit.
import type { Db } from './db.ts';

export type UiLanguage = 'en' | 'uk';
export type ListKind = 'latest' | 'search' | 'actor' | 'topic';

export interface ResultList {
  id: number;
  chatId: number;
  kind: ListKind;
  arg: string;
  /** How many statements the list had when it was first shown; null when not counted. */
  total: number | null;
  /** A search list holds only the newest MAX_SEARCH_MATCHES of more matches; a count stopped at MAX_COUNTED. */
  cut: boolean;
}

/** An /actor list's argument: '<actor id>' lists what the person said, '<id>:mentioned' what mentions them. */
export function parseActorListArg(arg: string): { actorId: number; role: 'speaker' | 'any' } {
  const [id = '', role] = arg.split(':');
  return { actorId: Number(id), role: role === 'mentioned' ? 'any' : 'speaker' };
}

export function createBotState(db: Db) {
  const upsertChatQuery = db.prepare(
    `INSERT INTO chats (id, type, created_at, updated_at) VALUES (@id, @type, @now, @now)
     ON CONFLICT (id) DO UPDATE SET type = excluded.type`,
  );
  const setLanguageQuery = db.prepare(
    `INSERT INTO chats (id, type, ui_language, created_at, updated_at) VALUES (@id, @type, @lang, @now, @now)
     ON CONFLICT (id) DO UPDATE SET ui_language = excluded.ui_language, updated_at = excluded.updated_at`,
  );
  const languageQuery = db.prepare('SELECT ui_language AS lang FROM chats WHERE id = ?');
  const createListQuery = db.prepare('INSERT INTO result_lists (chat_id, kind, arg, created_at, total, cut) VALUES (?, ?, ?, ?, ?, ?) RETURNING id');
  const listQuery = db.prepare('SELECT id, chat_id AS chatId, kind, arg, total, cut FROM result_lists WHERE id = ?');
  const setItemsQuery = db.prepare('UPDATE result_lists SET items = ? WHERE id = ?');
  const itemsQuery = db.prepare('SELECT items FROM result_lists WHERE id = ?');
  const setPageQuery = db.prepare('INSERT OR REPLACE INTO result_pages (list_id, page_no, cursor) VALUES (?, ?, ?)');
  const pageQuery = db.prepare('SELECT cursor FROM result_pages WHERE list_id = ? AND page_no = ?');
  const pruneListsQuery = db.prepare('DELETE FROM result_lists WHERE created_at < ?');
  const claimUpdateQuery = db.prepare('INSERT OR IGNORE INTO handled_updates (update_id, handled_at) VALUES (?, ?)');
  const isHandledQuery = db.prepare('SELECT 1 FROM handled_updates WHERE update_id = ?');
  const pruneUpdatesQuery = db.prepare('DELETE FROM handled_updates WHERE handled_at < ?');
  const auditQuery = db.prepare(
    'INSERT INTO audit_log (at, user_id, chat_id, command, allowed, detail) VALUES (@at, @userId, @chatId, @command, @allowed, @detail)',
  );

  return {
    touchChat(id: number, type: string, now: string): void {
      upsertChatQuery.run({ id, type, now });
    },
    chatLanguage(id: number): UiLanguage | null {
      return ((languageQuery.get(id) as { lang: UiLanguage | null } | undefined)?.lang) ?? null;
    },
    setChatLanguage(id: number, type: string, lang: UiLanguage, now: string): void {
      setLanguageQuery.run({ id, type, lang, now });
    },
    createList(chatId: number, kind: ListKind, arg: string, now: string, size: { total: number | null; cut: boolean } = { total: null, cut: false }): number {
      return (createListQuery.get(chatId, kind, arg, now, size.total, size.cut ? 1 : 0) as { id: number }).id;
    },
    list(id: number): ResultList | undefined {
      const row = listQuery.get(id) as (Omit<ResultList, 'cut'> & { cut: number }) | undefined;
      return row ? { ...row, cut: row.cut === 1 } : undefined;
    },
    /** Freezes a list's statements in their order: later pages read them, whatever an ingest changes. */
    setListItems(listId: number, ids: number[]): void {
      setItemsQuery.run(ids.join(','), listId);
    },
    /** Statement ids of a frozen list from position `from`, at most `limit`. */
    listItems(listId: number, from: number, limit: number): number[] {
      const items = (itemsQuery.get(listId) as { items: string | null } | undefined)?.items;
      return items ? items.split(',').slice(from, from + limit).map(Number) : [];
    },
    setPageCursor(listId: number, pageNo: number, cursor: string | null): void {
      setPageQuery.run(listId, pageNo, cursor);
    },
    /** undefined: that page was never reached (a forged or stale button); null: the first page. */
    pageCursor(listId: number, pageNo: number): string | null | undefined {
      const row = pageQuery.get(listId, pageNo) as { cursor: string | null } | undefined;
      return row === undefined ? undefined : row.cursor;
    },
    pruneLists(olderThan: string): number {
      return pruneListsQuery.run(olderThan).changes;
    },
    isUpdateHandled(updateId: number): boolean {
      return isHandledQuery.get(updateId) !== undefined;
    },
    markUpdateHandled(updateId: number, now: string): boolean {
      return claimUpdateQuery.run(updateId, now).changes === 1;
    },
    pruneHandledUpdates(olderThan: string): number {
      return pruneUpdatesQuery.run(olderThan).changes;
    },
    audit(entry: { at: string; userId: number | null; chatId: number | null; command: string; allowed: boolean; detail?: string }): void {
      auditQuery.run({ ...entry, allowed: entry.allowed ? 1 : 0, detail: entry.detail ?? null });
    },
  };
}

export type BotState = ReturnType<typeof createBotState>;
