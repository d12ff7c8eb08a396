// Which view each card message shows (short card of statement N, or part K of its full text),
// so a button that would show the same view again — a double tap, a flood of presses — edits
// nothing: Telegram answers an identical edit with 400 "message is not modified". Kept in memory,
// bounded; after a restart the first edit simply happens (and a "not modified" is ignored).
import { GrammyError } from 'grammy';
import type { InlineKeyboard } from 'grammy';
import type { BotContext } from './context.ts';

const MAX_VIEWS = 10_000;

export interface CardViews {
  /** Notes the view of a message the bot just sent. */
  remember(chatId: number, messageId: number, view: string): void;
  /** Turns the pressed button's message into `view` unless it shows it already. */
  edit(ctx: BotContext, view: string, html: string, keyboard: InlineKeyboard): Promise<void>;
}

export function createCardViews(): CardViews {
  const views = new Map<string, string>();
  const set = (key: string, view: string): void => {
    views.delete(key);
    if (views.size >= MAX_VIEWS) {
      const oldest = views.keys().next().value;
      if (oldest !== undefined) views.delete(oldest);
    }
    views.set(key, view);
  };
  const keyOf = (ctx: BotContext): string | null => {
    const q = ctx.callbackQuery;
    if (q?.inline_message_id) return `i:${q.inline_message_id}`;
    return q?.message ? `${q.message.chat.id}:${q.message.message_id}` : null;
  };
  return {
    remember: (chatId, messageId, view) => set(`${chatId}:${messageId}`, view),
    async edit(ctx, view, html, keyboard) {
      const key = keyOf(ctx);
      if (key !== null && views.get(key) === view) return;
      try {
        await ctx.editMessageText(html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: keyboard });
      } catch (error) {
        // Shown already (pressed twice before the first edit arrived): nothing to change.
        if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) throw error;
      }
      if (key !== null) set(key, view);
    },
  };
}
