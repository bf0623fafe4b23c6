import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordTimestamp } from '../../src/discord/markup.js';
import { describeWhen, shortDate, shortWhen } from '../../src/domain/when.js';
import { describeWallTime, isoDate, isoTime, longDate } from '../../src/domain/whenFormat.js';

const TORONTO = 'America/Toronto';
/** Friday 4 December 2026, 12:00 in Toronto. */
const FRIDAY_NOON = new Date('2026-12-04T17:00:00Z');

describe('describeWhen', () => {
  it('GIVEN a French guild WHEN a meetup time is described THEN Quebec style "vendredi 4 décembre 2026, 12 h 00"', () => {
    expect(describeWhen(FRIDAY_NOON, TORONTO, 'fr')).toBe('vendredi 4 décembre 2026, 12 h 00');
  });

  it('GIVEN an English reader WHEN described THEN "Friday, December 4, 2026, 12:00 PM"', () => {
    expect(describeWhen(FRIDAY_NOON, TORONTO, 'en')).toBe('Friday, December 4, 2026, 12:00 PM');
  });

  it('GIVEN the first day of a month WHEN described in French THEN "1er"', () => {
    expect(describeWhen(new Date('2026-12-01T17:00:00Z'), TORONTO, 'fr')).toBe('mardi 1er décembre 2026, 12 h 00');
  });

  it('GIVEN 01:05 on the 1st WHEN described in French THEN the hour "1 h 05" is not turned into "1er"', () => {
    expect(describeWhen(new Date('2026-12-01T06:05:00Z'), TORONTO, 'fr')).toBe('mardi 1er décembre 2026, 1 h 05');
  });

  it('GIVEN the same instant WHEN described for Paris THEN the Paris wall time', () => {
    expect(describeWhen(FRIDAY_NOON, 'Europe/Paris', 'fr')).toBe('vendredi 4 décembre 2026, 18 h 00');
  });

  it('GIVEN any output WHEN inspected THEN it holds only plain spaces (stable across ICU versions)', () => {
    expect(describeWhen(FRIDAY_NOON, TORONTO, 'en')).not.toMatch(/[\u00A0\u202F]/);
    expect(shortWhen(FRIDAY_NOON, TORONTO, 'fr')).not.toMatch(/[\u00A0\u202F]/);
  });

  it('GIVEN a different process time zone WHEN described THEN the same text', () => {
    const original = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(describeWhen(FRIDAY_NOON, TORONTO, 'fr')).toBe('vendredi 4 décembre 2026, 12 h 00');
    } finally {
      process.env.TZ = original;
    }
  });
});

describe('shortWhen and shortDate', () => {
  it('GIVEN an autocomplete label WHEN built in French THEN "4 déc. 12 h 00"', () => {
    expect(shortWhen(FRIDAY_NOON, TORONTO, 'fr')).toBe('4 déc. 12 h 00');
    expect(`#12 Rimouski · ${shortWhen(FRIDAY_NOON, TORONTO, 'fr')}`).toBe('#12 Rimouski · 4 déc. 12 h 00');
  });

  it('GIVEN an autocomplete label WHEN built in English THEN "Dec 4, 12:00 PM"', () => {
    expect(shortWhen(FRIDAY_NOON, TORONTO, 'en')).toBe('Dec 4, 12:00 PM');
  });

  it('GIVEN an evening meetup WHEN shown THEN 24-hour in French and PM in English', () => {
    const evening = new Date('2026-12-05T00:30:00Z'); // 19:30 on the 4th in Toronto
    expect(shortWhen(evening, TORONTO, 'fr')).toBe('4 déc. 19 h 30');
    expect(shortWhen(evening, TORONTO, 'en')).toBe('Dec 4, 7:30 PM');
  });

  it('GIVEN a date WHEN shortDate THEN "4 déc." / "Dec 4"', () => {
    expect(shortDate(FRIDAY_NOON, TORONTO, 'fr')).toBe('4 déc.');
    expect(shortDate(FRIDAY_NOON, TORONTO, 'en')).toBe('Dec 4');
  });

  it('GIVEN a date WHEN longDate THEN with weekday and year', () => {
    expect(longDate(FRIDAY_NOON, TORONTO, 'fr')).toBe('vendredi 4 décembre 2026');
    expect(longDate(FRIDAY_NOON, TORONTO, 'en')).toBe('Friday, December 4, 2026');
  });
});

describe('describeWallTime, isoDate, isoTime', () => {
  it('GIVEN a wall time that never happens WHEN described THEN it still reads as typed', () => {
    const skipped = { year: 2026, month: 3, day: 8, hour: 2, minute: 30 };
    expect(describeWallTime(skipped, 'fr')).toBe('dimanche 8 mars 2026, 2 h 30');
    expect(describeWallTime(skipped, 'en')).toBe('Sunday, March 8, 2026, 2:30 AM');
    expect(isoDate(skipped)).toBe('2026-03-08');
    expect(isoTime(skipped)).toBe('02:30');
  });
});

describe('discordTimestamp', () => {
  it.each([
    ['F', '<t:1796403600:F>'],
    ['R', '<t:1796403600:R>'],
    ['f', '<t:1796403600:f>'],
    ['t', '<t:1796403600:t>'],
    ['d', '<t:1796403600:d>'],
  ] as const)('GIVEN style %s WHEN formatted THEN %s', (style, expected) => {
    expect(discordTimestamp(FRIDAY_NOON, style)).toBe(expected);
  });

  it('GIVEN no style WHEN formatted THEN the full date and time (F)', () => {
    expect(discordTimestamp(FRIDAY_NOON)).toBe('<t:1796403600:F>');
  });

  it('GIVEN milliseconds WHEN formatted THEN whole seconds, rounded down', () => {
    expect(discordTimestamp(new Date(FRIDAY_NOON.getTime() + 999))).toBe('<t:1796403600:F>');
  });
});

describe('formatting does not depend on the host zone', () => {
  const original = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Pacific/Kiritimati';
  });
  afterAll(() => {
    process.env.TZ = original;
  });

  it('GIVEN a host at UTC+14 WHEN a Toronto time is shown THEN Toronto wall time', () => {
    expect(shortWhen(FRIDAY_NOON, TORONTO, 'en')).toBe('Dec 4, 12:00 PM');
  });
});
