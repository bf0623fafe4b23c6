import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { rsvps, trips } from '../schema.js';
import { TRIP_STATUS, type TripRow } from './trips.js';

/**
 * Every query that lists STOPS (a place and a time of a trip) for the public page and the calendar feeds lives
 * here. Today a trip is one stop (its town and time); when trips become itineraries of several stops, this module
 * is the one place that changes: it returns one row per stop, keyed by trip and stop index.
 */

export interface StopRow {
  trip: TripRow;
  /** Position of the stop in its trip's itinerary (0 while a trip has one stop). */
  index: number;
  townId: number | null;
  townName: string;
  startsAt: Date;
  durationMinutes: number;
}

const endsAt = sql`(${trips.startsAt} + make_interval(mins => ${trips.durationMinutes}))`;

function toStops(rows: readonly TripRow[]): StopRow[] {
  return rows.map((trip) => ({
    trip,
    index: 0,
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
  const rows = await executor
    .select()
    .from(trips)
    .where(
      and(
        eq(trips.guildId, filter.guildId),
        eq(trips.status, TRIP_STATUS.scheduled),
        gt(endsAt, filter.now),
        filter.townId === undefined ? undefined : eq(trips.townId, filter.townId),
      ),
    )
    .orderBy(asc(trips.startsAt), asc(trips.id))
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
  const rows = await executor
    .select()
    .from(trips)
    .where(
      and(
        eq(trips.guildId, filter.guildId),
        gt(endsAt, filter.since),
        filter.townId === undefined ? undefined : eq(trips.townId, filter.townId),
      ),
    )
    .orderBy(asc(trips.startsAt), asc(trips.id))
    .limit(filter.limit);
  return toStops(rows);
}

/** The stops a member said they are going to (personal feed), cancelled ones included, ending after `since`. */
export async function listStopsOfMember(
  executor: Executor,
  filter: { guildId: string; userId: string; since: Date; limit: number },
): Promise<StopRow[]> {
  const rows = await executor
    .select({ trip: trips })
    .from(trips)
    .innerJoin(rsvps, and(eq(rsvps.tripId, trips.id), eq(rsvps.userId, filter.userId)))
    .where(and(eq(trips.guildId, filter.guildId), eq(rsvps.status, 'going'), gt(endsAt, filter.since)))
    .orderBy(asc(trips.startsAt), asc(trips.id))
    .limit(filter.limit);
  return toStops(rows.map((row) => row.trip));
}

/** When the member last answered anything in this guild: part of their feed's Last-Modified. */
export async function lastAnswerOfMember(executor: Executor, guildId: string, userId: string): Promise<Date | null> {
  const [row] = await executor
    .select({ last: sql<Date | string | null>`max(${rsvps.respondedAt})` })
    .from(rsvps)
    .innerJoin(trips, eq(trips.id, rsvps.tripId))
    .where(and(eq(trips.guildId, guildId), eq(rsvps.userId, userId)));
  return row?.last ? new Date(row.last) : null;
}

/** The stops of one trip (its page), whatever its status. */
export async function listStopsOfTrip(executor: Executor, guildId: string, tripId: number): Promise<StopRow[]> {
  const rows = await executor
    .select()
    .from(trips)
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)))
    .limit(1);
  return toStops(rows);
}

/** How many meetups took place (not cancelled, ended). */
export async function countPastMeetups(executor: Executor, guildId: string, now: Date): Promise<number> {
  const [row] = await executor
    .select({ total: sql<number>`count(*)::int` })
    .from(trips)
    .where(and(eq(trips.guildId, guildId), eq(trips.status, TRIP_STATUS.scheduled), lte(endsAt, now)));
  return Number(row?.total ?? 0);
}

/** Town ids with at least one upcoming stop (the map's highlights). */
export async function townsWithUpcomingStops(executor: Executor, guildId: string, now: Date): Promise<Set<number>> {
  const rows = await executor
    .selectDistinct({ townId: trips.townId })
    .from(trips)
    .where(and(eq(trips.guildId, guildId), eq(trips.status, TRIP_STATUS.scheduled), gt(endsAt, now)));
  return new Set(rows.flatMap((row) => (row.townId === null ? [] : [row.townId])));
}
