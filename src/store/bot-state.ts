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
  const userLanguageQuery = db.prepare('SELECT user_language AS lang FROM chats WHERE id = ?');
  const setUserLanguageQuery = db.prepare(
    `INSERT INTO chats (id, type, user_language, created_at, updated_at) VALUES (@id, 'private', @lang, @now, @now)
     ON CONFLICT (id) DO UPDATE SET user_language = excluded.user_language, updated_at = excluded.updated_at`,
  );
  const updateUserLanguageQuery = db.prepare('UPDATE chats SET user_language = @lang, updated_at = @now WHERE id = @id AND user_language IS NOT @lang');
  const titleQuery = db.prepare('SELECT title FROM chats WHERE id = ?').pluck();
  const setTitleQuery = db.prepare(
    `INSERT INTO chats (id, type, title, created_at, updated_at) VALUES (@id, @type, @title, @now, @now)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at`,
  );
  const targetQuery = db.prepare('SELECT target_chat_id AS target FROM chats WHERE id = ?');
  const setTargetQuery = db.prepare(
    `INSERT INTO chats (id, type, target_chat_id, created_at, updated_at) VALUES (@id, 'private', @target, @now, @now)
     ON CONFLICT (id) DO UPDATE SET target_chat_id = excluded.target_chat_id, updated_at = excluded.updated_at`,
  );
  const createListQuery = db.prepare('INSERT INTO result_lists (chat_id, kind, arg, created_at, total, cut) VALUES (?, ?, ?, ?, ?, ?) RETURNING id');
  const listQuery = db.prepare('SELECT id, chat_id AS chatId, kind, arg, total, cut FROM result_lists WHERE id = ?');
  const setItemsQuery = db.prepare('UPDATE result_lists SET items = ? WHERE id = ?');
  const itemsQuery = db.prepare('SELECT items FROM result_lists WHERE id = ?');
  const setPageQuery = db.prepare('INSERT OR REPLACE INTO result_pages (list_id, page_no, cursor) VALUES (?, ?, ?)');
  const pageQuery = db.prepare('SELECT cursor FROM result_pages WHERE list_id = ? AND page_no = ?');
  const claimUpdateQuery = db.prepare('INSERT OR IGNORE INTO handled_updates (bot_id, update_id, handled_at) VALUES (?, ?, ?)');
  const isHandledQuery = db.prepare('SELECT 1 FROM handled_updates WHERE bot_id = ? AND update_id = ?');
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
    /** A user's Telegram language (language_code), remembered so scheduled digests can use it. */
    userLanguage(userId: number): UiLanguage | null {
      return ((userLanguageQuery.get(userId) as { lang: UiLanguage | null } | undefined)?.lang) ?? null;
    },
    /**
     * Remembers a user's Telegram language. `create: false` (every update) only keeps a known
     * user's row current, so merely talking to the bot stores nothing new (a /stop stays a /stop).
     */
    noteUserLanguage(userId: number, lang: UiLanguage, now: string, create: boolean): void {
      if (create) {
        setUserLanguageQuery.run({ id: userId, lang, now });
        return;
      }
      // Read first: a write statement takes the write lock even when it changes nothing.
      const row = userLanguageQuery.get(userId) as { lang: UiLanguage | null } | undefined;
      if (row && row.lang !== lang) updateUserLanguageQuery.run({ id: userId, lang, now });
    },
    /**
     * The language a scheduled digest is written in, as the chat would see a reply: its saved
     * choice, else (a private chat) the user's Telegram language, else the owner's; null if unknown.
     */
    digestLanguage(chatId: number, ownerUserId: number | null): UiLanguage | null {
      return this.chatLanguage(chatId) ?? this.userLanguage(chatId) ?? (ownerUserId !== null ? this.userLanguage(ownerUserId) : null);
    },
    /** The chat (a channel) a private chat's settings commands manage; null: the private chat itself. */
    targetChat(userId: number): number | null {
      return ((targetQuery.get(userId) as { target: number | null } | undefined)?.target) ?? null;
    },
    chatTitle(id: number): string | null {
      return (titleQuery.get(id) as string | null | undefined) ?? null;
    },
    setChatTitle(id: number, type: string, title: string, now: string): void {
      setTitleQuery.run({ id, type, title, now });
    },
    setTargetChat(userId: number, target: number | null, now: string): void {
      setTargetQuery.run({ id: userId, target, now });
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
    /** Update ids restart with another bot: they are remembered per bot id. */
    isUpdateHandled(botId: number, updateId: number): boolean {
      return isHandledQuery.get(botId, updateId) !== undefined;
    },
    markUpdateHandled(botId: number, updateId: number, now: string): boolean {
      return claimUpdateQuery.run(botId, updateId, now).changes === 1;
    },
    audit(entry: { at: string; userId: number | null; chatId: number | null; command: string; allowed: boolean; detail?: string }): void {
      auditQuery.run({ ...entry, allowed: entry.allowed ? 1 : 0, detail: entry.detail ?? null });
    },
  };
}

export type BotState = ReturnType<typeof createBotState>;
