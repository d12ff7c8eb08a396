// Pins what the indexer makes of each shipped seed: counts, speakers, dates, languages, no chrome.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Statement, Store } from '../../src/store/index.ts';
import { seededStore, SHIPPED_CORPUS } from '../helpers/store.ts';

let store: Store;
let all: Statement[];
const ofFile = (prefix: string): Statement[] =>
  all.filter((s) => s.externalId.startsWith(`file:${prefix}`)).sort((a, b) => a.id - b.id);
const summary = (s: Statement): string =>
  `${s.kind} ${s.speakers.join('+') || s.attribution || '-'} ${s.date ?? 'unknown'}/${s.datePrecision} ${s.lang}`;

beforeAll(() => {
  store = seededStore();
  all = store.statements.latest(1000).items;
});

describe('seed 000: Zelensky post archive, EN + UK', () => {
  it('makes one statement per thread: the call (EN and UK) and six unmarked threads', () => {
    const s = ofFile('000_');
    expect(s.map((x) => x.parts?.length)).toEqual([5, 5, 3, 3, 3, 3, 3, 3]);
    expect(new Set(s.map((x) => x.kind))).toEqual(new Set(['post']));
    expect(s.every((x) => x.speakers.join() === 'Volodymyr Zelensky')).toBe(true);
    expect(s.map((x) => x.lang)).toEqual(['en', 'uk', 'en', 'en', 'en', 'en', 'en', 'en']);
    // Late October 2024 is all that is known: month precision, never a made-up day.
    expect(s.every((x) => x.date === '2024-10' && x.datePrecision === 'month')).toBe(true);
  });

  it('links the Ukrainian thread to the English one as its translation', () => {
    const [en, uk] = ofFile('000_');
    expect(uk?.translationOf).toBe(en?.id);
    expect(en?.translations).toEqual([uk?.id]);
    expect(uk?.text.startsWith('Провів телефонну розмову')).toBe(true);
    expect(en?.mentioned).toContain('Yoon Suk Yeol');
    expect(uk?.mentioned).toContain('Yoon Suk Yeol'); // "Юн Сок Йолем", inflected
  });

  it('starts unmarked threads at an occasion and keeps each thread whole', () => {
    const openers = ofFile('000_').slice(2).map((x) => x.parts?.[0]?.slice(0, 30));
    expect(openers).toEqual([
      'Today, I addressed the Nordic ',
      'I address the participants of ',
      'Today at the Crimea Platform S',
      'Today, I addressed the Europea',
      'I presented the Victory Plan t',
      'At the Ukraine–South East Euro',
    ]);
  });
});

describe('seed 003: dated thread listing', () => {
  it('dates each thread by the line before it, in 2025; the first thread only by its year', () => {
    const s = ofFile('003_');
    expect(s).toHaveLength(21);
    expect(summary(s[0] as Statement)).toBe('post Volodymyr Zelensky 2025/year en');
    expect(s[0]?.text).toMatch(/^Addressing the Ambrosetti Forum/);
    expect(s.slice(1).map((x) => x.date)).toEqual([
      '2025-09-04', '2025-09-03', '2025-08-31', '2025-08-28', '2025-08-21', '2025-08-17', '2025-08-15',
      '2025-08-09', '2025-08-09', '2025-07-31', '2025-07-21', '2025-07-10', '2025-07-06', '2025-07-03',
      '2025-07-03', '2025-06-27', '2025-06-26', '2025-06-26', '2025-06-24', '2025-06-24',
    ]);
    expect(s[1]?.partsTotal).toBe(15);
    expect(s[1]?.parts).toHaveLength(2);
    expect(s.every((x) => !/tweets • \d+ min read/.test(x.text))).toBe(true);
  });
});

describe('seed 001: The Odessa Journal article', () => {
  it('is one report plus Yoon’s quotes and paraphrases', () => {
    const s = ofFile('001_');
    expect(s.map(summary)).toEqual([
      'report - 2024-10/month en',
      ...Array(7).fill('quote Yoon Suk Yeol 2024-10/month en'),
    ]);
    expect(s[0]?.title).toBe('The President of South Korea called for international solidarity against the military cooperation between North Korea and Russia');
    expect(s[0]?.mentioned).toEqual(expect.arrayContaining(['Yoon Suk Yeol', 'Antony Blinken', 'Li Qiang', 'Sergey Lavrov']));
    // Attendees are named, never quoted.
    expect(all.some((x) => x.speakers.includes('Antony Blinken'))).toBe(false);
  });
});

