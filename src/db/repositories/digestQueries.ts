import { and, asc, eq, gt, isNotNull, lte } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { jobs, memberPreferences } from '../schema.js';

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
