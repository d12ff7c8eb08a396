// One HTTP GET of a feed, with the limits a poller needs against servers it does not control:
// one deadline over the whole exchange (every redirect hop and the body), a byte cap enforced
// while streaming, redirects followed by hand (so every hop is counted, checked to be http(s) and
// passed through the address guard, with the connection pinned to the checked address), and
// conditional GET so an unchanged feed costs a 304 instead of a download.
import type { AddressGuard } from './address-guard.ts';
import { AddressRefusedError } from './address-guard.ts';
import { decodeBodyDetailed } from './decode-body.ts';
import type { RawResponse } from './http-get.ts';
import { httpGet } from './http-get.ts';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Aborts the request from outside (the poller's shutdown); fails with reason 'cancelled'. */
  signal?: AbortSignal;
  /** Asked before every request, redirect hops included; false refuses the URL ('address not allowed'). */
  allowUrl?: (url: string) => Promise<boolean>;
  /** Checks every hop's address and pins the connection to it; refusal fails with 'address not allowed'. */
  guard?: AddressGuard;
  /**
   * A body over maxBytes is cut there and returned with `truncated` instead of failing (a feed's
   * first entries are its newest; the parser keeps the complete ones).
   */
  keepHeadOverCap?: boolean;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'StatementDigest/0.1 (+feed reader)',
};

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchOutcome =
  | { status: 'not-modified'; finalUrl: string }
  | {
    status: 'ok'; body: string; contentType: string | null; finalUrl: string; validators: Validators;
    /** Set when the body was cut at maxBytes (keepHeadOverCap). */
    truncated?: boolean;
    /** Set when the charset was guessed from the bytes rather than declared. */
    sniffedCharset?: string;
  };

export class FetchError extends Error {
  /** The URL as configured (credentials removed), not the redirect hop that failed. */
  readonly url: string;
  readonly reason: string;
  /** The HTTP status when the server answered, null for network, size and timeout failures. */
  readonly status: number | null;
  readonly retryAfterSeconds: number | null;

