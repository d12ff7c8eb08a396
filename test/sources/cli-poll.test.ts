// `cli poll` and `cli latest --json` as an operator runs them, on real inputs served on loopback:
// a saved Telegram channel preview page and a real feed with a bare & (recovered, and said so).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

const PAGE = readFileSync(new URL('../fixtures/telegram-preview/full.html', import.meta.url), 'utf8');
const SAX = readFileSync(new URL('../fixtures/feeds/node-feedparser/saxerror.xml', import.meta.url), 'utf8');

async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: { CORPUS_DIR: SHIPPED_CORPUS, ...env }, isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli poll with a Telegram channel and a repaired feed', () => {
  it('polls both, says what was repaired, and a second poll adds nothing', async () => {
    const server = await startFeedServer();
    try {
      server.set('/s/topwar_official', { body: PAGE, headers: { 'content-type': 'text/html; charset=utf-8' } });
      server.set('/sax.xml', { body: SAX });
      const dir = tempDir();
      const sourcesFile = join(dir, 'sources.json');
      writeFileSync(sourcesFile, JSON.stringify({ sources: [
        { kind: 'telegram-channel', name: 'Topwar', channel: 'topwar_official', url: server.url('/s/topwar_official'), backfillPages: 0 },
        { name: 'Sax', url: server.url('/sax.xml') },
      ] }));
      const env = { SOURCES_FILE: sourcesFile, DATABASE_PATH: join(dir, 'poll.db') };
      const first = await cli(['poll'], env);
      expect(first.code).toBe(0);
      expect(first.out).toMatch(/^Topwar: updated, 12 entries: \+12 ~0 =0$/m);
      expect(first.out).toMatch(/^Sax: updated, 3 entries: \+3 ~0 =0 \[malformed XML recovered \(unescaped &\)\]$/m);
      const latest = JSON.parse((await cli(['latest', '--json', '--limit', '100'], env)).out) as { items: Array<{ url: string; date: string; source: string }> };
      const posts = latest.items.filter((s) => s.source === 'Topwar');
      expect(posts).toHaveLength(12);
      expect(posts.every((s) => s.url.startsWith('https://t.me/topwar_official/') && s.date === '2023-02-28')).toBe(true);
      expect((await cli(['sources'], env)).out).toMatch(/^Sax: ok, last success \S+; last body: malformed XML recovered \(unescaped &\) \(1 repaired polls\); next poll/m);
      const second = await cli(['poll'], env);
      expect(second.out).toMatch(/^Topwar: updated, 12 entries: \+0 ~0 =12$/m);
    } finally {
      await server.close();
    }
  });
});
