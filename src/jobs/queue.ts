import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { jobs } from '../db/schema.js';

/**
 * Durable jobs in our own table rather than pg-boss or graphile-worker: those declare Node ≥ 22 (pg-boss 11)
 * or need shims to run on PGlite, and neither follows an injected clock, which the sandbox and the tests need
 * to move time. A claim is `FOR UPDATE SKIP LOCKED` plus a lease, so several processes on one Postgres never
 * run a job at the same time, and a crashed worker's job is taken again when its lease ends. The unique
 * dedupe key makes scheduling idempotent. Delivery is at-least-once: every side effect of a job must be safe
 * to repeat (see the handlers).
 */
export type Job = typeof jobs.$inferSelect;
export type JobStatus = 'pending' | 'done' | 'skipped' | 'failed' | 'cancelled' | 'paused';

export const DEFAULT_LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 8;

export interface NewJob {
  kind: string;
  dedupeKey: string;
  guildId: string;
  runAt: Date;
  payload?: Record<string, unknown>;
}

/**
 * A dedupe key's group, stored as the job's `subject`: the key up to its last ':' included (`reminder:12:` for
 * `reminder:12:1440`), null without one. cancelJobs and listJobs find a group by equality on that indexed column.
 */
export function jobGroup(dedupeKey: string): string | null {
  const end = dedupeKey.lastIndexOf(':');
  return end < 0 ? null : dedupeKey.slice(0, end + 1);
}

/** Schedules a job, or moves it (an edited trip) back to pending at its new time. */
export async function scheduleJob(executor: Executor, job: NewJob): Promise<void> {
  await executor
    .insert(jobs)
    .values({ ...job, payload: job.payload ?? {}, subject: jobGroup(job.dedupeKey) })
    .onConflictDoUpdate({
      target: jobs.dedupeKey,
      set: {
        runAt: job.runAt,
        payload: job.payload ?? {},
        status: 'pending',
        attempts: 0,
        lockedUntil: null,
        lockedBy: null,
        lastError: null,
        finishedAt: null,
      },
    });
}

/**
 * Cancels the pending jobs of a group (`reminder:12:`, every reminder of stop 12; see jobGroup). By equality on an
 * indexed column: a `LIKE 'prefix%'` on the dedupe key cannot use its index under a non-C collation.
 */
export async function cancelJobs(executor: Executor, group: string, now: Date): Promise<number> {
  const rows = await executor
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: now })
    .where(and(eq(jobs.status, 'pending'), eq(jobs.subject, group)))
    .returning({ id: jobs.id });
  return rows.length;
}

/** Cancels one pending job by its exact dedupe key. */
export async function cancelJob(executor: Executor, dedupeKey: string, now: Date): Promise<boolean> {
  const rows = await executor
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: now })
    .where(and(eq(jobs.status, 'pending'), eq(jobs.dedupeKey, dedupeKey)))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export interface ClaimOptions {
  now: Date;
  /** Only jobs due by then (default `now`): a scheduler pass runs what was due when it began, then looks again. */
  dueBy?: Date;
  limit: number;
  workerId: string;
  leaseMs?: number;
  /** Spreads load between shards; correctness never depends on it (SKIP LOCKED + lease do that). */
  shard?: { id: number; count: number };
}

/** Takes up to `limit` due jobs that no other worker holds, and leases them to this worker. */
export async function claimDueJobs(executor: Executor, options: ClaimOptions): Promise<Job[]> {
  const leaseUntil = new Date(options.now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS));
  const shardFilter =
    options.shard && options.shard.count > 1
      ? sql`((${jobs.guildId})::bigint >> 22) % ${options.shard.count} = ${options.shard.id}`
      : sql`true`;
  const due = executor
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, 'pending'),
        lte(jobs.runAt, options.dueBy ?? options.now),
        or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, options.now)),
        shardFilter,
      ),
    )
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  const claimed = await executor
    .update(jobs)
    .set({ lockedUntil: leaseUntil, lockedBy: options.workerId, attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, due))
    .returning();
  // UPDATE … RETURNING keeps no order: oldest due first.
  return claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
}

/**
 * When the next pending job falls due, if that is after `after` and no later than `until`; else null. One probe of the
 * (status, run_at) index: the scheduler wakes then instead of at its next poll.
 */
