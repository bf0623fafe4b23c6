import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../client.js';
import { rsvps, tripStops, trips } from '../schema.js';

export type RsvpRow = typeof rsvps.$inferSelect;
export type RsvpStatus = 'going' | 'maybe' | 'no' | 'waitlist';
export type RsvpWrite = Omit<RsvpRow, 'attendedAt'>;

/** Every answer of a trip, in the order members answered (the waitlist order is `waitlistedAt`). */
export async function listRsvps(executor: Executor, stopId: number): Promise<RsvpRow[]> {
  return executor
    .select()
    .from(rsvps)
    .where(eq(rsvps.stopId, stopId))
    .orderBy(asc(rsvps.respondedAt), asc(rsvps.userId));
}

/** Inserts or replaces answers (attendance, recorded after the meetup, is left as it was). */
export async function saveRsvps(executor: Executor, rows: readonly RsvpWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await executor
    .insert(rsvps)
    .values([...rows])
    .onConflictDoUpdate({
      target: [rsvps.stopId, rsvps.userId],
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

/** Counts of several trips in one query (the trip list). */
export async function tallyRsvps(executor: Executor, stopIds: readonly number[]): Promise<Map<number, RsvpTally>> {
  const result = new Map<number, RsvpTally>();
  if (stopIds.length === 0) return result;
  const rows = await queryRows<{
    stop_id: number;
    going_seats: number;
    going_members: number;
    maybe: number;
    waitlist_seats: number;
    waitlist_members: number;
  }>(
    executor,
    sql`select ${rsvps.stopId} as stop_id,
          coalesce(sum(1 + ${rsvps.guests}) filter (where ${rsvps.status} = 'going'), 0)::int as going_seats,
          (count(*) filter (where ${rsvps.status} = 'going'))::int as going_members,
          (count(*) filter (where ${rsvps.status} = 'maybe'))::int as maybe,
          coalesce(sum(1 + ${rsvps.guests}) filter (where ${rsvps.status} = 'waitlist'), 0)::int as waitlist_seats,
          (count(*) filter (where ${rsvps.status} = 'waitlist'))::int as waitlist_members
        from ${rsvps}
        where ${rsvps.stopId} in (${sql.join(
          stopIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        group by ${rsvps.stopId}`,
  );
  for (const row of rows) {
    result.set(Number(row.stop_id), {
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
  stopId: number,
  statuses: readonly RsvpStatus[],
): Promise<RsvpRow[]> {
  return executor
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.stopId, stopId), inArray(rsvps.status, [...statuses])))
    .orderBy(asc(rsvps.respondedAt), asc(rsvps.userId));
}

// ---- attendance ("I was there", /trip history, "3rd meetup, welcome back") ----

/**
 * Records privately that the member was at the meetup. Anyone may say so, answered or not: a member who had not
 * answered gets a row with status 'no' (they had not said they would come) and the attendance. Returns false when
 * it was already recorded (the first time is kept).
 */
export async function markAttended(executor: Executor, stopId: number, userId: string, now: Date): Promise<boolean> {
  const inserted = await executor
    .insert(rsvps)
    .values({ stopId, userId, status: 'no', guests: 0, respondedAt: now, waitlistedAt: null, attendedAt: now })
    .onConflictDoNothing()
    .returning({ userId: rsvps.userId });
  if (inserted.length > 0) return true;
  const updated = await executor
    .update(rsvps)
    .set({ attendedAt: now })
    .where(and(eq(rsvps.stopId, stopId), eq(rsvps.userId, userId), isNull(rsvps.attendedAt)))
    .returning({ userId: rsvps.userId });
  return updated.length > 0;
}

export interface AttendanceTally {
  /** Members who had answered "going" (guests not counted). */
  going: number;
  /** Members who said "I was there". */
  attended: number;
}

/** Going and "I was there" counts of several trips in one query (/trip history). */
export async function tallyAttendance(
  executor: Executor,
  stopIds: readonly number[],
): Promise<Map<number, AttendanceTally>> {
  const result = new Map<number, AttendanceTally>();
  if (stopIds.length === 0) return result;
  const rows = await queryRows<{ stop_id: number; going: number; attended: number }>(
    executor,
    sql`select ${rsvps.stopId} as stop_id,
          (count(*) filter (where ${rsvps.status} = 'going'))::int as going,
          (count(*) filter (where ${rsvps.attendedAt} is not null))::int as attended
        from ${rsvps}
        where ${rsvps.stopId} in (${sql.join(
          stopIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        group by ${rsvps.stopId}`,
  );
  for (const row of rows) {
    result.set(Number(row.stop_id), { going: Number(row.going), attended: Number(row.attended) });
  }
  return result;
}

/**
 * How many meetups of this guild the member attended: those where they said "I was there", and those they hosted
 * (a host is there by definition), not cancelled and already ended.
 */
export async function countMeetupsAttended(
  executor: Executor,
  guildId: string,
  userId: string,
  now: Date,
): Promise<number> {
  const [row] = await queryRows<{ total: number }>(
    executor,
    sql`select count(*)::int as total
        from ${tripStops} join ${trips} on ${trips.id} = ${tripStops.tripId}
        where ${tripStops.guildId} = ${guildId}
          and ${tripStops.status} = 'scheduled'
          and (${tripStops.startsAt} + make_interval(mins => ${tripStops.durationMinutes})) <= ${now}
          and (
            ${trips.hostId} = ${userId}
            or exists (
              select 1 from ${rsvps}
              where ${rsvps.stopId} = ${tripStops.id} and ${rsvps.userId} = ${userId} and ${rsvps.attendedAt} is not null
            )
          )`,
  );
  return Number(row?.total ?? 0);
}

/** `countMeetupsAttended` for several members at once (one query for a batch of RSVPs); absent members: 0. */
export async function countMeetupsAttendedByMembers(
  executor: Executor,
  guildId: string,
  userIds: readonly string[],
  now: Date,
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return result;
  const rows = await queryRows<{ user_id: string; total: number }>(
    executor,
    sql`select member.user_id, count(${tripStops.id})::int as total
        from unnest(array[${sql.join(
          unique.map((id) => sql`${id}`),
          sql`, `,
        )}]::text[]) as member(user_id)
        join ${tripStops}
          on ${tripStops.guildId} = ${guildId}
          and ${tripStops.status} = 'scheduled'
          and (${tripStops.startsAt} + make_interval(mins => ${tripStops.durationMinutes})) <= ${now}
        join ${trips} on ${trips.id} = ${tripStops.tripId}
          and (
            ${trips.hostId} = member.user_id
            or exists (
              select 1 from ${rsvps}
              where ${rsvps.stopId} = ${tripStops.id} and ${rsvps.userId} = member.user_id and ${rsvps.attendedAt} is not null
            )
          )
        group by member.user_id`,
  );
  for (const row of rows) result.set(String(row.user_id), Number(row.total));
  return result;
}
