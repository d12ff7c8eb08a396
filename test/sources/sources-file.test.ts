import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSourcesFile, parseSourcesFile } from '../../src/sources/sources-file.ts';

const file = (sources: unknown[]) => JSON.stringify({ sources });

describe('parseSourcesFile', () => {
  it('fills in defaults for the optional fields', () => {
    const result = parseSourcesFile(file([{ name: ' Ukrinform ', url: 'https://www.ukrinform.net/rss/block-lastnews' }]), 'sources.json');
    expect(result).toEqual({
      errors: [],
      sources: [{ name: 'Ukrinform', url: 'https://www.ukrinform.net/rss/block-lastnews', kind: 'feed', speaker: null, lang: null, pollMinutes: 30, fetchArticles: false, enabled: true }],
    });
  });

  it('keeps every field that is given', () => {
    const entry = { name: 'President', url: 'http://president.example/rss', speaker: 'Volodymyr Zelensky', lang: 'uk', pollMinutes: 1440, fetchArticles: true, enabled: false };
    expect(parseSourcesFile(file([entry]), 'sources.json').sources).toEqual([{ ...entry, kind: 'feed' }]);
  });

  it('reports a bad entry by index and name, skips it, and loads the others', () => {
    const result = parseSourcesFile(
      file([
        { name: 'Good one', url: 'https://a.example/feed' },
        { name: 'Ftp feed', url: 'ftp://b.example/feed' },
        { name: 'Too often', url: 'https://c.example/feed', pollMinutes: 0 },
        { name: 'Too rarely', url: 'https://c.example/feed', pollMinutes: 1441 },
        { name: 'Typo', url: 'https://d.example/feed', enabeld: false },
        { name: 'Bad lang', url: 'https://e.example/feed', lang: 'de' },
        { url: 'https://f.example/feed' },
        'just a string',
        { name: 'Good two', url: 'https://g.example/feed' },
      ]),
      'sources.json',
    );
    expect(result.sources.map((s) => s.name)).toEqual(['Good one', 'Good two']);
    expect(result.errors).toHaveLength(7);
    expect(result.errors[0]).toBe('sources.json: sources[1] "Ftp feed": url: must be an http:// or https:// URL; skipped');
    expect(result.errors[1]).toMatch(/^sources\.json: sources\[2\] "Too often": pollMinutes: /);
    expect(result.errors[2]).toMatch(/^sources\.json: sources\[3\] "Too rarely": pollMinutes: /);
    expect(result.errors[3]).toMatch(/^sources\.json: sources\[4\] "Typo": .*enabeld/);
    expect(result.errors[4]).toMatch(/^sources\.json: sources\[5\] "Bad lang": lang: /);
    expect(result.errors[5]).toBe('sources.json: sources[6]: name: is required; skipped');
    expect(result.errors[6]).toMatch(/^sources\.json: sources\[7\]: /);
  });

  it('refuses a duplicate name (any case), naming both entries, and keeps the first', () => {
    const result = parseSourcesFile(
      file([
        { name: 'Kyiv Post', url: 'https://a.example/feed' },
        { name: 'Other', url: 'https://b.example/feed' },
        { name: 'kyiv post', url: 'https://c.example/feed' },
      ]),
      'sources.json',
    );
    expect(result.sources.map((s) => s.url)).toEqual(['https://a.example/feed', 'https://b.example/feed']);
    expect(result.errors).toEqual(['sources.json: sources[2] "kyiv post": duplicate name, already used by sources[0] "Kyiv Post"; skipped']);
  });

  it('reports a file that is not JSON or not the expected shape', () => {
    const notJson = parseSourcesFile('{ "sources": [ ', 'data/sources.json');
    expect(notJson.sources).toEqual([]);
    expect(notJson.errors).toHaveLength(1);
    expect(notJson.errors[0]).toMatch(/^data\/sources\.json: not JSON: /);
    expect(parseSourcesFile('[]', 'data/sources.json').errors[0]).toMatch(/^data\/sources\.json: expected \{ "sources": \[ … \] \}/);
    expect(parseSourcesFile('{"source": []}', 'data/sources.json').errors).toHaveLength(1);
  });
});

describe('loadSourcesFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sources-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('treats a missing file as no sources and no errors', () => {
    expect(loadSourcesFile(join(dir, 'absent.json'))).toEqual({ sources: [], errors: [] });
  });

  it('reads a file from disk and reports an unreadable path', () => {
    const path = join(dir, 'sources.json');
    writeFileSync(path, file([{ name: 'A', url: 'https://a.example/feed' }]));
    expect(loadSourcesFile(path).sources.map((s) => s.name)).toEqual(['A']);
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    expect(loadSourcesFile(folder).errors[0]).toMatch(/folder\.json: cannot read: /);
  });

  it('loads the shipped data/sources.json and the example file without errors', () => {
    expect(loadSourcesFile('data/sources.json')).toEqual({ sources: [], errors: [] });
    const example = loadSourcesFile('data/sources.example.json');
    expect(example.errors).toEqual([]);
    expect(example.sources.map((s) => [s.kind, s.speaker])).toEqual([['feed', 'Volodymyr Zelensky'], ['feed', null], ['telegram-channel', 'Volodymyr Zelensky']]);
  });
});
