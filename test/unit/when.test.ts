import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWhen, type WhenResult } from '../../src/domain/when.js';
import { offsetMinutesAt } from '../../src/domain/zonedTime.js';

const TORONTO = 'America/Toronto';
const PARIS = 'Europe/Paris';

/** Wednesday 25 November 2026, 10:00 in Toronto (EST, UTC−5). */
const WEDNESDAY_10AM_TORONTO = new Date('2026-11-25T15:00:00Z');

function parseFr(text: string, now = WEDNESDAY_10AM_TORONTO, timeZone = TORONTO): WhenResult {
  return parseWhen(text, { now, timeZone, locale: 'fr' });
}

function parseEn(text: string, now = WEDNESDAY_10AM_TORONTO, timeZone = TORONTO): WhenResult {
  return parseWhen(text, { now, timeZone, locale: 'en' });
}

function startsAtOf(result: WhenResult): string {
  if (!result.ok) throw new Error(`expected a time, got ${result.error.key} ${JSON.stringify(result.error.params)}`);
  return result.startsAt.toISOString();
}

function errorOf(result: WhenResult) {
  if (result.ok) throw new Error(`expected an error, got ${result.startsAt.toISOString()}`);
  return result.error;
}

describe('parseWhen — French phrases a member of the community types (Toronto, Wednesday 25 Nov 2026 10:00)', () => {
  it.each([
    ['demain 12h30', '2026-11-26T17:30:00.000Z'],
    ['demain midi', '2026-11-26T17:00:00.000Z'],
    ['midi et demi demain', '2026-11-26T17:30:00.000Z'],
    ['demain 12h et quart', '2026-11-26T17:15:00.000Z'],
    ['demain minuit', '2026-11-26T05:00:00.000Z'],
    ['4/12 à 12h', '2026-12-04T17:00:00.000Z'],
    ['4 décembre midi', '2026-12-04T17:00:00.000Z'],
    ['4 déc. 12 h', '2026-12-04T17:00:00.000Z'],
    ['4 déc 12 h 30', '2026-12-04T17:30:00.000Z'],
    ['mardi 5 janv. 12 h 30', '2027-01-05T17:30:00.000Z'],
    ['1er décembre 12h', '2026-12-01T17:00:00.000Z'],
    ['le 4 à 12h', '2026-12-04T17:00:00.000Z'],
    ['le 30 à 18h', '2026-11-30T23:00:00.000Z'],
    ['à 12h le 4 décembre', '2026-12-04T17:00:00.000Z'],
    ['12:00 demain', '2026-11-26T17:00:00.000Z'],
    ['2026-12-04 12:00', '2026-12-04T17:00:00.000Z'],
    ['ce soir 19h', '2026-11-26T00:00:00.000Z'],
    ['aujourd’hui 19h', '2026-11-26T00:00:00.000Z'],
    ['jeudi 18h', '2026-11-26T23:00:00.000Z'],
    ['vendredi midi', '2026-11-27T17:00:00.000Z'],
    ['dans 3 jours à 18h', '2026-11-28T23:00:00.000Z'],
    ['dans 2 heures', '2026-11-25T17:00:00.000Z'],
    ['dans 2h', '2026-11-25T17:00:00.000Z'],
  ])('GIVEN a French member WHEN they type "%s" THEN the meetup starts at %s', (text, expected) => {
    expect(startsAtOf(parseFr(text))).toBe(expected);
  });

  it('GIVEN "jeudi prochain 18h" typed on a Wednesday WHEN parsed THEN it means the Thursday of next week (chrono usage)', () => {
    expect(startsAtOf(parseFr('jeudi prochain 18h'))).toBe('2026-12-03T23:00:00.000Z');
  });

  it('GIVEN "demain 12h30" WHEN parsed THEN the wall time read on a Toronto clock is returned with it', () => {
    const result = parseFr('demain 12h30');
    expect(result).toMatchObject({
      ok: true,
      hourGuessed: false,
      wall: { year: 2026, month: 11, day: 26, hour: 12, minute: 30 },
    });
  });

  it('GIVEN "demain 12h et quart" WHEN parsed THEN "et" is not mistaken for the Eastern Time zone', () => {
    const result = parseFr('demain 12h et quart');
    expect(result).toMatchObject({ ok: true, wall: { hour: 12, minute: 15 } });
  });

  it('GIVEN "après-midi" in the text WHEN parsed THEN it is not rewritten as noon', () => {
    expect(startsAtOf(parseFr('demain après-midi 14h'))).toBe('2026-11-26T19:00:00.000Z');
  });
});

