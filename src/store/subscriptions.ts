// Subscriptions: a chat's digest settings and schedule.
import type { Db } from './db.ts';

export type LanguagePref = 'en' | 'uk' | 'both';

export interface Filters {
  topics: string[];
  actors: number[];
  include: string[];
  exclude: string[];
  languagePref: LanguagePref;
}

export interface Subscription extends Filters {
  chatId: number;
  chatType: string;
  ownerUserId: number | null;
  active: boolean;
  inactiveReason: string | null;
  paused: boolean;
  localTime: string;
  timeZone: string;
  watermark: string;
  /** Statements committed after this sequence number are new to this chat (migration 0007). */
  watermarkSeq: number;
  nextDueAt: string;
}

interface Row {
  chat_id: number; chat_type: string; owner_user_id: number | null; active: number; inactive_reason: string | null; paused: number;
  local_time: string; time_zone: string; language_pref: LanguagePref; topics_json: string; actors_json: string;
  include_json: string; exclude_json: string; watermark: string; watermark_seq: number; next_due_at: string;
}

const toSubscription = (r: Row): Subscription => ({
  chatId: r.chat_id, chatType: r.chat_type, ownerUserId: r.owner_user_id, active: r.active === 1, inactiveReason: r.inactive_reason,
  paused: r.paused === 1, localTime: r.local_time, timeZone: r.time_zone, languagePref: r.language_pref,
  topics: JSON.parse(r.topics_json) as string[], actors: JSON.parse(r.actors_json) as number[],
  include: JSON.parse(r.include_json) as string[], exclude: JSON.parse(r.exclude_json) as string[],
  watermark: r.watermark, watermarkSeq: r.watermark_seq, nextDueAt: r.next_due_at,
});

