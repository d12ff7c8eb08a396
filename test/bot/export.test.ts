// The Cite button, citation results in inline mode, and /export through bot.handleUpdate: the
// document's rows are the list's statements in the list's order; limits and mistakes answered.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { InputFile } from 'grammy';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildCitation, renderCitationText, speakerDirectoryFor } from '../../src/bot/citation.ts';
import { ingest } from '../../src/corpus/ingest.ts';
import type { Store } from '../../src/store/index.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import type { RecordedCall } from '../helpers/recording-bot.ts';
import { reference, SHIPPED_CORPUS, seededStore, tempDir } from '../helpers/store.ts';
import { commandMessage as updateOf } from '../helpers/updates.ts';

const commandMessage = (text: string, from: typeof USER) => updateOf(text, from) as any;

const USER = { id: 501, is_bot: false as const, first_name: 'Olena', language_code: 'en' };
const UK_USER = { id: 502, is_bot: false as const, first_name: 'Оксана', language_code: 'uk' };

const press = (data: string, from = USER) => ({
  callback_query: { id: `cb${Math.random()}`, from, chat_instance: 'x', data, message: { message_id: 101, date: 0, chat: { id: from.id, type: 'private' }, text: '' } },
}) as any;

/** The bytes of the document a sendDocument call uploads (read as grammY would). */
async function documentOf(call: RecordedCall | undefined): Promise<{ name: string; text: string }> {
  const file = call?.payload.document as InputFile & { toRaw(): Promise<AsyncIterable<Uint8Array> | Uint8Array> };
  const raw = await file.toRaw();
  const parts: Buffer[] = [];
  if (raw instanceof Uint8Array) parts.push(Buffer.from(raw));
  else for await (const c of raw) parts.push(Buffer.from(c));
  return { name: file.filename ?? '', text: Buffer.concat(parts).toString('utf8') };
}

/** Every statement id of a list, by pressing ▶ until the last page, as a user would. */
async function idsOfList(t: ReturnType<typeof recordingBot>, first: RecordedCall[]): Promise<number[]> {
  const ids: number[] = [];
  let call = first.find((c) => c.method === 'sendMessage' || c.method === 'editMessageText');
  for (;;) {
    ids.push(...[...String(call?.payload.text).matchAll(/\/show_(\d+)/g)].map((m) => Number(m[1])));
    const more = (call?.payload.reply_markup?.inline_keyboard ?? []).flat().find((b: any) => b.text.includes('▶'));
    if (!more) return ids;
    call = (await t.handle(press(more.callback_data))).find((c) => c.method === 'editMessageText');
  }
}

const markdownIds = (text: string): number[] => [...text.matchAll(/`#(\d+)`/g)].map((m) => Number(m[1]));
const sent = (calls: RecordedCall[], method = 'sendMessage') => calls.filter((c) => c.method === method);

let store: Store;
let t: ReturnType<typeof recordingBot>;
beforeEach(() => {
  store = seededStore();
  t = recordingBot(store);
});

