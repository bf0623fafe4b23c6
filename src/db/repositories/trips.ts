import { and, asc, eq, getTableColumns, gt, inArray, ne, sql } from 'drizzle-orm';
import { MAX_DURATION_MINUTES } from '../../domain/trip.js';
import type { Executor } from '../client.js';
import { tripStops, trips } from '../schema.js';

/** The trip itself: its host and its one announcement (message and thread). */
export type TripRecord = typeof trips.$inferSelect;
export type StopRecord = typeof tripStops.$inferSelect;

/**
 * A stop of a trip read with its trip's host and announcement: what answers, reminders, recaps, edits and cancels act
 * on. `id` is the STOP's id (buttons, jobs, RSVPs are keyed by it); `tripId` is the trip's number, its name
 * ("Rencontre #12"). A trip created before itineraries has one stop whose id is the trip's.
 */
export type TripRow = StopRecord & {
  hostId: string;
  channelId: string | null;
  messageId: string | null;
  threadId: string | null;
  /** The whole trip's status (a stop of a cancelled trip is cancelled too). */
  tripStatus: string;
};

/** A new trip with its first stop. */
export type NewTrip = {
  guildId: string;
  hostId: string;
  townId?: number | null;
  townName: string;
  startsAt: Date;
  /** Missing: the default (90 minutes). */
  durationMinutes?: number;
  topic?: string | null;
  venue?: string | null;
  capacity?: number | null;
  reach?: string;
  status?: string;
  cancelReason?: string | null;
  channelId?: string | null;
  messageId?: string | null;
  threadId?: string | null;
  pingedRoleIds?: string[];
  scheduledEventId?: string | null;
  recapMessageId?: string | null;
  recapNotes?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A stop added to an existing trip. */
export type NewStop = Omit<NewTrip, 'hostId' | 'channelId' | 'messageId' | 'threadId'> & { tripId: number };

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
    | 'pingedAt'
    | 'pingMessageId'
    | 'scheduledEventId'
    | 'threadId'
  >
>;

export const TRIP_STATUS = { scheduled: 'scheduled', cancelled: 'cancelled' } as const;
export const MAX_STOPS_PER_TRIP = 5;

/** When a stop ends (starts_at + its duration), as SQL. */
export const stopEndsAt = sql`(${tripStops.startsAt} + make_interval(mins => ${tripStops.durationMinutes}))`;

/**
 * Stops not yet ended at `instant`. The first bound is redundant (no stop lasts longer than MAX_DURATION_MINUTES) but
 * is what lets the (guild_id, starts_at) index start its range 12 hours before `instant` instead of at the guild's
 * first stop ever: `starts_at + duration > now` alone is not sargable, and the list cost grew with the history.
 */
export function notEndedAt(instant: Date) {
  return and(
    gt(tripStops.startsAt, new Date(instant.getTime() - MAX_DURATION_MINUTES * 60_000)),
    gt(stopEndsAt, instant),
  );
}

export const stopView = {
  ...getTableColumns(tripStops),
  hostId: trips.hostId,
  channelId: trips.channelId,
  messageId: trips.messageId,
  threadId: trips.threadId,
  tripStatus: trips.status,
};

/** Stops joined with their trip, as TripRow (the one place that builds that view). */
export function selectStops(executor: Executor) {
  return executor.select(stopView).from(tripStops).innerJoin(trips, eq(trips.id, tripStops.tripId));
}

/** Creates a trip and its first stop. */
export async function insertTrip(executor: Executor, input: NewTrip): Promise<TripRow> {
  const [trip] = await executor
    .insert(trips)
    .values({
      guildId: input.guildId,
      hostId: input.hostId,
      status: input.status ?? TRIP_STATUS.scheduled,
      channelId: input.channelId ?? null,
      messageId: input.messageId ?? null,
      threadId: input.threadId ?? null,
      createdAt: input.createdAt,
      updatedAt: input.updatedAt,
    })
    .returning();
  if (!trip) throw new Error('trip was not saved');
  const { hostId: _host, channelId: _channel, messageId: _message, threadId: _thread, ...stop } = input;
  const saved = await insertStop(executor, { ...stop, tripId: trip.id });
  return toView(saved, trip);
}

/** Adds a stop to a trip and renumbers the trip's stops by time. */
export async function insertStop(executor: Executor, input: NewStop): Promise<StopRecord> {
  const [row] = await executor.insert(tripStops).values(input).returning();
  if (!row) throw new Error('stop was not saved');
  await renumberStops(executor, input.tripId);
  const [renumbered] = await executor.select().from(tripStops).where(eq(tripStops.id, row.id));
  return renumbered ?? row;
}

/** Positions follow time: 1 for the earliest stop. */
export async function renumberStops(executor: Executor, tripId: number): Promise<void> {
  await executor.execute(
    sql`update ${tripStops} set position = ranked.rank
        from (select id, row_number() over (order by starts_at, id)::int as rank
              from ${tripStops} where trip_id = ${tripId}) as ranked
        where ${tripStops.id} = ranked.id and ${tripStops.position} <> ranked.rank`,
  );
}

function toView(stop: StopRecord, trip: TripRecord): TripRow {
  return {
    ...stop,
    hostId: trip.hostId,
    channelId: trip.channelId,
    messageId: trip.messageId,
    threadId: trip.threadId,
    tripStatus: trip.status,
  };
}

/** One stop of this guild, by the stop's id. */
export async function getStop(executor: Executor, guildId: string, stopId: number): Promise<TripRow | undefined> {
  const [row] = await selectStops(executor)
    .where(and(eq(tripStops.guildId, guildId), eq(tripStops.id, stopId)))
    .limit(1);
  return row;
}

export async function getTrip(executor: Executor, guildId: string, tripId: number): Promise<TripRecord | undefined> {
  const [row] = await executor
    .select()
    .from(trips)
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)))
    .limit(1);
  return row;
}

