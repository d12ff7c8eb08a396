// The delivery log: one row per (chat, local digest date), one row per message part. Parts are
// claimed before sending and marked sent with their message id after, so a restart resumes at
// the first unsent part and only a part in flight at a crash can go out twice.
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';

export interface OpenPart {
  deliveryId: number;
  chatId: number;
  partNo: number;
  partsTotal: number;
  html: string;
  status: 'pending' | 'claimed';
  attempts: number;
}

const OPEN_PAGE = 500;

export function createDeliveryStore(db: Db) {
  const insertDeliveryQuery = db.prepare(
    `INSERT INTO deliveries (chat_id, digest_date, status, decision, items, created_at, updated_at)
     VALUES (@chatId, @date, @status, @decision, @items, @now, @now) ON CONFLICT (chat_id, digest_date) DO NOTHING RETURNING id`,
  );
  const insertPartQuery = db.prepare(
    `INSERT INTO delivery_parts (delivery_id, part_no, html, text_id, status, updated_at) VALUES (?, ?, '', ?, 'pending', ?)`,
  );
  // A page of open deliveries (all parts of each), in delivery order after a given id: a run for
  // 100,000 chats holds one page of digest texts in memory, not all of them. The next deliveries
  // with open parts come from the open-parts index, one status at a time. Joined to deliveries,
  // SQLite walked every pending delivery and probed its parts: 40-115 ms a page when 100,000
  // deliveries were pending and few had open parts (the fan-out's longest stall).
  const openDeliveryIdsQuery = db.prepare(
    'SELECT DISTINCT delivery_id FROM delivery_parts WHERE status = @status AND delivery_id > @after ORDER BY delivery_id LIMIT @limit',
  ).pluck();
  const openPartsOfQuery = db.prepare(
    `SELECT p.delivery_id AS deliveryId, d.chat_id AS chatId, p.part_no AS partNo, COALESCE(t.html, p.html) AS html, p.status, p.attempts,
       (SELECT COUNT(*) FROM delivery_parts q WHERE q.delivery_id = p.delivery_id) AS partsTotal
     FROM delivery_parts p JOIN deliveries d ON d.id = p.delivery_id LEFT JOIN digest_texts t ON t.id = p.text_id
     WHERE p.status IN ('pending', 'claimed') AND d.status = 'pending' AND p.delivery_id IN (SELECT value FROM json_each(@ids))
     ORDER BY p.delivery_id, p.part_no`,
  );
  const textIdQuery = db.prepare(
    `INSERT INTO digest_texts (hash, html) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET hash = excluded.hash RETURNING id`,
  ).pluck();
  const claimQuery = db.prepare(
    `UPDATE delivery_parts SET status = 'claimed', attempts = attempts + 1, updated_at = @now
     WHERE delivery_id = @deliveryId AND part_no = @partNo AND status = @from`,
  );
  const sentQuery = db.prepare(
    `UPDATE delivery_parts SET status = 'sent', message_id = @messageId, last_error = NULL, updated_at = @now WHERE delivery_id = @deliveryId AND part_no = @partNo`,
  );
  const releaseQuery = db.prepare(
    `UPDATE delivery_parts SET status = 'pending', last_error = @error, updated_at = @now WHERE delivery_id = @deliveryId AND part_no = @partNo`,
  );
  const failPartsQuery = db.prepare(
    `UPDATE delivery_parts SET status = 'failed', last_error = @error, updated_at = @now WHERE delivery_id = @deliveryId AND status IN ('pending', 'claimed')`,
  );
  const finishQuery = db.prepare(
    `UPDATE deliveries SET status = @status, decision = @decision, updated_at = @now WHERE id = @deliveryId`,
  );
  const eventQuery = db.prepare('INSERT INTO delivery_events (delivery_id, part_no, event, detail, at) VALUES (?, ?, ?, ?, ?)');
  const remainingQuery = db.prepare(`SELECT COUNT(*) AS n FROM delivery_parts WHERE delivery_id = ? AND status <> 'sent'`);
  const moveChatQuery = db.prepare('UPDATE deliveries SET chat_id = ? WHERE chat_id = ?');
  const deleteChatQuery = db.prepare('DELETE FROM deliveries WHERE chat_id = ?');
  const hasOpenQuery = db.prepare(
    `SELECT 1 FROM delivery_parts p JOIN deliveries d ON d.id = p.delivery_id WHERE p.status IN ('pending', 'claimed') AND d.status = 'pending' LIMIT 1`,
  );
  const startRunQuery = db.prepare('INSERT INTO digest_runs (started_at) VALUES (?) RETURNING id');
  const finishRunQuery = db.prepare(
    'UPDATE digest_runs SET finished_at = @finishedAt, built = @built, skipped = @skipped, parts_sent = @sent, parts_failed = @failed, note = @note WHERE id = @id',
  );
  const lastRunQuery = db.prepare('SELECT started_at AS startedAt, finished_at AS finishedAt, built, skipped, parts_sent AS sent, parts_failed AS failed, note FROM digest_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1');
  const lastSentQuery = db.prepare(`SELECT MAX(digest_date) AS d FROM deliveries WHERE chat_id = ? AND status = 'sent'`);

  return {
    /** Records a decision with its parts in one go; null if this (chat, date) already has one. */
    create(input: { chatId: number; date: string; decision: string; items: number; parts: string[]; now: string }): number | null {
      const status = input.parts.length > 0 ? 'pending' : 'skipped';
      const row = insertDeliveryQuery.get({ chatId: input.chatId, date: input.date, status, decision: input.decision, items: input.items, now: input.now }) as { id: number } | undefined;
      if (!row) return null;
      input.parts.forEach((html, i) => {
        const textId = textIdQuery.get(createHash('sha256').update(html).digest('hex'), html) as number;
        insertPartQuery.run(row.id, i + 1, textId, input.now);
      });
      return row.id;
    },
    hasOpenParts(): boolean {
      return hasOpenQuery.get() !== undefined;
    },
    /** Every open part (tests, the bench): the pages one after another. */
    openParts(): OpenPart[] {
      const all: OpenPart[] = [];
      for (let page = this.openPartsPage(0, OPEN_PAGE); page.length > 0; page = this.openPartsPage(page[page.length - 1]?.deliveryId ?? 0, OPEN_PAGE)) all.push(...page);
      return all;
    },
    /** Open parts of the next `deliveries` open deliveries after delivery id `after`. */
    openPartsPage(after: number, deliveries: number): OpenPart[] {
      // One read transaction: a part moved from claimed back to pending between the two status
      // reads (another process) would otherwise be missed by this page.
      return db.transaction(() => {
        for (let from = after; ;) {
          const ids = [...new Set([
            ...(openDeliveryIdsQuery.all({ status: 'pending', after: from, limit: deliveries }) as number[]),
            ...(openDeliveryIdsQuery.all({ status: 'claimed', after: from, limit: deliveries }) as number[]),
          ])].sort((a, b) => a - b).slice(0, deliveries);
          const last = ids[ids.length - 1];
          if (last === undefined) return [];
          const parts = openPartsOfQuery.all({ ids: JSON.stringify(ids) }) as OpenPart[];
          // Open parts of deliveries no longer pending are skipped: an empty page would read as "none left".
          if (parts.length > 0) return parts;
          from = last;
        }
      })();
    },
    /** Takes a part for sending; false when another sender has it. */
    claim(part: { deliveryId: number; partNo: number; status: 'pending' | 'claimed' }, now: string): boolean {
      return claimQuery.run({ deliveryId: part.deliveryId, partNo: part.partNo, from: part.status, now }).changes === 1;
    },
    markSent(part: { deliveryId: number; partNo: number }, messageId: number, now: string): void {
      db.transaction(() => {
        sentQuery.run({ ...part, messageId, now });
        eventQuery.run(part.deliveryId, part.partNo, 'sent', String(messageId), now);
        if ((remainingQuery.get(part.deliveryId) as { n: number }).n === 0) finishQuery.run({ deliveryId: part.deliveryId, status: 'sent', decision: 'digest', now });
      })();
    },
    recordError(part: { deliveryId: number; partNo: number }, detail: string, now: string): void {
      eventQuery.run(part.deliveryId, part.partNo, 'error', detail.slice(0, 300), now);
    },
    /** Gives a part back to be tried again later (a network failure, a deadline). */
    release(part: { deliveryId: number; partNo: number }, error: string, now: string): void {
      releaseQuery.run({ ...part, error, now });
    },
    fail(deliveryId: number, reason: string, now: string): void {
      db.transaction(() => {
        failPartsQuery.run({ deliveryId, error: reason, now });
        finishQuery.run({ deliveryId, status: 'failed', decision: reason, now });
      })();
    },
    moveChat(fromChatId: number, toChatId: number): void {
      moveChatQuery.run(toChatId, fromChatId);
    },
    deleteChat(chatId: number): void {
      deleteChatQuery.run(chatId);
    },
    startRun(now: string): number {
      return (startRunQuery.get(now) as { id: number }).id;
    },
    finishRun(id: number, r: { finishedAt: string; built: number; skipped: number; sent: number; failed: number; note: string | null }): void {
      finishRunQuery.run({ id, ...r });
    },
    lastRun(): { startedAt: string; finishedAt: string; built: number; skipped: number; sent: number; failed: number; note: string | null } | undefined {
      return lastRunQuery.get() as never;
    },
    lastSentDate(chatId: number): string | null {
      return (lastSentQuery.get(chatId) as { d: string | null }).d;
    },
  };
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;