describe('/export', () => {
  it('after /actor Zelensky: one Markdown document holding every statement of the list, in its order', async () => {
    const list = await t.handle(commandMessage('/actor Zelensky', USER));
    const shown = await idsOfList(t, list);
    expect(shown.length).toBeGreaterThan(10);
    const calls = await t.handle(commandMessage('/export', USER));
    expect(sent(calls, 'sendDocument')).toHaveLength(1);
    const doc = await documentOf(calls[0]);
    expect(markdownIds(doc.text)).toEqual(shown);
    expect(doc.name).toBe('statements_actor-volodymyr-zelensky_2026-11-23.md');
    expect(calls[0]?.payload.caption).toBe(`${shown.length} statements · actor: Volodymyr Zelensky`);
    expect(doc.text).toMatch(/^# Statements: actor: Volodymyr Zelensky\n/);
  });

  it('after /search, format:csv: the CSV rows are the search results in rank order', async () => {
    const list = await t.handle(commandMessage('/search North Korean troops', USER));
    const shown = await idsOfList(t, list);
    const doc = await documentOf(sent(await t.handle(commandMessage('/export format:csv', USER)), 'sendDocument')[0]);
    const rows = parse(doc.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => Number(r.id))).toEqual(shown);
    expect(doc.name).toBe('statements_search-north-korean-troops_2026-11-23.csv');
  });

  it('with filters: the statements they select, named after them; a Ukrainian reader gets Ukrainian citations', async () => {
    const calls = await t.handle(commandMessage('/export actor:зеленський lang:uk from:2024 to:2024', UK_USER));
    const doc = await documentOf(sent(calls, 'sendDocument')[0]);
    expect(doc.name).toBe('statements_actor-volodymyr-zelensky_uk_from-2024-01-01_to-2024-12-31_2026-11-23.md');
    const ids = markdownIds(doc.text);
    expect(ids.length).toBeGreaterThan(0);
    for (const s of store.statements.byIds(ids)) {
      expect(s.lang).toBe('uk');
      expect(s.speakers).toContain('Volodymyr Zelensky');
    }
    expect(doc.text).toContain('**Володимир Зеленський, Президент України** — допис');
    expect(doc.text).toContain('> «');
  });

  it('explains itself: no list yet, unknown words, unknown names, nothing matching', async () => {
    // Every /export is a heavy request (4 a minute a user, issue-15's policy), a mistake too: a
    // minute between the fourth and the fifth.
    expect(sent(await t.handle(commandMessage('/export', USER)))[0]?.payload.text).toContain('Show a list first');
    expect(sent(await t.handle(commandMessage('/export colour:red', USER)))[0]?.payload.text).toContain('I did not understand “colour:red”');
    expect(sent(await t.handle(commandMessage('/export from:2025-13-01', USER)))[0]?.payload.text).toContain('not a date');
    expect(sent(await t.handle(commandMessage('/export actor:Zelenskx', USER)))[0]?.payload.text).toContain('Did you mean: Volodymyr Zelensky');
    t.setNow(new Date('2026-11-23T09:01:01Z'));
    expect(sent(await t.handle(commandMessage('/export from:1990 to:1990', USER)))[0]?.payload.text).toContain('nothing to export');
  });

  it('past the heavy-request limit: one slow-down notice, no document, then silence until the window passes', async () => {
    // The policy's heavy class (issue-15): 4 a minute a user. Searches are their own class and
    // do not use it up.
    for (const words of ['drones', 'sanctions', 'troops']) await t.handle(commandMessage(`/search ${words}`, USER));
    for (let i = 0; i < 4; i += 1) expect(sent(await t.handle(commandMessage('/export', USER)), 'sendDocument')).toHaveLength(1);
    const over = await t.handle(commandMessage('/export', USER));
    expect(sent(over, 'sendDocument')).toHaveLength(0);
    expect(sent(over)[0]?.payload.text).toMatch(/Slow down: try again in \d+ s/);
    expect(await t.handle(commandMessage('/export', USER))).toEqual([]);
    // Another user is not held back.
    expect(sent(await t.handle(commandMessage('/export from:2024', UK_USER)), 'sendDocument')).toHaveLength(1);
    t.setNow(new Date('2026-11-23T09:01:01Z'));
    expect(sent(await t.handle(commandMessage('/export', USER)), 'sendDocument')).toHaveLength(1);
  });

  it('over 5,000 statements: says how many and how to narrow, sends nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'many.jsonl'), Array.from({ length: 5001 }, (_, i) => JSON.stringify({ id: `m${i}`, text: `Statement ${i}.`, date: '2025-01-02' })).join('\n'));
    ingest({ paths: [dir], corpusDir: SHIPPED_CORPUS, store, reference: reference(), now: () => new Date('2026-11-21T08:00:00Z') });
    await t.handle(commandMessage('/latest', USER));
    const calls = await t.handle(commandMessage('/export', USER));
    expect(sent(calls, 'sendDocument')).toHaveLength(0);
    expect(sent(calls)[0]?.payload.text).toContain('That is 5,066 statements; one export holds up to 5,000');
    expect(sent(calls)[0]?.payload.text).toContain('/export actor:');
  });
});

describe('Cite', () => {
  it('every card has a Cite button; it sends the citation as one plain-text message in the reader\'s language', async () => {
    for (const [user, marks] of [[USER, /^“[\s\S]*”$/m], [UK_USER, /^«[\s\S]*»$/m]] as const) {
      const card = await t.handle(commandMessage('/show 1', user));
      const cite = card[0]?.payload.reply_markup.inline_keyboard.flat().find((b: any) => b.callback_data === 'c:1');
      expect(cite).toBeDefined();
      const calls = await t.handle(press(cite.callback_data, user));
      const reply = sent(calls)[0];
      expect(reply?.payload.parse_mode).toBeUndefined();
      const s = store.statements.byId(1);
      if (!s) throw new Error('no #1');
      const lang = user === USER ? 'en' : 'uk';
      const expected = renderCitationText(buildCitation(s, lang, speakerDirectoryFor(reference().actors), store.exports.langsOf(s.translations)), lang);
      expect(reply?.payload.text).toBe(expected);
      expect(reply?.payload.text).toMatch(marks);
      expect(reply?.payload.text).toContain(user === USER ? 'Volodymyr Zelensky, President of Ukraine' : 'Володимир Зеленський, Президент України');
    }
    // A statement that does not exist: the button says it expired.
    const stale = await t.handle(press('c:99999'));
    expect(stale[0]?.payload.text).toContain('expired');
  });

  it('inline results offer each statement as a card and as a citation, within Telegram\'s limits', async () => {
    const calls = await t.handle({ inline_query: { id: 'iq1', from: USER, query: '', offset: '' } } as any);
    const results = calls[0]?.payload.results as Array<any>;
    expect(results.length).toBeLessThanOrEqual(50);
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
    const citations = results.filter((r) => r.id.startsWith('c'));
    expect(citations.length).toBe(results.length / 2);
    for (const r of citations) {
      expect(r.input_message_content.parse_mode).toBeUndefined();
      expect(r.input_message_content.message_text).toMatch(/“[\s\S]*”/);
      expect(r.title).toMatch(/^Citation: /);
    }
  });
});
