// Sending built digests, part by part, from the delivery log. Each part is claimed before it is
// sent and marked sent (with its message id) right after, so a crash can repeat at most the one
// part in flight, and a restart resumes at the first unsent part.
import { GrammyError, HttpError } from 'grammy';
import type { Api } from 'grammy';
import type { Logger } from '../logger.ts';
import { errorFields } from '../logger.ts';
import type { OpenPart, Store } from '../store/index.ts';
import { toPlainText } from '../telegram/html.ts';
import type { RateGate } from './rate-gate.ts';
import { sleep } from './rate-gate.ts';

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
  /** Epoch ms after which no new part is started. */
  deadline: number;
  /** Pause between two parts to one chat: ~1/s for people, 20/min for groups. */
  privateIntervalMs?: number;
  groupIntervalMs?: number;
  concurrency?: number;
  /** Asked before each part: true on shutdown, so the run ends after the parts in flight. */
  shouldStop?: () => boolean;
  /** First backoff after a 5xx or network error; doubles each retry. */
  backoffMs?: number;
}

export interface DeliverResult {
  sent: number;
  failed: number;
  /** Set when the database could not record sends: delivery stopped rather than send unrecorded. */
  paused: string | null;
}

/** Chats that are gone for good: blocked, deactivated, kicked, deleted. */
export function isChatGone(e: GrammyError): boolean {
  return e.error_code === 403 || (e.error_code === 400 && /chat not found|user is deactivated|bot was kicked|group chat was deactivated|have no rights to send/i.test(e.description));
}

class DatabasePaused extends Error {}

export async function deliverOpenParts(options: DeliverOptions): Promise<DeliverResult> {
  const { store, api, logger, gate, clock } = options;
  const result: DeliverResult = { sent: 0, failed: 0, paused: null };
  const byDelivery = new Map<number, OpenPart[]>();
  for (const part of store.deliveries.openParts()) byDelivery.set(part.deliveryId, [...(byDelivery.get(part.deliveryId) ?? []), part]);
  const queue = [...byDelivery.values()];
  const now = (): string => clock().toISOString();

  const record = <T>(what: () => T): T => {
    try {
      return what();
    } catch (error) {
      result.paused = `Cannot record a delivery: ${(error as Error).message}`;
      throw new DatabasePaused(`Cannot record a delivery: ${(error as Error).message}`, { cause: error });
    }
  };

  async function sendPart(part: OpenPart, chatIdIn: number): Promise<'sent' | 'gone' | 'later' | 'failed'> {
    let chatId = chatIdIn;
    let text = part.html;
    let plain = false;
    let waits429 = 0;
    let transient = 0;
    for (;;) {
      await gate.take();
      try {
        const message = await api.sendMessage(chatId, text, plain ? { link_preview_options: { is_disabled: true } } : { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
        record(() => store.deliveries.markSent(part, message.message_id, now()));
        return 'sent';
      } catch (error) {
        if (error instanceof DatabasePaused) throw error;
        record(() => store.deliveries.recordError(part, error instanceof GrammyError ? `${error.error_code} ${error.description}` : (error as Error).message, now()));
        if (error instanceof GrammyError) {
          const retryAfter = error.parameters.retry_after;
          const migrateTo = error.parameters.migrate_to_chat_id;
          if (error.error_code === 429 && retryAfter !== undefined && waits429 < MAX_429_WAITS) {
            waits429 += 1;
            await sleep(retryAfter * 1000);
            continue;
          }
          if (migrateTo !== undefined && migrateTo !== chatId) {
            logger.info({ from: chatId, to: migrateTo }, 'group became a supergroup; moving its subscription');
            record(() => store.db.transaction(() => {
              store.subscriptions.move(chatId, migrateTo, now());
              store.deliveries.moveChat(chatId, migrateTo);
            })());
            chatId = migrateTo;
            continue;
          }
          if (error.error_code === 400 && /can't parse entities/i.test(error.description) && !plain) {
            logger.warn({ method: 'sendMessage', description: error.description }, 'digest HTML rejected; sending as plain text');
            plain = true;
            text = toPlainText(text);
            continue;
          }
          if (isChatGone(error)) {
            record(() => store.db.transaction(() => {
              store.subscriptions.deactivate(chatId, error.description, now());
              store.deliveries.fail(part.deliveryId, `chat gone: ${error.description}`, now());
            })());
            logger.info({ error_code: error.error_code, description: error.description }, 'subscriber gone; deactivated');
            return 'gone';
          }
          if (error.error_code < 500 && error.error_code !== 429) {
            record(() => store.deliveries.fail(part.deliveryId, `rejected: ${error.description}`, now()));
            logger.error({ err: errorFields(error) }, 'digest part rejected; digest marked failed');
            return 'failed';
          }
        }
        // 5xx and network errors: back off a few times, then leave the part for the next run.
        if (transient < MAX_TRANSIENT_RETRIES && Date.now() < options.deadline) {
          transient += 1;
          await sleep((options.backoffMs ?? 500) * 2 ** transient);
          continue;
        }
        logger.warn({ err: errorFields(error) }, 'digest part not sent; will retry on the next run');
        record(() => store.deliveries.release(part, error instanceof Error ? error.message.slice(0, 200) : String(error), now()));
        return 'later';
      }
    }
  }

  async function worker(): Promise<void> {
    for (let parts = queue.shift(); parts; parts = queue.shift()) {
      for (const [i, part] of parts.entries()) {
        if (Date.now() > options.deadline || result.paused || options.shouldStop?.()) return;
        if (part.attempts >= MAX_PART_ATTEMPTS) {
          record(() => store.deliveries.fail(part.deliveryId, `gave up after ${part.attempts} attempts`, now()));
          result.failed += 1;
          break;
        }
        if (!record(() => store.deliveries.claim(part, now()))) break; // another sender has it
        const outcome = await sendPart(part, part.chatId);
        if (outcome === 'sent') result.sent += 1;
        else {
          if (outcome !== 'later') result.failed += 1;
          break;
        }
        if (i < parts.length - 1) await sleep(part.chatId < 0 ? (options.groupIntervalMs ?? 3000) : (options.privateIntervalMs ?? 1000));
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
