import type { Executor } from '../db/client.js';
import { getStop, TRIP_STATUS } from '../db/repositories/trips.js';
import { listJobs, scheduleJob } from '../jobs/queue.js';
import type { AppDeps } from './context.js';
import type { TripPort } from './ports.js';
import type { JobResult } from './reminders.js';
import { JOB_KINDS, recapKey, stopEndedKey } from './tripJobs.js';

/**
 * A stop's end finds its recap due this soon (a recap delay of 0, or a bot back after being down): the recap redraws
 * the announcement once (over, with the link) instead of twice (over, then the link).
 */
export const RECAP_DUE_SOON_MS = 15_000;

/**
 * Redraws the announcement of a stop that has ended: at its end ('stopEnded' job: final counts, its buttons gone) and
 * once its recap is posted (the link to it, see redrawAfterRecap). The announcement updater decides what is over from
 * the clock.
 */
export async function showStopEnded(
  deps: AppDeps,
  port: Pick<TripPort, 'refreshAnnouncement'>,
  job: { guildId: string; stopId: number; afterRecap?: boolean | undefined },
): Promise<JobResult> {
  const stop = await getStop(deps.db, job.guildId, job.stopId);
  if (!stop) return { status: 'skipped', reason: 'stop deleted' };
  if (stop.status === TRIP_STATUS.cancelled) return { status: 'skipped', reason: 'stop cancelled' };
  if (!stop.messageId) return { status: 'skipped', reason: 'the trip has no announcement' };
  if (!job.afterRecap && !stop.recapMessageId && (await recapDueSoon(deps, stop.id))) {
    return { status: 'skipped', reason: 'its recap, due now, redraws it' };
  }
  await port.refreshAnnouncement({ guildId: stop.guildId, tripId: stop.tripId, withCalendar: false });
  return { status: 'done' };
}

async function recapDueSoon(deps: AppDeps, stopId: number): Promise<boolean> {
  const [recap] = await listJobs(deps.db, recapKey(stopId));
  const soon = deps.clock.now().getTime() + RECAP_DUE_SOON_MS;
  return recap?.status === 'pending' && recap.runAt.getTime() <= soon;
}

/**
 * After a recap's attempt, the stop's 'stopEnded' job again, due now: the announcement shows the link to the recap
 * (and is over even if the end's own redraw was left to the recap). A job rather than an edit here: the scheduler runs
 * it after the recaps due with this one, so a burst of recaps is not slowed by the edits of their announcements.
 */
export async function redrawAfterRecap(
  executor: Executor,
  input: { guildId: string; stopId: number; now: Date },
): Promise<void> {
  await scheduleJob(executor, {
    kind: JOB_KINDS.stopEnded,
    dedupeKey: stopEndedKey(input.stopId),
    guildId: input.guildId,
    runAt: input.now,
    // Never left to the recap again (showStopEnded): this is the recap's own redraw.
    payload: { stopId: input.stopId, afterRecap: true },
  });
}
