import type { Executor, Transaction } from '../../db/client.js';
import { getGuildSettings } from '../../db/repositories/guildSettings.js';
import {
  answerAtStop,
  findRideStop,
  listRideStopsOfTrip,
  lockRideStop,
  type RideStopRecord,
} from '../../db/repositories/rides.js';
import { shortWhen } from '../../domain/whenFormat.js';
import type { Language } from '../../i18n/index.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import { parseTripId } from '../tripQueries.js';
import type { RideStopView } from './port.js';

/**
 * The one module of the rides feature that reads the itinerary's tables: which stop a member means, its town and
 * time, whether it is still open, and whether the member is going there.
 */

export interface RideStop extends RideStopView {
  /** Null when the town was removed since: only riders from the driver's own town match then. */
  townId: number | null;
  latitude: number | null;
  longitude: number | null;
  cancelled: boolean;
}

/** What a member typed: the trip ("#12" or "12") and, for a trip of several stops, the stop ("2", "2 · Matane"). */
export interface StopRef {
  guildId: string;
  trip: string | number;
  stop?: string | null | undefined;
}

/** "#12 · Matane" */
export function stopLabel(stop: Pick<RideStopView, 'tripId' | 'townName'>): string {
  return `#${stop.tripId} · ${stop.townName}`;
}

type StopRecord = RideStopRecord;

async function toRideStop(executor: Executor, record: StopRecord): Promise<RideStop> {
  const settings = await getGuildSettings(executor, record.guildId);
  const chosen = settings.language === 'fr' || settings.language === 'en' ? settings.language : null;
  return {
    guildId: record.guildId,
    chosenLanguage: chosen,
    stopId: record.stopId,
    tripId: record.tripId,
    townName: record.townName,
    startsAt: record.startsAt,
    channelId: record.channelId,
    messageId: record.messageId,
    threadId: record.threadId,
    townId: record.townId,
    latitude: record.latitude,
    longitude: record.longitude,
    cancelled: record.stopStatus === 'cancelled' || record.tripStatus === 'cancelled',
  };
}

/**
 * The stop a member named. `trip` is what the trip options everywhere accept: the number the announcement and
 * `/rsvp` use for a stop (a stop's id; for the trips made before itineraries, also the trip's), else a trip's number.
 * A trip of one stop needs no `stop`; with several, `stop` ("2", "2 · Matane", or the town's name) picks one, and an
 * error lists them when it is missing.
 */
async function pickStop(executor: Executor, ref: StopRef): Promise<StopRecord> {
  const number = parseTripId(ref.trip);
  const shown = String(ref.trip).slice(0, 50);
  if (number === null) throw new UserFacingError('trip.notFound', { ref: shown });
  const named = await findRideStop(executor, ref.guildId, number);
  const tripId = named?.tripId ?? number;
  const stops = await listRideStopsOfTrip(executor, ref.guildId, tripId);
  if (stops.length === 0) throw new UserFacingError('trip.notFound', { ref: shown });
  const typed = ref.stop?.trim() ?? '';
  if (typed === '') {
    if (named) return named;
    if (stops.length === 1) return stops[0]!;
    throw new UserFacingError('ride.error.whichStop', { id: tripId, stops: listStops(stops) });
  }
  // `s<id>` is how /trip's own stop option names a stop.
  const prefixed = /^s(\d{1,9})$/i.exec(typed)?.[1];
  const byPrefixedId = prefixed ? stops.find((stop) => String(stop.stopId) === prefixed) : undefined;
  if (byPrefixedId) return byPrefixedId;
  const position = /^(\d+)/.exec(typed)?.[1];
  const byPosition = position ? stops[Number(position) - 1] : undefined;
  const byStopId = position ? stops.find((stop) => String(stop.stopId) === position) : undefined;
  const lowered = typed.toLocaleLowerCase('fr');
  const byTown = stops.filter((stop) => stop.townName.toLocaleLowerCase('fr') === lowered);
  const found = byPosition ?? byStopId ?? (byTown.length === 1 ? byTown[0] : undefined);
  if (!found) throw new UserFacingError('ride.error.whichStop', { id: tripId, stops: listStops(stops) });
  return found;
}