describe('seed 002: ElitExpert, machine-translated', () => {
  it('resolves every spelling of Yoon (Yun Seok-yeol, Yoon Seok-yeol, Yun, Jung) and "he said"', () => {
    const s = ofFile('002_');
    expect(s.map(summary)).toEqual([
      'report - 2024-10/month en',
      'quote Mark Rutte 2024-10/month en',
      'quote Yoon Suk Yeol 2024-10/month en',
      'quote Yoon Suk Yeol 2024-10/month en',
      'quote Mark Rutte 2024-10/month en',
      'quote Yoon Suk Yeol 2024-10/month en',
      'quote Volodymyr Zelensky 2024-10/month en',
      'quote Yoon Suk Yeol 2024-10/month en',
      'quote Yoon Suk Yeol 2024-10/month en',
      'quote Yoon Suk Yeol 2024-10/month en',
    ]);
    expect(s[2]?.text).toMatch(/^"I hope that, under Secretary General Rutte's leadership/);
    expect(s[0]?.mentioned).toContain('Ursula von der Leyen');
    expect(all.some((x) => x.speakers.includes('Ursula von der Leyen'))).toBe(false);
  });
});

describe('seed 004: two Arab News articles', () => {
  it('splits the file into two dated articles with their quotes, weekdays resolved', () => {
    const s = ofFile('004_');
    expect(s.map(summary)).toEqual([
      'report - 2024-10-23/day en',
      'quote Volodymyr Zelensky 2024-10-22/day en', // "called on allies on Tuesday"
      'quote Volodymyr Zelensky 2024-10-22/day en', // "He said in his nightly address"
      'quote Volodymyr Zelensky 2024-10-22/day en',
      'quote Kyrylo Budanov 2024-10-23/day en', // "The head of Ukraine’s Main Directorate of Intelligence told"
      'quote Kyrylo Budanov 2024-10-23/day en',
      'quote Volodymyr Zelensky 2024-10-22/day en',
      'quote Volodymyr Zelensky 2024-10-22/day en',
      'quote Volodymyr Zelensky 2024-10-22/day en', // a bare quote continuing the one before
      'quote John Healey 2024-10-22/day en',
      'quote A senior official at South Korean President Yoon Suk Yeol’s office 2024-10-23/day en',
      'quote A top US diplomat 2024-10-21/day en',
      'quote Mark Rutte 2024-10-21/day en',
      'report - 2026-01-21/day en',
      'quote Vladimir Putin 2026-01-21/day en',
      'quote Vladimir Putin 2026-01-21/day en',
      'quote Vladimir Putin 2026-01-21/day en',
      'quote Vladimir Putin 2026-01-21/day en',
    ]);
    // Yoon's office is the owner, not the speaker: Yoon is only mentioned there.
    expect(s[10]?.mentioned).toEqual(['Yoon Suk Yeol']);
    expect(s[14]?.mentioned).toEqual(['Donald Trump']);
    expect(s[13]?.title).toBe('Russia will examine Trump’s ‘Board of Peace’ invite: Putin');
  });
});

describe('cleaning', () => {
  const chrome = [
    'About past, present and future of Ukraine', 'Search mobile', 'Share this article', 'Top article', 'more articles',
    'Short Url', 'Follow', 'Updated 23 October 2024', 'This handout photograph', 'Missing some Tweet', 'force a refresh',
    'Monobank', 'Contact Us', 'Rybalska', 'Copyright', 'To Top', 'Comments', 'Recent ones', 'We are on the map',
    'Ministry of Defense has signed a contract', 'Ramstein meeting', 'tweets •', '• • •', '668',
  ];
  it.each(chrome)('no statement contains page chrome: %s', (line) => {
    expect(all.filter((s) => s.text.includes(line)).map((s) => s.id)).toEqual([]);
  });

  it('every non-blank line of the seeds is either in a statement or a known kind of chrome', () => {
    const texts = all.map((s) => s.text).join('\n');
    for (const file of ['000_891d343d4f7d98c4.txt', '003_0e2a154100ffc278.txt']) {
      const lines = readFileSync(join(SHIPPED_CORPUS, file), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
      const missing = lines.filter((l) => !texts.includes(l) && !/tweets • |^• • •$|^Missing some Tweet|^force a refresh$/.test(l));
      expect(missing).toEqual([]);
    }
  });

  it('never invents a link: no seed statement has a URL; the posts keep their known origin', () => {
    expect(all.every((s) => s.url === null)).toBe(true);
    expect(ofFile('000_').every((s) => s.homeUrl === 'https://x.com/ZelenskyyUa')).toBe(true);
  });

  it('counts 65 statements in all', () => {
    expect(all).toHaveLength(65);
    expect(store.catalog.stats().statements).toBe(65);
  });
});
