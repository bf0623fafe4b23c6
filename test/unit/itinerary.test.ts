import { describe, expect, it } from 'vitest';
import { checkStopFits, legsOf, MAX_STOPS, roadWarnings, type StopTiming } from '../../src/domain/itinerary.js';

const stop = (id: number, townId: number, townName: string, startsAt: string, durationMinutes = 90): StopTiming => ({
  id,
  townId,
  townName,
  startsAt: new Date(startsAt),
  durationMinutes,
});

const RIMOUSKI = stop(1, 10, 'Rimouski', '2026-12-01T17:00:00Z');
const MATANE = stop(2, 11, 'Matane', '2026-12-02T22:00:00Z');

describe('which stops fit an itinerary', () => {
  it('GIVEN five stops WHEN a sixth is added THEN it is refused with the limit', () => {
    const five = Array.from({ length: MAX_STOPS }, (_, index) =>
      stop(index + 1, index + 1, `Town ${index}`, `2026-12-0${index + 1}T17:00:00Z`),
    );
    const sixth = { townId: 99, townName: 'Amqui', startsAt: new Date('2026-12-09T17:00:00Z'), durationMinutes: 90 };
    expect(checkStopFits(five, sixth, { adding: true })).toEqual({
      ok: false,
      error: { key: 'stop.tooMany', params: { max: 5 } },
    });
    // Editing one of five is no sixth.
    expect(checkStopFits(five.slice(1), { ...sixth }, { adding: false })).toEqual({ ok: true });
  });

  it('GIVEN Rimouski 12:00–13:30 WHEN Amqui starts at 13:00, or Rimouski again at 12:30, or Amqui at 13:30 THEN an overlap, the same town at the same time, and a fit', () => {
    const amquiAt = (iso: string) => ({ townId: 12, townName: 'Amqui', startsAt: new Date(iso), durationMinutes: 60 });
    expect(checkStopFits([RIMOUSKI], amquiAt('2026-12-01T18:00:00Z'), { adding: true })).toEqual({
      ok: false,
      error: { key: 'stop.overlap', params: { town: 'Rimouski' } },
    });
    expect(
      checkStopFits(
        [RIMOUSKI],
        { ...amquiAt('2026-12-01T17:30:00Z'), townId: 10, townName: 'Rimouski' },
        { adding: true },
      ),
    ).toEqual({ ok: false, error: { key: 'stop.sameTownSameTime', params: { town: 'Rimouski' } } });
    expect(checkStopFits([RIMOUSKI], amquiAt('2026-12-01T18:30:00Z'), { adding: true })).toEqual({ ok: true });
  });
});

describe('the road between stops', () => {
  it('GIVEN Rimouski ending 13:30 and Amqui 65 minutes away at 14:00 WHEN checked THEN a warning with the arrival 14:35; Matane the next day is fine', () => {
    const amqui = stop(3, 12, 'Amqui', '2026-12-01T19:00:00Z');
    const minutes = new Map([
      ['10-12', 65],
      ['11-12', 35],
    ]);
    const legs = legsOf([MATANE, RIMOUSKI, amqui], (from, to) => {
      const [a, b] = [from.townId ?? 0, to.townId ?? 0].sort((x, y) => x - y);
      return minutes.get(`${a}-${b}`) ?? null;
    });
    expect(legs.map((leg) => [leg.from.townName, leg.to.townName, leg.driveMinutes])).toEqual([
      ['Rimouski', 'Amqui', 65],
      ['Amqui', 'Matane', 35],
    ]);
    const warnings = roadWarnings(legs, amqui.id);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      driveMinutes: 65,
      leavesAt: new Date('2026-12-01T18:30:00Z'),
      arrivesAt: new Date('2026-12-01T19:35:00Z'),
    });
    expect(roadWarnings(legs, MATANE.id)).toEqual([]);
  });

  it('GIVEN two towns without coordinates or override WHEN checked THEN no warning (the drive is unknown)', () => {
    const close = stop(3, 12, 'Amqui', '2026-12-01T18:31:00Z');
    expect(
      roadWarnings(
        legsOf([RIMOUSKI, close], () => null),
        close.id,
      ),
    ).toEqual([]);
  });
});