function listStops(stops: readonly StopRecord[]): string {
  return stops.map((stop, index) => `${index + 1} · ${stop.townName}`).join(', ');
}

/** The stop a member named, locked for the transaction: ride changes to one stop apply one after another. */
export async function lockStopForRide(tx: Transaction, ref: StopRef): Promise<RideStop> {
  const record = await pickStop(tx, ref);
  const locked = await lockStopById(tx, record.stopId);
  if (!locked) throw new UserFacingError('trip.notFound', { ref: String(ref.trip).slice(0, 50) });
  return locked;
}

/** Every stop of the trip, in itinerary order (the Rides panel of the announcement). */
export async function findStopsOfTripForRide(executor: Executor, ref: Omit<StopRef, 'stop'>): Promise<RideStop[]> {
  const number = parseTripId(ref.trip);
  if (number === null) throw new UserFacingError('trip.notFound', { ref: String(ref.trip).slice(0, 50) });
  const tripId = (await findRideStop(executor, ref.guildId, number))?.tripId ?? number;
  const records = await listRideStopsOfTrip(executor, ref.guildId, tripId);
  if (records.length === 0) throw new UserFacingError('trip.notFound', { ref: String(ref.trip).slice(0, 50) });
  return Promise.all(records.map((record) => toRideStop(executor, record)));
}

export async function findStopForRide(executor: Executor, ref: StopRef): Promise<RideStop> {
  return toRideStop(executor, await pickStop(executor, ref));
}

export async function lockStopById(tx: Transaction, stopId: number): Promise<RideStop | undefined> {
  const record = await lockRideStop(tx, stopId);
  return record ? toRideStop(tx, record) : undefined;
}

/** Rides need a stop still to come and a member going (or waitlisted) there. */
export async function assertRideOpen(tx: Executor, stop: RideStop, userId: string, now: Date): Promise<void> {
  const label = stopLabel(stop);
  if (stop.cancelled) throw new UserFacingError('ride.error.stopCancelled', { stop: label });
  if (stop.startsAt.getTime() <= now.getTime()) throw new UserFacingError('ride.error.stopPast', { stop: label });
  const answer = await answerAtStop(tx, stop.stopId, userId);
  if (answer !== 'going' && answer !== 'waitlist') {
    throw new UserFacingError('ride.error.notGoing', { stop: label });
  }
}

/** Autocomplete of `stop`: "1 · Rimouski · mar. 12 h" for each stop of the trip typed so far. */
export async function suggestRideStops(
  deps: AppDeps,
  input: {
    guildId: string;
    trip: string;
    query: string;
    language: Language;
    /** Channels the member cannot view: a trip announced there has no stop to suggest to them. */
    hiddenChannels?: ReadonlySet<string> | undefined;
  },
): Promise<{ name: string; value: string }[]> {
  const number = parseTripId(input.trip);
  if (number === null) return [];
  const tripId = (await findRideStop(deps.db, input.guildId, number))?.tripId ?? number;
  const stops = await listRideStopsOfTrip(deps.db, input.guildId, tripId);
  const hidden = input.hiddenChannels;
  if (hidden && stops.some((stop) => stop.channelId !== null && hidden.has(stop.channelId))) return [];
  const settings = await getGuildSettings(deps.db, input.guildId);
  const query = input.query.trim().toLocaleLowerCase('fr');
  return stops
    .map((stop, index) => ({
      name: `${index + 1} · ${stop.townName} · ${shortWhen(stop.startsAt, settings.timeZone, input.language)}`,
      value: String(index + 1),
    }))
    .filter((choice) => query === '' || choice.name.toLocaleLowerCase('fr').includes(query));
}
