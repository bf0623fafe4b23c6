import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { listRsvps } from '../db/repositories/rsvps.js';
import { getTown } from '../db/repositories/towns.js';
import { listPastTrips } from '../db/repositories/tripListings.js';
import {
  getStop,
  listStopsOfTrip,
  recordRecapMessage,
  recordTripThread,
  setRecapNotes,
  TRIP_STATUS,
  type TripRow,
} from '../db/repositories/trips.js';
import { buildRecap } from '../domain/recap.js';
import { cleanUserText } from '../domain/text.js';
import { tripEndsAt } from '../domain/trip.js';
import { DAY_MS, HOUR_MS } from '../domain/zonedTime.js';
import type { Language } from '../i18n/index.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import { guildLanguage } from './guildLanguage.js';
import { AnnouncementGoneError, type RecapPort } from './ports.js';
import type { JobResult } from './reminders.js';
import { sharedRidesOfTrip } from './rides/queries.js';
import { announcementLink, type Suggestion, toDomainRsvps, tripLabel } from './tripQueries.js';
import { findStopForCommand } from './trips/itinerary.js';
import type { RecapView } from './views.js';

/** A recap due while the bot was down is still posted this late, not later (a stale recap is noise). */
export const RECAP_MAX_DELAY_MS = 7 * DAY_MS;
export const RECAP_NOTES_MAX_LENGTH = 1_500;

/**
 * Posts the recap of a trip ('recap' job), exactly once whatever happens to the process.
 *
 * Every step leaves something the next attempt finds: the thread takes the announcement's id (Discord allows one
 * thread per message; creating it again answers 160004), its id is stored; the message carries the nonce
 * `recap:<tripId>` with `enforce_nonce` (Discord returns the first message for a repeat within minutes) and, for a
 * retry after a longer outage, is found in the thread by its "I was there" button; its id is stored last. So a
 * crash before, during or after any request still ends with one thread and one recap message.
 */
export async function postRecap(
  deps: AppDeps,
  port: RecapPort,
  job: { guildId: string; tripId: number; dueAt: Date; firstAttempt?: boolean },
): Promise<JobResult> {
  const now = deps.clock.now();
  const trip = await getStop(deps.db, job.guildId, job.tripId);
  if (!trip) return { status: 'skipped', reason: 'trip deleted' };
  if (trip.status === TRIP_STATUS.cancelled) return { status: 'skipped', reason: 'trip cancelled' };
  if (trip.recapMessageId) return { status: 'done' };
  if (now.getTime() - job.dueAt.getTime() > RECAP_MAX_DELAY_MS) {
    return { status: 'skipped', reason: 'recap more than 7 days late' };
  }
  if (!trip.channelId || !trip.messageId) return { status: 'skipped', reason: 'the trip has no announcement' };
  const log = deps.logger.child({ guildId: trip.guildId, tripId: trip.id });

  const settings = await getGuildSettings(deps.db, trip.guildId);
  const language = guildLanguage(settings, port.guildLocale(trip.guildId));
  const scope = trip.reach === 'region' ? 'region' : 'town';
  const town = scope === 'town' && trip.townId !== null ? await getTown(deps.db, trip.guildId, trip.townId) : undefined;
  const rsvps = toDomainRsvps(await listRsvps(deps.db, trip.id));
  const recapInput = {
    townName: trip.townName,
    startsAt: trip.startsAt,
    timeZone: settings.timeZone,
    locale: language,
    hostId: trip.hostId,
    rsvps,
    topic: trip.topic,
    venue: trip.venue,
  };
  const attendees = buildRecap({ ...recapInput, roleMemberCount: 0 }).mentionUserIds;
  const members =
    scope === 'region' || town
      ? await port
          .countMembers(trip.guildId, scope === 'region' ? null : (town?.roleId ?? null), attendees)
          .catch((error) => {
            log.warn({ err: error }, 'could not count the members for the recap');
            return null;
          })
      : null;
  const view: RecapView = {
    trip,
    recap: buildRecap({ ...recapInput, roleMemberCount: members?.total ?? 0 }),
    scope,
    membersKnown: members !== null,
    localAttendees: members?.among ?? null,
    rides: await sharedRidesOfTrip(deps.db, { guildId: trip.guildId, tripId: trip.tripId, stopId: trip.id })
      .then((shared) => (shared.rides > 0 ? shared : null))
      .catch((error) => {
        log.warn({ err: error }, 'could not count the shared rides for the recap');
        return null;
      }),
    language,
    timeZone: settings.timeZone,
  };

  let threadId: string;
  try {
    threadId = await port.openThread({
      channelId: trip.channelId,
      messageId: trip.messageId,
      threadId: trip.threadId,
      name: await tripThreadName(deps, trip, recapInput, view.recap.threadName),
    });
  } catch (error) {
    if (error instanceof AnnouncementGoneError) return { status: 'skipped', reason: 'the announcement was deleted' };
    throw error;
  }
  if (threadId !== trip.threadId) await recordTripThread(deps.db, trip.guildId, trip.tripId, threadId);

  // Nothing posted before the recap was due can be the recap; an hour of margin for clocks that disagree.
  const since = new Date(job.dueAt.getTime() - HOUR_MS);
  // On the job's first claim no earlier attempt can have posted: skipping the lookup saves a REST call per recap
  // (100 recaps due at once wait on Discord's 50 requests/s; bench/RESULTS.md).
  let messageId = job.firstAttempt ? null : await port.findRecapMessage({ threadId, tripId: trip.id, since });
  if (messageId) log.info({ threadId, messageId }, 'recap message found from an earlier attempt');
  messageId ??= await port.postRecapMessage({ threadId, nonce: recapNonce(trip.id), view });
  await recordRecapMessage(deps.db, trip.guildId, trip.id, { threadId, recapMessageId: messageId });
  log.info({ threadId, messageId, going: view.recap.attendees, members: members?.total }, 'recap posted');
  return { status: 'done' };
}

