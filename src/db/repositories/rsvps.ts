import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../client.js';
import { rideNeeds, rideOffers, rsvps, tripStops, trips } from '../schema.js';
import { stopView, type TripRow } from './trips.js';

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
 * Meetups of this guild a member attended, as a scalar subquery: the ended, not cancelled stops of the trips they
 * hosted (a host is there by definition; trips_host_created_idx) united with those where they said "I was there"
 * (rsvps_user_attended_idx). Both sides start from the member, so the cost is their own history, not the guild's.
 */
function meetupsAttendedOf(guildId: string, userId: SQL, now: Date): SQL {
  const ended = (stop: string) =>
    sql.raw(`${stop}.status = 'scheduled' and ${stop}.starts_at + make_interval(mins => ${stop}.duration_minutes) <= `);
  return sql`(select count(*)::int from (
      select hosted_stop.id from ${trips} hosted join ${tripStops} hosted_stop on hosted_stop.trip_id = hosted.id
        where hosted.guild_id = ${guildId} and hosted.host_id = ${userId} and ${ended('hosted_stop')}${now}
      union
      select attended_stop.id from ${rsvps} attended join ${tripStops} attended_stop on attended_stop.id = attended.stop_id
        where attended.user_id = ${userId} and attended.attended_at is not null
          and attended_stop.guild_id = ${guildId} and ${ended('attended_stop')}${now}
    ) as meetups)`;
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
    sql`select ${meetupsAttendedOf(guildId, sql`${userId}`, now)} as total`,
  );
  return Number(row?.total ?? 0);
}

function memberList(userIds: readonly string[]): SQL {
  return sql`unnest(array[${sql.join(
    userIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]) as member(user_id)`;
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
    sql`select member.user_id, ${meetupsAttendedOf(guildId, sql`member.user_id`, now)} as total
        from ${memberList(unique)}`,
  );
  for (const row of rows) {
    const total = Number(row.total);
    if (total > 0) result.set(String(row.user_id), total);
  }
  return result;
}

// ---- answering: one read, one compare-and-set (src/app/rsvp.ts) ----

/** What an answer to a stop is decided on, read in one statement. */
export interface StopAnswers {
  stop: TripRow;
  /** Every answer of the stop, in the order members answered. */
  rows: RsvpRow[];
  /** The fingerprint of the stop and its answers (escale_rsvp_state, migration 0009): the compare of the set. */
  state: string;
  /** Meetups attended by the members asked about (absent: 0). */
  meetupsAttended: Map<string, number>;
  /** Of the members asked about (`ridesOf`), those with a ride offer or need for the stop. */
  withRides: Set<string>;
}

interface AnswerJson {
  userId: string;
  status: string;
  guests: number;
  respondedAt: string;
  waitlistedAt: string | null;
  attendedAt: string | null;
}

/**
 * The stop (with its trip), all its answers, their fingerprint and the meetups attended by `countMeetupsOf`, in one
 * statement and without a lock: the write that follows (applyRsvpWrites) checks the fingerprint under the lock.
 */
export async function readStopAnswers(
  executor: Executor,
  input: {
    guildId: string;
    stopId: number;
    now: Date;
    countMeetupsOf: readonly string[];
    /** Members whose ride offer or need for the stop matters (answering "no" withdraws it). */
    ridesOf?: readonly string[];
  },
): Promise<StopAnswers | undefined> {
  const extras = answerExtras({ ...input, stopId: sql`${tripStops.id}` });
  const [row] = await executor
    .select({
      ...stopView,
      answerState: sql<string>`escale_rsvp_state(${tripStops.id})`,
      answers: sql<AnswerJson[] | string>`(select coalesce(json_agg(json_build_object(
            'userId', answer.user_id, 'status', answer.status, 'guests', answer.guests,
            'respondedAt', answer.responded_at, 'waitlistedAt', answer.waitlisted_at, 'attendedAt', answer.attended_at)
            order by answer.responded_at, answer.user_id), '[]'::json)
          from ${rsvps} answer where answer.stop_id = ${tripStops.id})`,
      meetups: sql<Record<string, number> | string>`${extras.meetups}`,
      withRides: sql<string[] | string>`${extras.withRides}`,
    })
    .from(tripStops)
    .innerJoin(trips, eq(trips.id, tripStops.tripId))
    .where(and(eq(tripStops.guildId, input.guildId), eq(tripStops.id, input.stopId)))
    .limit(1);
  if (!row) return undefined;
  const { answerState, answers, meetups: attended, withRides: riding, ...stop } = row;
  const parsed = (typeof answers === 'string' ? JSON.parse(answers) : answers) as AnswerJson[];
  return {
    stop,
    rows: parsed.map((answer) => ({
      stopId: stop.id,
      userId: answer.userId,
      status: answer.status,
      guests: answer.guests,
      respondedAt: new Date(answer.respondedAt),
      waitlistedAt: answer.waitlistedAt === null ? null : new Date(answer.waitlistedAt),
      attendedAt: answer.attendedAt === null ? null : new Date(answer.attendedAt),
    })),
    state: answerState,
    ...readExtras(attended, riding),
  };
}

