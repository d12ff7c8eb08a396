// Topics mean "about": a strong cue, or two different weak cues; a figure of speech is no cue.
// The rules are the shipped table (data/topics.json), so these tests fail when a reviewed rule breaks.
import { describe, expect, it } from 'vitest';
import { sentenceSpans } from '../../src/corpus/topics.ts';
import { lookUpTopic } from '../../src/lookups.ts';
import { reference } from '../helpers/store.ts';

const tagger = () => reference().tagger;
const slugs = (text: string): string[] => tagger().tag(text).map((t) => t.slug);

describe('figures of speech are not topics', () => {
  it.each([
    ['The first thing dictators attack is principles. Propaganda and repression follow.', 'strikes'],
    ['European unity is also a weapon, one that ensures safety for all nations.', 'weapons'],
    ['It is impossible to do this under the pressure of weapons.', 'weapons'],
    ['Єдність Європи теж зброя, яка захищає всіх.', 'weapons'],
  ])('%s → no %s', (text, slug) => {
    expect(slugs(text)).not.toContain(slug);
  });
});

describe('one strong cue, or two different weak cues', () => {
  it('a strong cue is enough, in either language', () => {
    expect(slugs('We discussed new sanctions against Russia.')).toContain('sanctions');
    expect(slugs('Обговорили нові санкції проти росії.')).toContain('sanctions');
    expect(slugs('Ми посилюємо ППО столиці.')).toContain('air-defense');
    expect(slugs('Росія запустила масовану атаку на Київ.')).toContain('strikes');
  });

  it('one weak cue is not, two different ones are', () => {
    expect(slugs('Weapons, funding and production are what the army needs.')).not.toContain('weapons');
    expect(slugs('The attack was repelled.')).not.toContain('strikes');
    expect(slugs('Missiles hit the city; at least five people were killed.')).toContain('strikes');
    expect(slugs('Ракети влучили в будинок, є загиблі.')).toContain('strikes');
  });

  it('a title of office is not the organisation as a subject', () => {
    expect(slugs('NATO Secretary General Mark Rutte said the dispatch would escalate the conflict.')).not.toContain('nato');
    expect(slugs('NATO will redouble efforts to monitor these exchanges.')).toContain('nato');
  });
});

describe('the sentence that carried the topic', () => {
  it('is the sentence with the strong cue, cut from the original text', () => {
    const text = 'I thank our partners for their support. Air defense shot down many, but not all! We continue.';
    const tag = tagger().tag(text).find((t) => t.slug === 'air-defense');
    expect(tag?.sentence).toBe('Air defense shot down many, but not all!');
  });

  it('is the sentence with most weak cues when no strong cue decided', () => {
    const text = 'We met today. Missiles hit the city and five people were killed. Thank you.';
    expect(tagger().tag(text).find((t) => t.slug === 'strikes')?.sentence).toBe('Missiles hit the city and five people were killed.');
  });

  it('explain() gives one topic the verdict tag() gives it', () => {
    const text = 'We met today. Missiles hit the city and five people were killed. Thank you.';
    expect(tagger().explain(text, 'strikes')).toEqual(tagger().tag(text).find((t) => t.slug === 'strikes'));
    expect(tagger().explain(text, 'sanctions')).toBeNull();
    expect(tagger().explain(text, 'no-such-topic')).toBeNull();
  });

  it('splits sentences at end marks and line breaks', () => {
    const text = 'One. Two!\nThree';
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end).trim())).toEqual(['One.', 'Two!', 'Three']);
  });
});

describe('user words name a topic by any cue', () => {
  it('finds a topic from one weak or strong word', () => {
    expect(tagger().named('санкції')).toEqual(['sanctions']);
    expect(lookUpTopic(tagger(), 'air defence')).toMatchObject({ kind: 'found', topic: { slug: 'air-defense' } });
    expect(lookUpTopic(tagger(), 'шахеди')).toMatchObject({ kind: 'found', topic: { slug: 'drones' } });
  });
});
