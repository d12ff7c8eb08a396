// The realistic archive of issue 13: statements made of real sentences (the shipped corpus and,
// when it sits beside the repository, the attribution dev set of real news openings), English and
// Ukrainian mixed, 1–4 sentences each, 20 speakers (10 people, each spelt in both scripts), no
// `lang` field, written as ONE JSONL file the way an exported archive arrives.
import { createWriteStream, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { splitSentences } from '../src/digest/summarise.ts';
import { prng } from './synth.ts';

const SPEAKERS = [
  'Volodymyr Zelensky', 'Володимир Зеленський', 'Dmitry Peskov', 'Дмитро Пєсков', 'Mark Rutte', 'Марк Рютте',
  'Kaja Kallas', 'Кая Каллас', 'Andrii Sybiha', 'Андрій Сибіга', 'Donald Trump', 'Дональд Трамп',
  'Rustem Umerov', 'Рустем Умєров', 'Kyrylo Budanov', 'Кирило Буданов', 'Dmytro Lubinets', 'Дмитро Лубінець',
  'Vitali Klitschko', 'Віталій Кличко',
];
const OUTLETS = ['President of Ukraine', 'Ukrinform', 'Reuters', 'Kyiv Independent', 'Суспільне', 'Українська правда', 'RBC-Ukraine', 'The Guardian'];

export interface SentencePool {
  en: string[];
  uk: string[];
  /** Which folders the sentences came from (said in the results). */
  sources: string[];
}

function bodyOf(text: string): string {
  return text.replace(/^---\n[\s\S]*?\n---\n/, '');
}

/** Real sentences, 40–300 characters, split by language (Cyrillic letters → uk). */
export function realSentences(folders: string[]): SentencePool {
  const pool: SentencePool = { en: [], uk: [], sources: [] };
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    const files = readdirSync(folder).filter((f) => f.endsWith('.txt')).sort();
    if (files.length === 0) continue;
    pool.sources.push(folder);
    for (const file of files) {
      for (const raw of splitSentences(bodyOf(readFileSync(join(folder, file), 'utf8')))) {
        const s = raw.replace(/\s+/g, ' ').trim();
        if (s.length < 40 || s.length > 300) continue;
        (/[а-яіїєґ]/i.test(s) ? pool.uk : pool.en).push(s);
      }
    }
  }
  return pool;
}

/** Line i of the archive: a pure function of i, the pool and the seed. */
export function realisticLine(i: number, pool: SentencePool, seed = 13): Record<string, unknown> {
  const r = prng(seed * 7_919 + i);
  const uk = r() < 0.45 && pool.uk.length > 0;
  const sentences = uk ? pool.uk : pool.en;
  const count = 1 + Math.floor(r() * 4);
  const text = Array.from({ length: count }, () => sentences[Math.floor(r() * sentences.length)]).join(' ');
  const day = new Date(Date.UTC(2022, 1, 24) + Math.floor(r() * 1400) * 86_400_000).toISOString().slice(0, 10);
  // A few rows carry no date, as real archives do (stored as unknown, never as today).
  const date = r() < 0.02 ? null : day;
  return {
    id: `a${i}`,
    text,
    date,
    actor: SPEAKERS[Math.floor(r() * SPEAKERS.length)],
    url: `https://archive.example.org/s/${i}`,
    source: OUTLETS[Math.floor(r() * OUTLETS.length)],
  };
}

/** Writes `count` lines to one file, streaming (a 1M archive is ~450 MB). Returns its size in bytes. */
export async function writeRealisticArchive(path: string, count: number, pool: SentencePool, progress?: (s: string) => void, seed = 13): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (let i = 0; i < count; i += 1) {
    const line = `${JSON.stringify(realisticLine(i, pool, seed))}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
    if (progress && (i + 1) % 200_000 === 0) progress(`  generated ${i + 1}/${count}`);
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** The folders a realistic archive is made from, relative to the repository root. */
export function realisticFolders(root: string): string[] {
  return [join(root, 'data', 'corpus'), join(root, '..', 'shared', 'corpus-dev', 'news')];
}
