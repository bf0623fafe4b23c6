import { describe, expect, it } from 'vitest';
import {
  canEdit,
  checkPingBudget,
  DEFAULT_REMINDER_OFFSETS_MINUTES,
  formatReminderOffsets,
  isPast,
  parseReminderOffsets,
  reminderTimes,
  type TripInput,
  tripEndsAt,
  validateTripInput,
} from '../../src/domain/trip.js';

const NOW = new Date('2026-11-25T15:00:00Z');
const FRIDAY_NOON = new Date('2026-12-04T17:00:00Z');
const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

function trip(overrides: Partial<TripInput> = {}): TripInput {
  return { townId: 'rimouski', startsAt: FRIDAY_NOON, ...overrides };
}

describe('validateTripInput', () => {
  it('GIVEN only a town and a time WHEN validated THEN defaults: 90 minutes, unlimited, no topic/venue, reach town', () => {
    expect(validateTripInput(trip(), NOW)).toEqual({
      ok: true,
      trip: {
        townId: 'rimouski',
        startsAt: FRIDAY_NOON,
        durationMinutes: 90,
        capacity: null,
        topic: null,
        venue: null,
        reach: 'town',
      },
    });
  });

  it('GIVEN every option WHEN validated THEN kept, texts cleaned', () => {
    const result = validateTripInput(
      trip({
        durationMinutes: 120,
        capacity: 8,
        topic: '  IA   et PME\u200B ',
        venue: 'Café\u202E Bistro',
        reach: 'nearby',
      }),
      NOW,
    );
    expect(result).toMatchObject({
      ok: true,
      trip: { durationMinutes: 120, capacity: 8, topic: 'IA et PME', venue: 'Café Bistro', reach: 'nearby' },
    });
  });

  it.each([14, 721, 90.5, 0, -30])('GIVEN a duration of %s minutes WHEN validated THEN trip.badDuration', (value) => {
    expect(validateTripInput(trip({ durationMinutes: value }), NOW)).toEqual({
      ok: false,
      error: { key: 'trip.badDuration', params: { min: 15, max: 720, value } },
    });
  });

  it.each([15, 720])('GIVEN a duration of %s minutes (a bound) WHEN validated THEN accepted', (value) => {
    expect(validateTripInput(trip({ durationMinutes: value }), NOW).ok).toBe(true);
  });

  it.each([0, 501, 2.5, -1])('GIVEN a capacity of %s WHEN validated THEN trip.badCapacity', (value) => {
    expect(validateTripInput(trip({ capacity: value }), NOW)).toEqual({
      ok: false,
      error: { key: 'trip.badCapacity', params: { min: 1, max: 500, value } },
    });
  });

  it.each([1, 500])('GIVEN a capacity of %s (a bound) WHEN validated THEN accepted', (value) => {
    expect(validateTripInput(trip({ capacity: value }), NOW).ok).toBe(true);
  });

  it('GIVEN a 201-character topic WHEN validated THEN text.tooLong for the topic', () => {
    expect(validateTripInput(trip({ topic: 'x'.repeat(201) }), NOW)).toEqual({
      ok: false,
      error: { key: 'text.tooLong', params: { max: 200, length: 201, field: 'topic' } },
    });
  });

  it('GIVEN a 200-character topic with emoji WHEN validated THEN accepted (counted as a member sees it)', () => {
    expect(validateTripInput(trip({ topic: '🍝'.repeat(200) }), NOW).ok).toBe(true);
  });

  it('GIVEN a 101-character venue WHEN validated THEN text.tooLong for the venue', () => {
    expect(validateTripInput(trip({ venue: 'v'.repeat(101) }), NOW)).toMatchObject({
      ok: false,
      error: { key: 'text.tooLong', params: { max: 100, field: 'venue' } },
    });
  });

  it('GIVEN a blank topic WHEN validated THEN simply no topic', () => {
    expect(validateTripInput(trip({ topic: '   \u200B ' }), NOW)).toMatchObject({ ok: true, trip: { topic: null } });
  });

  it('GIVEN an unknown reach WHEN validated THEN trip.badReach with the allowed values', () => {
    expect(validateTripInput(trip({ reach: 'world' }), NOW)).toEqual({
      ok: false,
      error: { key: 'trip.badReach', params: { value: 'world', allowed: 'town, nearby, region' } },
    });
  });

  it.each(['town', 'nearby', 'region'])('GIVEN reach "%s" WHEN validated THEN accepted', (reach) => {
    expect(validateTripInput(trip({ reach }), NOW)).toMatchObject({ ok: true, trip: { reach } });
  });

  it('GIVEN a start in the past or now WHEN validated THEN trip.startsInPast', () => {
    expect(validateTripInput(trip({ startsAt: NOW }), NOW)).toEqual({
      ok: false,
      error: { key: 'trip.startsInPast', params: {} },
    });
  });

  it('GIVEN a start more than 365 days ahead WHEN validated THEN trip.startsTooFar', () => {
    const tooFar = new Date(NOW.getTime() + 366 * 86_400_000);
    expect(validateTripInput(trip({ startsAt: tooFar }), NOW)).toEqual({
      ok: false,
      error: { key: 'trip.startsTooFar', params: { maxDays: 365 } },
    });
  });

  it('GIVEN several problems WHEN validated THEN the first in the order of the options is reported', () => {
    const result = validateTripInput(trip({ durationMinutes: 5, capacity: 0, reach: 'x' }), NOW);
    expect(result).toMatchObject({ ok: false, error: { key: 'trip.badDuration' } });
  });
});

