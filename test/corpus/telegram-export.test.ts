// Telegram Desktop channel exports (result.json): one post per message, linked to t.me, dated by
// the message, updated in place when a message is edited; bad messages reported, the rest ingested.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import { isSupportedFile } from '../../src/corpus/read-source.ts';
import { channelUsername, flattenMessageText, messageDate } from '../../src/corpus/telegram-export.ts';
import { defaultMeta } from '../../src/corpus/metadata.ts';
import type { Statement, Store } from '../../src/store/index.ts';
import { memoryStore, reference, tempDir } from '../helpers/store.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/telegram/result.json', import.meta.url));
const CHANNEL = 'V_Zelenskiy_official';

const run = (store: Store, dir: string) =>
  ingest({ paths: [dir], corpusDir: dir, store, reference: reference(), now: () => new Date('2026-11-20T08:00:00Z') });
const statementsOf = (store: Store): Statement[] => store.statements.latest(1000).items.sort((a, b) => a.externalId.localeCompare(b.externalId));

/** A corpus folder holding the fixture export and a manifest describing it. */
function exportFolder(meta: Record<string, unknown> = { channel: CHANNEL }): string {
  const dir = tempDir();
  copyFileSync(FIXTURE, join(dir, 'result.json'));
  const entry = { source: 'Volodymyr Zelensky on Telegram', kind: 'post-archive', speaker: 'Volodymyr Zelensky', ...meta };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files: { 'result.json': entry } }, null, 2));
  return dir;
}

function editExport(dir: string, edit: (messages: Array<Record<string, unknown>>) => void): void {
  const data = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
  edit(data.messages);
  writeFileSync(join(dir, 'result.json'), JSON.stringify(data, null, 1));
}

describe('a channel export ingested through ingest()', () => {
  it('makes one post per message with text, linked to t.me and dated by the message', () => {
    const store = memoryStore();
    const report = run(store, exportFolder());
    expect(report).toMatchObject({ added: 5, rejects: [] });
    const posts = statementsOf(store);
    // Service message 1 and the photo without a caption (4) say nothing.
    expect(posts.map((s) => s.externalId)).toEqual([2, 3, 5, 6, 7].map((id) => `file:result.json#tg:${id}`));
    expect(posts.map((s) => s.url)).toEqual([2, 3, 5, 6, 7].map((id) => `https://t.me/${CHANNEL}/${id}`));
    expect(posts.map((s) => `${s.date}/${s.datePrecision} ${s.lang}`)).toEqual([
      '2024-02-24/day en',
      '2024-02-24/day uk',
      '2024-02-25/day en', // only the exporter's local `date`: its calendar day
      '2024-02-25/day en', // 01:30 local on the 26th, but date_unixtime is 23:30 UTC on the 25th
      '2024-02-26/day en',
    ]);
    expect(posts.every((s) => s.kind === 'post' && s.source === 'Volodymyr Zelensky on Telegram')).toBe(true);
    expect(posts.slice(0, 4).every((s) => s.speakers.join() === 'Volodymyr Zelensky')).toBe(true);
    // The forwarded post is the ministry's words, not the channel owner's.
    expect(posts[4]).toMatchObject({ speakers: [], attribution: 'Ministry of Defence of Ukraine' });
    expect(posts[0]?.mentioned).toContain('Mark Rutte');
    expect(posts[0]?.homeUrl).toBe(`https://t.me/${CHANNEL}`);
  });

  it('flattens formatted text, keeping paragraphs and the address behind a text link', () => {
    const store = memoryStore();
    run(store, exportFolder());
    const [first, second] = statementsOf(store);
    expect(first?.text).toBe(
      'Two years of full-scale war.\n\nToday I met Mark Rutte in Kyiv. We discussed air defense, long-range capabilities and the next ' +
        'steps towards membership. Full statement (https://www.president.gov.ua/en/news/example-statement) and ' +
        'https://example.org/report\n\n#StandWithUkraine',
    );
    expect(second?.text).toMatch(/^Два роки повномасштабної війни\. .*\n\nДякую кожному/);
  });

  it('adds nothing on re-ingest, and updates an edited message in place', () => {
    const dir = exportFolder();
    const store = memoryStore();
    run(store, dir);
    const before = statementsOf(store).find((s) => s.externalId.endsWith('#tg:6'));
    expect(run(store, dir)).toMatchObject({ added: 0, updated: 0, unchanged: 5, removed: 0 });

    editExport(dir, (messages) => {
      const edited = messages.find((m) => m.id === 6) as Record<string, unknown>;
      edited.text = [{ type: 'italic', text: 'Night address.' }, ' Air defense worked all night. I thank every crew of the mobile fire groups.'];
      edited.edited_unixtime = '1708910000';
    });
    expect(run(store, dir)).toMatchObject({ added: 0, updated: 1, unchanged: 4, removed: 0, rejects: [] });
    const after = statementsOf(store).find((s) => s.externalId.endsWith('#tg:6'));
    expect(after?.id).toBe(before?.id);
    expect(after?.text).toContain('mobile fire groups');
    expect(store.statements.search('mobile fire groups', 5).items.map((s) => s.id)).toEqual([before?.id]);
  });

  it('keys posts by message id: a re-export without an old message and with a new one touches only those', () => {
    const dir = exportFolder();
    const store = memoryStore();
    run(store, dir);
    editExport(dir, (messages) => {
      messages.splice(1, 1); // message 2 deleted in the channel
      messages.push({ id: 8, type: 'message', date: '2024-02-27T09:00:00', date_unixtime: '1709017200', text: 'Morning briefing on the front line.' });
    });
    expect(run(store, dir)).toMatchObject({ added: 1, updated: 0, unchanged: 4, removed: 1 });
    expect(statementsOf(store).map((s) => s.url?.split('/').pop())).toEqual(['3', '5', '6', '7', '8']);
  });

  it('leaves links null when no channel username is known, and takes one from a t.me homeUrl', () => {
    const store = memoryStore();
    run(store, exportFolder({ channel: undefined }));
    const posts = statementsOf(store);
    expect(posts).toHaveLength(5);
    expect(posts.every((s) => s.url === null && s.homeUrl === null)).toBe(true);

    const derived = memoryStore();
    run(derived, exportFolder({ homeUrl: `https://t.me/${CHANNEL}` }));
    expect(statementsOf(derived)[0]?.url).toBe(`https://t.me/${CHANNEL}/2`);
  });

  it('reports a broken message with the file and its line, and ingests the others', () => {
    const dir = exportFolder();
    editExport(dir, (messages) => {
      (messages[2] as Record<string, unknown>).id = 'three';
    });
    const store = memoryStore();
    const report = run(store, dir);
    const lines = readFileSync(join(dir, 'result.json'), 'utf8').split('\n');
    const messageLine = lines.findIndex((l) => l.includes('"id": "three"')); // 0-based: the "{" line before it
    expect(report.rejects).toEqual([
      { file: join(dir, 'result.json'), line: messageLine, reason: 'message #3: id: Invalid input: expected number, received string' },
    ]);
    expect(report.added).toBe(4);
    expect(statementsOf(store).some((s) => s.externalId.endsWith('#tg:3'))).toBe(false);
  });

  it('rejects .json files that are not exports, and never reads manifest.json as a source', () => {
    const dir = exportFolder();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ chats: { list: [] } }));
    writeFileSync(join(dir, 'broken.json'), '{\n  "name": "x",\n  "messages": [\n    { "id": 1, }\n  ]\n}\n');
    const store = memoryStore();
    const report = run(store, dir);
    expect(report.filesRead).toBe(3);
    expect(report.rejects.map((r) => `${r.file.slice(dir.length + 1)}:${r.line} ${r.reason}`)).toEqual([
      'broken.json:4 not valid JSON at column 16: Expected double-quoted property name',
      'settings.json:null not a Telegram export (no "messages" array)',
    ]);
    const keys = store.db.prepare('SELECT source_key AS key FROM documents').all() as Array<{ key: string }>;
    expect(keys.map((k) => k.key)).toEqual(['file:result.json']);
    expect(isSupportedFile('manifest.json')).toBe(false);
    expect(isSupportedFile('MANIFEST.JSON')).toBe(false);
    expect(isSupportedFile('result.json')).toBe(true);
  });
});

