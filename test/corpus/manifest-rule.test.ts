// The manifest rule for every document kind: a file is described by the nearest manifest.json that
// lists it — in its own folder by file name, else in a folder above by its path from there.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import type { Store } from '../../src/store/index.ts';
import { memoryStore, reference, tempDir } from '../helpers/store.ts';

const EXPORT = fileURLToPath(new URL('../fixtures/telegram/result.json', import.meta.url));
const PAGE = fileURLToPath(new URL('../fixtures/html/news-article.html', import.meta.url));
const CHANNEL = 'V_Zelenskiy_official';
const TELEGRAM_META = { source: 'Volodymyr Zelensky on Telegram', kind: 'post-archive', speaker: 'Volodymyr Zelensky', channel: CHANNEL };

const run = (store: Store, dir: string, paths = [dir]) =>
  ingest({ paths, corpusDir: dir, store, reference: reference(), now: () => new Date('2026-11-20T08:00:00Z') });
const manifest = (dir: string, files: Record<string, unknown>) => writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files }));

describe('the manifest rule', () => {
  it('a manifest beside a Telegram export in a subfolder gives its posts links and a speaker', () => {
    const root = tempDir();
    const sub = join(root, 'exports', 'president');
    mkdirSync(sub, { recursive: true });
    copyFileSync(EXPORT, join(sub, 'result.json'));
    manifest(sub, { 'result.json': TELEGRAM_META });
    const store = memoryStore();
    expect(run(store, root).rejects).toEqual([]);
    const posts = store.statements.latest(50).items;
    expect(posts.length).toBe(5);
    expect(posts.every((s) => s.url?.startsWith(`https://t.me/${CHANNEL}/`))).toBe(true);
    expect(posts.filter((s) => s.speakers.includes('Volodymyr Zelensky')).length).toBe(4);
  });

  it('a manifest higher up lists a file by its path from there; the nearest manifest wins', () => {
    const root = tempDir();
    const sub = join(root, 'pages');
    mkdirSync(sub);
    copyFileSync(PAGE, join(sub, 'a.html'));
    copyFileSync(PAGE, join(sub, 'b.html'));
    manifest(root, { 'pages/a.html': { source: 'Top manifest', kind: 'article' }, 'pages/b.html': { source: 'Top manifest', kind: 'article' } });
    manifest(sub, { 'b.html': { source: 'Near manifest', kind: 'article' } });
    const store = memoryStore();
    run(store, root);
    const sources = new Map(store.statements.latest(200).items.map((s) => [s.externalId.split('#')[0], s.source]));
    expect(sources.get('file:pages/a.html')).toBe('Top manifest');
    expect(sources.get('file:pages/b.html')).toBe('Near manifest');
  });

  it('a single file given by path finds the manifest of its folder inside the corpus, and a broken manifest is reported', () => {
    const root = tempDir();
    const sub = join(root, 'tg');
    mkdirSync(sub);
    copyFileSync(EXPORT, join(sub, 'result.json'));
    manifest(root, { 'tg/result.json': TELEGRAM_META });
    const store = memoryStore();
    run(store, root, [join(sub, 'result.json')]);
    expect(store.statements.latest(50).items.every((s) => s.url?.startsWith(`https://t.me/${CHANNEL}/`))).toBe(true);

    const other = tempDir();
    mkdirSync(join(other, 'x'));
    writeFileSync(join(other, 'x', 'manifest.json'), '{ "files": ');
    writeFileSync(join(other, 'x', 'note.txt'), 'Andrii Sybiha said the talks in Geneva were useful and would continue next week.');
    const report = run(memoryStore(), other);
    expect(report.rejects.map((r) => r.reason)).toEqual([expect.stringMatching(/^manifest ignored/)]);
  });
});
