// One HTTP(S) GET over node:http, for the one thing global fetch cannot do: connect to the exact
// address the guard checked (the `lookup` of the request answers with the pinned address, so the
// connection never resolves the name a second time). TLS still verifies the certificate against the
// URL's host name. Compressed bodies are decompressed here, and the cap counts decompressed bytes.
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { PinnedAddress } from './address-guard.ts';

export interface RawResponse {
  status: number;
  header(name: string): string | null;
  /** The body, decompressed; destroy it to drop the rest. */
  body: Readable;
  /** The body as sent (for a declared Content-Length). */
  raw: IncomingMessage;
}

/** A lookup that answers with the pinned address only, in either of the shapes net asks for. */
function pinnedLookup(pinned: PinnedAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
}

function decoded(res: IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip()
    : encoding === 'deflate' ? createInflate()
      : encoding === 'br' ? createBrotliDecompress()
        : null;
  if (!decoder) return res;
  res.on('error', (error) => decoder.destroy(error));
  decoder.on('close', () => res.destroy());
  return res.pipe(decoder);
}

export function httpGet(url: URL, headers: Record<string, string>, signal: AbortSignal, pinned?: PinnedAddress): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'GET',
      headers: { ...headers, 'accept-encoding': 'gzip, deflate, br' },
      signal,
      agent: false,
      ...(pinned ? { lookup: pinnedLookup(pinned) } : {}),
    });
    req.once('error', reject);
    req.once('response', (res) => {
      resolve({
        status: res.statusCode ?? 0,
        header: (name) => {
          const value = res.headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
        body: decoded(res),
        raw: res,
      });
    });
    req.end();
  });
}