describe('parseWhen — English and mixed languages', () => {
  it.each([
    ['tomorrow at noon', '2026-11-26T17:00:00.000Z'],
    ['tomorrow at 7pm', '2026-11-27T00:00:00.000Z'],
    ['tomorrow midnight', '2026-11-26T05:00:00.000Z'],
    ['Dec 4 at noon', '2026-12-04T17:00:00.000Z'],
    ['December 4, 2026 12:00 PM', '2026-12-04T17:00:00.000Z'],
    ['next saturday at 12:00', '2026-12-05T17:00:00.000Z'],
    ['the 4th at noon', '2026-12-04T17:00:00.000Z'],
    ['in 90 minutes', '2026-11-25T16:30:00.000Z'],
  ])('GIVEN an English member WHEN they type "%s" THEN the meetup starts at %s', (text, expected) => {
    expect(startsAtOf(parseEn(text))).toBe(expected);
  });

  it('GIVEN an English-speaking member WHEN they type the French "4 décembre midi" THEN the French reading wins', () => {
    expect(startsAtOf(parseEn('4 décembre midi'))).toBe('2026-12-04T17:00:00.000Z');
  });

  it('GIVEN an English-speaking member WHEN they type "4 déc. 12 h" THEN it is not read as "in 4 days" or "in 12 hours"', () => {
    expect(startsAtOf(parseEn('4 déc. 12 h'))).toBe('2026-12-04T17:00:00.000Z');
  });

  it('GIVEN a French-speaking member WHEN they type "tomorrow at noon" THEN the English reading is used', () => {
    expect(startsAtOf(parseFr('tomorrow at noon'))).toBe('2026-11-26T17:00:00.000Z');
  });

  it('GIVEN a French member WHEN they type "4/12 à 12h" THEN the day comes first (4 December, not April 12)', () => {
    expect(parseFr('4/12 à 12h')).toMatchObject({ ok: true, wall: { month: 12, day: 4 } });
  });

  it('GIVEN an ISO time with an explicit Z WHEN parsed THEN that offset is honoured', () => {
    expect(startsAtOf(parseFr('2026-12-05T12:00:00Z'))).toBe('2026-12-05T12:00:00.000Z');
  });
});

describe('parseWhen — guessed hours', () => {
  it('GIVEN "tomorrow at 7" WHEN parsed THEN 7:00 is proposed but flagged as guessed (could be 19:00)', () => {
    expect(parseEn('tomorrow at 7')).toMatchObject({ ok: true, hourGuessed: true, wall: { hour: 7 } });
  });

  it('GIVEN "demain à 7" WHEN parsed THEN the hour is flagged as guessed', () => {
    expect(parseFr('demain à 7')).toMatchObject({ ok: true, hourGuessed: true });
  });

  it.each(['demain 7h', 'demain 19h', 'tomorrow at 7pm', 'tomorrow at 7 am', 'demain 07:00', 'demain midi'])(
    'GIVEN "%s" WHEN parsed THEN the hour is not flagged as guessed',
    (text) => {
      expect(parseFr(text)).toMatchObject({ ok: true, hourGuessed: false });
    },
  );
});

