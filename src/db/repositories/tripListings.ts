import { and, asc, count, desc, eq, isNull, lte, notInArray, or } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { tripStops, trips } from '../schema.js';
import { notEndedAt, selectStops, stopEndsAt, TRIP_STATUS, type TripRow } from './trips.js';

/** Pages of stops for /trip list and /trip history: upcoming soonest first, past most recent first. */

export interface UpcomingFilter {
  guildId: string;
  now: Date;
  townId?: number | undefined;
  /** Only trips hosted by this member. */
  hostId?: string | undefined;
  /** Leaves out trips announced in these channels (those the member cannot view). */
  hiddenChannelIds?: readonly string[] | undefined;
}

function upcomingWhere(filter: UpcomingFilter) {
  return and(
    eq(tripStops.guildId, filter.guildId),
    eq(tripStops.status, TRIP_STATUS.scheduled),
    notEndedAt(filter.now),
    filter.townId === undefined ? undefined : eq(tripStops.townId, filter.townId),
    filter.hostId === undefined ? undefined : eq(trips.hostId, filter.hostId),
    filter.hiddenChannelIds && filter.hiddenChannelIds.length > 0
      ? or(isNull(trips.channelId), notInArray(trips.channelId, [...filter.hiddenChannelIds]))
      : undefined,
  );
}

/** Scheduled stops not yet ended, soonest first (a trip shows as its stops). */
export async function listUpcomingTrips(
  executor: Executor,
  filter: UpcomingFilter & { limit: number; offset?: number },
): Promise<TripRow[]> {
  return selectStops(executor)
    .where(upcomingWhere(filter))
    .orderBy(asc(tripStops.startsAt), asc(tripStops.id))
    .limit(filter.limit)
    .offset(filter.offset ?? 0);
}

export async function countUpcomingTrips(executor: Executor, filter: UpcomingFilter): Promise<number> {
  const [row] = await executor
    .select({ total: count() })
    .from(tripStops)
    .innerJoin(trips, eq(trips.id, tripStops.tripId))
    .where(upcomingWhere(filter));
  return Number(row?.total ?? 0);
}

export interface PastFilter {
  guildId: string;
  now: Date;
  townId?: number | undefined;
  /** Only meetups hosted by this member. */
  hostId?: string | undefined;
}

/** Meetups (stops) that took place: not cancelled and ended. */
function pastWhere(filter: PastFilter) {
  return and(
    eq(tripStops.guildId, filter.guildId),
    eq(tripStops.status, TRIP_STATUS.scheduled),
    lte(stopEndsAt, filter.now),
    filter.townId === undefined ? undefined : eq(tripStops.townId, filter.townId),
    filter.hostId === undefined ? undefined : eq(trips.hostId, filter.hostId),
  );
}

/** Past meetups, most recent first (each stop counts as one). */
export async function listPastTrips(
  executor: Executor,
  filter: PastFilter & { limit: number; offset?: number },
): Promise<TripRow[]> {
  return selectStops(executor)
    .where(pastWhere(filter))
    .orderBy(desc(tripStops.startsAt), desc(tripStops.id))
    .limit(filter.limit)
    .offset(filter.offset ?? 0);
}

export async function countPastTrips(executor: Executor, filter: PastFilter): Promise<number> {
  const [row] = await executor
    .select({ total: count() })
    .from(tripStops)
    .innerJoin(trips, eq(trips.id, tripStops.tripId))
    .where(pastWhere(filter));
  return Number(row?.total ?? 0);
}