describe('trip lifecycle and permissions', () => {
  const meetup = { startsAt: FRIDAY_NOON, durationMinutes: 90, hostId: 'host' };

  it('GIVEN a 90-minute meetup at 12:00 WHEN its end is asked THEN 13:30', () => {
    expect(tripEndsAt(meetup).toISOString()).toBe('2026-12-04T18:30:00.000Z');
  });

  it('GIVEN the meetup WHEN it has started but not ended THEN not past; at its end THEN past', () => {
    expect(isPast(meetup, minutesAfter(FRIDAY_NOON, 30))).toBe(false);
    expect(isPast(meetup, minutesAfter(FRIDAY_NOON, 90))).toBe(true);
  });

  it('GIVEN the host WHEN they edit THEN allowed; another member THEN refused; a Manage Events moderator THEN allowed', () => {
    expect(canEdit(meetup, 'host', false)).toBe(true);
    expect(canEdit(meetup, 'someone', false)).toBe(false);
    expect(canEdit(meetup, 'moderator', true)).toBe(true);
  });
});

describe('checkPingBudget', () => {
  it('GIVEN a host with no recent pings WHEN announcing THEN the town is pinged', () => {
    expect(checkPingBudget({ hostTripsLast24h: 0, lastPingOfTownByHostAt: null, now: NOW })).toEqual({ ping: true });
  });

  it('GIVEN 2 trips in the last 24 h WHEN announcing a third THEN still pinged; a fourth THEN budget.dailyLimit', () => {
    expect(checkPingBudget({ hostTripsLast24h: 2, lastPingOfTownByHostAt: null, now: NOW }).ping).toBe(true);
    expect(checkPingBudget({ hostTripsLast24h: 3, lastPingOfTownByHostAt: null, now: NOW })).toEqual({
      ping: false,
      reason: { key: 'budget.dailyLimit', params: { max: 3 } },
    });
  });

  it('GIVEN the same town pinged 20 minutes ago WHEN announcing THEN budget.townCooldown with 40 minutes left', () => {
    expect(checkPingBudget({ hostTripsLast24h: 1, lastPingOfTownByHostAt: minutesAfter(NOW, -20), now: NOW })).toEqual({
      ping: false,
      reason: { key: 'budget.townCooldown', params: { cooldownMinutes: 60, remainingMinutes: 40 } },
    });
  });

  it('GIVEN the town pinged exactly 60 minutes ago WHEN announcing THEN pinged again', () => {
    expect(checkPingBudget({ hostTripsLast24h: 1, lastPingOfTownByHostAt: minutesAfter(NOW, -60), now: NOW })).toEqual({
      ping: true,
    });
  });

  it('GIVEN 30 seconds left of cooldown WHEN announcing THEN 1 minute is shown (rounded up)', () => {
    const last = new Date(NOW.getTime() - 59.5 * 60_000);
    expect(checkPingBudget({ hostTripsLast24h: 0, lastPingOfTownByHostAt: last, now: NOW })).toMatchObject({
      reason: { params: { remainingMinutes: 1 } },
    });
  });

  it('GIVEN custom limits WHEN checked THEN they apply', () => {
    expect(
      checkPingBudget({ hostTripsLast24h: 1, lastPingOfTownByHostAt: null, now: NOW, maxTripsPerDay: 1 }),
    ).toMatchObject({ ping: false, reason: { key: 'budget.dailyLimit', params: { max: 1 } } });
    expect(
      checkPingBudget({
        hostTripsLast24h: 0,
        lastPingOfTownByHostAt: minutesAfter(NOW, -20),
        now: NOW,
        townCooldownMinutes: 15,
      }),
    ).toEqual({ ping: true });
  });

  it('GIVEN both limits hit WHEN checked THEN the daily limit is reported', () => {
    expect(
      checkPingBudget({ hostTripsLast24h: 3, lastPingOfTownByHostAt: minutesAfter(NOW, -1), now: NOW }),
    ).toMatchObject({ reason: { key: 'budget.dailyLimit' } });
  });
});

