import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../client.js';
import { rsvps } from '../schema.js';

export type RsvpRow = typeof rsvps.$inferSelect;
export type RsvpStatus = 'going' | 'maybe' | 'no' | 'waitlist';
export type RsvpWrite = Omit<RsvpRow, 'attendedAt'>;

/** Every answer of a trip, in the order members answered (the waitlist order is `waitlistedAt`). */
export async function listRsvps(executor: Executor, tripId: number): Promise<RsvpRow[]> {
  return executor
    .select()
    .from(rsvps)
    .where(eq(rsvps.tripId, tripId))
    .orderBy(asc(rsvps.respondedAt), asc(rsvps.userId));
}

export async function getRsvp(executor: Executor, tripId: number, userId: string): Promise<RsvpRow | undefined> {
  const [row] = await executor
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.tripId, tripId), eq(rsvps.userId, userId)))
    .limit(1);
  return row;
}

/** Inserts or replaces answers (attendance, recorded after the meetup, is left as it was). */
export async function saveRsvps(executor: Executor, rows: readonly RsvpWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await executor
    .insert(rsvps)
    .values([...rows])
    .onConflictDoUpdate({
      target: [rsvps.tripId, rsvps.userId],
      set: {
        status: sql`excluded.status`,
        guests: sql`excluded.guests`,
        respondedAt: sql`excluded.responded_at`,
        waitlistedAt: sql`excluded.waitlisted_at`,
      },
    });
}

export interface RsvpTally {
  /** Members going plus their guests: the seats taken. */
  goingSeats: number;
  goingMembers: number;
  maybe: number;
  /** Members waiting plus their guests. */
  waitlistSeats: number;
  waitlistMembers: number;
}

export const EMPTY_TALLY: RsvpTally = { goingSeats: 0, goingMembers: 0, maybe: 0, waitlistSeats: 0, waitlistMembers: 0 };

/** Counts of several trips in one query (the trip list). */
export async function tallyRsvps(executor: Executor, tripIds: readonly number[]): Promise<Map<number, RsvpTally>> {
  const result = new Map<number, RsvpTally>();
  if (tripIds.length === 0) return result;
  const rows = await queryRows<{
    trip_id: number;
    going_seats: number;
    going_members: number;
    maybe: number;
    waitlist_seats: number;
    waitlist_members: number;
  }>(
    executor,
    sql`select ${rsvps.tripId} as trip_id,
          coalesce(sum(1 + ${rsvps.guests}) filter (where ${rsvps.status} = 'going'), 0)::int as going_seats,
          (count(*) filter (where ${rsvps.status} = 'going'))::int as going_members,
          (count(*) filter (where ${rsvps.status} = 'maybe'))::int as maybe,
          coalesce(sum(1 + ${rsvps.guests}) filter (where ${rsvps.status} = 'waitlist'), 0)::int as waitlist_seats,
          (count(*) filter (where ${rsvps.status} = 'waitlist'))::int as waitlist_members
        from ${rsvps}
        where ${rsvps.tripId} in (${sql.join(
          tripIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        group by ${rsvps.tripId}`,
  );
  for (const row of rows) {
    result.set(Number(row.trip_id), {
      goingSeats: Number(row.going_seats),
      goingMembers: Number(row.going_members),
      maybe: Number(row.maybe),
      waitlistSeats: Number(row.waitlist_seats),
      waitlistMembers: Number(row.waitlist_members),
    });
  }
  return result;
}

/** The members with one of these answers, in answer order. */
export async function listMembersByStatus(
  executor: Executor,
  tripId: number,
  statuses: readonly RsvpStatus[],
): Promise<RsvpRow[]> {
  return executor
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.tripId, tripId), inArray(rsvps.status, [...statuses])))
    .orderBy(asc(rsvps.respondedAt), asc(rsvps.userId));
}
