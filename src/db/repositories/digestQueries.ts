import { and, asc, eq, gt, gte, inArray, isNotNull, lt, lte } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { jobs, memberPreferences, townDigestMembers, tripStops, trips } from '../schema.js';

/** Queries of the members' DM timing and weekly digest that read other tables (jobs, preferences). */

/** The guild's pending jobs of one kind due in (from, to], soonest first. */
export async function pendingJobsDue(
  executor: Executor,
  input: { guildId: string; kind: string; from: Date; to: Date },
): Promise<(typeof jobs.$inferSelect)[]> {
  return executor
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.guildId, input.guildId),
        eq(jobs.kind, input.kind),
        eq(jobs.status, 'pending'),
        gt(jobs.runAt, input.from),
        lte(jobs.runAt, input.to),
      ),
    )
    .orderBy(asc(jobs.runAt), asc(jobs.id));
}

/** Whether anyone in the guild has quiet hours (the hourly planner stops when nobody has). */
export async function guildHasQuietHours(executor: Executor, guildId: string): Promise<boolean> {
  const [row] = await executor
    .select({ userId: memberPreferences.userId })
    .from(memberPreferences)
    .where(and(eq(memberPreferences.guildId, guildId), isNotNull(memberPreferences.quietStartMinute)))
    .limit(1);
  return row !== undefined;
}

// ---- towns followed by weekly digest (/town join town mode:digest) ----

/** Follows the town by digest; false when the member already did. */
export async function addDigestTown(
  executor: Executor,
  input: { guildId: string; townId: number; userId: string; now: Date },
): Promise<boolean> {
  const rows = await executor
    .insert(townDigestMembers)
    .values({ guildId: input.guildId, townId: input.townId, userId: input.userId, joinedAt: input.now })
    .onConflictDoNothing()
    .returning();
  return rows.length > 0;
}

/** Stops following the town by digest; false when the member did not. */
export async function removeDigestTown(executor: Executor, townId: number, userId: string): Promise<boolean> {
  const rows = await executor
    .delete(townDigestMembers)
    .where(and(eq(townDigestMembers.townId, townId), eq(townDigestMembers.userId, userId)))
    .returning();
  return rows.length > 0;
}

/** The towns the member follows by digest in the guild. */
export async function digestTownIdsOf(executor: Executor, guildId: string, userId: string): Promise<Set<number>> {
  const rows = await executor
    .select({ townId: townDigestMembers.townId })
    .from(townDigestMembers)
    .where(and(eq(townDigestMembers.guildId, guildId), eq(townDigestMembers.userId, userId)));
  return new Set(rows.map((row) => row.townId));
}

/** Every digest member of the guild and their towns. */
export async function digestMembersOf(executor: Executor, guildId: string): Promise<Map<string, number[]>> {
  const rows = await executor
    .select({ userId: townDigestMembers.userId, townId: townDigestMembers.townId })
    .from(townDigestMembers)
    .where(eq(townDigestMembers.guildId, guildId))
    .orderBy(asc(townDigestMembers.userId), asc(townDigestMembers.townId));
  const members = new Map<string, number[]>();
  for (const row of rows) members.set(row.userId, [...(members.get(row.userId) ?? []), row.townId]);
  return members;
}

/** Scheduled stops of scheduled trips in these towns starting in [from, to), soonest first. */
export async function upcomingStopsInTowns(
  executor: Executor,
  input: { guildId: string; townIds: readonly number[]; from: Date; to: Date },
) {
  if (input.townIds.length === 0) return [];
  return executor
    .select({
      stopId: tripStops.id,
      tripId: tripStops.tripId,
      townId: tripStops.townId,
      townName: tripStops.townName,
      startsAt: tripStops.startsAt,
      topic: tripStops.topic,
      guildId: trips.guildId,
      channelId: trips.channelId,
      messageId: trips.messageId,
    })
    .from(tripStops)
    .innerJoin(trips, eq(trips.id, tripStops.tripId))
    .where(
      and(
        eq(tripStops.guildId, input.guildId),
        inArray(tripStops.townId, [...input.townIds]),
        eq(tripStops.status, 'scheduled'),
        eq(trips.status, 'scheduled'),
        gte(tripStops.startsAt, input.from),
        lt(tripStops.startsAt, input.to),
      ),
    )
    .orderBy(asc(tripStops.startsAt), asc(tripStops.id));
}

/**
 * Schedules a job unless one with that key exists, whatever its state: a per-member DM of a weekly digest is sent
 * once even when the weekly job that plans it runs again.
 */
export async function scheduleJobOnce(
  executor: Executor,
  job: {
    kind: string;
    dedupeKey: string;
    /** The key's group, as src/jobs/queue.ts's jobGroup gives it (the db layer does not import the queue). */
    subject: string | null;
    guildId: string;
    runAt: Date;
    payload?: Record<string, unknown>;
  },
): Promise<boolean> {
  const rows = await executor
    .insert(jobs)
    .values({ ...job, payload: job.payload ?? {} })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return rows.length > 0;
}
