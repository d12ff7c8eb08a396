// Which words of a reported sentence are the speaker's own (and so may stand in quote marks).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citedWords, quotedSpans } from '../../src/bot/quoted-words.ts';

describe('citedWords', () => {
  it('a post or a report is quoted whole', () => {
    expect(citedWords('post', ' We will win. ')).toEqual({ words: 'We will win.', direct: true });
    expect(citedWords('report', 'Seoul said that…')).toEqual({ words: 'Seoul said that…', direct: true });
  });

  it('a reported quote in any of the corpus\'s marks gives the quoted words, the attribution left out', () => {
    expect(citedWords('quote', '"The cooperation is illegal," Yoon said.')).toEqual({ words: 'The cooperation is illegal', direct: true });
    expect(citedWords('quote', '«Ми чекаємо перших підрозділів», — сказав Буданов.')).toEqual({ words: 'Ми чекаємо перших підрозділів', direct: true });
    expect(citedWords('quote', '“First part,” Putin said. “Second part.”')).toEqual({ words: 'First part […] Second part.', direct: true });
    expect(citedWords('quote', '„Ми переможемо, і це буде скоро“, — сказав він.')).toEqual({ words: 'Ми переможемо, і це буде скоро', direct: true });
  });

  it('a paraphrase, a quoted phrase inside one, or marks that do not pair up: reported speech', () => {
    expect(citedWords('quote', 'Yoon said that North Korea is sending troops.').direct).toBe(false);
    expect(citedWords('quote', 'Zelensky called on allies “not to hide” and to respond to the evidence of North Korean troops.').direct).toBe(false);
    expect(citedWords('quote', '“We are waiting, Budanov told the outlet. “It is unclear.”').direct).toBe(false);
    expect(quotedSpans('“open only')).toBeNull();
  });

  it('never shows in quote marks a word that was not inside the source\'s quote marks', () => {
    const piece = fc.oneof(fc.constantFrom('“', '”', '"', '«', '»', '„', ', he said. ', ' '), fc.string({ maxLength: 8 }));
    fc.assert(fc.property(fc.array(piece, { maxLength: 14 }).map((p) => p.join('')), (text) => {
      const cited = citedWords('quote', text);
      if (!cited.direct) {
        expect(cited.words).toBe(text.trim());
      } else {
        const spans = quotedSpans(text.trim()) ?? [];
        for (const part of cited.words.split(' […] ')) expect(spans.some((s) => s === part || s === `${part},`)).toBe(true);
      }
    }), { numRuns: 400 });
  });
});
