// One reading of a failed Bot API call, for the bot's replies and for digest delivery alike:
// what happened decides what to do next. Works on a GrammyError or a raw `{ ok: false }` result
// (both carry error_code, description, parameters); anything else is a network failure.

export type TelegramErrorKind =
  /** The chat is gone for good: blocked, deactivated, kicked, deleted. Stop sending there. */
  | 'gone'
  /** Try again later: 429 (after retryAfterMs), 5xx, or the network. */
  | 'retry'
  /** Our HTML was rejected: send the same text as plain text. */
  | 'html'
  /** A group became a supergroup: send to migrateTo instead. */
  | 'migrate'
  /** Refused for a reason a retry will not fix (400 bad request, 413, …). */
  | 'reject';

export interface TelegramFailure {
  kind: TelegramErrorKind;
  /** Telegram's error code, or 0 for a network failure. */
  code: number;
  description: string;
  retryAfterMs?: number;
  migrateTo?: number;
}

interface ApiErrorShape {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

const GONE_400 = /chat not found|user is deactivated|bot was kicked|group chat was deactivated|have no rights to send|need administrator rights|CHAT_WRITE_FORBIDDEN/i;

function isApiError(value: unknown): value is ApiErrorShape {
  const v = value as Partial<ApiErrorShape> | null;
  return typeof v === 'object' && v !== null && typeof v.error_code === 'number' && typeof v.description === 'string';
}

export function classifyTelegramError(error: unknown): TelegramFailure {
  if (!isApiError(error)) {
    return { kind: 'retry', code: 0, description: error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200) };
  }
  const code = error.error_code;
  const description = error.description;
  const retryAfter = error.parameters?.retry_after;
  const migrateTo = error.parameters?.migrate_to_chat_id;
  if (migrateTo !== undefined) return { kind: 'migrate', code, description, migrateTo };
  if (code === 429) return { kind: 'retry', code, description, retryAfterMs: Math.max(1, retryAfter ?? 1) * 1000 };
  if (code >= 500) return { kind: 'retry', code, description };
  if (code === 400 && /can't parse entities/i.test(description)) return { kind: 'html', code, description };
  if (code === 403 || (code === 400 && GONE_400.test(description))) return { kind: 'gone', code, description };
  return { kind: 'reject', code, description };
}
