import { describe, expect, it } from 'vitest';
import { formatQuietHours, parseQuietHours, whenMayDmGo } from '../../src/domain/quietHours.js';

const TORONTO = 'America/Toronto';
/** 2026-12-04 in Toronto is UTC-5. */
const toronto = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 11, day, hour + 5, minute));
const NIGHT = { startMinute: 22 * 60, endMinute: 7 * 60 };

describe('quiet hours as members write them', () => {
  it.each([
    ['22:00-07:00', '22:00-07:00'],
    ['22h à 7h', '22:00-07:00'],
    ['22 h 30 à 6 h 45', '22:30-06:45'],
    ['10pm to 7am', '22:00-07:00'],
    ['13:00 - 14:00', '13:00-14:00'],
  ])('GIVEN "%s" WHEN parsed THEN %s', (text, written) => {
    const parsed = parseQuietHours(text);
    expect(parsed.ok && parsed.quietHours && formatQuietHours(parsed.quietHours)).toBe(written);
  });

  it('GIVEN "none" or "aucune" WHEN parsed THEN no quiet hours', () => {
    expect(parseQuietHours('none')).toEqual({ ok: true, quietHours: null });
    expect(parseQuietHours(' Aucune ')).toEqual({ ok: true, quietHours: null });
  });

  it('GIVEN "tard", "25h à 7h" or "22h à 22h" WHEN parsed THEN refused, the last as a range of zero length', () => {
    expect(parseQuietHours('tard')).toEqual({ ok: false, reason: 'unparseable' });
    expect(parseQuietHours('25h à 7h')).toEqual({ ok: false, reason: 'unparseable' });
    expect(parseQuietHours('22h à 22h')).toEqual({ ok: false, reason: 'zeroLength' });
  });
});

describe('when may this DM go', () => {
  const base = { quietHours: NIGHT, timeZone: TORONTO, now: toronto(3, 12) };

  it('GIVEN a reminder due at 23:00 in 22:00-07:00 WHEN the stop is at noon THEN it waits until 07:00', () => {
    const timing = whenMayDmGo({ ...base, dueAt: toronto(3, 23), stopStartsAt: toronto(4, 12) });
    expect(timing).toEqual({ kind: 'afterQuietHours', sendAt: toronto(4, 7) });
  });

  it('GIVEN a reminder due at 06:30 for a stop at 07:30 THEN it still waits for 07:00, before the stop', () => {
    const timing = whenMayDmGo({ ...base, dueAt: toronto(4, 6, 30), stopStartsAt: toronto(4, 7, 30) });
    expect(timing).toEqual({ kind: 'afterQuietHours', sendAt: toronto(4, 7) });
  });

  it('GIVEN a reminder due at 23:00 for a stop at 06:00 THEN it goes at 21:59, the last moment before quiet hours', () => {
    const timing = whenMayDmGo({ ...base, dueAt: toronto(3, 23), stopStartsAt: toronto(4, 6) });
    expect(timing).toEqual({ kind: 'beforeQuietHours', sendAt: toronto(3, 21, 59) });
  });

  it('GIVEN a DM due at 15:00, or no quiet hours THEN it goes when due', () => {
    expect(whenMayDmGo({ ...base, dueAt: toronto(4, 15) })).toEqual({ kind: 'due', sendAt: toronto(4, 15) });
    expect(whenMayDmGo({ ...base, quietHours: null, dueAt: toronto(3, 23) })).toEqual({
      kind: 'due',
      sendAt: toronto(3, 23),
    });
  });
});
