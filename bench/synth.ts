// A deterministic synthetic corpus built from the shipped documents' sentences: varied speakers
// (known actors and made-up names in both scripts), topics, dates, English and Ukrainian text.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitSentences } from '../src/digest/summarise.ts';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KNOWN = ['Volodymyr Zelensky', 'Зеленський', 'Yoon Suk Yeol', 'Mark Rutte', 'Kyrylo Budanov', 'John Healey', 'Vladimir Putin', 'Donald Trump', 'Andrii Sybiha', 'Денис Шмигаль'];
const GIVEN = ['Олена', 'Іван', 'Марія', 'Петро', 'Ірина', 'Тарас', 'Anna', 'John', 'Maria', 'Pierre', 'Sven', 'Akiko'];
const FAMILY = ['Коваленко', 'Бондар', 'Шевченко', 'Мельник', 'Ткаченко', 'Кравчук', 'Smith', 'Dubois', 'Berg', 'Tanaka', 'Novak', 'Rossi'];

export interface SyntheticLine {
  id: string;
  text: string;
  date: string;
  actor: string;
  url: string;
  source: string;
  lang: string;
}

export function seedSentences(corpusDir: string): { en: string[]; uk: string[] } {
  const all = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).flatMap((f) => splitSentences(readFileSync(join(corpusDir, f), 'utf8')));
  const good = all.filter((s) => s.length > 40 && s.length < 400);
  return { en: good.filter((s) => !/[а-яіїє]/i.test(s)), uk: good.filter((s) => /[а-яіїє]/i.test(s)) };
}

/** Statement i of the synthetic corpus (pure function of i and the seed). */
export function syntheticLine(i: number, sentences: { en: string[]; uk: string[] }, seed = 42): SyntheticLine {
  const r = prng(seed * 1_000_003 + i);
  const uk = r() < 0.25 && sentences.uk.length > 0;
  const pool = uk ? sentences.uk : sentences.en;
  const count = 1 + Math.floor(r() * 4);
  const text = Array.from({ length: count }, () => pool[Math.floor(r() * pool.length)]).join(' ');
  const actor = r() < 0.5 ? (KNOWN[Math.floor(r() * KNOWN.length)] as string) : `${GIVEN[Math.floor(r() * GIVEN.length)]} ${FAMILY[Math.floor(r() * FAMILY.length)]}${Math.floor(r() * 300)}`;
  const day = new Date(Date.UTC(2022, 1, 24) + Math.floor(r() * 1400) * 86_400_000).toISOString().slice(0, 10);
  return { id: `syn-${i}`, text: `${text} (#${i})`, date: day, actor, url: `https://example.org/s/${i}`, source: `Outlet ${Math.floor(r() * 40)}`, lang: uk ? 'uk' : 'en' };
}