/** The stops of one trip in itinerary order (time), cancelled ones included. */
export async function listStopsOfTrip(executor: Executor, guildId: string, tripId: number): Promise<TripRow[]> {
  return selectStops(executor)
    .where(and(eq(tripStops.guildId, guildId), eq(tripStops.tripId, tripId)))
    .orderBy(asc(tripStops.startsAt), asc(tripStops.id));
}

/**
 * Reads the stop and locks its row until the transaction ends: every RSVP, edit and cancel of one stop goes
 * through here, so they apply one after another and the waitlist is computed on what the previous one wrote.
 * Works the same on PGlite (one connection: trivially serial) and Postgres.
 */
export async function lockStop(executor: Executor, guildId: string, stopId: number): Promise<TripRow | undefined> {
  if (!(await lockStopRow(executor, guildId, stopId))) return undefined;
  return getStop(executor, guildId, stopId);
}

/** Locks the stop's row until the transaction ends, without reading it; false when this guild has no such stop. */
export async function lockStopRow(executor: Executor, guildId: string, stopId: number): Promise<boolean> {
  const [locked] = await executor
    .select({ id: tripStops.id })
    .from(tripStops)
    .where(and(eq(tripStops.guildId, guildId), eq(tripStops.id, stopId)))
    .for('update');
  return locked !== undefined;
}

