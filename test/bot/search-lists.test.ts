// Lists a person can page: "1–5 of 37", a search frozen when its first page is shown (no skips,
// no repeats after an ingest), a cut list that says so, snippets that show why, and "nothing
// found" that helps (a person only mentioned; a word only in an outlet's name).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import type { Store } from '../../src/store/index.ts';
import { MAX_SEARCH_MATCHES } from '../../src/store/index.ts';
import { parseTelegramHtml } from '../../src/telegram/parse-html.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { memoryStore, reference, seededStore, tempDir } from '../helpers/store.ts';

const USER = { id: 601, is_bot: false, first_name: 'Iryna', language_code: 'en' };

function message(text: string) {
  const command = /^\/[\w@]+/.exec(text)?.[0];
  return {
    message: {
      message_id: 1, date: 1_700_000_000, text, from: USER, chat: { id: USER.id, type: 'private' },
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
    },
  } as any;
}
const press = (data: string) => ({ callback_query: { id: `cb${Math.random()}`, from: USER, chat_instance: 'x', data, message: { message_id: 101, date: 0, chat: { id: USER.id, type: 'private' }, text: '' } } }) as any;
const sent = (calls: Array<{ method: string; payload: any }>): string => String(calls.find((c) => c.payload.text)?.payload.text ?? '');
const idsIn = (html: string): number[] => [...html.matchAll(/\/show_(\d+)/g)].map((m) => Number(m[1]));
const nextButton = (calls: Array<{ method: string; payload: any }>): string | undefined =>
  calls.flatMap((c) => c.payload.reply_markup?.inline_keyboard?.flat() ?? []).find((b: any) => /^p:\d+:\d+$/.test(b.callback_data) && b.text.includes('▶'))?.callback_data;

function writeJsonl(dir: string, name: string, lines: object[]): void {
  writeFileSync(join(dir, name), lines.map((l) => JSON.stringify(l)).join('\n'));
}

let store: Store;
beforeEach(() => {
  store = memoryStore();
});

describe('frozen search lists', () => {
  it('shows "1–5 of N", and pages neither skip nor repeat after an ingest', async () => {
    const dir = tempDir();
    writeJsonl(dir, 'a.jsonl', Array.from({ length: 12 }, (_, i) => ({ id: `a${i}`, text: `Statement ${i} about quorbex supplies.`, date: `2026-01-${String(i + 1).padStart(2, '0')}` })));
    const read = () => ingest({ paths: [dir], corpusDir: dir, store, reference: reference(), now: () => new Date('2026-02-01T00:00:00Z') });
    read();
    const t = recordingBot(store);
    const first = await t.handle(message('/search quorbex'));
    const page1 = sent(first);
    expect(parseTelegramHtml(page1).ok).toBe(true);
    expect(page1).toContain('1–5 of 12');
    // The searched word is bold in each excerpt.
    expect(page1).toContain('<b>quorbex</b>');
    const shown = idsIn(page1);
    expect(shown).toHaveLength(5);
    // New matching statements arrive (newer, so they would rank first in a fresh search).
    writeJsonl(dir, 'b.jsonl', Array.from({ length: 6 }, (_, i) => ({ id: `b${i}`, text: `Fresh quorbex news ${i}.`, date: '2026-01-31' })));
    read();
    let button = nextButton(first);
    while (button) {
      const calls = await t.handle(press(button));
      const html = sent(calls);
      expect(html).toMatch(/\d+–\d+ of 12/);
      shown.push(...idsIn(html));
      button = nextButton(calls);
    }
    const original = store.statements.searchIds('quorbex').ids.filter((id) => shown.includes(id));
    expect(shown).toHaveLength(12);
    expect(new Set(shown).size).toBe(12);
    expect(original).toHaveLength(12);
  });

  it('says when a list is cut at the newest MAX_SEARCH_MATCHES matches', async () => {
    const dir = tempDir();
    writeJsonl(dir, 'many.jsonl', Array.from({ length: MAX_SEARCH_MATCHES + 3 }, (_, i) => ({ id: `m${i}`, text: `Number ${i}: zephyrium again.`, date: '2026-01-02' })));
    ingest({ paths: [dir], corpusDir: dir, store, reference: reference(), now: () => new Date('2026-02-01T00:00:00Z') });
    const t = recordingBot(store);
    const html = sent(await t.handle(message('/search zephyrium')));
    expect(html).toContain(`1–5 of ${MAX_SEARCH_MATCHES.toLocaleString('en-US')}`);
    expect(html).toContain(`More than ${MAX_SEARCH_MATCHES.toLocaleString('en-US')} statements match`);
  }, 30_000);
});

