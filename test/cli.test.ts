// The CLI over a real database file: ingest, queries, JSON shape, backup.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import { rssFeed } from './helpers/feed-fixtures.ts';
import { startFeedServer } from './helpers/feed-server.ts';
import { SHIPPED_CORPUS, tempDir } from './helpers/store.ts';

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: { CORPUS_DIR: SHIPPED_CORPUS, ...env }, isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli', () => {
  const db = join(tempDir(), 'cli.db');

  it('ingests the seeds, and a rerun adds nothing', async () => {
    expect((await cli(['ingest', '--db', db])).out).toContain('65 added');
    expect((await cli(['ingest', '--db', db])).out).toContain('0 added, 0 updated, 65 unchanged, 0 removed');
  });

  it('actor "Юн Сок Йоль" and actor yoon return the same statements, with the documented JSON fields', async () => {
    const a = JSON.parse((await cli(['actor', 'Юн Сок Йоль', '--json', '--db', db, '--limit', '100'])).out);
    const b = JSON.parse((await cli(['actor', 'yoon', '--json', '--db', db, '--limit', '100'])).out);
    expect(a.items.length).toBe(13);
    expect(a.items.map((s: { id: number }) => s.id)).toEqual(b.items.map((s: { id: number }) => s.id));
    for (const key of ['id', 'externalId', 'text', 'kind', 'speakers', 'mentioned', 'date', 'datePrecision', 'lang', 'topics', 'source', 'url', 'translationOf', 'translations']) {
      expect(a.items[0]).toHaveProperty(key);
    }
  });

  it('latest is newest first and pages with --cursor; show, topics, stats, search answer', async () => {
    const first = JSON.parse((await cli(['latest', '--json', '--limit', '3', '--db', db])).out);
    const second = JSON.parse((await cli(['latest', '--json', '--limit', '3', '--cursor', first.next, '--db', db])).out);
    const all = JSON.parse((await cli(['latest', '--json', '--limit', '6', '--db', db])).out);
    expect([...first.items, ...second.items].map((s: { id: number }) => s.id)).toEqual(all.items.map((s: { id: number }) => s.id));
    expect((await cli(['show', '2', '--db', db])).out).toContain('translation of #1');
    expect((await cli(['topics', '--db', db])).out).toContain('north-korea');
    expect((await cli(['stats', '--db', db])).out).toContain('statements: 65');
    expect((await cli(['search', 'NEAR(a', '--db', db])).code).toBe(0);
    expect((await cli(['show', 'abc', '--db', db])).code).toBe(1);
    expect((await cli(['frobnicate', '--db', db])).code).toBe(2);
  });

  it('C5: backup writes a consistent copy that passes integrity_check', async () => {
    const copy = join(tempDir(), 'copy.db');
    expect((await cli(['backup', copy, '--db', db])).code).toBe(0);
    const backup = new Database(copy, { readonly: true });
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(backup.prepare('SELECT COUNT(*) AS n FROM statements').get()).toEqual({ n: 65 });
    backup.close();
  });

  it('poll fetches every enabled source now; sources shows each one\'s health', async () => {
    const server = await startFeedServer();
    try {
      server.set('/ok.xml', { body: rssFeed([{ id: 'p1', url: 'https://ok.example/1', title: 'Polled', text: 'A statement polled from the command line.' }]) });
      server.set('/bad.xml', { status: 500 });
      const sourcesFile = join(tempDir(), 'sources.json');
      writeFileSync(sourcesFile, JSON.stringify({ sources: [{ name: 'Good', url: server.url('/ok.xml') }, { name: 'Bad', url: server.url('/bad.xml') }] }));
      const env = { SOURCES_FILE: sourcesFile };
      const polled = await cli(['poll', '--db', db], env);
      expect(polled.code).toBe(1); // one source failed
      expect(polled.out).toMatch(/^Good: updated, 1 entries: \+1/m);
      expect(polled.out).toMatch(/^Bad: failed \(Cannot fetch .*HTTP 500\)/m);
      const health = (await cli(['sources', '--db', db], env)).out;
      expect(health).toMatch(/^Bad: FAILING since \S+ \(1×\): .*HTTP 500; next poll \S+$/m);
      expect(health).toMatch(/^Good: ok, last success \S+; next poll \S+$/m);
    } finally {
      await server.close();
    }
  });

  it('reads .env from its working folder as the bot does, so both use the same database; check runs the integrity check', async () => {
    const { spawnSync } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const work = tempDir('sd-cli-env-');
    const target = join(work, 'from-dotenv.db');
    writeFileSync(join(work, '.env'), `DATABASE_PATH=${target}\nCORPUS_DIR=${SHIPPED_CORPUS}\n`);
    const tsx = import.meta.resolve('tsx');
    const script = new URL('../src/cli.ts', import.meta.url).pathname;
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', tsx, script, ...args], { cwd: work, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    const stats = run(['stats']);
    expect(stats.status, stats.stderr).toBe(0);
    expect(existsSync(target)).toBe(true);
    expect(existsSync(join(work, 'data', 'statements.db'))).toBe(false);
    const check = run(['check']);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('integrity ok');
  }, 60_000);
});