/** At most 25 characters (Discord's limit): "recap:2147483647" is 16. */
export function recapNonce(tripId: number): string {
  return `recap:${tripId}`;
}

// ---- /trip recap trip notes ----

export interface RecapNotesResult {
  trip: TripRow;
  /** 'shown': the recap message now shows them; 'later': saved for the recap to come; 'cleared': removed. */
  outcome: 'shown' | 'later' | 'cleared';
  /** Link to the recap message, or to the announcement while the recap is not posted. */
  url: string | null;
  /** When the recap is due (for 'later'). */
  recapAt: Date;
}

const CLEAR = new Set(['-', '—', 'none', 'aucun', 'aucune']);

/** One recap thread per trip: named after its first stop, whichever stop's recap opens or reuses it. */
async function tripThreadName(
  deps: AppDeps,
  trip: TripRow,
  recapInput: Omit<Parameters<typeof buildRecap>[0], 'roleMemberCount'>,
  ownName: string,
): Promise<string> {
  if (trip.position === 1) return ownName;
  const [first] = await listStopsOfTrip(deps.db, trip.guildId, trip.tripId);
  if (!first || first.id === trip.id) return ownName;
  return buildRecap({ ...recapInput, townName: first.townName, startsAt: first.startsAt, roleMemberCount: 0 })
    .threadName;
}

/** The host adds (or replaces, or with "-" removes) their notes under the recap message. */
export async function setHostNotes(
  deps: AppDeps,
  port: Pick<RecapPort, 'editRecapNotes' | 'guildLocale'>,
  input: {
    guildId: string;
    userId: string;
    trip: string | number;
    /** Which stop (required when the trip has several). */
    stop?: string | number | null | undefined;
    notes: string;
    language?: Language;
  },
): Promise<RecapNotesResult> {
  const found = await findStopForCommand(deps, {
    guildId: input.guildId,
    trip: input.trip,
    stop: input.stop,
    language: input.language ?? 'fr',
  });
  if (found.status === TRIP_STATUS.cancelled) throw new UserFacingError('recap.tripCancelled', { id: found.tripId });
  if (found.hostId !== input.userId) {
    throw new UserFacingError('recap.notes.notHost', { id: found.tripId, host: deps.markup.user(found.hostId) });
  }
  let notes: string | null = null;
  if (!CLEAR.has(input.notes.trim().toLowerCase())) {
    const cleaned = cleanUserText(input.notes, { maxLength: RECAP_NOTES_MAX_LENGTH, allowNewlines: true });
    if (!cleaned.ok) {
      if (cleaned.error.key === 'text.tooLong')
        throw new UserFacingError('recap.notes.tooLong', { ...cleaned.error.params });
      throw new UserFacingError('text.empty');
    }
    notes = cleaned.value;
  }
  const trip = await setRecapNotes(deps.db, found.guildId, found.id, notes, deps.clock.now());
  const settings = await getGuildSettings(deps.db, trip.guildId);
  const recapAt = new Date(tripEndsAt(trip).getTime() + settings.recapDelayMinutes * 60_000);
  if (trip.recapMessageId && trip.threadId) {
    await port.editRecapNotes({
      threadId: trip.threadId,
      messageId: trip.recapMessageId,
      notes,
      language: guildLanguage(settings, port.guildLocale(trip.guildId)),
    });
  }
  const posted = trip.recapMessageId !== null && trip.threadId !== null;
  return {
    trip,
    outcome: notes === null ? 'cleared' : posted ? 'shown' : 'later',
    url:
      posted && trip.threadId && trip.recapMessageId
        ? deps.markup.messageLink(trip.guildId, trip.threadId, trip.recapMessageId)
        : announcementLink(deps.markup, trip),
    recapAt,
  };
}

/** Autocomplete of `/trip recap trip`: the member's own past meetups, most recent first. */
export async function suggestRecapTrips(
  deps: AppDeps,
  input: { guildId: string; userId: string; query: string; language: Language },
): Promise<Suggestion[]> {
  const [settings, past] = await Promise.all([
    getGuildSettings(deps.db, input.guildId),
    listPastTrips(deps.db, { guildId: input.guildId, now: deps.clock.now(), hostId: input.userId, limit: 100 }),
  ]);
  const query = input.query.replace(/^\s*#/, '').trim().toLowerCase();
  const seen = new Set<number>();
  return past
    .filter((trip) => !seen.has(trip.tripId) && seen.add(trip.tripId))
    .filter(
      (trip) => query === '' || String(trip.tripId).startsWith(query) || trip.townName.toLowerCase().includes(query),
    )
    .slice(0, 25)
    .map((trip) => ({
      name: tripLabel(trip, settings.timeZone, input.language).slice(0, 100),
      value: String(trip.tripId),
    }));
}