/**
 * What an answer's confirmation needs beyond the stop's answers, as two JSON expressions for the statement that reads
 * or writes them: the meetups attended by `countMeetupsOf` and which of `ridesOf` have a ride offer or need there.
 */
function answerExtras(input: {
  guildId: string;
  stopId: SQL;
  now: Date;
  countMeetupsOf: readonly string[];
  ridesOf?: readonly string[] | undefined;
}): { meetups: SQL; withRides: SQL } {
  const members = [...new Set(input.countMeetupsOf)];
  const riders = [...new Set(input.ridesOf ?? [])];
  return {
    meetups:
      members.length === 0
        ? sql`'{}'::json`
        : sql`(select json_object_agg(member.user_id, ${meetupsAttendedOf(input.guildId, sql`member.user_id`, input.now)})
            from ${memberList(members)})`,
    withRides:
      riders.length === 0
        ? sql`'[]'::json`
        : sql`(select coalesce(json_agg(member.user_id), '[]'::json) from ${memberList(riders)}
            where exists (select 1 from ${rideOffers} offer where offer.stop_id = ${input.stopId} and offer.user_id = member.user_id)
               or exists (select 1 from ${rideNeeds} need where need.stop_id = ${input.stopId} and need.user_id = member.user_id))`,
  };
}

function readExtras(
  meetups: Record<string, number> | string | null,
  withRides: string[] | string | null,
): Pick<StopAnswers, 'meetupsAttended' | 'withRides'> {
  const counts = (typeof meetups === 'string' ? JSON.parse(meetups) : meetups) as Record<string, number> | null;
  return {
    meetupsAttended: new Map(
      Object.entries(counts ?? {})
        .map(([userId, total]) => [userId, Number(total)] as const)
        .filter(([, total]) => total > 0),
    ),
    withRides: new Set(((typeof withRides === 'string' ? JSON.parse(withRides) : withRides) ?? []) as string[]),
  };
}

/**
 * The compare-and-set on no stop: writes nothing, and compiles its PL/pgSQL functions in the server process that runs
 * it (a new connection would otherwise make the first click it serves wait for that, and for its catalog caches).
 */
export const ANSWERS_WARM_UP = `select escale_apply_rsvps_state(0, '', '[]'::jsonb)`;

/**
 * Writes answers of one stop in one statement (escale_apply_rsvps_state, migrations 0009 and 0012): it locks the stop
 * and upserts the rows only if the stop and its answers are still those `expectedState` was read from (or written
 * as). Returns the stop's state after the write, to compare against next time, and what the confirmations need
 * (meetups attended, rides), read in the same statement; null, having written nothing, when someone else answered or
 * changed the stop in between: read again and decide again. Committed when it returns, unless the executor is a
 * transaction. A click on a stop the process knows costs this one statement.
 */
export async function applyRsvpWrites(
  executor: Executor,
  input: {
    guildId: string;
    stopId: number;
    expectedState: string;
    rows: readonly RsvpWrite[];
    now: Date;
    countMeetupsOf: readonly string[];
    ridesOf?: readonly string[];
  },
): Promise<(Pick<StopAnswers, 'meetupsAttended' | 'withRides'> & { state: string }) | null> {
  const extras = answerExtras({ ...input, stopId: sql`${input.stopId}` });
  const [result] = await queryRows<{
    state: string | null;
    meetups: Record<string, number> | string | null;
    with_rides: string[] | string | null;
  }>(
    executor,
    sql`select escale_apply_rsvps_state(${input.stopId}, ${input.expectedState}, ${writesJson(input.rows)}::jsonb) as state,
          ${extras.meetups} as meetups, ${extras.withRides} as with_rides`,
  );
  if (!result?.state) return null;
  return { state: result.state, ...readExtras(result.meetups, result.with_rides) };
}

function writesJson(rows: readonly RsvpWrite[]): string {
  return JSON.stringify(
    rows.map((row) => ({
      user_id: row.userId,
      status: row.status,
      guests: row.guests,
      responded_at: row.respondedAt.toISOString(),
      waitlisted_at: row.waitlistedAt?.toISOString() ?? null,
    })),
  );
}
