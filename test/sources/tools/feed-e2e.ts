// End to end through the real CLI, as an operator would: every real feed under
// test/fixtures/feeds served on 127.0.0.1 (Content-Type without a charset, gzip where the
// fixture is gzip), one sources.json, `cli poll`, then `cli latest --json`; prints per feed
// how many entries became statements, with links, dates and clean text. For people.
// Usage: node --import tsx test/sources/tools/feed-e2e.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../fixtures/feeds/', import.meta.url).pathname;
const files = readdirSync(ROOT, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && !e.name.endsWith('.md'))
  .map((e) => join(e.parentPath, e.name).slice(ROOT.length))
  .sort();
const server = createServer((req, res) => {
  const name = decodeURIComponent((req.url ?? '/').slice(1));
  if (!files.includes(name)) return void res.writeHead(404).end();
  const body = readFileSync(join(ROOT, name));
  const gz = body[0] === 0x1f && body[1] === 0x8b;
  res.writeHead(200, { 'content-type': name.endsWith('.json') ? 'application/json' : 'application/xml', ...(gz ? { 'content-encoding': 'gzip' } : {}) });
  res.end(body);
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const port = (server.address() as AddressInfo).port;
const dir = mkdtempSync(join(tmpdir(), 'feed-e2e-'));
writeFileSync(join(dir, 'sources.json'), JSON.stringify({ sources: files.map((name) => ({ name, url: `http://127.0.0.1:${port}/${encodeURIComponent(name)}` })) }));
const env = { ...process.env, SOURCES_FILE: join(dir, 'sources.json'), DATABASE_PATH: join(dir, 'e2e.db') };
const cli = (args: string[]): string => {
  try {
    return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  }
};
// The CLI runs its polls while this process serves the feeds: run it asynchronously.
const { execFile } = await import('node:child_process');
const polled = await new Promise<string>((done) => execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'poll'], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (_e, out) => done(out)));
server.close();
console.log(polled);
const latest = JSON.parse(cli(['latest', '--json', '--limit', '100000'])) as { items: Array<{ source: string; url: string | null; date: string | null; text: string }> };
const bySource = new Map<string, typeof latest.items>();
for (const s of latest.items) bySource.set(s.source, [...(bySource.get(s.source) ?? []), s]);
for (const name of files) {
  const items = bySource.get(name) ?? [];
  const urls = new Set(items.map((s) => s.url));
  const relative = items.filter((s) => s.url !== null && !/^https?:\/\//.test(s.url)).length;
  console.log(`${name}: ${items.length} statements, ${urls.size} links (${[...urls].filter((u) => u === null).length ? 'some without link' : 'all linked'}), ${items.filter((s) => !s.date).length} undated${relative ? `, ${relative} relative` : ''}`);
}
