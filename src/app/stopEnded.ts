import { getStop, TRIP_STATUS } from '../db/repositories/trips.js';
import type { AppDeps } from './context.js';
import type { TripPort } from './ports.js';
import type { JobResult } from './reminders.js';

/**
 * Redraws the announcement of a stop that has ended: at its end ('stopEnded' job: final counts, its buttons gone) and
 * once its recap is posted (the link to it). The announcement updater decides what is over from the clock.
 */
export async function showStopEnded(
  deps: AppDeps,
  port: Pick<TripPort, 'refreshAnnouncement'>,
  job: { guildId: string; stopId: number },
): Promise<JobResult> {
  const stop = await getStop(deps.db, job.guildId, job.stopId);
  if (!stop) return { status: 'skipped', reason: 'stop deleted' };
  if (stop.status === TRIP_STATUS.cancelled) return { status: 'skipped', reason: 'stop cancelled' };
  if (!stop.messageId) return { status: 'skipped', reason: 'the trip has no announcement' };
  await port.refreshAnnouncement({ guildId: stop.guildId, tripId: stop.tripId, withCalendar: false });
  return { status: 'done' };
}
