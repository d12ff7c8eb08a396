// Namesakes: a person who shares a surname with someone in data/actors.json is someone else,
// in either script, through the whole path (article → extractor → store → /actor lookup).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest.ts';
import { memoryStore, reference, tempDir } from '../helpers/store.ts';

const PAIRS: Array<{ text: string; speaker: string; notTable: string }> = [
  { text: 'Melania Trump said the children must come home.', speaker: 'Melania Trump', notTable: 'Donald Trump' },
  { text: 'Lara Trump told viewers the campaign would go on.', speaker: 'Lara Trump', notTable: 'Donald Trump' },
  { text: 'Eric Trump said the company would invest.', speaker: 'Eric Trump', notTable: 'Donald Trump' },
  { text: 'Ivanka Trump wrote that the visit was moving.', speaker: 'Ivanka Trump', notTable: 'Donald Trump' },
  { text: 'Мелания Трамп заявила, что дети должны вернуться домой.', speaker: 'Мелания Трамп', notTable: 'Donald Trump' },
  { text: 'Carl Jung wrote that every person carries a shadow.', speaker: 'Carl Jung', notTable: 'Yoon Suk Yeol' },
  { text: 'Former foreign minister Yun Byung-se said the alliance was strong.', speaker: 'Yun Byung-se', notTable: 'Yoon Suk Yeol' },
  { text: 'Олена Зеленська заявила, що освіта дітей не може чекати.', speaker: 'Олена Зеленська', notTable: 'Volodymyr Zelensky' },
  { text: 'Olena Zelenska said the summit would focus on children.', speaker: 'Olena Zelenska', notTable: 'Volodymyr Zelensky' },
  { text: 'Lyudmila Putina said she had not spoken to the press for years.', speaker: 'Lyudmila Putina', notTable: 'Vladimir Putin' },
  { text: 'Maria Lavrova said the exhibition would open in May.', speaker: 'Maria Lavrova', notTable: 'Sergey Lavrov' },
  { text: 'Jan Rutte, a Dutch farmer, said prices had fallen.', speaker: 'Jan Rutte', notTable: 'Mark Rutte' },
  { text: 'Ян Рютте заявив, що ціни впали.', speaker: 'Ян Рютте', notTable: 'Mark Rutte' },
  { text: 'Andrew Healey said the league had changed its rules.', speaker: 'Andrew Healey', notTable: 'John Healey' },
  { text: 'Tom Blinken said the band would tour in spring.', speaker: 'Tom Blinken', notTable: 'Antony Blinken' },
  { text: 'Наталія Кулеба заявила, що школа відкриється восени.', speaker: 'Наталія Кулеба', notTable: 'Dmytro Kuleba' },
  { text: 'Олег Шмигаль сказав, що врожай буде високим.', speaker: 'Олег Шмигаль', notTable: 'Denys Shmyhal' },
  { text: 'Ірина Буданова наголосила, що волонтери потребують підтримки.', speaker: 'Ірина Буданова', notTable: 'Kyrylo Budanov' },
  { text: 'Dmytro Sybiha, a teacher from Lviv, said the school had reopened.', speaker: 'Dmytro Sybiha', notTable: 'Andrii Sybiha' },
  { text: 'Kim Yoon-ah said the skating season would start soon.', speaker: 'Kim Yoon-ah', notTable: 'Yoon Suk Yeol' },
  { text: 'Jung Eun-ji said the album was finished.', speaker: 'Jung Eun-ji', notTable: 'Yoon Suk Yeol' },
  { text: 'Олена Свириденко повідомила, що концерт перенесли.', speaker: 'Олена Свириденко', notTable: 'Yuliia Svyrydenko' },
];

describe('namesakes are never merged into a table person', () => {
  const dir = tempDir();
  PAIRS.forEach((pair, i) => {
    writeFileSync(
      join(dir, `n${String(i).padStart(2, '0')}.txt`),
      // A paragraph must read as prose (60+ characters): a second sentence of the same statement.
      `---\nsource: Test Wire\nkind: article\ndate: 2025-05-01\ntitle: Case ${i}\n---\n${pair.text} ${/\p{Script=Cyrillic}/u.test(pair.text) ? 'Більше подробиць буде згодом.' : 'More details will follow later.'}\n`,
    );
  });
  const store = memoryStore();
  ingest({ paths: [dir], corpusDir: dir, store, reference: reference(), now: () => new Date('2025-05-02T00:00:00Z') });
  const quotes = store.statements.latest(200).items.filter((s) => s.kind === 'quote');

  it.each(PAIRS.map((p) => [p.speaker, p.notTable, p.text] as const))('%s is not %s', (speaker, notTable, text) => {
    const quote = quotes.find((q) => q.text.startsWith(text));
    expect(quote?.speakers).toHaveLength(1);
    expect(quote?.speakers).not.toContain(notTable);
    // Found under the name as written; the same person met in the other script may have come first
    // ("Олена Зеленська" and "Olena Zelenska" share one key), never the table person.
    const found = store.actors.find(speaker).matches.map((a) => a.canonical);
    expect(found).toContain(quote?.speakers[0]);
    expect(found).not.toContain(notTable);
  });

  it('the table person keeps only their own statements', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(20);
    const tableSpeakers = new Set(PAIRS.map((p) => p.notTable));
    expect(quotes.filter((q) => q.speakers.some((s) => tableSpeakers.has(s)))).toEqual([]);
  });

  it('a source that names only a shared one-word alias ("Jung", "Yun") gets a person of its own', () => {
    const s = memoryStore();
    const jung = s.actors.resolveOrCreate('Jung');
    const yoon = s.actors.resolveOrCreate('Yoon Suk Yeol');
    expect(jung).not.toBe(yoon);
    // An alias the table person owns still resolves: "Trump" is Donald Trump, "President Zelensky" is Zelensky.
    expect(s.actors.byId(s.actors.resolveOrCreate('Trump'))?.canonical).toBe('Donald Trump');
    expect(s.actors.byId(s.actors.resolveOrCreate('President Zelensky'))?.canonical).toBe('Volodymyr Zelensky');
    expect(s.actors.byId(s.actors.resolveOrCreate('Melania Trump'))?.canonical).toBe('Melania Trump');
  });
});