describe('parseWhen — errors the member sees', () => {
  it.each(['', '   ', '\n'])('GIVEN blank text %j WHEN parsed THEN when.empty', (text) => {
    expect(errorOf(parseFr(text))).toEqual({ key: 'when.empty', params: {} });
  });

  it('GIVEN text with no date WHEN parsed THEN when.unparseable echoes what was typed', () => {
    expect(errorOf(parseFr("  n'importe quand  "))).toEqual({
      key: 'when.unparseable',
      params: { text: "n'importe quand" },
    });
  });

  it('GIVEN 31 February WHEN parsed THEN when.unparseable rather than only the hour being used', () => {
    expect(errorOf(parseFr('31/02 12h')).key).toBe('when.unparseable');
  });

  it.each(['demain 25h', 'demain 12h75', 'demain 24 h et quart'])(
    'GIVEN an impossible clock time ("%s") WHEN parsed THEN when.unparseable, not "in 25 hours"',
    (text) => {
      expect(errorOf(parseFr(text)).key).toBe('when.unparseable');
    },
  );

  it('GIVEN very long text WHEN parsed THEN when.unparseable', () => {
    expect(errorOf(parseFr('demain '.repeat(40))).key).toBe('when.unparseable');
  });

  it.each([
    ['4 décembre', 'vendredi 4 décembre 2026', '2026-12-04'],
    ['demain', 'jeudi 26 novembre 2026', '2026-11-26'],
    ['dans 3 jours', 'samedi 28 novembre 2026', '2026-11-28'],
  ])(
    'GIVEN a date without an hour ("%s") WHEN parsed THEN when.noHour asks for one, echoing the date',
    (text, date, iso) => {
      expect(errorOf(parseFr(text))).toEqual({ key: 'when.noHour', params: { date, isoDate: iso } });
    },
  );

  it.each(['ce soir', 'demain matin'])('GIVEN a part of the day without an hour ("%s") THEN when.noHour', (text) => {
    expect(errorOf(parseFr(text)).key).toBe('when.noHour');
  });

  it('GIVEN an English member WHEN the date has no hour THEN the echoed date is in English', () => {
    expect(errorOf(parseEn('December 4')).params).toMatchObject({ date: 'Friday, December 4, 2026' });
  });

  it('GIVEN "hier 12h" WHEN parsed THEN when.inPast with the time understood', () => {
    expect(errorOf(parseFr('hier 12h'))).toEqual({
      key: 'when.inPast',
      params: { when: 'mardi 24 novembre 2026, 12 h 00', date: '2026-11-24', time: '12:00', timeZone: TORONTO },
    });
  });

  it('GIVEN 10:00 WHEN a member types "aujourd\'hui 9h" THEN when.inPast', () => {
    expect(errorOf(parseFr("aujourd'hui 9h")).key).toBe('when.inPast');
  });

  it('GIVEN 25 November WHEN a member types "20 novembre 12h" THEN it is in the past, not November 2027', () => {
    expect(errorOf(parseFr('20 novembre 12h'))).toMatchObject({
      key: 'when.inPast',
      params: { date: '2026-11-20', time: '12:00' },
    });
  });

  it('GIVEN 25 November WHEN a member types "1er octobre 12h" THEN it is next year (passed long ago)', () => {
    expect(startsAtOf(parseFr('1er octobre 12h'))).toBe('2027-10-01T16:00:00.000Z');
  });

  it('GIVEN a date more than 365 days ahead WHEN parsed THEN when.tooFar with the limit', () => {
    expect(errorOf(parseFr('4 décembre 2027 12h'))).toMatchObject({
      key: 'when.tooFar',
      params: { maxDays: 365, date: '2027-12-04', when: 'samedi 4 décembre 2027, 12 h 00' },
    });
  });

  it('GIVEN exactly now WHEN parsed THEN it is in the past (a meetup must be ahead)', () => {
    expect(errorOf(parseFr('aujourd’hui 10h')).key).toBe('when.inPast');
  });
});

