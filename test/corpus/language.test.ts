import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from 'tinyld';
import { describe, expect, it } from 'vitest';
import { decideLanguage, detectLanguage } from '../../src/corpus/language.ts';

const CORPUS = join(import.meta.dirname, '..', '..', 'data', 'corpus');

describe('decideLanguage', () => {
  it.each([
    ['Ukraine will never accept the occupation of its territory, the president said.', 'en', 'script'],
    ['Україна ніколи не визнає окупацію своїх територій, заявив президент.', 'uk', 'script'],
    ['Россия готова к переговорам, но не на этих условиях, сказал Песков.', 'ru', 'script'],
    ['Der Bundeskanzler sagte, die Unterstützung für die Ukraine werde fortgesetzt.', 'de', 'detector'],
    ['Le président a déclaré que la France continuera de soutenir l’Ukraine.', 'fr', 'detector'],
    ['12:00 — 14:30', 'und', 'script'],
    // A short sentence: one English-only word and no other language's function word.
    ['Russian-Iranian “shahed” drones were used.', 'en', 'script'],
    ['But instead he chooses ballistics over any real steps toward peace.', 'en', 'script'],
    // Short and without accents: another language's function words send them to the detector.
    ['Die Ukraine braucht mehr Hilfe und sie wird sie bekommen.', 'de', 'detector'],
    ['Rusia ataca con drones y misiles para presionar.', 'es', 'detector'],
    // 'was' and 'will' are English-only words here, but 'der' is German's.
    ['Was will Putin in der Ukraine wirklich erreichen, fragen sich viele?', 'de', 'detector'],
    // Past one sentence, one English-only word is not enough: 'was' and 'will' are German words too.
    ['Was will Putin wirklich erreichen, fragen viele Beobachter: Moskau schweigt, Kiew wartet, Berlin zweifelt, Paris warnt, Warschau fordert mehr Waffen, London liefert Raketen, Washington verhandelt lange, Ankara vermittelt still, Rom hofft weiter, Madrid wartet ab, Prag warnt erneut.', 'de', 'detector'],
    ['We waren over de brug gelopen toen het alarm klonk.', 'nl', 'detector'],
  ])('%s → %s by %s', (text, lang, by) => {
    const decision = decideLanguage(text);
    expect(decision.by).toBe(by);
    if (lang === 'de' || lang === 'fr' || lang === 'es' || lang === 'nl') expect(decision.lang === 'en' && decision.by === 'script').toBe(false);
    else expect(decision.lang).toBe(lang);
  });

  it('keeps a valid hint', () => {
    expect(decideLanguage('Hello there', 'uk')).toEqual({ lang: 'uk', by: 'hint' });
  });

  it('settles most shipped paragraphs by script, agreeing with the detector wherever it does', () => {
    let byScript = 0;
    let total = 0;
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.txt'))) {
      for (const paragraph of readFileSync(join(CORPUS, file), 'utf8').split(/\n\s*\n/)) {
        if ((paragraph.match(/\p{L}/gu) ?? []).length < 40) continue;
        total += 1;
        const decision = decideLanguage(paragraph);
        if (decision.by !== 'script') continue;
        byScript += 1;
        const cyrillic = /\p{Script=Cyrillic}/u.test(paragraph) && !/[a-z]{4}/i.test(paragraph.replace(/https?:\S+/g, ''));
        const detector = detect(paragraph, { only: cyrillic ? ['uk', 'ru'] : ['en', 'de', 'fr', 'es', 'it', 'pl'] });
        expect([decision.lang, paragraph.slice(0, 60)]).toEqual([detector || decision.lang, paragraph.slice(0, 60)]);
      }
    }
    expect(total).toBeGreaterThan(40);
    expect(byScript / total).toBeGreaterThan(0.7);
  });

  it('detectLanguage returns the decision', () => {
    expect(detectLanguage('Президент України заявив про нові санкції.')).toBe('uk');
  });
});
