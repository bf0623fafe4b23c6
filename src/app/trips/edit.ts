import { getGuildSettings } from '../../db/repositories/guildSettings.js';
import { listRsvps, saveRsvps } from '../../db/repositories/rsvps.js';
import { getDriveTimeOverrides, listTowns } from '../../db/repositories/towns.js';
import {
  listStopsOfTrip,
  lockStop,
  TRIP_STATUS,
  type TripPatch,
  type TripRow,
  updateStop,
} from '../../db/repositories/trips.js';
import { checkStopFits, type RoadWarning, roadWarnings } from '../../domain/itinerary.js';
import { promoteWaitlist, seatsUsed } from '../../domain/rsvp.js';
import { MAX_CAPACITY, MIN_CAPACITY, validateTripInput } from '../../domain/trip.js';
import { formatDuration } from '../../domain/whenFormat.js';
import { MINUTE_MS } from '../../domain/zonedTime.js';
import { type Language, t } from '../../i18n/index.js';
import type { AppDeps } from '../context.js';
import { notifyPromotedInTime } from '../dmTimingNotices.js';
import { UserFacingError } from '../errors.js';
import { guildLanguage } from '../guildLanguage.js';
import { postNotice } from '../notices.js';
import type { Markup, TripPort } from '../ports.js';
import { changedRows } from '../rsvp.js';
import { scheduleTripJobs } from '../tripJobs.js';
import { loadAnnouncementView, toDomainRsvps } from '../tripQueries.js';
import { resolveStop } from './itinerary.js';
import { legsBetween } from './roads.js';
import { assertEditable, audienceOf, CLEAR, readWhen, requireTripId, type TripActor, validOrThrow } from './shared.js';

// ---- /trip edit ----

export interface EditTripInput extends TripActor {
  trip: string | number;
  /** Which stop (required when the trip has several): a stop id from autocomplete or its number. */
  stop?: string | number | null | undefined;
  when?: string | null | undefined;
  /** "-" clears it. */
  venue?: string | null | undefined;
  /** "-" clears it. */
  topic?: string | null | undefined;
  /** 0 removes the limit. */
  capacity?: number | null | undefined;
  durationMinutes?: number | null | undefined;
}

export type TripChange =
  | { field: 'when'; value: Date; previous: Date }
  | { field: 'venue' | 'topic'; value: string | null }
  | { field: 'capacity'; value: number | null }
  | { field: 'duration'; value: number };

export interface EditTripResult {
  trip: TripRow;
  changes: TripChange[];
  /** Members really told in the announcement's thread (mentioned in a part that was posted). */
  notified: number;
  /** Members who answered and could not be told (the thread refused a part). */
  notTold: number;
  promoted: string[];
  /** Of the promoted, those really told: a DM that went, or a mention in a part that was posted. */
  promotedTold: number;
  /** Seats already taken when the new capacity is below them (nobody is removed). */
  overCapacity: { going: number; capacity: number } | null;
  timeZone: string;
  /** Legs to and from the edited stop that can no longer be driven in time: a warning, not a refusal. */
  warnings: RoadWarning[];
}

