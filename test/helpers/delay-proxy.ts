// A proxy on 127.0.0.1 in front of the fake Bot API that holds chosen responses back: the call
// reaches "Telegram" at once, the bot gets the answer only after the delay (a slow handler, a slow
// send) — the bot process itself stays unmodified.
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldResponse {
  method: string;
  params: Record<string, any>;
  receivedAt: number;
  releasedAt: number;
}

export interface DelayProxy {
  apiRoot: string;
  /** Responses that were held, with when they went back to the bot. */
  held: HeldResponse[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parse(body: Buffer, contentType: string): Record<string, any> {
  const raw = body.toString('utf8');
  if (!raw) return {};
  try {
    return contentType.includes('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : (JSON.parse(raw) as Record<string, any>);
  } catch {
    return {};
  }
}

/** `delayMs` says how long to hold the answer to a call (0 or undefined: not at all). */
export async function startDelayProxy(upstream: string, delayMs: (method: string, params: Record<string, any>) => number | undefined): Promise<DelayProxy> {
  const held: HeldResponse[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const contentType = String(req.headers['content-type'] ?? '');
      const method = /\/([A-Za-z]+)$/.exec(req.url ?? '')?.[1] ?? '';
      const params = parse(body, contentType);
      const receivedAt = Date.now();
      const upstreamRes = await fetch(`${upstream}${req.url}`, {
        method: req.method ?? 'POST',
        headers: contentType ? { 'content-type': contentType } : {},
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: new Uint8Array(body) }),
      });
      const answer = Buffer.from(await upstreamRes.arrayBuffer());
      const delay = delayMs(method, params) ?? 0;
      if (delay > 0) {
        await new Promise((r) => setTimeout(r, delay));
        held.push({ method, params, receivedAt, releasedAt: Date.now() });
      }
      if (res.destroyed) return;
      res.writeHead(upstreamRes.status, { 'content-type': upstreamRes.headers.get('content-type') ?? 'application/json' }).end(answer);
    })().catch(() => {
      if (!res.headersSent && !res.destroyed) res.writeHead(502).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
