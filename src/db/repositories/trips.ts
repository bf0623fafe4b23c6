import { and, asc, count, desc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../client.js';
import { trips } from '../schema.js';

export type TripRow = typeof trips.$inferSelect;
export type NewTrip = Omit<typeof trips.$inferInsert, 'id' | 'createdAt' | 'updatedAt'> & {
  createdAt: Date;
  updatedAt: Date;
};
export type TripPatch = Partial<
  Pick<
    TripRow,
    | 'startsAt'
    | 'durationMinutes'
    | 'topic'
    | 'venue'
    | 'capacity'
    | 'status'
    | 'cancelReason'
    | 'channelId'
    | 'messageId'
    | 'pingedRoleIds'
    | 'scheduledEventId'
    | 'threadId'
  >
>;

export const TRIP_STATUS = { scheduled: 'scheduled', cancelled: 'cancelled' } as const;

/** A trip still to come or under way: scheduled and not yet ended. */
const endsAt = sql`(${trips.startsAt} + make_interval(mins => ${trips.durationMinutes}))`;

export async function insertTrip(executor: Executor, trip: NewTrip): Promise<TripRow> {
  const [row] = await executor.insert(trips).values(trip).returning();
  if (!row) throw new Error('trip was not saved');
  return row;
}

export async function getTrip(executor: Executor, guildId: string, tripId: number): Promise<TripRow | undefined> {
  const [row] = await executor
    .select()
    .from(trips)
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)))
    .limit(1);
  return row;
}

/**
 * Reads the trip and locks its row until the transaction ends: every RSVP, edit and cancel of one trip goes
 * through here, so they apply one after another and the waitlist is computed on what the previous one wrote.
 * Works the same on PGlite (one connection: trivially serial) and Postgres.
 */
export async function lockTrip(executor: Executor, guildId: string, tripId: number): Promise<TripRow | undefined> {
  const [row] = await executor
    .select()
    .from(trips)
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)))
    .limit(1)
    .for('update');
  return row;
}

/**
 * Holds, until the transaction ends, the right to announce for one host of one guild: two quick /trip new by the same
 * member then run one after the other, so they cannot both spend the last ping of the budget.
 */
export async function lockHostAnnouncements(executor: Executor, guildId: string, hostId: string): Promise<void> {
  await executor.execute(sql`select pg_advisory_xact_lock(hashtext(${`trip-budget:${guildId}:${hostId}`}))`);
}

export async function updateTrip(
  executor: Executor,
  guildId: string,
  tripId: number,
  patch: TripPatch,
  now: Date,
): Promise<TripRow> {
  const [row] = await executor
    .update(trips)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)))
    .returning();
  if (!row) throw new Error(`trip ${tripId} of guild ${guildId} was not updated`);
  return row;
}

/** Remembers the announcement's thread (its id is the message's id on Discord); not an edit of the trip. */
export async function recordTripThread(executor: Executor, guildId: string, tripId: number, threadId: string) {
  await executor
    .update(trips)
    .set({ threadId })
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)));
}

/** Undoes a trip whose announcement could not be posted (its RSVPs and jobs go with it). */
export async function deleteTrip(executor: Executor, guildId: string, tripId: number): Promise<void> {
  await executor.delete(trips).where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)));
}

export interface UpcomingFilter {
  guildId: string;
  now: Date;
  townId?: number | undefined;
  /** Only trips hosted by this member. */
  hostId?: string | undefined;
}

function upcomingWhere(filter: UpcomingFilter) {
  return and(
    eq(trips.guildId, filter.guildId),
    eq(trips.status, TRIP_STATUS.scheduled),
    gt(endsAt, filter.now),
    filter.townId === undefined ? undefined : eq(trips.townId, filter.townId),
    filter.hostId === undefined ? undefined : eq(trips.hostId, filter.hostId),
  );
}

/** Scheduled trips not yet ended, soonest first. */
export async function listUpcomingTrips(
  executor: Executor,
  filter: UpcomingFilter & { limit: number; offset?: number },
): Promise<TripRow[]> {
  return executor
    .select()
    .from(trips)
    .where(upcomingWhere(filter))
    .orderBy(asc(trips.startsAt), asc(trips.id))
    .limit(filter.limit)
    .offset(filter.offset ?? 0);
}

