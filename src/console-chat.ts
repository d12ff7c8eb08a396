// The local chat console: the bot's own handlers over the local index, in a terminal, with no
// network. Every Bot API call is answered here; messages are printed, buttons are numbered.
import { createInterface } from 'node:readline';
import type { Bot } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { BotContext } from './bot/context.ts';
import { decodeEntities, escapeHtml } from './telegram/html.ts';
import { stripControl } from './terminal-text.ts';

export const CONSOLE_BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: 'Statement Digest',
  username: 'statement_digest_console_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

const USER = { id: 1000, is_bot: false, first_name: 'You', language_code: 'en' };

interface Button {
  text: string;
  data: string;
  messageId: number;
}

/** Bold marks while the text is cleaned; private-use characters no corpus text is shown with. */
const BOLD_ON = '\uE000';
const BOLD_OFF = '\uE001';

/**
 * Telegram HTML → terminal text: bold as bold (on a TTY), quotes indented, links spelled out.
 * Control characters of the text (an ESC from a hostile feed) are stripped before our own bold
 * escapes go in, so only those reach the terminal.
 */
export function htmlToTerminal(html: string, color: boolean): string {
  const text = stripControl(decodeEntities(
    html
      .replace(/[\uE000\uE001]/g, '')
      .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_m, href: string, inner: string) => `${inner} (${href})`)
      .replace(/<blockquote[^>]*>([\s\S]*?)<\/blockquote>/g, (_m, inner: string) => inner.split('\n').map((l) => `  │ ${l}`).join('\n'))
      .replace(/<\/?(b|strong)>/g, (t) => (t.startsWith('</') ? BOLD_OFF : BOLD_ON))
      .replace(/<[^>]+>/g, ''),
  ));
  return text.replaceAll(BOLD_ON, color ? '\x1b[1m' : '').replaceAll(BOLD_OFF, color ? '\x1b[22m' : '');
}

export interface ConsoleIo {
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  color: boolean;
  prompt: boolean;
}

export async function runConsoleChat(bot: Bot<BotContext>, io: ConsoleIo): Promise<void> {
  let messageId = 0;
  let updateId = 0;
  let buttons: Button[] = [];
  const show = (html: string, markup: unknown, edited: boolean, id: number): void => {
    io.write(`${edited ? '(updated)\n' : ''}${htmlToTerminal(html, io.color)}\n`);
    const rows = (markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined)?.inline_keyboard ?? [];
    const line: string[] = [];
    for (const b of rows.flat()) {
      if (!b.callback_data) continue;
      buttons.push({ text: b.text, data: b.callback_data, messageId: id });
      line.push(`[${buttons.length}] ${stripControl(b.text)}`);
    }
    if (line.length) io.write(`${line.join('   ')}\n`);
    io.write('\n');
  };

  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    const chat = { id: USER.id, type: 'private' as const, first_name: USER.first_name };
    if (method === 'sendMessage') {
      messageId += 1;
      // A message without parse mode (a citation) is plain text: shown as it is, never as HTML.
      show(p.parse_mode === 'HTML' ? String(p.text) : escapeHtml(String(p.text)), p.reply_markup, false, messageId);
      return { ok: true, result: { message_id: messageId, date: 0, chat, text: p.text } } as never;
    }
    if (method === 'editMessageText') {
      show(String(p.text), p.reply_markup, true, Number(p.message_id));
      return { ok: true, result: { message_id: p.message_id, date: 0, chat, text: p.text } } as never;
    }
    if (method === 'answerCallbackQuery' && p.text) io.write(`  » ${stripControl(String(p.text))}\n\n`);
    if (method === 'sendDocument') {
      // Files are for Telegram; here the caption says what it holds and the CLI writes it.
      io.write(`[a file${p.caption ? `: ${stripControl(String(p.caption))}` : ''} — in a terminal, use: npm run cli -- export … --out FILE]\n\n`);
      messageId += 1;
      return { ok: true, result: { message_id: messageId, date: 0, chat } } as never;
    }
    return { ok: true, result: true } as never;
  });

  const handle = async (line: string): Promise<void> => {
    const text = line.trim();
    if (!text) return;
    updateId += 1;
    const pressed = /^\d{1,3}$/.test(text) ? buttons[Number(text) - 1] : undefined;
    if (/^\d{1,3}$/.test(text) && !pressed) {
      io.write(buttons.length ? `There is no button ${text}; the buttons are 1–${buttons.length}.\n\n` : `There are no buttons to press now.\n\n`);
      return;
    }
    buttons = [];
    let update: Update;
    if (pressed) {
      update = {
        update_id: updateId,
        callback_query: {
          id: String(updateId), from: USER, chat_instance: 'console', data: pressed.data,
          message: { message_id: pressed.messageId, date: 0, chat: { id: USER.id, type: 'private', first_name: USER.first_name }, text: '' },
        },
      } as Update;
    } else {
      messageId += 1;
      const command = /^\/[\w@]+/.exec(text)?.[0];
      update = {
        update_id: updateId,
        message: {
          message_id: messageId, date: Math.floor(Date.now() / 1000), text,
          chat: { id: USER.id, type: 'private', first_name: USER.first_name }, from: USER,
          ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
        },
      } as Update;
    }
    await bot.handleUpdate(update);
  };

  const rl = createInterface({ input: io.input, terminal: false });
  if (io.prompt) io.write('> ');
  for await (const line of rl) {
    await handle(line);
    if (io.prompt) io.write('> ');
  }
}
