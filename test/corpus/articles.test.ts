// Articles: the report is the reporter's text, a third language is never guessed at.
import { describe, expect, it } from 'vitest';
import { segmentArticle } from '../../src/corpus/articles.ts';
import { reference } from '../helpers/store.ts';

const options = { matcher: reference().matcher, documentDate: { value: '2025-03-03', precision: 'day' as const }, fallbackTitle: 'A headline for the test article', keyPrefix: '' };

describe('segmentArticle', () => {
  it('stores an article in a third language as the outlet’s report only, attributing nothing', () => {
    const german = [
      'Bundeskanzler Friedrich Merz sagte am Montag, Europa müsse mehr für die Verteidigung der Ukraine tun.',
      '„Wir werden die Ukraine nicht im Stich lassen“, sagte Merz nach dem Treffen in Berlin vor Journalisten.',
    ].join('\n\n');
    const { statements } = segmentArticle(german, options);
    expect(statements.map((s) => s.kind)).toEqual(['report']);
    expect(statements[0]?.lang).not.toBe('en');
  });

  it('makes the report of the reporter’s paragraphs, never a copy of a quote', () => {
    const text = [
      'Heavy rain flooded several districts of the city overnight, cutting power to thousands of homes.',
      '"We are working around the clock to restore power," said Mayor Ihor Terekhov on Monday morning.',
    ].join('\n\n');
    const { statements } = segmentArticle(text, options);
    expect(statements.map((s) => `${s.kind} ${s.speakers.join()}`)).toEqual(['report ', 'quote Ihor Terekhov']);
    expect(statements[0]?.text).toBe('Heavy rain flooded several districts of the city overnight, cutting power to thousands of homes.');
    expect(statements[1]?.date).toEqual({ value: '2025-03-03', precision: 'day' });
  });

  it('an article that is all quotes has its headline as the report', () => {
    const { statements } = segmentArticle('"We are working around the clock to restore power," said Mayor Ihor Terekhov on Monday.', options);
    expect(statements[0]).toMatchObject({ kind: 'report', text: 'A headline for the test article' });
  });
});