describe('reminderTimes', () => {
  it('GIVEN the default offsets and a meetup in 9 days WHEN planned THEN 24 h and 1 h before, earliest first', () => {
    expect(reminderTimes(FRIDAY_NOON, DEFAULT_REMINDER_OFFSETS_MINUTES, NOW).map((date) => date.toISOString())).toEqual(
      ['2026-12-03T17:00:00.000Z', '2026-12-04T16:00:00.000Z'],
    );
  });

  it('GIVEN a meetup in 3 hours WHEN planned THEN only the 1-hour reminder is left', () => {
    const soon = minutesAfter(NOW, 180);
    expect(reminderTimes(soon, [1440, 60], NOW)).toEqual([minutesAfter(NOW, 120)]);
  });

  it('GIVEN a reminder that falls exactly now WHEN planned THEN it is not scheduled', () => {
    expect(reminderTimes(minutesAfter(NOW, 60), [60], NOW)).toEqual([]);
  });

  it('GIVEN duplicate, zero and negative offsets WHEN planned THEN ignored', () => {
    expect(reminderTimes(FRIDAY_NOON, [60, 60, 0, -30], NOW)).toEqual([minutesAfter(FRIDAY_NOON, -60)]);
  });

  it('GIVEN no offsets WHEN planned THEN no reminders', () => {
    expect(reminderTimes(FRIDAY_NOON, [], NOW)).toEqual([]);
  });
});

describe('parseReminderOffsets', () => {
  it.each([
    ['24h, 1h, 30m', [1440, 60, 30]],
    ['30m, 24h, 1h', [1440, 60, 30]],
    ['24 h, 1 h', [1440, 60]],
    ['24h 1h', [1440, 60]],
    ['2 jours; 3 heures; 15 min', [2880, 180, 15]],
    ['1 day, 2 hours, 10 minutes', [1440, 120, 10]],
    ['1d', [1440]],
    ['1j', [1440]],
    ['1h30', [90]],
    ['1 h 30, 10 min', [90, 10]],
    ['1H, 1h, 60m', [60]],
    ['7j', [10_080]],
  ])('GIVEN "%s" WHEN parsed THEN %j minutes, largest first', (text, minutes) => {
    expect(parseReminderOffsets(text)).toEqual({ ok: true, minutes });
  });

  it.each(['', '   ', 'none', 'aucun', 'Aucune', 'off'])('GIVEN "%s" WHEN parsed THEN no reminders', (text) => {
    expect(parseReminderOffsets(text)).toEqual({ ok: true, minutes: [] });
  });

  it.each([
    ['demain', 'demain'],
    ['24h, soon', 'soon'],
    ['30', '30'],
    ['8j', '8j'],
    ['0m', '0m'],
    ['1h, 2x', '2x'],
  ])('GIVEN "%s" WHEN parsed THEN setup.badReminders names "%s"', (text, value) => {
    expect(parseReminderOffsets(text)).toEqual({
      ok: false,
      error: { key: 'setup.badReminders', params: { value, maxDays: 7 } },
    });
  });

  it('GIVEN six distinct reminders WHEN parsed THEN setup.tooManyReminders', () => {
    expect(parseReminderOffsets('1m, 2m, 3m, 4m, 5m, 6m')).toEqual({
      ok: false,
      error: { key: 'setup.tooManyReminders', params: { max: 5, count: 6 } },
    });
  });

  it('GIVEN parsed offsets WHEN formatted back THEN the same text parses to the same minutes', () => {
    const minutes = [2880, 1440, 90, 60, 30];
    const text = formatReminderOffsets(minutes);
    expect(text).toBe('48h, 24h, 1h30, 1h, 30m');
    expect(parseReminderOffsets(text)).toEqual({ ok: true, minutes });
  });
});