describe('export pieces', () => {
  it('appends a link target only when it is an http(s) address the words do not already show', () => {
    expect(flattenMessageText([{ type: 'text_link', text: 'https://x.org', href: 'https://x.org' }])).toBe('https://x.org');
    expect(flattenMessageText([{ type: 'text_link', text: 'bot', href: 'tg://resolve?domain=bot' }])).toBe('bot');
    expect(flattenMessageText(['a  \n\n\n\nb', { type: 'bold', text: ' c ' }])).toBe('a\n\nb c');
    expect(flattenMessageText(undefined)).toBe('');
  });

  it('dates by the Unix time, else the local calendar day, else unknown (never today)', () => {
    expect(messageDate({ date: '2024-03-01T00:30:00', date_unixtime: '1709245800' })).toEqual({ value: '2024-02-29', precision: 'day' });
    expect(messageDate({ date: '2024-03-01T00:30:00' })).toEqual({ value: '2024-03-01', precision: 'day' });
    expect(messageDate({ date: 'yesterday' })).toEqual({ value: null, precision: 'unknown' });
    expect(messageDate({})).toEqual({ value: null, precision: 'unknown' });
  });

  it('accepts only valid t.me usernames', () => {
    const meta = defaultMeta('result.json');
    expect(channelUsername({ ...meta, channel: 'V_Zelenskiy_official' })).toBe('V_Zelenskiy_official');
    expect(channelUsername({ ...meta, homeUrl: 'https://t.me/s/V_Zelenskiy_official/' })).toBe('V_Zelenskiy_official');
    expect(channelUsername({ ...meta, homeUrl: 'https://t.me/+AbCdEfGhIjK' })).toBeNull();
    expect(channelUsername({ ...meta, homeUrl: 'https://x.com/ZelenskyyUa' })).toBeNull();
    expect(channelUsername(null)).toBeNull();
  });
});
