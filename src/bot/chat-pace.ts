// Telegram answers 429 (retry_after) when one chat gets messages faster than it allows. A handler
// that waited that out would hold the whole update loop — every other user's answer — for as long,
// which is how a flooding user used to slow down everyone. So a reply to such a chat is not waited
// for: it is dropped (logged), and the chat is left alone (the policy refuses its requests) until
// retry_after has passed. Bulk digests use their own API client and their own 429 handling.
import type { Transformer } from 'grammy';

export interface ChatPace {
  /** Until when (ms) this chat must not be sent to; 0 when it may. */
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
export function noWaitOnChatFlood(pace: ChatPace, clock: () => Date): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const chatId = (payload as { chat_id?: unknown }).chat_id;
    if (!result.ok && result.error_code === 429 && isChatSend(method) && typeof chatId === 'number') {
      const seconds = Math.max(1, Number(result.parameters?.retry_after ?? 1));
      pace.hold(chatId, clock().getTime() + seconds * 1000);
      const { retry_after: _ignored, ...parameters } = result.parameters ?? {};
      return { ...result, parameters };
    }
    return result;
  };
}