export async function countUpcomingTrips(executor: Executor, filter: UpcomingFilter): Promise<number> {
  const [row] = await executor.select({ total: count() }).from(trips).where(upcomingWhere(filter));
  return Number(row?.total ?? 0);
}

/**
 * Trips the member announced since `since` whose announcement pinged someone: the daily ping budget. Cancelled trips
 * count (their ping went out all the same).
 */
export async function countPingedTripsByHostSince(
  executor: Executor,
  guildId: string,
  hostId: string,
  since: Date,
): Promise<number> {
  const [row] = await executor
    .select({ total: count() })
    .from(trips)
    .where(
      and(
        eq(trips.guildId, guildId),
        eq(trips.hostId, hostId),
        gte(trips.createdAt, since),
        sql`cardinality(${trips.pingedRoleIds}) > 0`,
      ),
    );
  return Number(row?.total ?? 0);
}

/** When this host's announcements last pinged each of these roles (roles never pinged by them are absent). */
export async function lastRolePingsByHost(
  executor: Executor,
  guildId: string,
  hostId: string,
  roleIds: readonly string[],
): Promise<Map<string, Date>> {
  if (roleIds.length === 0) return new Map();
  const rows = await queryRows<{ role_id: string; last_at: Date | string }>(
    executor,
    sql`select pinged.role_id, max(${trips.createdAt}) as last_at
        from ${trips}, unnest(${trips.pingedRoleIds}) as pinged(role_id)
        where ${trips.guildId} = ${guildId} and ${trips.hostId} = ${hostId}
          and pinged.role_id in (${sql.join(
            roleIds.map((roleId) => sql`${roleId}`),
            sql`, `,
          )})
        group by pinged.role_id`,
  );
  return new Map(rows.map((row) => [row.role_id, new Date(row.last_at)]));
}

export async function getTripsByIds(executor: Executor, guildId: string, tripIds: number[]): Promise<TripRow[]> {
  if (tripIds.length === 0) return [];
  return executor
    .select()
    .from(trips)
    .where(and(eq(trips.guildId, guildId), inArray(trips.id, tripIds)));
}

// ---- the recap (src/app/recap.ts) and /trip history ----

/** Remembers the recap message once posted: a retried recap job sees it and posts nothing more. */
export async function recordRecapMessage(
  executor: Executor,
  guildId: string,
  tripId: number,
  input: { threadId: string; recapMessageId: string },
): Promise<void> {
  await executor
    .update(trips)
    .set({ threadId: input.threadId, recapMessageId: input.recapMessageId })
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)));
}

/** The host's notes shown under the recap (null removes them). */
export async function setRecapNotes(
  executor: Executor,
  guildId: string,
  tripId: number,
  notes: string | null,
  now: Date,
): Promise<TripRow> {
  const [row] = await executor
    .update(trips)
    .set({ recapNotes: notes, updatedAt: now })
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)))
    .returning();
  if (!row) throw new Error(`trip ${tripId} of guild ${guildId} was not updated`);
  return row;
}

export interface PastFilter {
  guildId: string;
  now: Date;
  townId?: number | undefined;
  /** Only meetups hosted by this member. */
  hostId?: string | undefined;
}

/** Meetups that took place: not cancelled and ended. */
function pastWhere(filter: PastFilter) {
  return and(
    eq(trips.guildId, filter.guildId),
    eq(trips.status, TRIP_STATUS.scheduled),
    lte(endsAt, filter.now),
    filter.townId === undefined ? undefined : eq(trips.townId, filter.townId),
    filter.hostId === undefined ? undefined : eq(trips.hostId, filter.hostId),
  );
}

/** Past meetups, most recent first. */
export async function listPastTrips(
  executor: Executor,
  filter: PastFilter & { limit: number; offset?: number },
): Promise<TripRow[]> {
  return executor
    .select()
    .from(trips)
    .where(pastWhere(filter))
    .orderBy(desc(trips.startsAt), desc(trips.id))
    .limit(filter.limit)
    .offset(filter.offset ?? 0);
}

export async function countPastTrips(executor: Executor, filter: PastFilter): Promise<number> {
  const [row] = await executor.select({ total: count() }).from(trips).where(pastWhere(filter));
  return Number(row?.total ?? 0);
}