export async function nextRunAt(executor: Executor, range: { after: Date; until: Date }): Promise<Date | null> {
  const [row] = await executor
    .select({ runAt: jobs.runAt })
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), gt(jobs.runAt, range.after), lte(jobs.runAt, range.until)))
    .orderBy(asc(jobs.runAt))
    .limit(1);
  return row?.runAt ?? null;
}

export async function finishJob(
  executor: Executor,
  input: { id: number; workerId: string; status: 'done' | 'skipped'; now: Date; note?: string },
): Promise<void> {
  await executor
    .update(jobs)
    .set({ status: input.status, finishedAt: input.now, lockedUntil: null, lastError: input.note ?? null })
    .where(and(eq(jobs.id, input.id), eq(jobs.lockedBy, input.workerId)));
}

/** Retries later with backoff, or gives up after MAX_ATTEMPTS. */
export async function failJob(
  executor: Executor,
  input: { job: Job; workerId: string; error: string; now: Date },
): Promise<JobStatus> {
  const giveUp = input.job.attempts >= MAX_ATTEMPTS;
  const backoffMs = Math.min(2 ** input.job.attempts * 5_000, 15 * 60_000);
  await executor
    .update(jobs)
    .set({
      status: giveUp ? 'failed' : 'pending',
      lastError: input.error.slice(0, 2_000),
      lockedUntil: giveUp ? null : new Date(input.now.getTime() + backoffMs),
      finishedAt: giveUp ? input.now : null,
    })
    .where(and(eq(jobs.id, input.job.id), eq(jobs.lockedBy, input.workerId)));
  return giveUp ? 'failed' : 'pending';
}

/**
 * Frees the leases of pending jobs. Only for the embedded database, at start-up: PGlite is single-process (its lock
 * file refuses a second opener), so any lease still held then belongs to a process that died (kill -9, power loss),
 * and its jobs are run now rather than when the lease would have ended. Never on Postgres, where another live
 * process may hold them.
 */
export async function releaseLeasesOfDeadProcess(executor: Executor, now: Date): Promise<number> {
  const rows = await executor
    .update(jobs)
    .set({ lockedUntil: null, lockedBy: null })
    .where(and(eq(jobs.status, 'pending'), gt(jobs.lockedUntil, now)))
    .returning({ id: jobs.id });
  return rows.length;
}

/**
 * The jobs of a group (`reminder:12:`, see jobGroup), or the one job of a whole key (`recap:1`), or every job (''),
 * every status, oldest due first. Each by an index: the group's subject or the unique key.
 */
export async function listJobs(executor: Executor, groupOrKey: string): Promise<Job[]> {
  const where =
    groupOrKey === ''
      ? undefined
      : groupOrKey.endsWith(':')
        ? eq(jobs.subject, groupOrKey)
        : eq(jobs.dedupeKey, groupOrKey);
  return executor.select().from(jobs).where(where).orderBy(asc(jobs.runAt), asc(jobs.id));
}

/**
 * The bot was removed from the guild: its pending jobs stop at once ('paused' is never claimed), except `keepKind`
 * (the data's deletion). Returns how many.
 */
export async function pauseGuildJobs(executor: Executor, guildId: string, keepKind: string): Promise<number> {
  const rows = await executor
    .update(jobs)
    .set({ status: 'paused', lockedUntil: null, lockedBy: null })
    .where(and(eq(jobs.guildId, guildId), eq(jobs.status, 'pending'), ne(jobs.kind, keepKind)))
    .returning({ id: jobs.id });
  return rows.length;
}

/** The bot is back in the guild: its paused jobs are pending again (those already late run at once). */
export async function resumeGuildJobs(executor: Executor, guildId: string): Promise<number> {
  const rows = await executor
    .update(jobs)
    .set({ status: 'pending' })
    .where(and(eq(jobs.guildId, guildId), eq(jobs.status, 'paused')))
    .returning({ id: jobs.id });
  return rows.length;
}

/** The guilds that have a pending job of this kind (e.g. a scheduled deletion of their data). */
export async function guildsWithPendingJob(executor: Executor, kind: string): Promise<string[]> {
  const rows = await executor
    .selectDistinct({ guildId: jobs.guildId })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.status, 'pending')));
  return rows.map((row) => row.guildId);
}

/** Deletes jobs that finished (done, skipped, failed, cancelled) before `before`. Returns how many. */
export async function deleteFinishedJobs(executor: Executor, before: Date): Promise<number> {
  const rows = await executor
    .delete(jobs)
    .where(and(inArray(jobs.status, ['done', 'skipped', 'failed', 'cancelled']), lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
}
