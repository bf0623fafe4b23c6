import type { TownRow } from '../../db/repositories/towns.js';
import { TRIP_STATUS, type TripRow } from '../../db/repositories/trips.js';
import { type Leg, legsOf, type RoadWarning } from '../../domain/itinerary.js';
import { driveMinutesBetween } from '../../domain/towns.js';
import { formatDuration, timeOfDay } from '../../domain/whenFormat.js';
import { type Language, t } from '../../i18n/index.js';

/** The road between a trip's stops: drive times from the towns domain and the admins' overrides. */

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