export async function editTrip(deps: AppDeps, port: TripPort, input: EditTripInput): Promise<EditTripResult> {
  const given = [input.when, input.venue, input.topic, input.capacity, input.durationMinutes].some(
    (value) => value !== undefined && value !== null,
  );
  if (!given) throw new UserFacingError('trip.edit.nothing');
  requireTripId(input.trip);
  const now = deps.clock.now();
  const settings = await getGuildSettings(deps.db, input.guildId);

  const outcome = await deps.db.transaction(async (tx) => {
    const named = await resolveStop(tx, {
      guildId: input.guildId,
      trip: input.trip,
      stop: input.stop,
      need: 'one',
      timeZone: settings.timeZone,
      language: input.language,
    });
    const trip = named.stop ? await lockStop(tx, input.guildId, named.stop.id) : undefined;
    assertEditable(deps.markup, trip, input, now, input.trip);

    const startsAt = input.when
      ? readWhen(input.when, { now, timeZone: settings.timeZone, language: input.language })
      : null;
    const capacity = input.capacity === undefined || input.capacity === null ? undefined : input.capacity;
    if (capacity !== undefined && capacity !== 0 && (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY)) {
      throw new UserFacingError('trip.badCapacityEdit', { min: MIN_CAPACITY, max: MAX_CAPACITY, value: capacity });
    }
    const clears = (text: string | null | undefined) =>
      typeof text === 'string' && CLEAR.has(text.trim().toLowerCase());
    // The domain validates the fields; the start it checks is already validated by readWhen (or unchanged).
    const valid = validOrThrow(
      validateTripInput(
        {
          townId: String(trip.townId ?? ''),
          startsAt: startsAt ?? new Date(now.getTime() + MINUTE_MS),
          durationMinutes: input.durationMinutes ?? trip.durationMinutes,
          capacity: capacity === undefined || capacity === 0 ? null : capacity,
          topic: clears(input.topic) ? null : input.topic,
          venue: clears(input.venue) ? null : input.venue,
          reach: trip.reach,
        },
        now,
      ),
    );

    const patch: TripPatch = {};
    const changes: TripChange[] = [];
    if (startsAt && startsAt.getTime() !== trip.startsAt.getTime()) {
      patch.startsAt = startsAt;
      changes.push({ field: 'when', value: startsAt, previous: trip.startsAt });
    }
    if (input.venue !== undefined && input.venue !== null && valid.venue !== trip.venue) {
      patch.venue = valid.venue;
      changes.push({ field: 'venue', value: valid.venue });
    }
    if (input.topic !== undefined && input.topic !== null && valid.topic !== trip.topic) {
      patch.topic = valid.topic;
      changes.push({ field: 'topic', value: valid.topic });
    }
    if (capacity !== undefined && valid.capacity !== trip.capacity) {
      patch.capacity = valid.capacity;
      changes.push({ field: 'capacity', value: valid.capacity });
    }
    if (
      input.durationMinutes !== undefined &&
      input.durationMinutes !== null &&
      valid.durationMinutes !== trip.durationMinutes
    ) {
      patch.durationMinutes = valid.durationMinutes;
      changes.push({ field: 'duration', value: valid.durationMinutes });
    }
    if (changes.length === 0) throw new UserFacingError('trip.edit.noChange', { id: trip.tripId });

    if (patch.startsAt || patch.durationMinutes) {
      const others = named.stops.filter((stop) => stop.id !== trip.id && stop.status === TRIP_STATUS.scheduled);
      const fits = checkStopFits(
        others,
        {
          townId: trip.townId,
          townName: trip.townName,
          startsAt: patch.startsAt ?? trip.startsAt,
          durationMinutes: patch.durationMinutes ?? trip.durationMinutes,
        },
        { adding: false },
      );
      if (!fits.ok) throw new UserFacingError(fits.error.key, { ...fits.error.params });
    }

    let promoted: string[] = [];
    let overCapacity: EditTripResult['overCapacity'] = null;
    if (patch.capacity !== undefined) {
      const stored = await listRsvps(tx, trip.id);
      const rebalanced = promoteWaitlist(toDomainRsvps(stored), patch.capacity);
      promoted = rebalanced.promoted;
      await saveRsvps(tx, changedRows(trip.id, stored, rebalanced.rsvps));
      const going = seatsUsed(rebalanced.rsvps);
      if (patch.capacity !== null && going > patch.capacity) overCapacity = { going, capacity: patch.capacity };
    }
    const updated = await updateStop(tx, trip.guildId, trip.id, patch, now);
    if (patch.startsAt || patch.durationMinutes) await scheduleTripJobs(tx, updated, settings, now);
    const audience = await audienceOf(tx, updated, input.userId);
    let warnings: RoadWarning[] = [];
    if (patch.startsAt || patch.durationMinutes) {
      const [towns, overrides, stops] = await Promise.all([
        listTowns(tx, input.guildId),
        getDriveTimeOverrides(tx, input.guildId),
        listStopsOfTrip(tx, input.guildId, updated.tripId),
      ]);
      warnings = roadWarnings(legsBetween(stops, towns, overrides), updated.id);
    }
    return { trip: updated, changes, promoted, overCapacity, audience, warnings };
  });

  const { trip, changes } = outcome;
  const calendarChanged = changes.some((change) => change.field !== 'capacity');
  await port.refreshAnnouncement({ guildId: trip.guildId, tripId: trip.tripId, withCalendar: calendarChanged });
  const language = guildLanguage(settings, port.guildLocale(trip.guildId));
  if (trip.scheduledEventId && calendarChanged) {
    const guildLocale = port.guildLocale(trip.guildId);
    const view = await loadAnnouncementView(deps, {
      guildId: trip.guildId,
      tripId: trip.tripId,
      guildLocale,
      stopId: trip.id,
    });
    if (view) {
      await port
        .updateScheduledEvent({ guildId: trip.guildId, eventId: trip.scheduledEventId, view })
        .catch((error) => deps.logger.warn({ err: error, tripId: trip.id }, 'could not update the scheduled event'));
    }
  }
  let notified = 0;
  if (outcome.audience.length > 0) {
    const lines = describeChanges(deps.markup, language, changes);
    const { threadId, told } = await postNotice(deps, port, {
      trip,
      language,
      timeZone: settings.timeZone,
      userIds: outcome.audience,
      text: (mentions) =>
        t(language, 'notice.edited', { mentions, id: trip.tripId, town: trip.townName, changes: lines }),
    });
    notified = told.length;
    if (threadId) trip.threadId = threadId;
  }
  // Promoted members in quiet hours are told when they end (src/app/dmTimingNotices.ts): counted as told.
  const promotedTold =
    outcome.promoted.length > 0 ? await notifyPromotedInTime(deps, port, { trip, userIds: outcome.promoted }) : null;
  return {
    trip,
    changes,
    notified,
    notTold: outcome.audience.length - notified,
    promoted: outcome.promoted,
    promotedTold: promotedTold ? promotedTold.dmed.length + promotedTold.inThread.length + promotedTold.held.length : 0,
    overCapacity: outcome.overCapacity,
    timeZone: settings.timeZone,
    warnings: outcome.warnings,
  };
}

/** "• When: <t:…:F> (was <t:…:F>)" lines; Discord timestamps show in each reader's own zone and language. */
export function describeChanges(markup: Markup, language: Language, changes: readonly TripChange[]): string {
  return changes
    .map((change) => {
      switch (change.field) {
        case 'when':
          return t(language, 'trip.change.when', {
            value: `${markup.timestamp(change.value, 'F')} (${markup.timestamp(change.value, 'R')})`,
            previous: markup.timestamp(change.previous, 'F'),
          });
        case 'venue':
        case 'topic':
          return t(language, change.field === 'venue' ? 'trip.change.venue' : 'trip.change.topic', {
            value: change.value ?? t(language, 'trip.value.none'),
          });
        case 'capacity':
          return t(language, 'trip.change.capacity', {
            value: change.value === null ? t(language, 'trip.value.unlimited') : change.value,
          });
        case 'duration':
          return t(language, 'trip.change.duration', { value: formatDuration(change.value, language) });
      }
      return '';
    })
    .join('\n');
}
