import { describe, expect, it } from 'vitest';
import { nextDigestAt } from '../../src/app/digestSchedule.js';

/** The Monday digest is due at 08:00 on the guild's wall clock, across changes of clocks. */
describe('the weekly digest’s next Monday 08:00', () => {
  it.each([
    ['a Wednesday afternoon in Toronto', '2026-11-25T15:00:00Z', 'America/Toronto', '2026-11-30T13:00:00.000Z'],
    [
      'Monday 07:59 in Toronto: the same morning',
      '2026-11-30T12:59:00Z',
      'America/Toronto',
      '2026-11-30T13:00:00.000Z',
    ],
    ['Monday 08:00 exactly: the week after', '2026-11-30T13:00:00Z', 'America/Toronto', '2026-12-07T13:00:00.000Z'],
    [
      'the Monday after clocks spring forward (Sunday 2027-03-14): 08:00 EDT',
      '2027-03-08T13:00:00Z',
      'America/Toronto',
      '2027-03-15T12:00:00.000Z',
    ],
    [
      'the Monday after clocks fall back (Sunday 2026-11-01): 08:00 EST',
      '2026-10-26T12:00:00Z',
      'America/Toronto',
      '2026-11-02T13:00:00.000Z',
    ],
    ['Paris after its spring change (2027-03-28)', '2027-03-23T10:00:00Z', 'Europe/Paris', '2027-03-29T06:00:00.000Z'],
    [
      'Auckland, whose Monday 08:00 is Sunday evening in UTC',
      '2026-11-28T00:00:00Z',
      'Pacific/Auckland',
      '2026-11-29T19:00:00.000Z',
    ],
  ])(
    'GIVEN %s (from %s in %s) WHEN the next digest is planned THEN it is due at %s',
    (_given, after, timeZone, expected) => {
      expect(nextDigestAt(new Date(after), timeZone).toISOString()).toBe(expected);
    },
  );

  it('GIVEN a year of weekly runs in Toronto WHEN each plans the next THEN every run is a Monday at 08:00 local, 7 days apart on the wall clock', () => {
    let at = nextDigestAt(new Date('2026-01-01T00:00:00Z'), 'America/Toronto');
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Toronto',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (let week = 0; week < 53; week += 1) {
      expect(local.format(at)).toBe('Mon 08:00');
      const next = nextDigestAt(at, 'America/Toronto');
      expect([167, 168, 169]).toContain((next.getTime() - at.getTime()) / 3_600_000);
      at = next;
    }
  });
});