/** Locks the trip's row: adding a stop, cancelling the whole trip (one after another per trip). */
export async function lockTrip(executor: Executor, guildId: string, tripId: number): Promise<TripRecord | undefined> {
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

/** Changes a stop; the announcement's fields (channel, message, thread) go to its trip. */
export async function updateStop(
  executor: Executor,
  guildId: string,
  stopId: number,
  patch: TripPatch,
  now: Date,
): Promise<TripRow> {
  const { channelId, messageId, threadId, ...stopPatch } = patch;
  const [stop] = await executor
    .update(tripStops)
    .set({ ...stopPatch, updatedAt: now })
    .where(and(eq(tripStops.guildId, guildId), eq(tripStops.id, stopId)))
    .returning();
  if (!stop) throw new Error(`stop ${stopId} of guild ${guildId} was not updated`);
  const tripPatch = Object.fromEntries(
    Object.entries({ channelId, messageId, threadId }).filter(([, value]) => value !== undefined),
  );
  if (Object.keys(tripPatch).length > 0) {
    await executor
      .update(trips)
      .set({ ...tripPatch, updatedAt: now })
      .where(eq(trips.id, stop.tripId));
  }
  if (patch.startsAt !== undefined) await renumberStops(executor, stop.tripId);
  const view = await getStop(executor, guildId, stopId);
  if (!view) throw new Error(`stop ${stopId} of guild ${guildId} vanished`);
  return view;
}

/** Changes the trip itself (its announcement, or its status when the whole trip is cancelled). */
export async function updateTrip(
  executor: Executor,
  guildId: string,
  tripId: number,
  patch: Partial<Pick<TripRecord, 'status' | 'channelId' | 'messageId' | 'threadId'>>,
  now: Date,
): Promise<void> {
  await executor
    .update(trips)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)));
}

/** Remembers the announcement's thread (its id is the message's id on Discord); not an edit of the trip. */
export async function recordTripThread(executor: Executor, guildId: string, tripId: number, threadId: string) {
  await executor
    .update(trips)
    .set({ threadId })
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)));
}

/** Undoes a trip whose announcement could not be posted (its stops, RSVPs and jobs go with it). */
export async function deleteTrip(executor: Executor, guildId: string, tripId: number): Promise<void> {
  await executor.delete(trips).where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)));
}

/** Undoes a stop whose ping could not be posted. */
export async function deleteStop(executor: Executor, guildId: string, stopId: number): Promise<void> {
  await executor.delete(tripStops).where(and(eq(tripStops.guildId, guildId), eq(tripStops.id, stopId)));
}

export async function getTripsByIds(executor: Executor, guildId: string, stopIds: number[]): Promise<TripRow[]> {
  if (stopIds.length === 0) return [];
  return selectStops(executor).where(and(eq(tripStops.guildId, guildId), inArray(tripStops.id, stopIds)));
}

/** Other scheduled stops of the trip than this one (overlap and road checks). */
export async function otherStopsOfTrip(executor: Executor, tripId: number, stopId: number): Promise<StopRecord[]> {
  return executor
    .select()
    .from(tripStops)
    .where(and(eq(tripStops.tripId, tripId), ne(tripStops.id, stopId)))
    .orderBy(asc(tripStops.startsAt), asc(tripStops.id));
}

// ---- the recap (src/app/recap.ts) and /trip history ----

/** Remembers the stop's recap message once posted (in the trip's one thread): a retried recap job posts nothing more. */
export async function recordRecapMessage(
  executor: Executor,
  guildId: string,
  stopId: number,
  input: { threadId: string; recapMessageId: string },
): Promise<void> {
  const [stop] = await executor
    .update(tripStops)
    .set({ recapMessageId: input.recapMessageId })
    .where(and(eq(tripStops.guildId, guildId), eq(tripStops.id, stopId)))
    .returning({ tripId: tripStops.tripId });
  if (!stop) return;
  await executor.update(trips).set({ threadId: input.threadId }).where(eq(trips.id, stop.tripId));
}

/** The host's notes shown under the stop's recap (null removes them). */
export async function setRecapNotes(
  executor: Executor,
  guildId: string,
  stopId: number,
  notes: string | null,
  now: Date,
): Promise<TripRow> {
  const [row] = await executor
    .update(tripStops)
    .set({ recapNotes: notes, updatedAt: now })
    .where(and(eq(tripStops.guildId, guildId), eq(tripStops.id, stopId)))
    .returning({ id: tripStops.id });
  if (!row) throw new Error(`stop ${stopId} of guild ${guildId} was not updated`);
  const view = await getStop(executor, guildId, stopId);
  if (!view) throw new Error(`stop ${stopId} of guild ${guildId} vanished`);
  return view;
}
