// Telegram answers 429 (retry_after) when one chat gets messages faster than it allows. A handler
// that waited that out would hold the whole update loop — every other user's answer — for as long,
// which is how a flooding user used to slow down everyone. So a handler never waits for it: the
// chat is left alone (the policy refuses its requests) until retry_after has passed, and the reply
// is sent once more in the background after retry_after — unless the chat met a 429 within the
// last minute (then it is flooding, and the reply is dropped). Digests have their own client.
import type { Transformer } from 'grammy';
import type { Logger } from '../logger.ts';
import { errorFields } from '../logger.ts';
import { classifyTelegramError } from '../telegram/errors.ts';

/** A second 429 to a chat within this is a flood: no more background re-sends for it. */
const RESEND_ONCE_PER_MS = 60_000;
/** A longer retry_after is not worth a re-send: the answer would come too late to make sense. */
const MAX_RESEND_DELAY_SECONDS = 5;

export interface ChatPace {
  /** Until when (ms) this chat must not be sent to (the last hold, possibly past); 0 if never held. */
  heldUntil(chatId: number): number;
  hold(chatId: number, untilMs: number): void;
}

export function createChatPace(maxChats = 20_000): ChatPace {
  const held = new Map<number, number>();
  return {
    heldUntil: (chatId) => held.get(chatId) ?? 0,
    hold(chatId, untilMs) {
      held.delete(chatId);
      if (held.size >= maxChats) {
        const oldest = held.keys().next().value;
        if (oldest !== undefined) held.delete(oldest);
      }
      held.set(chatId, untilMs);
    },
  };
}

/** Methods that put something into one chat (what a per-chat 429 is about). */
const isChatSend = (method: string): boolean => (method.startsWith('send') && method !== 'sendChatAction') || method.startsWith('edit') || method === 'copyMessage' || method === 'forwardMessage';

/**
 * Installed before auto-retry (so inside it): a 429 to a chat send holds the chat and loses its
 * retry_after, so auto-retry returns it at once instead of sleeping in the handler.
 */
export function noWaitOnChatFlood(pace: ChatPace, clock: () => Date, logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const chatId = (payload as { chat_id?: unknown }).chat_id;
    // Read by the one classifier of failed Bot API calls (telegram/errors.ts), as delivery reads it.
    const failure = result.ok ? null : classifyTelegramError(result);
    if (!result.ok && failure?.code === 429 && isChatSend(method) && typeof chatId === 'number') {
      const seconds = Math.ceil((failure.retryAfterMs ?? 1000) / 1000);
      const now = clock().getTime();
      const flooding = pace.heldUntil(chatId) > now - RESEND_ONCE_PER_MS;
      pace.hold(chatId, now + seconds * 1000);
      if (!flooding && seconds <= MAX_RESEND_DELAY_SECONDS) {
        const resend = setTimeout(() => {
          prev(method, payload).then(
            (again) => {
              if (!again.ok) logger.warn({ method, code: again.error_code, description: again.description }, 'background re-send after a 429 failed; dropped');
            },
            (error: unknown) => logger.warn({ method, err: errorFields(error) }, 'background re-send after a 429 failed; dropped'),
          );
        }, seconds * 1000);
        resend.unref();
      }
      const { retry_after: _ignored, ...parameters } = result.parameters ?? {};
      return { ...result, parameters };
    }
    return result;
  };
}
