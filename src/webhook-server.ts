// The webhook endpoint. It checks the secret before reading a byte of the body, reads the body
// itself under a size cap, and answers malformed input with a 4xx instead of letting grammY throw
// a 500 — Telegram retries any non-2xx, so a 500 for a body that can never parse would repeat
// until the update expires. Errors are logged by safe fields only; the body never reaches a log.
import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Bot, Context } from 'grammy';
import type { Update } from 'grammy/types';
import { BOT_UPDATE_TYPES } from './bot/create-bot.ts';
import type { Logger } from './logger.ts';
import { errorFields } from './logger.ts';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Telegram's own updates are a few kB; 1 MB leaves room for long captions and entities. */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;
/** Under grammY's and Telegram's own limits, so we answer before Telegram gives up on us. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 9_000;
/** Headers and body must arrive within this: a 1 byte/s body (with the secret) is cut, not held for minutes. */
export const DEFAULT_WEBHOOK_BODY_TIMEOUT_MS = 10_000;
/** After a 413 the rest of the body is read and dropped this long, so the client sees the answer, not a reset. */
const DRAIN_AFTER_REJECT_MS = 1_000;

export interface WebhookServerOptions<C extends Context> {
  bot: Bot<C>;
  secret: string;
  logger: Logger;
  maxBodyBytes?: number;
  /** How long a handler may take before the request is answered with an error (503). */
  timeoutMs?: number;
  /** Updates holding none of these keys are acknowledged (200) and not handled. */
  updateTypes?: readonly string[];
  /** Only this path (WEBHOOK_URL's) is the endpoint; anything else is 404. Default '/'. */
  path?: string;
  /** Headers and body of one request must arrive within this (≤ 10 s). */
  bodyTimeoutMs?: number;
}

class BodyTooLarge extends Error {}
class BodyTooSlow extends Error {}

function isRightSecret(header: string | string[] | undefined, secret: string): boolean {
  const given = Buffer.from(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''), 'utf8');
  const expected = Buffer.from(secret, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Reads the body into memory, failing with BodyTooLarge as soon as it passes `max` bytes and with
 * BodyTooSlow when it has not all arrived `deadlineMs` after the request started.
 */
function readBody(req: IncomingMessage, max: number, deadlineMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      req.off('data', onData);
      reject(new BodyTooSlow());
    }, Math.max(0, deadlineMs));
    req.once('close', () => clearTimeout(timer));
    req.once('end', () => clearTimeout(timer));
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => reject(new Error('Cannot read webhook body: the connection closed')));
  });
}

/** Answers 413 and cuts the connection: the rest is dropped for a moment, then the socket is destroyed. */
function rejectTooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(413, { connection: 'close' }).end();
  req.resume();
  setTimeout(() => req.destroy(), DRAIN_AFTER_REJECT_MS).unref();
}

/** A JSON object with a numeric update_id: the least an update must be to be handled. */
function parseUpdate(body: Buffer): Update | null {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as { update_id?: unknown }).update_id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? (value as Update) : null;
}

export function createWebhookServer<C extends Context>(options: WebhookServerOptions<C>): Server {
  const { bot, secret, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const updateTypes = new Set(options.updateTypes ?? BOT_UPDATE_TYPES);
  const path = options.path ?? '/';
  const bodyTimeoutMs = Math.min(options.bodyTimeoutMs ?? DEFAULT_WEBHOOK_BODY_TIMEOUT_MS, DEFAULT_WEBHOOK_BODY_TIMEOUT_MS);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    // Only the path of WEBHOOK_URL is the endpoint (the query string is not part of it).
    if ((req.url ?? '').split('?')[0] !== path) {
      res.writeHead(404, { connection: 'close' }).end();
      req.resume();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      req.resume();
      return;
    }
    // Before the body is read: a caller without the secret costs us nothing but this check.
    if (!isRightSecret(req.headers[SECRET_HEADER], secret)) {
      res.writeHead(401).end();
      req.resume();
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      rejectTooLarge(req, res);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBodyBytes, bodyTimeoutMs - (Date.now() - started));
    } catch (error) {
      if (error instanceof BodyTooSlow) {
        logger.warn({ bodyTimeoutMs }, 'webhook body too slow; connection closed');
        res.writeHead(408, { connection: 'close' }).end();
        req.destroy();
      } else if (error instanceof BodyTooLarge) {
        logger.warn({ maxBodyBytes }, 'webhook body over the size limit; rejected');
        rejectTooLarge(req, res);
      } else {
        logger.warn({ err: errorFields(error) }, 'webhook body could not be read');
        req.destroy();
      }
      return;
    }
    const update = parseUpdate(body);
    if (!update) {
      logger.warn({ bytes: body.length }, 'webhook body is not an update (JSON object with a numeric update_id); rejected');
      res.writeHead(400).end();
      return;
    }
    const keys = Object.keys(update).filter((k) => k !== 'update_id');
    if (!keys.some((k) => updateTypes.has(k))) {
      // A type we never asked for (or one newer than this code): acknowledged so it is not resent.
      logger.info({ updateId: update.update_id, keys: keys.slice(0, 5).map((k) => k.slice(0, 40)) }, 'webhook update of an unhandled type; ignored');
      res.writeHead(200).end();
      return;
    }
    const work = bot.handleUpdate(update);
    // A late failure is logged here, so it never becomes an unhandled rejection.
    work.catch((error: unknown) => logger.error({ err: errorFields(error), updateId: update.update_id }, 'webhook update failed'));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([work.then(() => 'done' as const), timedOut]);
      if (outcome === 'timeout') {
        // The handler goes on and finishes; it is not cancelled. Telegram treats the error as a failed
        // delivery and sends the same update again later. By then (or when the handler finishes)
        // create-bot's onceOnly has recorded the update_id in handled_updates — and while it still
        // runs, its in-flight set holds it — so the redelivery is skipped: no second reply.
        logger.error({ updateId: update.update_id, timeoutMs }, 'webhook handler timed out; answered 503 (Telegram will redeliver; the update is deduplicated)');
        res.writeHead(503).end();
        work.then(
          () => logger.info({ updateId: update.update_id }, 'webhook handler finished after its timeout'),
          () => undefined,
        );
        return;
      }
      res.writeHead(200).end();
    } catch {
      // Already logged by the catch on `work`; Telegram will redeliver, and the dedupe decides.
      if (!res.headersSent) res.writeHead(500).end();
    } finally {
      clearTimeout(timer);
    }
  }

  // Node's own limits as a second line: headers and the whole request within the body timeout,
  // checked every second (the default check runs every 30 s).
  const server = createServer({ headersTimeout: bodyTimeoutMs, requestTimeout: bodyTimeoutMs, connectionsCheckingInterval: 1_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: errorFields(error) }, 'webhook request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return server;
}

export class WebhookListenError extends Error {
  override name = 'WebhookListenError';
}

/** Listens on host:port; a taken port or a bad address fails with one readable line, not a stack. */
export function listenWebhook(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const why = error.code === 'EADDRINUSE' ? 'the port is already in use'
        : error.code === 'EACCES' ? 'permission denied (ports under 1024 need privileges)'
          : error.code === 'EADDRNOTAVAIL' ? 'no such address on this machine'
            : (error.code ?? error.message);
      reject(new WebhookListenError(`Cannot listen for webhooks on ${host}:${port}: ${why} (WEBHOOK_HOST, WEBHOOK_PORT)`, { cause: error }));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
