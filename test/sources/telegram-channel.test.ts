// A Telegram channel source end to end: a real saved preview page served on loopback, polled
// into the store; a second poll adds nothing; an edited message updates its one statement;
// backfill asks for the older page; a page that is no preview fails the poll with a reason.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSourcePoller } from '../../src/sources/poller.ts';
import type { TelegramChannelSourceConfig } from '../../src/sources/sources-file.ts';
import { parseSourcesFile } from '../../src/sources/sources-file.ts';
import type { Store } from '../../src/store/index.ts';
import { quietLogger } from '../helpers/digest-fixture.ts';
import type { FeedServer } from '../helpers/feed-server.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { memoryStore, reference } from '../helpers/store.ts';

const PAGE = readFileSync(new URL('../fixtures/telegram-preview/full.html', import.meta.url), 'utf8');
const OLDER = readFileSync(new URL('../fixtures/telegram-preview/message_text.html', import.meta.url), 'utf8');
const T0 = new Date('2026-11-23T08:00:00Z');

describe('telegram-channel source', () => {
  let server: FeedServer;
  let store: Store;
  beforeEach(async () => {
    server = await startFeedServer();
    store = memoryStore();
  });
  afterEach(async () => {
    store.close();
    await server.close();
  });

  const channel = (extra: Record<string, unknown> = {}): TelegramChannelSourceConfig => {
    const parsed = parseSourcesFile(JSON.stringify({ sources: [{ kind: 'telegram-channel', name: 'Topwar', channel: 'topwar_official', speaker: 'Topwar editors', url: server.url('/s/topwar_official'), backfillPages: 0, ...extra }] }), 'sources.json');
    expect(parsed.errors).toEqual([]);
    return parsed.sources[0] as TelegramChannelSourceConfig;
  };
  const poller = (source: TelegramChannelSourceConfig) =>
    createSourcePoller({ store, reference: reference(), logger: quietLogger(), clock: () => T0, sources: () => [source], forceAll: true, limits: { timeoutMs: 5000 } });

  it('stores every message as one post with its t.me link and UTC day; a second poll adds nothing', async () => {
    server.set('/s/topwar_official', { body: PAGE, headers: { 'content-type': 'text/html; charset=utf-8' } });
    const p = poller(channel());
    const [first] = await p.pollDue();
    expect(first).toMatchObject({ status: 'updated', added: 12, updated: 0, entries: 12 });
    const posts = store.statements.latest(50).items;
    expect(posts).toHaveLength(12);
    expect(posts.every((s) => s.kind === 'post' && s.date === '2023-02-28' && /^https:\/\/t\.me\/topwar_official\/\d+$/.test(s.url ?? ''))).toBe(true);
    const own = posts.find((s) => s.url === 'https://t.me/topwar_official/70990');
    expect(own).toMatchObject({ text: 'Власти Петербурга подтвердили, что аэропорт Пулково временно не принимает самолеты.', speakers: ['Topwar editors'], attribution: null });
    // A forwarded post is credited to its origin, not to the channel's speaker.
    expect(posts.find((s) => s.url === 'https://t.me/topwar_official/70998')).toMatchObject({ speakers: [], attribution: 'БелВПО' });

    const [second] = await p.pollDue();
    expect(second).toMatchObject({ status: 'updated', added: 0, updated: 0, unchanged: 12 });
    expect(store.statements.latest(50).items).toHaveLength(12);
  });

  it('an edited message updates its one statement in place', async () => {
    server.set('/s/topwar_official', { body: PAGE });
    const p = poller(channel());
    await p.pollDue();
    const before = store.statements.latest(50).items.find((s) => s.url === 'https://t.me/topwar_official/70990');
    const edited = PAGE.replace('что аэропорт Пулково временно', 'что аэропорт Пулково до 12:00 временно').replace(
      /(<span\s+class="tgme_widget_message_meta">)(<a class="tgme_widget_message_date"\s+href="https:\/\/t.me\/topwar_official\/70990")/,
      '$1edited &nbsp;$2',
    );
    expect(edited).not.toBe(PAGE);
    server.set('/s/topwar_official', { body: edited });
    const [result] = await p.pollDue();
    expect(result).toMatchObject({ added: 0, updated: 1, unchanged: 11 });
    const after = store.statements.latest(50).items;
    expect(after).toHaveLength(12);
    const changed = after.find((s) => s.url === 'https://t.me/topwar_official/70990');
    expect(changed?.id).toBe(before?.id);
    expect(changed?.text).toContain('до 12:00');
  });

  it('backfills one older page per poll from ?before= and remembers where it stopped', async () => {
    server.set('/s/topwar_official', { body: PAGE });
    server.set('/s/topwar_official?before=70989', { body: OLDER });
    const p = poller(channel({ backfillPages: 2 }));
    const [first] = await p.pollDue();
    expect(server.requests).toHaveLength(2);
    expect(first?.added).toBe(13); // the page's 12 and the older page's one (served only at ?before=70989)
    expect(store.statements.latest(50).items.some((s) => s.url === 'https://t.me/topwar_official/70991')).toBe(true);
    // The older page served here starts at 70991, no further back than asked: the backfill ends
    // there instead of asking for the same page again.
    expect(JSON.parse(store.sources.get('Topwar')?.cursor ?? 'null')).toEqual({ before: null, pages: 1 });
    await p.pollDue();
    expect(server.requests).toHaveLength(3);
  });

  it('a page that is no channel preview fails the poll with a reason and stores nothing', async () => {
    server.set('/s/topwar_official', { body: '<!DOCTYPE html><html><head><title>Telegram: Contact @topwar_official</title></head><body><div class="tgme_page_wrap"></div></body></html>' });
    const [result] = await poller(channel()).pollDue();
    expect(result?.status).toBe('failed');
    expect(result?.error).toMatch(/no public preview/);
    expect(store.statements.latest(5).items).toEqual([]);
  });

  it('checks the channel entry: a username is required, t.me/s/<channel> is the default address', () => {
    const ok = parseSourcesFile(JSON.stringify({ sources: [{ kind: 'telegram-channel', name: 'President', channel: '@V_Zelenskiy_official' }] }), 'f');
    expect(ok.sources[0]).toMatchObject({ kind: 'telegram-channel', channel: 'V_Zelenskiy_official', url: 'https://t.me/s/V_Zelenskiy_official', backfillPages: 5, pollMinutes: 30 });
    const bad = parseSourcesFile(JSON.stringify({ sources: [
      { kind: 'telegram-channel', name: 'X', channel: 'no spaces allowed' },
      { kind: 'tiktok', name: 'Y' },
      { kind: 'telegram-channel', name: 'Z', channel: 'V_Zelenskiy_official', pollMinutes: 1 },
    ] }), 'f');
    expect(bad.sources).toEqual([]);
    expect(bad.errors[0]).toMatch(/sources\[0\] "X": channel: must be a public channel username/);
    expect(bad.errors[1]).toMatch(/sources\[1\] "Y": kind: must be one of "feed", "telegram-channel"/);
    expect(bad.errors[2]).toMatch(/sources\[2\] "Z": pollMinutes: must be at least 5 for t\.me/);
  });
});
