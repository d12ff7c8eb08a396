// What the fake Bot API checks, as Telegram does: HTML entities, lengths, buttons, inline answers.
import { parseTelegramHtml } from '../../src/telegram/parse-html.ts';

export type Check = { ok: true; text?: string } | { ok: false; code: number; description: string };
const bad = (description: string): Check => ({ ok: false, code: 400, description: `Bad Request: ${description}` });

export function checkText(text: unknown, parseMode: unknown): Check {
  if (typeof text !== 'string') return bad('message text is empty');
  let visible = text;
  if (parseMode === 'HTML') {
    const parsed = parseTelegramHtml(text);
    if (!parsed.ok) return { ok: false, code: 400, description: parsed.error };
    visible = parsed.text;
  } else if (parseMode !== undefined) return bad('unsupported parse_mode in this fake');
  if (visible.trim().length === 0) return bad('message text is empty');
  if (visible.length > 4096) return bad('message is too long');
  return { ok: true, text: visible };
}

export function checkKeyboard(markup: unknown): Check {
  if (markup === undefined) return { ok: true };
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows)) return bad('inline keyboard expected');
  for (const row of rows) {
    if (!Array.isArray(row)) return bad('inline keyboard row expected');
    for (const b of row as Array<Record<string, unknown>>) {
      if (typeof b.text !== 'string' || !b.text) return bad('BUTTON_TEXT_EMPTY');
      const kinds = ['callback_data', 'url', 'switch_inline_query', 'switch_inline_query_current_chat', 'switch_inline_query_chosen_chat'].filter((k) => b[k] !== undefined);
      if (kinds.length !== 1) return bad('BUTTON_TYPE_INVALID');
      if (b.callback_data !== undefined) {
        const bytes = Buffer.byteLength(String(b.callback_data));
        if (bytes < 1 || bytes > 64) return bad('BUTTON_DATA_INVALID');
      }
    }
  }
  return { ok: true };
}

export function checkCommands(commands: unknown): Check {
  if (!Array.isArray(commands) || commands.length > 100) return bad('commands must be a list of at most 100');
  for (const c of commands as Array<Record<string, unknown>>) {
    if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) return bad('BOT_COMMAND_INVALID');
    if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) return bad('BOT_COMMAND_DESCRIPTION_INVALID');
  }
  return { ok: true };
}

export function checkInlineAnswer(p: Record<string, unknown>): Check {
  const results = p.results;
  if (!Array.isArray(results)) return bad('results expected');
  if (results.length > 50) return bad('RESULTS_TOO_MUCH');
  const ids = new Set<string>();
  for (const r of results as Array<Record<string, any>>) {
    const id = String(r.id ?? '');
    if (Buffer.byteLength(id) < 1 || Buffer.byteLength(id) > 64) return bad('RESULT_ID_INVALID');
    if (ids.has(id)) return bad('RESULT_ID_DUPLICATE');
    ids.add(id);
    if (r.type === 'article') {
      if (!r.title) return bad('RESULT_TITLE_EMPTY');
      const content = r.input_message_content;
      const text = checkText(content?.message_text, content?.parse_mode);
      if (!text.ok) return text;
    }
    const keyboard = checkKeyboard(r.reply_markup);
    if (!keyboard.ok) return keyboard;
  }
  if (p.next_offset !== undefined && Buffer.byteLength(String(p.next_offset)) > 64) return bad('NEXT_OFFSET_INVALID');
  return { ok: true };
}
