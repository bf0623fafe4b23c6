import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { rsvps, tripStops } from '../schema.js';
import { notEndedAt, selectStops, TRIP_STATUS, type TripRow } from './trips.js';

/**
 * Every query that lists STOPS (a place and a time of a trip) for the public page and the calendar feeds lives
 * here: one row per stop of trip_stops, with its trip's host and announcement.
 */

export interface StopRow {
  /** The stop read with its trip (`trip.id` is the stop's id; see TripRow). */
  trip: TripRow;
  stopId: number;
  /** The trip's number. */
  tripId: number;
  /** Position of the stop in its trip's itinerary (0 for the first). */
  index: number;
  townId: number | null;
  townName: string;
  startsAt: Date;
  durationMinutes: number;
}

const endsAt = sql`(${tripStops.startsAt} + make_interval(mins => ${tripStops.durationMinutes}))`;

function toStops(rows: readonly TripRow[]): StopRow[] {
  return rows.map((trip) => ({
    trip,
    stopId: trip.id,
    tripId: trip.tripId,
    index: trip.position - 1,
    townId: trip.townId,
    townName: trip.townName,
    startsAt: trip.startsAt,
    durationMinutes: trip.durationMinutes,
  }));
}

/** Scheduled stops not yet ended, soonest first (the public page). */
export async function listUpcomingStops(
  executor: Executor,
  filter: { guildId: string; now: Date; townId?: number | undefined; limit: number },
): Promise<StopRow[]> {
  const rows = await selectStops(executor)
    .where(
      and(
        eq(tripStops.guildId, filter.guildId),
        eq(tripStops.status, TRIP_STATUS.scheduled),
        notEndedAt(filter.now),
        filter.townId === undefined ? undefined : eq(tripStops.townId, filter.townId),
      ),
    )
    .orderBy(asc(tripStops.startsAt), asc(tripStops.id))
    .limit(filter.limit);
  return toStops(rows);
}

/**
 * The stops a calendar feed carries: scheduled AND cancelled ones (so subscribed calendars see the cancellation)
 * that end after `since`, soonest first.
 */
export async function listFeedStops(
  executor: Executor,
  filter: { guildId: string; since: Date; townId?: number | undefined; limit: number },
): Promise<StopRow[]> {
  const rows = await selectStops(executor)
    .where(
      and(
        eq(tripStops.guildId, filter.guildId),
        notEndedAt(filter.since),
        filter.townId === undefined ? undefined : eq(tripStops.townId, filter.townId),
      ),
    )
    .orderBy(asc(tripStops.startsAt), asc(tripStops.id))
    .limit(filter.limit);
  return toStops(rows);
}

/** The stops a member said they are going to (personal feed), cancelled ones included, ending after `since`. */
export async function listStopsOfMember(
  executor: Executor,
  filter: { guildId: string; userId: string; since: Date; limit: number },
): Promise<StopRow[]> {
  const rows = await selectStops(executor)
    .innerJoin(rsvps, and(eq(rsvps.stopId, tripStops.id), eq(rsvps.userId, filter.userId)))
    .where(and(eq(tripStops.guildId, filter.guildId), eq(rsvps.status, 'going'), notEndedAt(filter.since)))
    .orderBy(asc(tripStops.startsAt), asc(tripStops.id))
    .limit(filter.limit);
  return toStops(rows);
}

/** When the member last answered anything in this guild: part of their feed's Last-Modified. */
export async function lastAnswerOfMember(executor: Executor, guildId: string, userId: string): Promise<Date | null> {
  const [row] = await executor
    .select({ last: sql<Date | string | null>`max(${rsvps.respondedAt})` })
    .from(rsvps)
    .innerJoin(tripStops, eq(tripStops.id, rsvps.stopId))
    .where(and(eq(tripStops.guildId, guildId), eq(rsvps.userId, userId)));
  return row?.last ? new Date(row.last) : null;
}

/** The stops of one trip (its page), whatever its status. */
export async function listStopsOfTrip(executor: Executor, guildId: string, tripId: number): Promise<StopRow[]> {
  const rows = await selectStops(executor)
    .where(and(eq(tripStops.guildId, guildId), eq(tripStops.tripId, tripId)))
    .orderBy(asc(tripStops.startsAt), asc(tripStops.id));
  return toStops(rows);
}

/** How many meetups took place (stops not cancelled, ended). */
export async function countPastMeetups(executor: Executor, guildId: string, now: Date): Promise<number> {
  const [row] = await executor
    .select({ total: sql<number>`count(*)::int` })
    .from(tripStops)
    .where(and(eq(tripStops.guildId, guildId), eq(tripStops.status, TRIP_STATUS.scheduled), lte(endsAt, now)));
  return Number(row?.total ?? 0);
}

/** Town ids with at least one upcoming stop (the map's highlights). */
export async function townsWithUpcomingStops(executor: Executor, guildId: string, now: Date): Promise<Set<number>> {
  const rows = await executor
    .selectDistinct({ townId: tripStops.townId })
    .from(tripStops)
    .where(and(eq(tripStops.guildId, guildId), eq(tripStops.status, TRIP_STATUS.scheduled), notEndedAt(now)));
  return new Set(rows.flatMap((row) => (row.townId === null ? [] : [row.townId])));
}