describe('snippets that show why', () => {
  it('a search shows the sentence that matched, every form of the word in bold', async () => {
    const dir = tempDir();
    writeJsonl(dir, 'uk.jsonl', [{ id: 'u1', lang: 'uk', date: '2026-01-02', text: 'Дякую партнерам за підтримку. Обговорили нові пакети санкцій проти росії. Працюємо далі.' }]);
    ingest({ paths: [dir], corpusDir: dir, store, reference: reference(), now: () => new Date('2026-02-01T00:00:00Z') });
    const t = recordingBot(store);
    const html = sent(await t.handle(message('/search санкції')));
    expect(html).toContain('… Обговорили нові пакети <b>санкцій</b> проти росії.');
    expect(html).not.toContain('Дякую партнерам');
  });

  it('a topic list shows the sentence that carried the topic', async () => {
    const seeded = seededStore();
    const t = recordingBot(seeded);
    const html = sent(await t.handle(message('/topic air defence')));
    expect(html).toMatch(/1–\d+ of \d+/);
    const ids = idsIn(html);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const s = seeded.statements.byId(id);
      const sentence = reference().tagger.tag(s?.text ?? '').find((x) => x.slug === 'air-defense')?.sentence ?? '';
      expect(sentence).not.toBe('');
      // The excerpt starts at the carrying sentence (escaped like the rest of the message).
      expect(parseTelegramHtml(html).ok && (parseTelegramHtml(html) as { text: string }).text).toContain(sentence.slice(0, 40));
    }
  });
});

describe('nothing found that helps', () => {
  it('a person who is only mentioned: said so, and the statements that mention them listed', async () => {
    const seeded = seededStore();
    const row = seeded.db
      .prepare(`SELECT a.id, a.canonical FROM actors a WHERE EXISTS (SELECT 1 FROM statement_actors m WHERE m.actor_id = a.id AND m.role = 'mentioned')
                AND NOT EXISTS (SELECT 1 FROM statement_actors s WHERE s.actor_id = a.id AND s.role = 'speaker') AND a.from_table = 1 LIMIT 1`)
      .get() as { id: number; canonical: string };
    expect(row).toBeDefined();
    const mentions = seeded.statements.countByActor(row.id, 'any');
    const t = recordingBot(seeded);
    const html = sent(await t.handle(message(`/actor ${row.canonical}`)));
    expect(html).toContain(`${row.canonical} made no statement here`);
    expect(html).toContain(`Statements that mention ${row.canonical}`);
    expect(html).toContain(`of ${mentions}`);
    for (const id of idsIn(html)) expect(seeded.statements.byId(id)?.mentioned).toContain(row.canonical);
  });

  it('a word found only in an outlet name, or a finished word that starts another, is not a hit', async () => {
    const dir = tempDir();
    writeJsonl(dir, 'x.jsonl', [
      { id: 'x1', text: 'We met our partners today.', date: '2026-01-02', source: 'Zelensky on X' },
      { id: 'x2', text: 'Both sides agreed to talk.', date: '2026-01-02' },
    ]);
    ingest({ paths: [dir], corpusDir: dir, store, reference: reference(), now: () => new Date('2026-02-01T00:00:00Z') });
    const t = recordingBot(store);
    expect(sent(await t.handle(message('/search x')))).toContain('Nothing found');
    expect(sent(await t.handle(message('/search hello bot')))).toContain('Nothing found');
  });
});