describe('parseWhen — the reference is the guild wall time, not UTC', () => {
  it('GIVEN 22:00 in Toronto (already 03:00 the next day in UTC) WHEN "demain 12h" THEN it is the next Toronto day', () => {
    const lateEvening = new Date('2026-11-26T03:00:00Z'); // Wednesday 25 Nov 22:00 EST
    expect(startsAtOf(parseFr('demain 12h', lateEvening))).toBe('2026-11-26T17:00:00.000Z');
  });

  it('GIVEN 05:00 in Tokyo (still the previous day in UTC) WHEN "demain 12h" THEN it is the next Tokyo day', () => {
    const earlyTokyo = new Date('2026-11-25T20:00:00Z'); // Thursday 26 Nov 05:00 JST
    expect(startsAtOf(parseFr('demain 12h', earlyTokyo, 'Asia/Tokyo'))).toBe('2026-11-27T03:00:00.000Z');
  });

  it('GIVEN 22:00 in Toronto WHEN "ce soir 23h" THEN it is tonight in Toronto', () => {
    const lateEvening = new Date('2026-11-26T03:00:00Z');
    expect(startsAtOf(parseFr('ce soir 23h', lateEvening))).toBe('2026-11-26T04:00:00.000Z');
  });
});

describe('parseWhen — year rollover', () => {
  const DECEMBER_20 = new Date('2026-12-20T15:00:00Z');

  it('GIVEN 20 December 2026 WHEN a member types "4 janvier 12h" THEN it is 4 January 2027', () => {
    const result = parseFr('4 janvier 12h', DECEMBER_20);
    expect(result).toMatchObject({ ok: true, wall: { year: 2027, month: 1, day: 4, hour: 12, minute: 0 } });
    expect(startsAtOf(result)).toBe('2027-01-04T17:00:00.000Z');
  });

  it('GIVEN 20 December 2026 WHEN a member types "le 4 à midi" THEN it is 4 January 2027', () => {
    expect(startsAtOf(parseFr('le 4 à midi', DECEMBER_20))).toBe('2027-01-04T17:00:00.000Z');
  });

  it('GIVEN 20 December 2026 WHEN a member types "January 4 at noon" THEN it is 4 January 2027', () => {
    expect(startsAtOf(parseEn('January 4 at noon', DECEMBER_20))).toBe('2027-01-04T17:00:00.000Z');
  });

  it('GIVEN 5 January 2027 WHEN a member types "28 décembre 12h" THEN it is in the past (last week), not next December', () => {
    expect(errorOf(parseFr('28 décembre 12h', new Date('2027-01-05T15:00:00Z')))).toMatchObject({
      key: 'when.inPast',
      params: { date: '2026-12-28', time: '12:00' },
    });
  });

  it('GIVEN 5 January 2027 WHEN a member types "4 décembre 12h" THEN it is December 2027 (passed a month ago)', () => {
    expect(startsAtOf(parseFr('4 décembre 12h', new Date('2027-01-05T15:00:00Z')))).toBe('2027-12-04T17:00:00.000Z');
  });

  it('GIVEN 4 December 14:00 WHEN a member types "4 décembre 18h" THEN it is tonight, not next year', () => {
    const decemberFourth = new Date('2026-12-04T19:00:00Z');
    expect(startsAtOf(parseFr('4 décembre 18h', decemberFourth))).toBe('2026-12-04T23:00:00.000Z');
  });

  it('GIVEN 4 December 14:00 WHEN a member types "4 décembre midi" THEN it is in the past, not next year', () => {
    const decemberFourth = new Date('2026-12-04T19:00:00Z');
    expect(errorOf(parseFr('4 décembre midi', decemberFourth))).toMatchObject({
      key: 'when.inPast',
      params: { date: '2026-12-04', time: '12:00' },
    });
  });
});

