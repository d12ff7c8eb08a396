// The local chat console, as `npm start` runs it without a token, with piped input.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBotProcess } from '../helpers/bot-process.ts';
import { rssFeed } from '../helpers/feed-fixtures.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

describe('local chat console', () => {
  it('answers /actor Зеленський and /search North Korean troops from the shipped corpus, then exits', async () => {
    const proc = startBotProcess({ DATABASE_PATH: join(tempDir(), 'console.db'), CORPUS_DIR: SHIPPED_CORPUS });
    proc.child.stdin?.end('/actor Зеленський\n/search North Korean troops\n1\n');
    const { code } = await proc.exited;
    const out = proc.output();
    expect(code).toBe(0);
    expect(out).toContain('Statements by Volodymyr Zelensky');
    expect(out).toContain('Search: North Korean troops');
    expect(out).toMatch(/\[1\] More ▶/);
    expect(out).toMatch(/\(updated\)\nSearch: North Korean troops · 6–\d+/);
    expect(out).not.toMatch(/Error|at .*\.ts:\d+/);
  }, 60_000);

  it('polls the feeds of the sources file too, so a new feed can be tried without a token', async () => {
    const feeds = await startFeedServer();
    feeds.set('/feed.xml', { body: rssFeed([{ id: 'c-1', url: 'https://feeds.example/c-1', title: 'Console feed item', text: 'Energy repairs continue in Kharkiv tonight, the minister said.', date: '2026-11-22T08:00:00Z' }]) });
    const dir = tempDir();
    writeFileSync(join(dir, 'sources.json'), JSON.stringify({ sources: [{ name: 'Local feed', url: feeds.url('/feed.xml') }] }));
    const proc = startBotProcess({ DATABASE_PATH: join(dir, 'console.db'), CORPUS_DIR: SHIPPED_CORPUS, SOURCES_FILE: join(dir, 'sources.json') });
    try {
      while (!feeds.requests.some((r) => r.path === '/feed.xml')) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1000));
      proc.child.stdin?.end('/latest\n');
      expect((await proc.exited).code).toBe(0);
      expect(proc.output()).toContain('Energy repairs continue in Kharkiv');
      expect(proc.output()).toContain('https://feeds.example/c-1');
    } finally {
      await proc.stop();
      await feeds.close();
    }
  }, 60_000);
});