export function createSubscriptionStore(db: Db) {
  const getQuery = db.prepare('SELECT * FROM subscriptions WHERE chat_id = ?');
  const CURRENT_SEQ = '(SELECT value FROM commit_sequence WHERE id = 1)';
  // Coming back (a new /subscribe, /start after a block, /channel again) starts afresh on purpose:
  // the next slot from now and only statements from now on, never a backlog of the weeks away.
  const insertQuery = db.prepare(
    `INSERT INTO subscriptions (chat_id, chat_type, owner_user_id, active, local_time, time_zone, watermark, watermark_seq, next_due_at, created_at, updated_at)
     VALUES (@chatId, @chatType, @ownerUserId, 1, @localTime, @timeZone, @now, ${CURRENT_SEQ}, @nextDueAt, @now, @now)
     ON CONFLICT (chat_id) DO UPDATE SET active = 1, inactive_reason = NULL, chat_type = excluded.chat_type,
       local_time = excluded.local_time, time_zone = excluded.time_zone, next_due_at = excluded.next_due_at,
       watermark = excluded.watermark, watermark_seq = excluded.watermark_seq, updated_at = excluded.updated_at`,
  );
  const saveQuery = db.prepare(
    `UPDATE subscriptions SET paused = @paused, local_time = @localTime, time_zone = @timeZone, language_pref = @languagePref,
       topics_json = @topics, actors_json = @actors, include_json = @include, exclude_json = @exclude, next_due_at = @nextDueAt,
       updated_at = @now WHERE chat_id = @chatId`,
  );
  const dueQuery = db.prepare(
    'SELECT * FROM subscriptions WHERE active = 1 AND paused = 0 AND next_due_at <= ? ORDER BY next_due_at, chat_id LIMIT ?',
  );
  const oldestDueWatermarkQuery = db.prepare('SELECT MIN(watermark_seq) FROM subscriptions WHERE active = 1 AND paused = 0 AND next_due_at <= ?').pluck();
  const advanceQuery = db.prepare(
    `UPDATE subscriptions SET next_due_at = @nextDueAt, watermark = COALESCE(@watermark, watermark), watermark_seq = COALESCE(@watermarkSeq, watermark_seq),
       updated_at = @now WHERE chat_id = @chatId AND next_due_at = @fromDueAt`,
  );
  const deactivateQuery = db.prepare('UPDATE subscriptions SET active = 0, inactive_reason = ?, updated_at = ? WHERE chat_id = ?');
  const reactivateQuery = db.prepare(
    `UPDATE subscriptions SET active = 1, inactive_reason = NULL, next_due_at = @nextDueAt, watermark = @now, watermark_seq = ${CURRENT_SEQ},
       updated_at = @now WHERE chat_id = @chatId AND active = 0`,
  );
  const setOwnerQuery = db.prepare('UPDATE subscriptions SET owner_user_id = ?, updated_at = ? WHERE chat_id = ?');
  const moveQuery = db.prepare('UPDATE subscriptions SET chat_id = ?, updated_at = ? WHERE chat_id = ?');
  const deleteQuery = db.prepare('DELETE FROM subscriptions WHERE chat_id = ?');
  const countQuery = db.prepare('SELECT COUNT(*) AS n, SUM(active = 1 AND paused = 0) AS live FROM subscriptions');

  return {
    get(chatId: number): Subscription | undefined {
      const row = getQuery.get(chatId) as Row | undefined;
      return row ? toSubscription(row) : undefined;
    },
    /** Creates, or reactivates with this time and zone; either way the next slot and "new" start from now. */
    subscribe(input: { chatId: number; chatType: string; ownerUserId: number | null; localTime: string; timeZone: string; nextDueAt: string; now: string }): Subscription {
      insertQuery.run(input);
      return this.get(input.chatId) as Subscription;
    },
    save(s: Subscription, now: string): void {
      saveQuery.run({
        chatId: s.chatId, paused: s.paused ? 1 : 0, localTime: s.localTime, timeZone: s.timeZone, languagePref: s.languagePref,
        topics: JSON.stringify(s.topics), actors: JSON.stringify(s.actors), include: JSON.stringify(s.include), exclude: JSON.stringify(s.exclude),
        nextDueAt: s.nextDueAt, now,
      });
    },
    /** The oldest "new since" point among the chats due now; null when none is due. */
    oldestDueWatermark(now: string): number | null {
      return (oldestDueWatermarkQuery.get(now) as number | null) ?? null;
    },
    due(now: string, limit = 10_000): Subscription[] {
      return (dueQuery.all(now, limit) as Row[]).map(toSubscription);
    },
    /**
     * Moves a subscription to its next slot, only if nobody else did (two processes, one slot);
     * with a watermark, the statements up to `watermark.seq` count as delivered.
     */
    advance(chatId: number, fromDueAt: string, nextDueAt: string, watermark: { at: string; seq: number } | null, now: string): boolean {
      return advanceQuery.run({ chatId, fromDueAt, nextDueAt, watermark: watermark?.at ?? null, watermarkSeq: watermark?.seq ?? null, now }).changes === 1;
    },
    deactivate(chatId: number, reason: string, now: string): void {
      deactivateQuery.run(reason, now, chatId);
    },
    /** Turns an inactive digest back on from its next slot, with only statements from now on. */
    reactivate(chatId: number, nextDueAt: string, now: string): boolean {
      return reactivateQuery.run({ chatId, nextDueAt, now }).changes === 1;
    },
    setOwner(chatId: number, ownerUserId: number, now: string): void {
      setOwnerQuery.run(ownerUserId, now, chatId);
    },
    move(fromChatId: number, toChatId: number, now: string): void {
      moveQuery.run(toChatId, now, fromChatId);
    },
    remove(chatId: number): boolean {
      return deleteQuery.run(chatId).changes === 1;
    },
    counts(): { total: number; live: number } {
      const r = countQuery.get() as { n: number; live: number | null };
      return { total: r.n, live: r.live ?? 0 };
    },
  };
}

export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>;
