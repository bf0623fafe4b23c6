import { describe, expect, it } from 'vitest';
import { buildRecap, ordinal, type RecapInput, recapThreadName } from '../../src/domain/recap.js';
import type { Rsvp } from '../../src/domain/rsvp.js';

const TORONTO = 'America/Toronto';
const FRIDAY_NOON = new Date('2026-12-04T17:00:00Z');

function rsvp(userId: string, status: Rsvp['status'], minute: number, guests = 0): Rsvp {
  return {
    userId,
    status,
    guests,
    respondedAt: new Date(FRIDAY_NOON.getTime() - (1000 - minute) * 60_000),
    waitlistedAt: status === 'waitlist' ? new Date(FRIDAY_NOON.getTime() - 500 * 60_000) : null,
  };
}

function input(overrides: Partial<RecapInput> = {}): RecapInput {
  return {
    townName: 'Rimouski',
    startsAt: FRIDAY_NOON,
    timeZone: TORONTO,
    locale: 'fr',
    hostId: 'host',
    rsvps: [
      rsvp('marie', 'going', 3, 1),
      rsvp('luc', 'going', 1),
      rsvp('paul', 'maybe', 2),
      rsvp('zoe', 'no', 4),
      rsvp('ines', 'waitlist', 5),
    ],
    roleMemberCount: 19,
    topic: 'IA et PME',
    venue: 'Café Bistro',
    ...overrides,
  };
}

describe('buildRecap', () => {
  it('GIVEN a French guild WHEN the recap is built THEN the thread is "Récap · Rimouski · 4 déc."', () => {
    expect(buildRecap(input()).threadName).toBe('Récap · Rimouski · 4 déc.');
  });

  it('GIVEN an English guild WHEN the recap is built THEN the thread is "Recap · Rimouski · Dec 4"', () => {
    expect(buildRecap(input({ locale: 'en' })).threadName).toBe('Recap · Rimouski · Dec 4');
  });

  it('GIVEN answers WHEN built THEN the host first, then those going in the order they answered; maybe/no/waitlist left out', () => {
    expect(buildRecap(input()).mentionUserIds).toEqual(['host', 'luc', 'marie']);
  });

  it('GIVEN the host also answered going WHEN built THEN they are listed once', () => {
    const recap = buildRecap(input({ rsvps: [rsvp('luc', 'going', 1), rsvp('host', 'going', 0)] }));
    expect(recap.mentionUserIds).toEqual(['host', 'luc']);
    expect(recap.attendees).toBe(2);
  });

  it('GIVEN 3 members came out of a role of 19 WHEN built THEN "N of M" is 3 of 19, guests counted apart', () => {
    expect(buildRecap(input())).toMatchObject({ attendees: 3, members: 19, guests: 1 });
  });

  it('GIVEN a topic and venue WHEN built THEN they are carried as given', () => {
    expect(buildRecap(input())).toMatchObject({ topic: 'IA et PME', venue: 'Café Bistro' });
    expect(buildRecap(input({ topic: null, venue: null }))).toMatchObject({ topic: null, venue: null });
  });

  it('GIVEN the rank of the meetup WHEN built THEN its ordinal in the guild language', () => {
    expect(buildRecap(input({ meetupNumber: 3 })).meetupOrdinal).toBe('3e');
    expect(buildRecap(input({ meetupNumber: 1, locale: 'en' })).meetupOrdinal).toBe('1st');
    expect(buildRecap(input()).meetupOrdinal).toBeNull();
  });

  it('GIVEN nobody answered WHEN built THEN only the host is listed', () => {
    expect(buildRecap(input({ rsvps: [] }))).toMatchObject({ mentionUserIds: ['host'], attendees: 1, guests: 0 });
  });

  it('GIVEN a meetup late in the evening WHEN named THEN the date is the guild-zone date, not the UTC one', () => {
    const lateEvening = new Date('2026-12-05T03:00:00Z'); // 4 Dec 22:00 in Toronto
    expect(buildRecap(input({ startsAt: lateEvening })).threadName).toBe('Récap · Rimouski · 4 déc.');
  });
});

describe('recapThreadName', () => {
  it('GIVEN a very long town name WHEN named THEN at most 100 characters, the date kept and the name cut with "…"', () => {
    const name = recapThreadName('Saint-'.repeat(30), FRIDAY_NOON, TORONTO, 'fr');
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.startsWith('Récap · Saint-Saint-')).toBe(true);
    expect(name.endsWith('… · 4 déc.')).toBe(true);
  });

  it('GIVEN a town name with emoji near the limit WHEN named THEN no emoji is split', () => {
    const name = recapThreadName(`${'a'.repeat(80)}👨‍👩‍👧👨‍👩‍👧`, FRIDAY_NOON, TORONTO, 'en');
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('GIVEN a town name with a mention WHEN named THEN it is inert', () => {
    expect(recapThreadName('@everyone', FRIDAY_NOON, TORONTO, 'fr')).toBe('Récap · @\u200Beveryone · 4 déc.');
  });
});

describe('ordinal', () => {
  it.each([
    [1, '1re'],
    [2, '2e'],
    [3, '3e'],
    [11, '11e'],
    [21, '21e'],
  ])('GIVEN %i in French WHEN written THEN %s (as in "3e rencontre")', (n, expected) => {
    expect(ordinal(n, 'fr')).toBe(expected);
  });

  it('GIVEN 1 in French masculine WHEN written THEN 1er', () => {
    expect(ordinal(1, 'fr', 'masculine')).toBe('1er');
    expect(ordinal(2, 'fr', 'masculine')).toBe('2e');
  });

  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [101, '101st'],
    [111, '111th'],
    [112, '112th'],
  ])('GIVEN %i in English WHEN written THEN %s', (n, expected) => {
    expect(ordinal(n, 'en')).toBe(expected);
  });
});
