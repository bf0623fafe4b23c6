import { describe, expect, it } from 'vitest';
import {
  addWallDays,
  isValidTimeZone,
  offsetMinutesAt,
  resolveWallTime,
  wallClockMsFromWallTime,
  wallTimeOf,
} from '../../src/domain/zonedTime.js';

const TORONTO = 'America/Toronto';

describe('resolveWallTime', () => {
  it('GIVEN an ordinary wall time in Toronto WHEN resolved THEN exactly one instant', () => {
    expect(resolveWallTime({ year: 2026, month: 12, day: 4, hour: 12, minute: 0 }, TORONTO)).toEqual({
      kind: 'exact',
      instant: new Date('2026-12-04T17:00:00Z'),
    });
  });

  it('GIVEN 2026-03-08 02:30 in Toronto (clocks jump from 02:00 to 03:00) WHEN resolved THEN nonexistent', () => {
    expect(resolveWallTime({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, TORONTO)).toEqual({
      kind: 'nonexistent',
    });
  });

  it('GIVEN 2026-03-08 02:00 and 03:00 in Toronto WHEN resolved THEN 02:00 is skipped and 03:00 exists', () => {
    expect(resolveWallTime({ year: 2026, month: 3, day: 8, hour: 2, minute: 0 }, TORONTO).kind).toBe('nonexistent');
    expect(resolveWallTime({ year: 2026, month: 3, day: 8, hour: 3, minute: 0 }, TORONTO)).toEqual({
      kind: 'exact',
      instant: new Date('2026-03-08T07:00:00Z'),
    });
  });

  it('GIVEN 2026-11-01 01:30 in Toronto (clocks go back from 02:00 to 01:00) WHEN resolved THEN both instants', () => {
    expect(resolveWallTime({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, TORONTO)).toEqual({
      kind: 'ambiguous',
      earlier: new Date('2026-11-01T05:30:00Z'),
      later: new Date('2026-11-01T06:30:00Z'),
    });
  });

  it('GIVEN Lord Howe Island (30-minute DST) WHEN its skipped half hour is resolved THEN nonexistent', () => {
    // 2026-10-04 02:00 → 02:30 local
    expect(resolveWallTime({ year: 2026, month: 10, day: 4, hour: 2, minute: 15 }, 'Australia/Lord_Howe').kind).toBe(
      'nonexistent',
    );
  });

  it('GIVEN 31 February WHEN resolved THEN nonexistent (not 3 March)', () => {
    expect(wallClockMsFromWallTime({ year: 2026, month: 2, day: 31, hour: 12, minute: 0 })).toBeNull();
    expect(resolveWallTime({ year: 2026, month: 2, day: 31, hour: 12, minute: 0 }, TORONTO).kind).toBe('nonexistent');
  });

  it('GIVEN a zone without DST (Asia/Kolkata, UTC+5:30) WHEN resolved THEN the half-hour offset is applied', () => {
    expect(resolveWallTime({ year: 2026, month: 12, day: 4, hour: 12, minute: 0 }, 'Asia/Kolkata')).toEqual({
      kind: 'exact',
      instant: new Date('2026-12-04T06:30:00Z'),
    });
  });
});

describe('wallTimeOf and offsets', () => {
  it('GIVEN an instant WHEN read in Toronto and Paris THEN the wall clocks of each zone', () => {
    const instant = new Date('2026-12-04T17:00:00Z');
    expect(wallTimeOf(instant, TORONTO)).toEqual({ year: 2026, month: 12, day: 4, hour: 12, minute: 0 });
    expect(wallTimeOf(instant, 'Europe/Paris')).toEqual({ year: 2026, month: 12, day: 4, hour: 18, minute: 0 });
  });

  it('GIVEN Toronto in winter and summer WHEN the offset is asked THEN −300 and −240 minutes', () => {
    expect(offsetMinutesAt(TORONTO, new Date('2026-01-15T12:00:00Z'))).toBe(-300);
    expect(offsetMinutesAt(TORONTO, new Date('2026-07-15T12:00:00Z'))).toBe(-240);
  });

  it('GIVEN an unknown zone WHEN the offset is asked THEN RangeError', () => {
    expect(() => offsetMinutesAt('Nowhere/Else', new Date())).toThrow(RangeError);
  });

  it.each([
    ['America/Toronto', true],
    ['Europe/Paris', true],
    ['UTC', true],
    ['Nowhere/Else', false],
    ['', false],
  ])('GIVEN "%s" WHEN checked THEN valid is %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});

describe('addWallDays', () => {
  it('GIVEN a Saturday 12:00 meetup before spring forward WHEN repeated a week later THEN it is still 12:00 on the wall', () => {
    const saturdayNoon = new Date('2026-03-07T17:00:00Z'); // 12:00 EST
    const nextSaturday = addWallDays(saturdayNoon, 7, TORONTO);
    expect(nextSaturday.toISOString()).toBe('2026-03-14T16:00:00.000Z'); // 12:00 EDT
    expect(wallTimeOf(nextSaturday, TORONTO)).toMatchObject({ hour: 12, minute: 0 });
  });

  it('GIVEN a 12:00 meetup before fall back WHEN moved one day later THEN still 12:00 on the wall', () => {
    const saturdayNoon = new Date('2026-10-31T16:00:00Z'); // 12:00 EDT
    expect(addWallDays(saturdayNoon, 1, TORONTO).toISOString()).toBe('2026-11-01T17:00:00.000Z');
  });

  it('GIVEN 02:30 the day before spring forward WHEN moved one day THEN 03:30 (the clock jumped over 02:30)', () => {
    const saturday0230 = new Date('2026-03-07T07:30:00Z'); // 02:30 EST
    const result = addWallDays(saturday0230, 1, TORONTO);
    expect(wallTimeOf(result, TORONTO)).toMatchObject({ day: 8, hour: 3, minute: 30 });
  });

  it('GIVEN 01:30 the day before fall back WHEN moved one day THEN the first 01:30 (EDT)', () => {
    const saturday0130 = new Date('2026-10-31T05:30:00Z'); // 01:30 EDT
    expect(addWallDays(saturday0130, 1, TORONTO).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('GIVEN a negative number of days WHEN applied THEN it moves back keeping the wall time', () => {
    const sundayNoonEdt = new Date('2026-03-08T16:00:00Z');
    expect(addWallDays(sundayNoonEdt, -1, TORONTO).toISOString()).toBe('2026-03-07T17:00:00.000Z');
  });

  it('GIVEN a UTC week WHEN added naively THEN the hour would drift, which addWallDays avoids', () => {
    const saturdayNoon = new Date('2026-03-07T17:00:00Z');
    const naive = new Date(saturdayNoon.getTime() + 7 * 24 * 3_600_000);
    expect(wallTimeOf(naive, TORONTO).hour).toBe(13);
    expect(wallTimeOf(addWallDays(saturdayNoon, 7, TORONTO), TORONTO).hour).toBe(12);
  });
});
