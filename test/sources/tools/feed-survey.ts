// Runs every real feed under test/fixtures/feeds through the poller's decode + parse and prints
// what looks wrong per file: entries missing against the items in the raw file, entries without
// an absolute link where the raw entry has one, without a date where the raw entry has one, and
// text that is not clean (mojibake, U+FFFD, leftover tags or entities). A survey for people, not a
// judge: its heuristics read the raw file with regexes on purpose (independent of the parser).
// Usage: node --import tsx test/sources/tools/feed-survey.ts [--verbose]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeBody } from '../../../src/sources/decode-body.ts';
import { parseFeedEntries } from '../../../src/sources/feed.ts';

const ROOT = new URL('../../fixtures/feeds/', import.meta.url).pathname;
const verbose = process.argv.includes('--verbose');

function rawItems(text: string): { items: number; dated: number; linked: number } {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const items = (JSON.parse(trimmed).items ?? []) as Array<Record<string, unknown>>;
      return { items: items.length, dated: items.filter((i) => i.date_published || i.date_modified).length, linked: items.filter((i) => i.url).length };
    } catch {
      return { items: 0, dated: 0, linked: 0 };
    }
  }
  const blocks = trimmed.match(/<(item|entry)[\s>][\s\S]*?<\/\1>/g) ?? [];
  return {
    items: blocks.length,
    dated: blocks.filter((b) => /<(pubDate|dc:date|published|updated|issued|modified)>\s*\S/.test(b)).length,
    linked: blocks.filter((b) => /<link[^>]*>\s*\S|<link[^>]*href=|<guid(?![^>]*isPermaLink="false")[^>]*>\s*https?:/.test(b)).length,
  };
}

const DIRTY = /Ã[\u0080-\u00bf]|â€|Ð[\u0080-\u00bf]|\uFFFD|&(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);|<\/?[a-z][a-z0-9]*[\s>/]|\]\]>/i;

let ok = 0;
let partial = 0;
let rejected = 0;
const files = readdirSync(ROOT, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && !/\.(md|html)$/.test(e.name))
  .map((e) => join(e.parentPath, e.name))
  .sort();
for (const file of files) {
  const name = file.slice(ROOT.length);
  // Two fixtures are stored gzipped, as a server sends them with Content-Encoding: gzip.
  const stored = readFileSync(file);
  const bytes = stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored) : stored;
  const raw = rawItems(bytes.toString('latin1'));
  const problems: string[] = [];
  try {
    const started = performance.now();
    const body = decodeBody(bytes, null);
    const { entries } = parseFeedEntries(body, { baseUrl: `http://127.0.0.1:8080/feeds/${name}`, maxEntries: 200 });
    const ms = performance.now() - started;
    const expected = Math.min(raw.items, 200);
    const got = Math.min(entries.length, 200);
    if (got < expected) problems.push(`${got}/${expected} entries`);
    const unlinked = entries.filter((e) => !e.url || !/^https?:\/\//.test(e.url)).length;
    if (raw.linked > 0 && unlinked > entries.length - Math.min(raw.linked, entries.length)) problems.push(`${unlinked} without link`);
    const undated = entries.filter((e) => !e.published.value).length;
    if (raw.dated > 0 && undated > entries.length - Math.min(raw.dated, entries.length)) problems.push(`${undated} without date`);
    const dirty = entries.filter((e) => DIRTY.test(`${e.title ?? ''}\n${e.text}`));
    if (dirty.length) problems.push(`${dirty.length} dirty text (${JSON.stringify(`${dirty[0]?.title ?? ''} ${dirty[0]?.text ?? ''}`.match(new RegExp(`.{0,30}(${DIRTY.source}).{0,20}`, 'is'))?.[0] ?? '')})`);
    if (ms > 500) problems.push(`slow ${ms.toFixed(0)} ms`);
    if (problems.length) partial += 1;
    else ok += 1;
    if (problems.length || verbose) console.log(`${problems.length ? 'PART' : 'ok  '} ${name}: ${entries.length} entries${problems.length ? ` — ${problems.join('; ')}` : ''}`);
  } catch (error) {
    rejected += 1;
    console.log(`FAIL ${name}: ${raw.items} raw items — ${(error as Error).message.slice(0, 140)}`);
  }
}
console.log(`\n${files.length} files: ${ok} fully right, ${partial} partly wrong, ${rejected} rejected`);
