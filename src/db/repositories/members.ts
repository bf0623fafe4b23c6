import { and, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { rsvps, tripStops, trips } from '../schema.js';

/** What a member who leaves the guild still holds: answers to stops to come, trips they host. */

/** Stops to come (scheduled, of someone else's trip) the member answered going, maybe or waiting. */
export async function upcomingAnsweredStops(
  executor: Executor,
  guildId: string,
  userId: string,
  now: Date,
): Promise<number[]> {
  const rows = await executor
    .select({ stopId: tripStops.id })
    .from(rsvps)
    .innerJoin(tripStops, eq(tripStops.id, rsvps.stopId))
    .innerJoin(trips, eq(trips.id, tripStops.tripId))
    .where(
      and(
        eq(tripStops.guildId, guildId),
        eq(rsvps.userId, userId),
        inArray(rsvps.status, ['going', 'maybe', 'waitlist']),
        eq(tripStops.status, 'scheduled'),
        gt(tripStops.startsAt, now),
        ne(trips.hostId, userId),
      ),
    )
    .orderBy(tripStops.startsAt);
  return rows.map((row) => row.stopId);
}

/** The member's trips with a stop still to come. */
export async function upcomingTripsHostedBy(
  executor: Executor,
  guildId: string,
  hostId: string,
  now: Date,
): Promise<number[]> {
  const rows = await executor
    .selectDistinct({ tripId: trips.id })
    .from(trips)
    .innerJoin(tripStops, eq(tripStops.tripId, trips.id))
    .where(
      and(
        eq(trips.guildId, guildId),
        eq(trips.hostId, hostId),
        eq(trips.status, 'scheduled'),
        eq(tripStops.status, 'scheduled'),
        gt(tripStops.startsAt, now),
      ),
    );
  return rows.map((row) => row.tripId);
}