describe('parseWhen — daylight saving time in America/Toronto', () => {
  /** Saturday 7 March 2026, 10:00 EST: clocks jump from 02:00 to 03:00 on Sunday 8 March. */
  const BEFORE_SPRING_FORWARD = new Date('2026-03-07T15:00:00Z');
  /** Saturday 31 October 2026, 11:00 EDT: clocks go back from 02:00 to 01:00 on Sunday 1 November. */
  const BEFORE_FALL_BACK = new Date('2026-10-31T15:00:00Z');

  it.each(['demain 2h30', '8 mars 2h30', '2026-03-08 02:30', 'dimanche 2h30'])(
    'GIVEN the spring-forward night WHEN a member types "%s" THEN when.nonexistent names the wall time and zone',
    (text) => {
      expect(errorOf(parseFr(text, BEFORE_SPRING_FORWARD))).toEqual({
        key: 'when.nonexistent',
        params: { when: 'dimanche 8 mars 2026, 2 h 30', date: '2026-03-08', time: '02:30', timeZone: TORONTO },
      });
    },
  );

  it.each([
    ['demain 1h59', '2026-03-08T06:59:00.000Z'],
    ['demain 3h', '2026-03-08T07:00:00.000Z'],
    ['demain 12h', '2026-03-08T16:00:00.000Z'],
  ])(
    'GIVEN the spring-forward night WHEN a member types "%s" THEN the offset of that wall time is used',
    (text, iso) => {
      expect(startsAtOf(parseFr(text, BEFORE_SPRING_FORWARD))).toBe(iso);
    },
  );

  it('GIVEN a Saturday noon meetup in EST WHEN the next one is "demain 12h" in EDT THEN both read 12:00 on the wall', () => {
    const saturday = parseFr('aujourd’hui 12h', new Date('2026-03-07T14:00:00Z'));
    const sunday = parseFr('demain 12h', new Date('2026-03-07T14:00:00Z'));
    expect(startsAtOf(saturday)).toBe('2026-03-07T17:00:00.000Z');
    expect(startsAtOf(sunday)).toBe('2026-03-08T16:00:00.000Z');
  });

  it('GIVEN 01:30 EST just before the jump WHEN "dans 2 heures" THEN two real hours later (04:30 EDT on the wall)', () => {
    const result = parseFr('dans 2 heures', new Date('2026-03-08T06:30:00Z'));
    expect(startsAtOf(result)).toBe('2026-03-08T08:30:00.000Z');
    expect(result).toMatchObject({ wall: { hour: 4, minute: 30 } });
  });

  it.each(['demain 1h30', '2026-11-01 01:30', '1er novembre 1h30'])(
    'GIVEN the fall-back night WHEN a member types "%s" THEN when.ambiguous (01:30 happens twice)',
    (text) => {
      expect(errorOf(parseFr(text, BEFORE_FALL_BACK))).toEqual({
        key: 'when.ambiguous',
        params: { when: 'dimanche 1er novembre 2026, 1 h 30', date: '2026-11-01', time: '01:30', timeZone: TORONTO },
      });
    },
  );

  it.each([
    ['demain 0h59', '2026-11-01T04:59:00.000Z'],
    ['demain 2h', '2026-11-01T07:00:00.000Z'],
    ['demain 12h', '2026-11-01T17:00:00.000Z'],
  ])('GIVEN the fall-back night WHEN a member types "%s" THEN the single matching instant is used', (text, iso) => {
    expect(startsAtOf(parseFr(text, BEFORE_FALL_BACK))).toBe(iso);
  });

  it('GIVEN an English member on the fall-back night WHEN "tomorrow at 1:30 am" THEN when.ambiguous in English', () => {
    expect(errorOf(parseEn('tomorrow at 1:30 am', BEFORE_FALL_BACK)).params).toMatchObject({
      when: 'Sunday, November 1, 2026, 1:30 AM',
    });
  });
});

