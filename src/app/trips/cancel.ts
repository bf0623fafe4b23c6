import { getGuildSettings } from '../../db/repositories/guildSettings.js';
import { lockStop, TRIP_STATUS, type TripRow, updateStop } from '../../db/repositories/trips.js';
import { cleanUserText } from '../../domain/text.js';
import { describeWhen } from '../../domain/whenFormat.js';
import { t } from '../../i18n/index.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import { guildLanguage } from '../guildLanguage.js';
import { postNotice } from '../notices.js';
import type { TripPort } from '../ports.js';
import { cancelTripJobs } from '../tripJobs.js';
import { assertEditable, audienceOf, requireTripId, type TripActor } from './shared.js';

// ---- /trip cancel ----

export interface CancelTripInput extends TripActor {
  trip: string | number;
  reason?: string | null | undefined;
}

export interface CancelTripResult {
  trip: TripRow;
  notified: number;
}

export const CANCEL_REASON_MAX_LENGTH = 200;

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
  const { trip, audience } = await deps.db.transaction(async (tx) => {
    const locked = await lockStop(tx, input.guildId, tripId);
    assertEditable(deps.markup, locked, input, now, input.trip);
    const cancelled = await updateStop(
      tx,
      locked.guildId,
      locked.id,
      { status: TRIP_STATUS.cancelled, cancelReason: reason },
      now,
    );
    await cancelTripJobs(tx, locked.id, now);
    return { trip: cancelled, audience: await audienceOf(tx, cancelled, input.userId) };
  });

  await port.refreshAnnouncement({ guildId: trip.guildId, tripId: trip.tripId, withCalendar: false });
  if (trip.scheduledEventId) {
    await port
      .cancelScheduledEvent({ guildId: trip.guildId, eventId: trip.scheduledEventId })
      .catch((error) => deps.logger.warn({ err: error, tripId: trip.id }, 'could not cancel the scheduled event'));
  }
  let notified = 0;
  if (audience.length > 0) {
    const language = guildLanguage(settings, port.guildLocale(trip.guildId));
    const when = describeWhen(trip.startsAt, settings.timeZone, language);
    const threadId = await postNotice(deps, port, {
      trip,
      language,
      timeZone: settings.timeZone,
      userIds: audience,
      text: (mentions) =>
        [
          t(language, 'notice.cancelled', { mentions, id: trip.tripId, town: trip.townName, when }),
          reason ? t(language, 'notice.cancelledReason', { reason }) : null,
        ]
          .filter(Boolean)
          .join('\n'),
    });
    if (threadId) notified = audience.length;
  }
  deps.logger.info({ guildId: trip.guildId, userId: input.userId, tripId: trip.id }, 'trip cancelled');
  return { trip, notified };
}
