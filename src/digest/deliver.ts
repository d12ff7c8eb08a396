// Sending built digests, part by part, from the delivery log. Each part is claimed before it is
// sent and marked sent (with its message id) right after, so a crash can repeat at most the one
// part in flight, and a restart resumes at the first unsent part.
import type { Api } from 'grammy';
import type { Logger } from '../logger.ts';
import { errorFields } from '../logger.ts';
import type { OpenPart, Store } from '../store/index.ts';
import { classifyTelegramError } from '../telegram/errors.ts';
import { toPlainText } from '../telegram/html.ts';
import type { RateGate } from './rate-gate.ts';
import { SHARED_HOLD_MAX_MS, sleep } from './rate-gate.ts';

export const MAX_429_WAITS = 5;
export const MAX_TRANSIENT_RETRIES = 3;
/** After this many claims across runs a part is given up on (its digest marked failed). */
export const MAX_PART_ATTEMPTS = 8;

export interface DeliverOptions {
  store: Store;
  api: Api;
  logger: Logger;
  gate: RateGate;
  clock: () => Date;
  /** Epoch ms after which no new part is started, and no wait goes past. */
  deadline: number;
  /** Pause between two parts to one chat: ~1/s for people, 20/min for groups. */
  privateIntervalMs?: number;
  groupIntervalMs?: number;
  concurrency?: number;
  /** Aborted on shutdown: waits end at once and the run ends after the sends in flight. */
  signal?: AbortSignal;
  /** First backoff after a 5xx or network error; doubles each retry. */
  backoffMs?: number;
}

export interface DeliverResult {
  sent: number;
  failed: number;
  /** Set when the database could not record sends: delivery stopped rather than send unrecorded. */
  paused: string | null;
}

/**
 * Only a database that cannot take writes at all pauses delivery for everyone; any other
 * SQLite error (a constraint while moving a migrated group, say) is that chat's problem.
 */
export function isDatabaseUnwritable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|READONLY)/.test(code);
}

class DatabasePaused extends Error {}
class ChatRecordFailed extends Error {}

/** Deliveries read per page of open parts: ~300 parts, ~10 s of sending at 28 msg/s. A page is read
 *  on the bot's thread with its parts' texts: 500 deliveries took 45-56 ms, 100 take 7-9 ms. */
export const OPEN_PAGE_DELIVERIES = 100;

