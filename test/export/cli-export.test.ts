// `npm run cli -- export`: the same filters and formats as /export, to stdout or to a file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { exportDocument } from '../../src/export/document.ts';
import { speakerDirectoryFor } from '../../src/bot/citation.ts';
import type { Statement } from '../../src/store/index.ts';
import { reference, SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const chunks: Buffer[] = [];
  const code = await runCli(args, {
    out: (t) => out.push(t), err: (t) => err.push(t), env: { CORPUS_DIR: SHIPPED_CORPUS }, isTty: false,
    write: async (c) => void chunks.push(Buffer.from(c)),
  });
  return { code, out: out.join('\n'), err: err.join('\n'), bytes: Buffer.concat(chunks) };
}

const db = join(tempDir(), 'cli-export.db');
beforeAll(async () => {
  expect((await cli(['ingest', '--db', db])).code).toBe(0);
});

describe('cli export', () => {
  it('writes CSV to stdout: the same statements as the actor listing, newest first', async () => {
    const listing = JSON.parse((await cli(['actor', 'zelensky', '--json', '--limit', '1000', '--db', db])).out);
    const { code, bytes } = await cli(['export', 'actor:zelensky', '--format', 'csv', '--db', db]);
    expect(code).toBe(0);
    const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => Number(r.id))).toEqual(listing.items.map((s: { id: number }) => s.id));
  });

  it('--out FILE writes Markdown citations in the chosen language, and says where', async () => {
    const file = join(tempDir(), 'out.md');
    const { code, err } = await cli(['export', 'actor:Юн_Сок_Йоль', 'format:md', '--lang', 'uk', '--out', file, '--db', db]);
    expect(code).toBe(0);
    expect(err).toMatch(/^Exported \d+ statements to .*out\.md \(as \/export would name it: statements_actor-yoon-suk-yeol_\d{4}-\d{2}-\d{2}\.md\)\.$/);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# Заяви: людина: Юн Сок Йоль\n\nЗаяв: 13;/);
    expect(text).toContain('**Юн Сок Йоль, Президент Республіки Корея (2022–2025)** —');
    expect(existsSync(`${file}.part`)).toBe(false);
  });

  it('refuses unknown words, names and formats with a clear message and a non-zero exit', async () => {
    expect(await cli(['export', 'colour:red', '--db', db])).toMatchObject({ code: 2, err: expect.stringContaining('"colour:red" is not understood') });
    expect(await cli(['export', 'actor:zelenskx', '--db', db])).toMatchObject({ code: 1, err: expect.stringContaining('Did you mean: Volodymyr Zelensky') });
    expect(await cli(['export', '--format', 'pdf', '--db', db])).toMatchObject({ code: 2, err: '--format must be md or csv' });
  });
});

describe('the document stream', () => {
  it('reads one batch per chunk it gives: the file is never built whole', async () => {
    let pulled = 0;
    const statement = (id: number): Statement => ({
      id, externalId: `e${id}`, kind: 'post', title: null, text: `Text ${id}`, parts: null, partsTotal: null, attribution: null, lang: 'en',
      date: null, datePrecision: 'unknown', speakers: [], mentioned: [], topics: [], source: 'S', url: null, homeUrl: null,
      translationOf: null, translations: [], ingestedAt: '',
    });
    function* batches(): Generator<Statement[]> {
      for (let b = 0; b < 4; b += 1) {
        pulled += 1;
        yield [statement(b * 2 + 1), statement(b * 2 + 2)];
      }
    }
    const stream = exportDocument(batches(), {
      format: 'csv', lang: 'en', description: 'x', total: 8, exportedOn: '2026-11-30',
      speakers: speakerDirectoryFor(reference().actors), versionLangs: () => new Map(),
    });
    await stream.next(); // the header
    expect(pulled).toBe(0);
    const first = await stream.next();
    expect(pulled).toBe(1);
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe('1,,unknown,,post,en,Text 1,S,,,\r\n2,,unknown,,post,en,Text 2,S,,,\r\n');
    let rest = 0;
    for await (const _ of stream) rest += 1;
    expect([rest, pulled]).toEqual([3, 4]);
  });
});
