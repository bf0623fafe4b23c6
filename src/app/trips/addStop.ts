import { saveRsvps } from '../../db/repositories/rsvps.js';
import { rolesPingedForTrip } from '../../db/repositories/stopPings.js';
import {
  insertStop,
  listStopsOfTrip,
  lockHostAnnouncements,
  lockTrip,
  TRIP_STATUS,
  type TripRow,
  updateStop,
} from '../../db/repositories/trips.js';
import { checkStopFits, type RoadWarning, roadWarnings } from '../../domain/itinerary.js';
import { canEdit } from '../../domain/trip.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import type { TripPort } from '../ports.js';
import { decidePings, holdPings } from '../quietPings.js';
import { scheduleTripJobs } from '../tripJobs.js';
import { loadAnnouncementView } from '../tripQueries.js';
import { type PingNote, readStop } from './create.js';
import { legsBetween } from './roads.js';
import { requireTripId, type TripActor } from './shared.js';

// ---- /trip add-stop ----

export interface AddStopInput extends TripActor {
  trip: string | number;
  town: string;
  when: string;
  topic?: string | null | undefined;
  venue?: string | null | undefined;
  durationMinutes?: number | null | undefined;
  capacity?: number | null | undefined;
  reach?: string | null | undefined;
}

export interface AddStopResult {
  stop: TripRow;
  /** 1-based place of the new stop in the itinerary. */
  number: number;
  /** The roles the stop's reply to the announcement pinged: its towns not pinged before for this trip. */
  pingedRoleIds: string[];
  /** Reached towns already pinged for this trip (not pinged again). */
  alreadyPingedRoleIds: string[];
  notes: PingNote[];
  /** The legs to and from the new stop that cannot be driven in time: a warning, not a refusal. */
  warnings: RoadWarning[];
  timeZone: string;
}

/**
 * Adds a stop to a trip (host or Manage Events): checked against the other stops (at most five, none at the same
 * time), its new towns pinged in a short reply to the announcement (never a town this trip already pinged; the daily
 * budget and town cooldowns apply), the host going, its reminders and recap scheduled, the announcement redrawn.
 */
export async function addStop(deps: AppDeps, port: TripPort, input: AddStopInput): Promise<AddStopResult> {
  const tripId = requireTripId(input.trip);
  const { now, settings, towns, town, valid, overrides, reachedRoleIds, columns } = await readStop(deps, input);

  const outcome = await deps.db.transaction(async (tx) => {
    const trip = await lockTrip(tx, input.guildId, tripId);
    if (!trip) throw new UserFacingError('trip.notFound', { ref: String(input.trip).slice(0, 50) });
    if (!canEdit(trip, input.userId, input.canManageEvents)) {
      throw new UserFacingError('trip.notAllowed', { id: trip.id, host: deps.markup.user(trip.hostId) });
    }
    if (trip.status === TRIP_STATUS.cancelled) throw new UserFacingError('trip.isCancelled', { id: trip.id });
    const stops = await listStopsOfTrip(tx, input.guildId, tripId);
    const scheduled = stops.filter((stop) => stop.status === TRIP_STATUS.scheduled);
    const fits = checkStopFits(
      scheduled,
      { townId: town.id, townName: town.name, startsAt: valid.startsAt, durationMinutes: valid.durationMinutes },
      { adding: true },
    );
    if (!fits.ok) throw new UserFacingError(fits.error.key, { ...fits.error.params });

    await lockHostAnnouncements(tx, input.guildId, trip.hostId);
    const alreadyPinged = await rolesPingedForTrip(tx, tripId);
    const newRoleIds = reachedRoleIds.filter((roleId) => !alreadyPinged.has(roleId));
    // The budget and cooldowns, or in the server's quiet hours every ping held to their end (src/app/quietPings.ts).
    const budget = await decidePings(tx, deps.markup, {
      guildId: input.guildId,
      hostId: trip.hostId,
      roleIds: newRoleIds,
      now,
      settings,
    });
    const saved = await insertStop(tx, {
      tripId,
      guildId: input.guildId,
      ...columns,
      pingedRoleIds: budget.pinged,
      createdAt: now,
      updatedAt: now,
    });
    await saveRsvps(tx, [
      { stopId: saved.id, userId: trip.hostId, status: 'going', guests: 0, respondedAt: now, waitlistedAt: null },
    ]);
    const stop = (await listStopsOfTrip(tx, input.guildId, tripId)).find((row) => row.id === saved.id);
    if (!stop) throw new Error(`stop ${saved.id} vanished`);
    await scheduleTripJobs(tx, stop, settings, now);
    await holdPings(tx, stop, budget);
    const all = await listStopsOfTrip(tx, input.guildId, tripId);
    const warnings = roadWarnings(legsBetween(all, towns, overrides), stop.id);
    return {
      stop,
      notes: budget.notes,
      alreadyPinged: reachedRoleIds.filter((roleId) => alreadyPinged.has(roleId)),
      warnings,
    };
  });

  let { stop } = outcome;
  const guildLocale = port.guildLocale(input.guildId);
  const view = await loadAnnouncementView(deps, { guildId: input.guildId, tripId, guildLocale, stopId: stop.id });
  const standing = view?.stops.find((entry) => entry.stop.id === stop.id);
  if (view && standing && stop.pingedRoleIds.length > 0 && stop.channelId && stop.messageId) {
    const posted = await port
      .postStopPing({ channelId: stop.channelId, messageId: stop.messageId, view, stop: standing })
      .catch((error) => {
        deps.logger.warn({ err: error, guildId: input.guildId, tripId, stopId: stop.id }, 'could not ping the stop');
        return null;
      });
    if (posted) stop = await updateStop(deps.db, input.guildId, stop.id, { pingMessageId: posted.messageId }, now);
  }
  await port.refreshAnnouncement({ guildId: input.guildId, tripId, withCalendar: true });
  if (view) {
    const eventId = await port.createScheduledEvent({ guildId: input.guildId, view }).catch((error) => {
      deps.logger.warn({ err: error, guildId: input.guildId, stopId: stop.id }, 'could not create the scheduled event');
      return null;
    });
    if (eventId) stop = await updateStop(deps.db, input.guildId, stop.id, { scheduledEventId: eventId }, now);
  }
  deps.logger.info(
    { guildId: input.guildId, userId: input.userId, tripId, stopId: stop.id, pinged: stop.pingedRoleIds.length },
    'stop added',
  );
  return {
    stop,
    number: standing?.number ?? stop.position,
    pingedRoleIds: stop.pingedRoleIds,
    alreadyPingedRoleIds: outcome.alreadyPinged,
    notes: outcome.notes,
    warnings: outcome.warnings,
    timeZone: settings.timeZone,
  };
}
