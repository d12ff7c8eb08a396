// Due-time arithmetic across DST changes (RELIABILITY B11, B12).
import { describe, expect, it } from 'vitest';
import { localDateOf, nextSlot, slotInstant } from '../../src/digest/due.ts';

describe('due times', () => {
  it('an ordinary day in Kyiv: 08:00 local is 06:00Z in winter, 05:00Z in summer', () => {
    expect(slotInstant('2026-11-23', '08:00', 'Europe/Kyiv').toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(slotInstant('2026-07-01', '08:00', 'Europe/Kyiv').toISOString()).toBe('2026-07-01T05:00:00.000Z');
  });

  it('spring forward in Kyiv (29 March 2026, 03:00→04:00): 03:30 goes out at 04:00 local, once', () => {
    expect(slotInstant('2026-03-29', '03:30', 'Europe/Kyiv').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    const slots = [];
    let after = new Date('2026-03-28T00:00:00Z');
    for (let i = 0; i < 3; i += 1) {
      const s = nextSlot('03:30', 'Europe/Kyiv', after);
      slots.push(`${s.localDate} ${s.at.toISOString()}`);
      after = s.at;
    }
    expect(slots).toEqual([
      '2026-03-28 2026-03-28T01:30:00.000Z',
      '2026-03-29 2026-03-29T01:00:00.000Z',
      '2026-03-30 2026-03-30T00:30:00.000Z',
    ]);
  });

  it('fall back in Kyiv (25 October 2026, 04:00→03:00): 03:30 happens twice and goes out once, the first time', () => {
    const first = nextSlot('03:30', 'Europe/Kyiv', new Date('2026-10-24T12:00:00Z'));
    expect(first.at.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    const after = nextSlot('03:30', 'Europe/Kyiv', first.at);
    expect(after.localDate).toBe('2026-10-26');
    expect(after.at.toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });

  it('B11: 02:30 in Berlin and New York on spring-forward days goes out at 03:00 local', () => {
    expect(slotInstant('2026-03-29', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(slotInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    // And on the fall-back day, 01:30 New York happens twice: once.
    const fall = nextSlot('01:30', 'America/New_York', new Date('2026-11-01T00:00:00Z'));
    expect(fall.at.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(nextSlot('01:30', 'America/New_York', fall.at).localDate).toBe('2026-11-02');
  });

  it('B12: 00:30 in Berlin is 23:30Z the day before, and its digest date is the local date', () => {
    const s = nextSlot('00:30', 'Europe/Berlin', new Date('2026-11-22T20:00:00Z'));
    expect(s.at.toISOString()).toBe('2026-11-22T23:30:00.000Z');
    expect(s.localDate).toBe('2026-11-23');
    expect(localDateOf(s.at, 'Europe/Berlin')).toBe('2026-11-23');
    expect(nextSlot('00:30', 'Europe/Berlin', s.at).localDate).toBe('2026-11-24');
  });
});
