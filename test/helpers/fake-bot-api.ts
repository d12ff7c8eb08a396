// A Telegram Bot API stand-in on 127.0.0.1: validates like Telegram, records every call, and can
// be scripted to fail (429, 5xx, 403, lost responses). Used as grammY's client.apiRoot.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCommands, checkInlineAnswer, checkKeyboard, checkText } from './fake-api-validate.ts';
import { parseMultipart } from './multipart.ts';

export const FAKE_TOKEN = '123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz';

export interface FakeCall {
  method: string;
  params: Record<string, any>;
  ok: boolean;
  /** Failed because it broke a rule (not because a test scripted a failure). */
  invalid: boolean;
  error?: { error_code: number; description: string };
  /** What a successful call returned (a sent message's message_id, …). */
  result?: any;
  at: number;
}

type Failure = { error_code: number; description: string; parameters?: Record<string, number> };
export interface ScriptRule {
  method?: string | RegExp;
  chatId?: number;
  times?: number;
  /** Only calls whose parameters this accepts (e.g. every 50th send). */
  match?: (params: Record<string, any>) => boolean;
  respond: Failure | 'destroy-socket' | 'hang';
}

export interface FakeBotApi {
  apiRoot: string;
  calls: FakeCall[];
  rejected(): FakeCall[];
  sent(chatId?: number): FakeCall[];
  /** Accepted sendDocument calls; params.document is { filename, data: Buffer }. */
  documents(chatId?: number): FakeCall[];
  pushUpdate(update: Record<string, any>): void;
  script(rule: ScriptRule): void;
  block(chatId: number, description?: string): void;
  waitFor(pred: (c: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  close(): Promise<void>;
}

export const FAKE_BOT = { id: 4242, is_bot: true, first_name: 'Digest', username: 'digest_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true };

export async function startFakeBotApi(options: { token?: string; rateLimit?: { globalPerSecond: number; perChatPerSecond: number } } = {}): Promise<FakeBotApi> {
  const token = options.token ?? FAKE_TOKEN;
  const calls: FakeCall[] = [];
  const updates: Array<Record<string, any>> = [];
  const rules: Array<ScriptRule & { left: number }> = [];
  const blocked = new Map<number, string>();
  const messages = new Map<string, { text: string; markup: string }>();
  const nextMessageId = new Map<number, number>();
  const hanging = new Set<ServerResponse>();
  const sendTimes: Array<{ at: number; chat: number }> = [];
  let waiters: Array<() => void> = [];
  let nextUpdateId = 1;
  let closed = false;

  const wake = (): void => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const record = (call: Omit<FakeCall, 'at'>): FakeCall => {
    const full = { ...call, at: Date.now() };
    calls.push(full);
    wake();
    return full;
  };
  const reply = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  async function readBody(req: IncomingMessage): Promise<Record<string, any>> {
    const chunks: Buffer[] = [];
    let size = 0;
    const multipart = String(req.headers['content-type']).startsWith('multipart/form-data');
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      // Uploads may be as large as Telegram takes from bots (50 MB); other requests 1 MB.
      if (size > (multipart ? 50 : 1) * 1024 * 1024) throw new Error('too large');
      chunks.push(chunk as Buffer);
    }
    if (multipart) {
      // Fields as Telegram reads them; a file part replaces its 'attach://<name>' field.
      const { fields, files } = parseMultipart(Buffer.concat(chunks), String(req.headers['content-type']));
      const params: Record<string, any> = { ...fields };
      for (const [key, value] of Object.entries(fields)) {
        const file = value.startsWith('attach://') ? files[value.slice('attach://'.length)] : undefined;
        if (file) params[key] = file;
      }
      return params;
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    if (!raw) return {};
    if (String(req.headers['content-type']).includes('application/x-www-form-urlencoded')) {
      return Object.fromEntries(new URLSearchParams(raw));
    }
    return JSON.parse(raw) as Record<string, any>;
  }

  function sendResult(chatId: number, text: string): Record<string, any> {
    const id = (nextMessageId.get(chatId) ?? 0) + 1;
    nextMessageId.set(chatId, id);
    return { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: chatId > 0 ? 'private' : 'supergroup' }, text };
  }

  async function answer(method: string, p: Record<string, any>, res: ServerResponse): Promise<void> {
    const ok = (result: unknown): void => {
      record({ method, params: p, ok: true, invalid: false, result });
      reply(res, 200, { ok: true, result });
    };
    const invalid = (code: number, description: string): void => {
      record({ method, params: p, ok: false, invalid: true, error: { error_code: code, description } });
      reply(res, code, { ok: false, error_code: code, description });
    };
    const chatId = Number(p.chat_id);
    switch (method) {
      case 'getMe':
        return ok(FAKE_BOT);
      case 'deleteWebhook': case 'setWebhook': case 'sendChatAction': case 'deleteMyCommands':
        return ok(true);
      case 'getUpdates': {
        const offset = Number(p.offset ?? 0);
        const drop = updates.findIndex((u) => u.update_id >= offset);
        updates.splice(0, drop === -1 ? updates.length : drop);
        const deadline = Date.now() + Math.min(Number(p.timeout ?? 0), 2) * 1000;
        while (updates.length === 0 && Date.now() < deadline && !closed) {
          await new Promise<void>((r) => {
            waiters.push(r);
            setTimeout(r, 50);
          });
        }
        return ok(updates.slice(0, Number(p.limit ?? 100)));
      }
      case 'setMyCommands': {
        const c = checkCommands(p.commands);
        return c.ok ? ok(true) : invalid(c.code, c.description);
      }
      case 'sendMessage': case 'editMessageText': {
        if (!Number.isFinite(chatId)) return invalid(400, 'Bad Request: chat not found');
        if (blocked.has(chatId)) {
          const description = blocked.get(chatId) as string;
          record({ method, params: p, ok: false, invalid: false, error: { error_code: 403, description } });
          return reply(res, 403, { ok: false, error_code: 403, description });
        }
        const text = checkText(p.text, p.parse_mode);
        if (!text.ok) return invalid(text.code, text.description);
        const keyboard = checkKeyboard(p.reply_markup);
        if (!keyboard.ok) return invalid(keyboard.code, keyboard.description);
        if (options.rateLimit && method === 'sendMessage') {
          const now = Date.now();
          while (sendTimes.length && now - (sendTimes[0]?.at ?? 0) >= 1000) sendTimes.shift();
          const perChat = sendTimes.filter((s) => s.chat === chatId).length;
          if (sendTimes.length >= options.rateLimit.globalPerSecond || perChat >= options.rateLimit.perChatPerSecond) {
            const description = 'Too Many Requests: retry after 1';
            record({ method, params: p, ok: false, invalid: false, error: { error_code: 429, description } });
            return reply(res, 429, { ok: false, error_code: 429, description, parameters: { retry_after: 1 } });
          }
          sendTimes.push({ at: now, chat: chatId });
        }
        const markup = JSON.stringify(p.reply_markup ?? null);
        if (method === 'editMessageText') {
          const key = `${chatId}:${p.message_id}`;
          const current = messages.get(key);
          if (!current) return invalid(400, 'Bad Request: message to edit not found');
          if (current.text === p.text && current.markup === markup) return invalid(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same');
          messages.set(key, { text: p.text, markup });
          return ok({ ...sendResult(chatId, text.text ?? ''), message_id: p.message_id });
        }
        const result = sendResult(chatId, text.text ?? '');
        messages.set(`${chatId}:${result.message_id}`, { text: p.text, markup });
        return ok(result);
      }
      case 'sendDocument': {
        if (!Number.isFinite(chatId)) return invalid(400, 'Bad Request: chat not found');
        const doc = p.document as { filename?: string; data?: Buffer } | string | undefined;
        if (typeof doc !== 'object' || !doc.data || doc.data.length === 0) return invalid(400, 'Bad Request: file must be non-empty');
        if (String(p.caption ?? '').length > 1024) return invalid(400, 'Bad Request: message caption is too long');
        const result = { ...sendResult(chatId, ''), document: { file_name: doc.filename, file_size: doc.data.length } };
        delete (result as { text?: string }).text;
        return ok(result);
      }
      case 'answerCallbackQuery':
        return String(p.text ?? '').length > 200 ? invalid(400, 'Bad Request: MESSAGE_TOO_LONG') : ok(true);
      case 'answerInlineQuery': {
        const c = checkInlineAnswer(p);
        return c.ok ? ok(true) : invalid(c.code, c.description);
      }
      case 'getChatMember':
        return ok({ status: 'member', user: { id: Number(p.user_id), is_bot: false, first_name: 'U' } });
      default:
        return invalid(404, 'Not Found');
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
      let params: Record<string, any>;
      try {
        params = await readBody(req);
      } catch {
        return reply(res, 413, { ok: false, error_code: 413, description: 'Request Entity Too Large' });
      }
      if (!m) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      const method = m[2] as string;
      if (m[1] !== token) {
        record({ method, params, ok: false, invalid: false, error: { error_code: 401, description: 'Unauthorized' } });
        return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      }
      const rule = rules.find((r) => r.left > 0 && (r.method === undefined || (typeof r.method === 'string' ? r.method === method : r.method.test(method))) && (r.chatId === undefined || Number(params.chat_id) === r.chatId) && (r.match === undefined || r.match(params)));
      if (rule) {
        rule.left -= 1;
        if (rule.respond === 'destroy-socket') {
          record({ method, params, ok: false, invalid: false, error: { error_code: 0, description: 'socket destroyed' } });
          return req.socket.destroy();
        }
        if (rule.respond === 'hang') {
          hanging.add(res);
          return record({ method, params, ok: false, invalid: false, error: { error_code: 0, description: 'hanging' } });
        }
        const f = rule.respond;
        record({ method, params, ok: false, invalid: false, error: { error_code: f.error_code, description: f.description } });
        return reply(res, f.error_code, { ok: false, ...f });
      }
      await answer(method, params, res);
    })().catch((error: unknown) => reply(res, 500, { ok: false, error_code: 500, description: String(error) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    rejected: () => calls.filter((c) => c.invalid),
    documents: (chatId) => calls.filter((c) => c.method === 'sendDocument' && c.ok && (chatId === undefined || Number(c.params.chat_id) === chatId)),
    sent: (chatId) => calls.filter((c) => c.method === 'sendMessage' && c.ok && (chatId === undefined || Number(c.params.chat_id) === chatId)),
    pushUpdate(update) {
      updates.push({ update_id: nextUpdateId++, ...update });
      nextUpdateId = Math.max(nextUpdateId, Number(updates[updates.length - 1]?.update_id) + 1);
      wake();
    },
    script: (rule) => rules.push({ ...rule, left: rule.times ?? 1 }),
    block: (chatId, description = 'Forbidden: bot was blocked by the user') => blocked.set(chatId, description),
    waitFor(pred, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const limit = Date.now() + timeoutMs;
        const timer = setInterval(() => {
          const found = calls.find(pred);
          if (found) {
            clearInterval(timer);
            resolve(found);
          } else if (Date.now() > limit || closed) {
            clearInterval(timer);
            reject(new Error(`waitFor timed out after ${timeoutMs} ms`));
          }
        }, 20);
      });
    },
    async close() {
      closed = true;
      wake();
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