describe('parseWhen — another zone: Europe/Paris', () => {
  /** Saturday 28 March 2026, 12:00 CET (UTC+1); clocks jump from 02:00 to 03:00 on Sunday 29 March. */
  const SATURDAY_NOON_PARIS = new Date('2026-03-28T11:00:00Z');

  it('GIVEN Paris WHEN "ce soir 19h" THEN 19:00 Paris time (18:00 UTC)', () => {
    expect(startsAtOf(parseFr('ce soir 19h', SATURDAY_NOON_PARIS, PARIS))).toBe('2026-03-28T18:00:00.000Z');
  });

  it('GIVEN Paris WHEN "demain 12h" after the change THEN 12:00 CEST (10:00 UTC)', () => {
    expect(startsAtOf(parseFr('demain 12h', SATURDAY_NOON_PARIS, PARIS))).toBe('2026-03-29T10:00:00.000Z');
  });

  it('GIVEN Paris WHEN "demain 2h30" THEN when.nonexistent for Europe/Paris', () => {
    expect(errorOf(parseFr('demain 2h30', SATURDAY_NOON_PARIS, PARIS))).toMatchObject({
      key: 'when.nonexistent',
      params: { date: '2026-03-29', time: '02:30', timeZone: PARIS },
    });
  });

  it('GIVEN Paris in October WHEN "2026-10-25 02:30" THEN when.ambiguous for Europe/Paris', () => {
    expect(errorOf(parseFr('2026-10-25 02:30', new Date('2026-10-20T10:00:00Z'), PARIS))).toMatchObject({
      key: 'when.ambiguous',
      params: { timeZone: PARIS },
    });
  });

  it('GIVEN the same text in Paris and in Toronto WHEN parsed THEN the wall time is the same and the instants differ by 6 hours', () => {
    const paris = parseFr('4 décembre midi', WEDNESDAY_10AM_TORONTO, PARIS);
    const toronto = parseFr('4 décembre midi', WEDNESDAY_10AM_TORONTO, TORONTO);
    expect(startsAtOf(paris)).toBe('2026-12-04T11:00:00.000Z');
    expect(startsAtOf(toronto)).toBe('2026-12-04T17:00:00.000Z');
  });

  it('GIVEN an unknown time zone WHEN parsing THEN it is a programming error', () => {
    expect(() =>
      parseWhen('demain 12h', { now: WEDNESDAY_10AM_TORONTO, timeZone: 'Mars/Olympus', locale: 'fr' }),
    ).toThrow(RangeError);
  });
});

describe.each([
  'UTC',
  'America/Toronto',
  'America/St_Johns',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
])('parseWhen — same answers whatever the process time zone (TZ=%s)', (hostZone) => {
  const originalTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = hostZone;
  });
  afterAll(() => {
    process.env.TZ = originalTz;
  });

  it('GIVEN the host zone WHEN the host clock is read THEN the test really runs in that zone', () => {
    const july = new Date('2026-07-01T12:00:00Z');
    expect(0 - july.getTimezoneOffset()).toBe(offsetMinutesAt(hostZone, july) + 0);
  });

  it.each([
    ['demain 12h30', WEDNESDAY_10AM_TORONTO, '2026-11-26T17:30:00.000Z'],
    ['4 décembre midi', WEDNESDAY_10AM_TORONTO, '2026-12-04T17:00:00.000Z'],
    ['ce soir 19h', WEDNESDAY_10AM_TORONTO, '2026-11-26T00:00:00.000Z'],
    ['dans 2 heures', WEDNESDAY_10AM_TORONTO, '2026-11-25T17:00:00.000Z'],
    ['demain 12h', new Date('2026-03-07T15:00:00Z'), '2026-03-08T16:00:00.000Z'],
    ['demain 3h', new Date('2026-03-07T15:00:00Z'), '2026-03-08T07:00:00.000Z'],
    ['demain 12h', new Date('2026-10-31T15:00:00Z'), '2026-11-01T17:00:00.000Z'],
    ['dans 2 heures', new Date('2026-03-08T06:30:00Z'), '2026-03-08T08:30:00.000Z'],
    ['4 janvier 12h', new Date('2026-12-20T15:00:00Z'), '2027-01-04T17:00:00.000Z'],
  ])('GIVEN "%s" at %s WHEN parsed for Toronto THEN %s', (text, now, expected) => {
    expect(startsAtOf(parseFr(text, now))).toBe(expected);
  });

  it('GIVEN the spring-forward and fall-back nights WHEN parsed THEN nonexistent and ambiguous are detected', () => {
    expect(errorOf(parseFr('demain 2h30', new Date('2026-03-07T15:00:00Z'))).key).toBe('when.nonexistent');
    expect(errorOf(parseFr('demain 1h30', new Date('2026-10-31T15:00:00Z'))).key).toBe('when.ambiguous');
  });
});
