import type { Executor } from '../../db/client.js';
import type { TownRow } from '../../db/repositories/towns.js';
import { listStopsOfTrip, TRIP_STATUS, type TripRow } from '../../db/repositories/trips.js';
import { type Leg, legsOf, type RoadWarning } from '../../domain/itinerary.js';
import { driveMinutesBetween } from '../../domain/towns.js';
import { formatDuration, shortWhen, timeOfDay } from '../../domain/whenFormat.js';
import { type Language, t } from '../../i18n/index.js';
import { UserFacingError } from '../errors.js';
import { parseTripId } from '../tripQueries.js';

/** Naming a stop of a trip (the `stop` option), and the road between stops. */

/** "1 · Rimouski · 4 déc. 12 h 00": how a stop is named in lists, errors and autocomplete. */
export function stopLabel(stop: TripRow, number: number, timeZone: string, language: Language): string {
  return t(language, 'stop.label', {
    number,
    town: stop.townName,
    when: shortWhen(stop.startsAt, timeZone, language),
  });
}

function stopsList(stops: readonly TripRow[], timeZone: string, language: Language): string {
  return stops.map((stop, index) => stopLabel(stop, index + 1, timeZone, language)).join(' ; ');
}

export interface ResolvedStop {
  /** Every stop of the trip, in itinerary order. */
  stops: TripRow[];
  /** The stop named, or the only stop; null when the trip has several and none was named (`need: 'optional'`). */
  stop: TripRow | null;
}

/**
 * The trip a member named and, when `need` is 'one', the stop they mean: the one named in `stop` (a stop id from
 * autocomplete, or its number in the itinerary), or the only one. A stop of another trip, or no stop named for a trip
 * of several, is a clear error listing the trip's stops.
 */
export async function resolveStop(
  executor: Executor,
  input: {
    guildId: string;
    trip: string | number;
    stop?: string | number | null | undefined;
    need: 'one' | 'optional';
    timeZone: string;
    language: Language;
  },
): Promise<ResolvedStop> {
  const tripId = parseTripId(input.trip);
  const stops = tripId === null ? [] : await listStopsOfTrip(executor, input.guildId, tripId);
  if (tripId === null || stops.length === 0) {
    throw new UserFacingError('trip.notFound', { ref: String(input.trip).slice(0, 50) });
  }
  const list = () => stopsList(stops, input.timeZone, input.language);
  const ref = input.stop === undefined || input.stop === null ? '' : String(input.stop).trim();
  if (ref !== '') {
    const stop = findStop(stops, ref);
    if (!stop) throw new UserFacingError('stop.notOfTrip', { ref: ref.slice(0, 50), id: tripId, stops: list() });
    return { stops, stop };
  }
  const live = stops.filter((stop) => stop.status === TRIP_STATUS.scheduled);
  if (stops.length === 1) return { stops, stop: stops[0]! };
  if (input.need === 'optional') return { stops, stop: null };
  if (live.length === 1) return { stops, stop: live[0]! };
  throw new UserFacingError('stop.required', { id: tripId, stops: list() });
}

/** "s42" / "42" (a stop id from autocomplete) or "2" / "#2" (its number in the itinerary). */
function findStop(stops: readonly TripRow[], ref: string): TripRow | undefined {
  const match = /^\s*(s|#)?\s*(\d{1,10})\s*$/i.exec(ref);
  if (!match) return undefined;
  const value = Number(match[2]);
  if (match[1]?.toLowerCase() === 's') return stops.find((stop) => stop.id === value);
  if (value >= 1 && value <= stops.length) return stops[value - 1];
  return stops.find((stop) => stop.id === value);
}

/** The legs between the trip's scheduled stops, drive times from the towns (estimate or the admins' override). */
export function legsBetween(
  stops: readonly TripRow[],
  towns: readonly TownRow[],
  overrides: ReadonlyMap<string, number>,
): Leg[] {
  const byId = new Map(towns.map((town) => [town.id, town]));
  const scheduled = stops.filter((stop) => stop.status === TRIP_STATUS.scheduled);
  return legsOf(scheduled, (from, to) => {
    const a = from.townId === null ? undefined : byId.get(from.townId);
    const b = to.townId === null ? undefined : byId.get(to.townId);
    if (!a || !b) return null;
    return driveMinutesBetween(
      { id: a.id, lat: a.latitude, lon: a.longitude },
      { id: b.id, lat: b.latitude, lon: b.longitude },
      overrides,
    );
  });
}

/** "Rimouski ends at 13 h 30; Amqui is about 1 h 05 away: you'd arrive at 14 h 35, after 14 h 00." */
export function describeRoadWarning(warning: RoadWarning, timeZone: string, language: Language): string {
  return t(language, 'stop.road.warning', {
    from: warning.from.townName,
    leaves: timeOfDay(warning.leavesAt, timeZone, language),
    to: warning.to.townName,
    drive: formatDuration(warning.driveMinutes, language),
    arrives: timeOfDay(warning.arrivesAt, timeZone, language),
    starts: timeOfDay(warning.to.startsAt, timeZone, language),
  });
}

/** "Rimouski → Matane: about 1 h 15 by road" lines for /trip show. */
export function describeLegs(legs: readonly Leg[], language: Language): string[] {
  return legs.map((leg) =>
    leg.driveMinutes === null
      ? t(language, 'stop.road.unknown', { from: leg.from.townName, to: leg.to.townName })
      : t(language, 'stop.road.leg', {
          from: leg.from.townName,
          to: leg.to.townName,
          drive: formatDuration(leg.driveMinutes, language),
        }),
  );
}
