import type { Executor } from '../db/client.js';
import { guildHasQuietHours, pendingJobsDue } from '../db/repositories/digestQueries.js';
import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { getMemberPreferencesMany } from '../db/repositories/memberPreferences.js';
import { listReminderDeliveries } from '../db/repositories/reminderDeliveries.js';
import { listMembersByStatus, type RsvpStatus } from '../db/repositories/rsvps.js';
import { getStop, TRIP_STATUS } from '../db/repositories/trips.js';
import { HOUR_MS } from '../domain/zonedTime.js';
import { scheduleJob } from '../jobs/queue.js';
import type { AppDeps } from './context.js';
import { DM_JOB_KINDS, decideDm, holdReminder } from './dmTiming.js';
import { JOB_KINDS } from './tripJobs.js';

/**
 * Bringing a reminder forward needs someone awake before quiet hours begin: a reminder due at 06:30 for a stop at
 * 07:30, for a member quiet from 22:00 to 08:00, must go at 21:59 the evening before, long before its own job runs.
 * So while a member of the guild has quiet hours, this planner runs each hour and holds, to their exact minute, the
 * reminders that must go before the next run. Reminders that wait for the end of quiet hours need no planner: their
 * own job holds them when it runs.
 */

/** Reminders are at most this far ahead of their due time when brought forward (quiet hours last < 24 h). */
const LOOKAHEAD_MS = 25 * HOUR_MS;

export const quietPlanKey = (guildId: string, hourStart: Date) => `quiet-plan:${guildId}:${hourStart.toISOString()}`;

function hourStartOf(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS);
}

/** Starts (or runs again now) the planner of the guild: when a member sets quiet hours. */
export async function startQuietHoursPlanner(executor: Executor, guildId: string, now: Date): Promise<void> {
  await scheduleJob(executor, {
    kind: DM_JOB_KINDS.quietPlan,
    dedupeKey: quietPlanKey(guildId, hourStartOf(now)),
    guildId,
    runAt: now,
  });
}

export async function planQuietHours(
  deps: AppDeps,
  guildId: string,
): Promise<{ status: 'done' } | { status: 'skipped'; reason: string }> {
  const now = deps.clock.now();
  if (!(await guildHasQuietHours(deps.db, guildId))) {
    return { status: 'skipped', reason: 'nobody in the guild has quiet hours any more' };
  }
  const nextRun = new Date(hourStartOf(now).getTime() + HOUR_MS);
  const settings = await getGuildSettings(deps.db, guildId);
  const reminders = await pendingJobsDue(deps.db, {
    guildId,
    kind: JOB_KINDS.reminder,
    from: now,
    to: new Date(now.getTime() + LOOKAHEAD_MS),
  });
  let held = 0;
  for (const job of reminders) {
    const payload = job.payload as { tripId?: unknown; offsetMinutes?: unknown };
    const stopId = Number(payload.tripId);
    const offsetMinutes = Number(payload.offsetMinutes);
    if (!Number.isInteger(stopId) || !Number.isInteger(offsetMinutes)) continue;
    const stop = await getStop(deps.db, guildId, stopId);
    if (!stop || stop.status === TRIP_STATUS.cancelled) continue;
    const statuses: RsvpStatus[] = settings.remindMaybe ? ['going', 'maybe'] : ['going'];
    const members = (await listMembersByStatus(deps.db, stop.id, statuses)).map((row) => row.userId);
    const delivered = new Set((await listReminderDeliveries(deps.db, stop.id, offsetMinutes)).map((row) => row.userId));
    const preferences = await getMemberPreferencesMany(deps.db, guildId, members);
    for (const userId of members) {
      const choice = preferences.get(userId);
      if (delivered.has(userId) || !choice?.quietHours || choice.reminders !== 'dm') continue;
      const decision = decideDm({
        now,
        dueAt: job.runAt,
        quietHours: choice.quietHours,
        timeZone: settings.timeZone,
        stopStartsAt: stop.startsAt,
      });
      if (decision.kind !== 'hold' || decision.note.kind !== 'beforeQuietHours') continue;
      // Only what must go before the next run: a later run plans the rest with fresher answers.
      if (decision.sendAt.getTime() > nextRun.getTime()) continue;
      await holdReminder(deps.db, { guildId, stopId, offsetMinutes, userId, ...decision });
      held += 1;
    }
  }
  await scheduleJob(deps.db, {
    kind: DM_JOB_KINDS.quietPlan,
    dedupeKey: quietPlanKey(guildId, nextRun),
    guildId,
    runAt: nextRun,
  });
  if (held > 0) deps.logger.info({ guildId, held }, 'reminders brought forward before quiet hours');
  return { status: 'done' };
}