export async function deliverOpenParts(options: DeliverOptions): Promise<DeliverResult> {
  const { store, api, logger, gate, clock } = options;
  const result: DeliverResult = { sent: 0, failed: 0, paused: null };
  // Open digests are read a page at a time as senders need them, not all at once.
  const queue: OpenPart[][] = [];
  let after = 0;
  let exhausted = false;
  const nextChat = (): OpenPart[] | undefined => {
    if (queue.length === 0 && !exhausted) {
      const byDelivery = new Map<number, OpenPart[]>();
      for (const part of store.deliveries.openPartsPage(after, OPEN_PAGE_DELIVERIES)) {
        byDelivery.set(part.deliveryId, [...(byDelivery.get(part.deliveryId) ?? []), part]);
        after = Math.max(after, part.deliveryId);
      }
      exhausted = byDelivery.size === 0;
      queue.push(...byDelivery.values());
    }
    return queue.shift();
  };
  const now = (): string => clock().toISOString();

  const record = <T>(what: () => T): T => {
    try {
      return what();
    } catch (error) {
      if (isDatabaseUnwritable(error)) {
        result.paused = `Cannot record a delivery: ${(error as Error).message}`;
        throw new DatabasePaused(result.paused, { cause: error });
      }
      throw new ChatRecordFailed(`Cannot record a delivery: ${(error as Error).message}`, { cause: error });
    }
  };
  const { signal } = options;
  const stopping = (): boolean => signal?.aborted === true;

  async function sendPart(part: OpenPart, chatIdIn: number): Promise<'sent' | 'gone' | 'later' | 'failed'> {
    let chatId = chatIdIn;
    let text = part.html;
    let plain = false;
    let waits429 = 0;
    let transient = 0;
    const later = (why: string): 'later' => {
      record(() => store.deliveries.release(part, why.slice(0, 200), now()));
      return 'later';
    };
    for (;;) {
      await gate.take(signal);
      // Stopping while waiting for a slot: the part was claimed but not sent; give it back.
      if (stopping()) return later('shutdown before sending');
      try {
        // Not aborted on shutdown: a send in flight finishes and is recorded (the request timeout bounds it).
        const message = await api.sendMessage(chatId, text, plain ? { link_preview_options: { is_disabled: true } } : { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
        record(() => store.deliveries.markSent(part, message.message_id, now()));
        return 'sent';
      } catch (error) {
        if (error instanceof DatabasePaused || error instanceof ChatRecordFailed) throw error;
        const failure = classifyTelegramError(error);
        record(() => store.deliveries.recordError(part, failure.code ? `${failure.code} ${failure.description}` : failure.description, now()));
        if (stopping()) return later('shutdown while sending');
        if (failure.kind === 'retry' && failure.retryAfterMs !== undefined) {
          const until = Date.now() + failure.retryAfterMs;
          // Telegram cannot say whether a 429 is about this chat or the bot: everyone holds a
          // little, this chat holds the whole retry_after (remembered by the gate across runs).
          gate.holdAll(Date.now() + Math.min(failure.retryAfterMs, SHARED_HOLD_MAX_MS));
          gate.holdChat(chatId, until);
          waits429 += 1;
          if (waits429 > MAX_429_WAITS || until > options.deadline) {
            logger.warn({ retryAfterMs: failure.retryAfterMs, waits: waits429 }, 'digest part rate-limited past this run; left for a later run');
            return later(`429: retry after ${Math.round(failure.retryAfterMs / 1000)} s`);
          }
          await sleep(failure.retryAfterMs, signal);
          if (stopping()) return later('shutdown during a 429 wait');
          continue;
        }
        if (failure.kind === 'migrate' && failure.migrateTo !== undefined && failure.migrateTo !== chatId) {
          const to = failure.migrateTo;
          logger.info({ from: chatId, to }, 'group became a supergroup; moving its subscription');
          const from = chatId;
          record(() => store.db.transaction(() => {
            store.subscriptions.move(from, to, now());
            store.deliveries.moveChat(from, to);
          })());
          chatId = to;
          continue;
        }
        if (failure.kind === 'html' && !plain) {
          logger.warn({ method: 'sendMessage', description: failure.description }, 'digest HTML rejected; sending as plain text');
          plain = true;
          text = toPlainText(text);
          continue;
        }
        if (failure.kind === 'gone') {
          const gone = chatId;
          record(() => store.db.transaction(() => {
            store.subscriptions.deactivate(gone, failure.description, now());
            store.deliveries.fail(part.deliveryId, `chat gone: ${failure.description}`, now());
          })());
          logger.info({ error_code: failure.code, description: failure.description }, 'subscriber gone; deactivated');
          return 'gone';
        }
        if (failure.kind !== 'retry') {
          record(() => store.deliveries.fail(part.deliveryId, `rejected: ${failure.description}`, now()));
          logger.error({ err: errorFields(error) }, 'digest part rejected; digest marked failed');
          return 'failed';
        }
        // 5xx and network errors: back off a few times (never past the deadline), then leave the
        // part for the next run.
        const backoff = (options.backoffMs ?? 500) * 2 ** (transient + 1);
        if (transient < MAX_TRANSIENT_RETRIES && Date.now() + backoff < options.deadline) {
          transient += 1;
          await sleep(backoff, signal);
          if (stopping()) return later('shutdown during a backoff');
          continue;
        }
        logger.warn({ err: errorFields(error) }, 'digest part not sent; will retry on the next run');
        return later(failure.description);
      }
    }
  }

  async function deliverChat(parts: OpenPart[]): Promise<void> {
    for (const [i, part] of parts.entries()) {
      if (Date.now() > options.deadline || result.paused || stopping()) return;
      // A chat still inside a 429's retry_after waits for a later run; the others go on.
      if (gate.chatFreeAt(part.chatId) > Date.now()) return;
      if (part.attempts >= MAX_PART_ATTEMPTS) {
        record(() => store.deliveries.fail(part.deliveryId, `gave up after ${part.attempts} attempts`, now()));
        result.failed += 1;
        return;
      }
      if (!record(() => store.deliveries.claim(part, now()))) return; // another sender has it
      const outcome = await sendPart(part, part.chatId);
      if (outcome === 'sent') result.sent += 1;
      else {
        if (outcome !== 'later') result.failed += 1;
        return;
      }
      if (i < parts.length - 1) await sleep(part.chatId < 0 ? (options.groupIntervalMs ?? 3000) : (options.privateIntervalMs ?? 1000), signal);
    }
  }

  async function worker(): Promise<void> {
    for (let parts = nextChat(); parts; parts = nextChat()) {
      if (Date.now() > options.deadline || result.paused || stopping()) return;
      try {
        await deliverChat(parts);
      } catch (error) {
        if (!(error instanceof ChatRecordFailed)) throw error;
        // One chat's bad row must not stop the others; its parts are tried again next run.
        logger.error({ err: errorFields(error.cause ?? error), deliveryId: parts[0]?.deliveryId }, 'cannot record this chat\'s delivery; skipped for this run');
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 32) }, () => worker()));
  } catch (error) {
    if (!(error instanceof DatabasePaused)) throw error;
    result.paused = error.message;
    logger.fatal({ err: errorFields(error) }, 'ALERT: the database cannot record sends; digest delivery paused');
  }
  return result;
}
