import type { Executor } from '../db/client.js';
import type { GuildSettingsRow } from '../db/repositories/guildSettings.js';
import { cancelJob, cancelJobs, scheduleJob } from '../jobs/queue.js';

/** Job kinds and dedupe keys of a trip's automatic work. One key per effect, so scheduling twice is harmless. */
export const JOB_KINDS = { reminder: 'reminder', recap: 'recap', stopEnded: 'stopEnded', headsUp: 'headsUp' } as const;
export const reminderKey = (tripId: number, offsetMinutes: number) => `reminder:${tripId}:${offsetMinutes}`;
export const recapKey = (tripId: number) => `recap:${tripId}`;
/** At the stop's end: the announcement redrawn as over (its buttons gone). */
export const stopEndedKey = (stopId: number) => `ended:${stopId}`;
/** 24 h before the stop: the host's heads-up when nobody else is going (src/app/headsUp.ts). */
export const headsUpKey = (stopId: number) => `headsup:${stopId}`;
/** How long before a stop the host's heads-up is due. */
export const HEADS_UP_BEFORE_MS = 24 * 60 * 60_000;

export interface TripSchedule {
  id: number;
  guildId: string;
  startsAt: Date;
  durationMinutes: number;
}

/**
 * (Re)schedules a trip's reminders and recap inside the caller's transaction: called when a trip is created
 * and when its time changes. Reminders already past are not scheduled; reminders of offsets no longer
 * configured are cancelled.
 */
export async function scheduleTripJobs(
  executor: Executor,
  trip: TripSchedule,
  settings: Pick<GuildSettingsRow, 'reminderOffsetsMinutes' | 'recapDelayMinutes'>,
  now: Date,
): Promise<void> {
  await cancelJobs(executor, `reminder:${trip.id}:`, now);
  for (const offset of new Set(settings.reminderOffsetsMinutes)) {
    const runAt = new Date(trip.startsAt.getTime() - offset * 60_000);
    if (runAt.getTime() <= now.getTime()) continue;
    await scheduleJob(executor, {
      kind: JOB_KINDS.reminder,
      dedupeKey: reminderKey(trip.id, offset),
      guildId: trip.guildId,
      runAt,
      payload: { tripId: trip.id, offsetMinutes: offset },
    });
  }
  const endsAt = trip.startsAt.getTime() + trip.durationMinutes * 60_000;
  const headsUpAt = new Date(trip.startsAt.getTime() - HEADS_UP_BEFORE_MS);
  if (headsUpAt.getTime() > now.getTime()) {
    await scheduleJob(executor, {
      kind: JOB_KINDS.headsUp,
      dedupeKey: headsUpKey(trip.id),
      guildId: trip.guildId,
      runAt: headsUpAt,
      payload: { stopId: trip.id },
    });
  } else {
    // Moved to less than 24 h away: too late for a heads-up.
    await cancelJob(executor, headsUpKey(trip.id), now);
  }
  await scheduleJob(executor, {
    kind: JOB_KINDS.stopEnded,
    dedupeKey: stopEndedKey(trip.id),
    guildId: trip.guildId,
    runAt: new Date(endsAt),
    payload: { stopId: trip.id },
  });
  await scheduleJob(executor, {
    kind: JOB_KINDS.recap,
    dedupeKey: recapKey(trip.id),
    guildId: trip.guildId,
    runAt: new Date(endsAt + settings.recapDelayMinutes * 60_000),
    payload: { tripId: trip.id },
  });
}

/** A cancelled trip gets no reminder, no heads-up, no end and no recap. */
export async function cancelTripJobs(executor: Executor, tripId: number, now: Date): Promise<void> {
  await cancelJobs(executor, `reminder:${tripId}:`, now);
  await cancelJob(executor, headsUpKey(tripId), now);
  await cancelJob(executor, stopEndedKey(tripId), now);
  await cancelJob(executor, recapKey(tripId), now);
}
