import { getGuildSettings } from '../../db/repositories/guildSettings.js';
import { lockStop, lockTrip, TRIP_STATUS, type TripRow, updateStop, updateTrip } from '../../db/repositories/trips.js';
import { cleanUserText } from '../../domain/text.js';
import { describeWhen } from '../../domain/whenFormat.js';
import { t } from '../../i18n/index.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import { guildLanguage } from '../guildLanguage.js';
import { postNotice } from '../notices.js';
import type { TripPort } from '../ports.js';
import { cancelTripJobs } from '../tripJobs.js';
import { resolveStop } from './itinerary.js';
import { assertEditable, audienceOf, requireTripId, type TripActor } from './shared.js';

// ---- /trip cancel ----

export interface CancelTripInput extends TripActor {
  trip: string | number;
  /** One stop (a stop id from autocomplete or its number); missing: the whole trip. */
  stop?: string | number | null | undefined;
  reason?: string | null | undefined;
}

export interface CancelTripResult {
  /** The (first) stop cancelled. */
  trip: TripRow;
  /** Every stop cancelled now (one, or all the trip's stops still to come). */
  cancelled: TripRow[];
  /** The whole trip is cancelled (no stop left). */
  wholeTrip: boolean;
  /** Members really told in the announcement's thread (mentioned in a part that was posted). */
  notified: number;
  /** Members who answered and could not be told (the thread refused a part). */
  notTold: number;
}

export const CANCEL_REASON_MAX_LENGTH = 200;

/**
 * Cancels one stop, or the whole trip when no stop is named: each cancelled stop's reminders and recap are dropped,
 * its scheduled event cancelled, its members told in the thread. The trip reads as cancelled once no stop is left.
 */
export async function cancelTrip(deps: AppDeps, port: TripPort, input: CancelTripInput): Promise<CancelTripResult> {
  const tripId = requireTripId(input.trip);
  let reason: string | null = null;
  if (input.reason) {
    const cleaned = cleanUserText(input.reason, { maxLength: CANCEL_REASON_MAX_LENGTH });
    if (!cleaned.ok && cleaned.error.key === 'text.tooLong') {
      throw new UserFacingError('trip.reasonTooLong', { ...cleaned.error.params });
    }
    reason = cleaned.ok ? cleaned.value : null;
  }
  const now = deps.clock.now();
  const settings = await getGuildSettings(deps.db, input.guildId);
  const outcome = await deps.db.transaction(async (tx) => {
    await lockTrip(tx, input.guildId, tripId);
    const named = await resolveStop(tx, {
      guildId: input.guildId,
      trip: input.trip,
      stop: input.stop,
      need: 'optional',
      timeZone: settings.timeZone,
      language: input.language,
    });
    const targets = named.stop
      ? [named.stop]
      : named.stops.filter((stop) => stop.status === TRIP_STATUS.scheduled && stop.startsAt > now);
    if (targets.length === 0) {
      // Nothing left to cancel: the first stop explains why (cancelled already, or past).
      assertEditable(deps.markup, named.stops[0], input, now, input.trip);
    }
    const cancelled: { stop: TripRow; audience: string[] }[] = [];
    for (const target of targets) {
      const locked = await lockStop(tx, input.guildId, target.id);
      assertEditable(deps.markup, locked, input, now, input.trip);
      const stop = await updateStop(
        tx,
        locked.guildId,
        locked.id,
        { status: TRIP_STATUS.cancelled, cancelReason: reason },
        now,
      );
      await cancelTripJobs(tx, stop.id, now);
      cancelled.push({ stop, audience: await audienceOf(tx, stop, input.userId) });
    }
    const left = named.stops.filter(
      (stop) => stop.status === TRIP_STATUS.scheduled && !cancelled.some((entry) => entry.stop.id === stop.id),
    );
    const wholeTrip = left.length === 0;
    if (wholeTrip) await updateTrip(tx, input.guildId, tripId, { status: TRIP_STATUS.cancelled }, now);
    return { cancelled, wholeTrip };
  });

  await port.refreshAnnouncement({ guildId: input.guildId, tripId, withCalendar: false });
  const language = guildLanguage(settings, port.guildLocale(input.guildId));
  let notified = 0;
  let notTold = 0;
  for (const { stop, audience } of outcome.cancelled) {
    if (stop.scheduledEventId) {
      await port
        .cancelScheduledEvent({ guildId: stop.guildId, eventId: stop.scheduledEventId })
        .catch((error) => deps.logger.warn({ err: error, stopId: stop.id }, 'could not cancel the scheduled event'));
    }
    if (audience.length === 0) continue;
    const when = describeWhen(stop.startsAt, settings.timeZone, language);
    const { told } = await postNotice(deps, port, {
      trip: stop,
      language,
      timeZone: settings.timeZone,
      userIds: audience,
      text: (mentions) =>
        [
          t(language, 'notice.cancelled', { mentions, id: stop.tripId, town: stop.townName, when }),
          reason ? t(language, 'notice.cancelledReason', { reason }) : null,
        ]
          .filter(Boolean)
          .join('\n'),
    });
    notified += told.length;
    notTold += audience.length - told.length;
  }
  const first = outcome.cancelled[0]!.stop;
  deps.logger.info(
    { guildId: input.guildId, userId: input.userId, tripId, stops: outcome.cancelled.length },
    outcome.wholeTrip ? 'trip cancelled' : 'stop cancelled',
  );
  return {
    trip: first,
    cancelled: outcome.cancelled.map((entry) => entry.stop),
    wholeTrip: outcome.wholeTrip,
    notified,
    notTold,
  };
}