  constructor(url: string, reason: string, options: { status?: number | null; retryAfterSeconds?: number | null; cause?: unknown } = {}) {
    const shown = withoutCredentials(url);
    super(`Cannot fetch ${shown}: ${reason}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FetchError';
    this.url = shown;
    this.reason = reason;
    this.status = options.status ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or null. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** Resolves `target` (against `base` when relative) and accepts only http(s) without credentials. */
function checkedUrl(configured: string, target: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(target, base);
  } catch (error) {
    throw new FetchError(configured, base ? 'redirect to an invalid URL' : 'invalid URL', { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(configured, `${base ? 'redirect to ' : ''}unsupported scheme ${url.protocol}`);
  }
  if (url.username || url.password) throw new FetchError(configured, 'credentials in URLs are not supported');
  return url;
}

function requestHeaders(validators: Validators, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': userAgent, accept: ACCEPT };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

/** Drops a body we will not read (the socket closes with it). */
function discard(response: RawResponse): void {
  response.body.destroy();
  response.raw.destroy();
}

async function readCapped(response: RawResponse, limits: FetchLimits, configured: string): Promise<{ bytes: Buffer; truncated: boolean }> {
  const { maxBytes } = limits;
  const tooBig = () => new FetchError(configured, `body over ${maxBytes} bytes`);
  // A declared length over the cap fails before a byte is read (unless the head is wanted).
  if (!limits.keepHeadOverCap && Number(response.header('content-length') ?? 0) > maxBytes) {
    discard(response);
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  // The cap counts decompressed bytes: a small gzip bomb stops at the cap too.
  for await (const chunk of response.body) {
    const bytes = chunk as Buffer;
    if (total + bytes.byteLength > maxBytes) {
      discard(response);
      if (!limits.keepHeadOverCap) throw tooBig();
      chunks.push(bytes.subarray(0, maxBytes - total));
      // Cut after the last '>' so no multi-byte character is split (a split one would make the
      // whole body look like it is not UTF-8); the parser drops the incomplete entry anyway.
      const head = Buffer.concat(chunks, maxBytes);
      return { bytes: head.subarray(0, head.lastIndexOf(0x3e) + 1), truncated: true };
    }
    total += bytes.byteLength;
    chunks.push(bytes);
  }
  return { bytes: Buffer.concat(chunks, total), truncated: false };
}

async function exchange(configured: string, validators: Validators, limits: FetchLimits, signal: AbortSignal): Promise<FetchOutcome> {
  const visited = new Set<string>();
  let current = checkedUrl(configured, configured);
  for (let redirects = 0; ; redirects += 1) {
    visited.add(current.href);
    if (limits.allowUrl && !(await limits.allowUrl(current.href))) throw new FetchError(configured, `address not allowed: ${current.host}`);
    let pinned;
    try {
      pinned = limits.guard ? await limits.guard.pin(current) : undefined;
    } catch (error) {
      if (error instanceof AddressRefusedError) throw new FetchError(configured, `address not allowed: ${current.host} (${error.message})`, { cause: error });
      throw error;
    }
    const response = await httpGet(current, requestHeaders(validators, limits.userAgent), signal, pinned);
    const { status } = response;
    if (REDIRECT_STATUSES.has(status)) {
      discard(response);
      const location = response.header('location');
      if (!location) throw new FetchError(configured, `HTTP ${status} without Location`, { status });
      const next = checkedUrl(configured, location, current);
      // A hop back to a visited URL can only loop until the cap: fail now, without the requests.
      if (redirects >= limits.maxRedirects || visited.has(next.href)) throw new FetchError(configured, 'too many redirects', { status });
      current = next;
      continue;
    }
    if (status === 304) {
      discard(response);
      if (!validators.etag && !validators.lastModified) throw new FetchError(configured, 'HTTP 304 to an unconditional request', { status });
      return { status: 'not-modified', finalUrl: current.href };
    }
    if (status < 200 || status > 299) {
      discard(response);
      const retryAfterSeconds = status === 429 || status === 503 ? parseRetryAfter(response.header('retry-after'), Date.now()) : null;
      throw new FetchError(configured, `HTTP ${status}`, { status, retryAfterSeconds });
    }
    const contentType = response.header('content-type');
    const { bytes, truncated } = await readCapped(response, limits, configured);
    const decoded = decodeBodyDetailed(bytes, contentType);
    return {
      status: 'ok',
      body: decoded.text,
      ...(truncated ? { truncated } : {}),
      ...(decoded.sniffed ? { sniffedCharset: decoded.charset } : {}),
      contentType,
      finalUrl: current.href,
      validators: { etag: response.header('etag'), lastModified: response.header('last-modified') },
    };
  }
}

/** A socket failure's code (ECONNREFUSED, ECONNRESET, a TLS code) is the useful part. */
function networkReason(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const detail = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : typeof e.message === 'string' ? e.message : String(error);
  return `network error: ${detail}`;
}

/** GETs `url` within the limits; resolves 'ok' or 'not-modified', rejects with FetchError only. */
export async function fetchWithLimits(url: string, validators: Validators, limits: Partial<FetchLimits> = {}): Promise<FetchOutcome> {
  const effective: FetchLimits = { ...DEFAULT_FETCH_LIMITS, ...limits };
  const controller = new AbortController();
  const outside = effective.signal;
  const cancel = (): void => controller.abort();
  if (outside?.aborted) throw new FetchError(url, 'cancelled');
  outside?.addEventListener('abort', cancel, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, effective.timeoutMs);
  try {
    return await exchange(url, validators, effective, controller.signal);
  } catch (error) {
    if (timedOut) throw new FetchError(url, `timed out after ${effective.timeoutMs} ms`, { cause: error });
    if (outside?.aborted) throw new FetchError(url, 'cancelled', { cause: error });
    if (error instanceof FetchError) throw error;
    throw new FetchError(url, networkReason(error), { cause: error });
  } finally {
    clearTimeout(timer);
    outside?.removeEventListener('abort', cancel);
    // Closes the socket of any body left unread (over the cap, error status), so a server
    // streaming without end is not read to its end in the background.
    controller.abort();
  }
}
