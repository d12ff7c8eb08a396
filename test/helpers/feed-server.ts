// A feed web server on loopback for tests: routes a test can change while the server runs, the
// conditional GET a real server does (ETag / Last-Modified → 304), and the bad behaviours a poller
// must survive (slow headers, a stalled body, an endless body, redirects).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedRoute {
  status?: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  etag?: string;
  lastModified?: string;
  /** Waits this long before sending headers. */
  delayMs?: number;
  /** Answers 302 (or `status` when it is a 3xx) with this Location, relative or absolute. */
  redirectTo?: string;
  /** Streams this many bytes with no Content-Length, honouring backpressure. */
  hugeBytes?: number;
  /** Sends headers and the first half of the body, then stalls this long before the rest. */
  hangMs?: number;
}

export interface RequestRecord {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Settles when the response ends or the client goes away: whether it was sent to the end. */
  finished: Promise<{ completed: boolean; bytesSent: number }>;
}

export interface FeedServer {
  url(path: string): string;
  set(path: string, route: FeedRoute): void;
  requests: RequestRecord[];
  close(): Promise<void>;
}

const HUGE_CHUNK_BYTES = 64 * 1024;

function defaultContentType(body: Buffer): string {
  const start = body.subarray(0, 64).toString().trimStart();
  return start.startsWith('{') ? 'application/feed+json; charset=utf-8' : 'application/xml; charset=utf-8';
}

function isNotModified(route: FeedRoute, req: IncomingMessage): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (route.etag && ifNoneMatch) {
    return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === route.etag?.replace(/^W\//, ''));
  }
  return Boolean(route.lastModified && req.headers['if-modified-since'] === route.lastModified);
}

const sleep = (ms: number, res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function streamHuge(res: ServerResponse, total: number, counter: { bytes: number }): Promise<void> {
  const chunk = Buffer.alloc(HUGE_CHUNK_BYTES, 0x61);
  while (counter.bytes < total && !res.destroyed) {
    const piece = chunk.subarray(0, Math.min(HUGE_CHUNK_BYTES, total - counter.bytes));
    counter.bytes += piece.length;
    if (!res.write(piece)) await drainedOrClosed(res);
  }
  if (!res.destroyed) res.end();
}

async function respond(route: FeedRoute | undefined, req: IncomingMessage, res: ServerResponse, counter: { bytes: number }): Promise<void> {
  if (!route) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  if (route.delayMs) await sleep(route.delayMs, res);
  if (res.destroyed) return;
  const validators: Record<string, string> = {};
  if (route.etag) validators.etag = route.etag;
  if (route.lastModified) validators['last-modified'] = route.lastModified;
  if (route.redirectTo !== undefined) {
    const status = route.status && route.status >= 300 && route.status < 400 ? route.status : 302;
    res.writeHead(status, { location: route.redirectTo, ...route.headers }).end();
    return;
  }
  if (isNotModified(route, req)) {
    res.writeHead(304, validators).end();
    return;
  }
  const status = route.status ?? 200;
  if (route.hugeBytes !== undefined) {
    res.writeHead(status, { 'content-type': 'application/xml', ...validators, ...route.headers });
    await streamHuge(res, route.hugeBytes, counter);
    return;
  }
  const body = Buffer.from(route.body ?? '');
  res.writeHead(status, { 'content-type': defaultContentType(body), 'content-length': String(body.length), ...validators, ...route.headers });
  if (route.hangMs) {
    const half = Math.floor(body.length / 2);
    res.write(body.subarray(0, half));
    counter.bytes += half;
    await sleep(route.hangMs, res);
    if (res.destroyed) return;
    counter.bytes += body.length - half;
    res.end(body.subarray(half));
    return;
  }
  counter.bytes += body.length;
  res.end(body);
}

/** On 127.0.0.1 and a free port unless told (another loopback address stands in for a public host in guard tests). */
export async function startFeedServer(host = '127.0.0.1', port = 0): Promise<FeedServer> {
  const routes = new Map<string, FeedRoute>();
  const requests: RequestRecord[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const counter = { bytes: 0 };
    let completed = false;
    res.once('finish', () => {
      completed = true;
    });
    const finished = new Promise<{ completed: boolean; bytesSent: number }>((resolve) => {
      res.once('close', () => resolve({ completed, bytesSent: counter.bytes }));
    });
    requests.push({ path, headers: { ...req.headers }, finished });
    respond(routes.get(req.url ?? path) ?? routes.get(path), req, res, counter).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://${host}:${bound}${path}`,
    set: (path, route) => {
      routes.set(path, route);
    },
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections(); // stalled and endless responses would keep close() waiting
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
