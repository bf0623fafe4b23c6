import { describe, expect, it } from 'vitest';
import { decideDm, memberLanguage } from '../../src/app/dmTiming.js';

const TORONTO = 'America/Toronto';
/** December in Toronto is UTC−5. */
const toronto = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 11, day, hour + 5, minute));
const NIGHT = { startMinute: 22 * 60, endMinute: 7 * 60 };

describe('when a DM to a member goes', () => {
  it('GIVEN no quiet hours WHEN a DM falls due at 03:00 THEN it goes now, with nothing to say about it', () => {
    expect(decideDm({ now: toronto(4, 3), dueAt: toronto(4, 3), quietHours: null, timeZone: TORONTO })).toEqual({
      kind: 'now',
    });
  });

  it('GIVEN quiet hours 22:00–07:00 WHEN a DM about a noon stop falls due at 23:00 THEN it is held to 07:00, saying it waited', () => {
    expect(
      decideDm({
        now: toronto(3, 23),
        dueAt: toronto(3, 23),
        quietHours: NIGHT,
        timeZone: TORONTO,
        stopStartsAt: toronto(4, 12),
      }),
    ).toEqual({
      kind: 'hold',
      sendAt: toronto(4, 7),
      note: { kind: 'afterQuietHours', start: '22:00', end: '07:00' },
    });
  });

  it('GIVEN quiet hours 22:00–07:00 WHEN a DM about a 06:30 stop falls due at 23:00, after the last minute before them THEN it goes now, saying why', () => {
    expect(
      decideDm({
        now: toronto(3, 23),
        dueAt: toronto(3, 23),
        quietHours: NIGHT,
        timeZone: TORONTO,
        stopStartsAt: toronto(4, 6, 30),
      }),
    ).toEqual({ kind: 'now', note: { kind: 'beforeQuietHours', start: '22:00', end: '07:00' } });
  });

  it('GIVEN a member’s language choice WHEN a DM is written THEN fr or en wins over the guild’s, auto keeps it', () => {
    expect(memberLanguage({ language: 'en' }, 'fr')).toBe('en');
    expect(memberLanguage({ language: 'fr' }, 'en')).toBe('fr');
    expect(memberLanguage({ language: 'auto' }, 'fr')).toBe('fr');
    expect(memberLanguage(undefined, 'en')).toBe('en');
  });
});
