import type { Executor } from '../../db/client.js';
import { getGuildSettings } from '../../db/repositories/guildSettings.js';
import { listStopsOfTrip, TRIP_STATUS, type TripRow } from '../../db/repositories/trips.js';
import { shortWhen } from '../../domain/whenFormat.js';
import { type Language, t } from '../../i18n/index.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import { canSeeTrip, type HiddenChannels, parseTripId, refuseHiddenTrip } from '../tripQueries.js';

/** Naming a stop of a trip (the `stop` option), and the road between stops. */

/** "1 · Rimouski · 4 déc. 12 h 00": how a stop is named in lists, errors and autocomplete. */
export function stopLabel(stop: TripRow, number: number, timeZone: string, language: Language): string {
  return t(language, 'stop.label', {
    number,
    town: stop.townName,
    when: shortWhen(stop.startsAt, timeZone, language),
  });
}

function stopsList(stops: readonly TripRow[], timeZone: string, language: Language): string {
  return stops.map((stop, index) => stopLabel(stop, index + 1, timeZone, language)).join(' ; ');
}

export interface ResolvedStop {
  /** Every stop of the trip, in itinerary order. */
  stops: TripRow[];
  /** The stop named, or the only stop; null when the trip has several and none was named (`need: 'optional'`). */
  stop: TripRow | null;
}

/**
 * The trip a member named and, when `need` is 'one', the stop they mean: the one named in `stop` (a stop id from
 * autocomplete, or its number in the itinerary), or the only one. A stop of another trip, or no stop named for a trip
 * of several, is a clear error listing the trip's stops.
 */
export async function resolveStop(
  executor: Executor,
  input: {
    guildId: string;
    trip: string | number;
    stop?: string | number | null | undefined;
    need: 'one' | 'optional';
    timeZone: string;
    language: Language;
  },
): Promise<ResolvedStop> {
  const tripId = parseTripId(input.trip);
  const stops = tripId === null ? [] : await listStopsOfTrip(executor, input.guildId, tripId);
  if (tripId === null || stops.length === 0) {
    throw new UserFacingError('trip.notFound', { ref: String(input.trip).slice(0, 50) });
  }
  const list = () => stopsList(stops, input.timeZone, input.language);
  const ref = input.stop === undefined || input.stop === null ? '' : String(input.stop).trim();
  if (ref !== '') {
    const stop = findStop(stops, ref);
    if (!stop) throw new UserFacingError('stop.notOfTrip', { ref: ref.slice(0, 50), id: tripId, stops: list() });
    return { stops, stop };
  }
  const live = stops.filter((stop) => stop.status === TRIP_STATUS.scheduled);
  if (stops.length === 1) return { stops, stop: stops[0]! };
  if (input.need === 'optional') return { stops, stop: null };
  if (live.length === 1) return { stops, stop: live[0]! };
  throw new UserFacingError('stop.required', { id: tripId, stops: list() });
}

/** "s42" / "42" (a stop id from autocomplete) or "2" / "#2" (its number in the itinerary). */
function findStop(stops: readonly TripRow[], ref: string): TripRow | undefined {
  const match = /^\s*(s|#)?\s*(\d{1,10})\s*$/i.exec(ref);
  if (!match) return undefined;
  const value = Number(match[2]);
  if (match[1]?.toLowerCase() === 's') return stops.find((stop) => stop.id === value);
  if (value >= 1 && value <= stops.length) return stops[value - 1];
  return stops.find((stop) => stop.id === value);
}

/** The stop a command names (`trip` and `stop` options), in the guild's zone: for /rsvp and /trip recap. */
export async function findStopForCommand(
  deps: AppDeps,
  input: {
    guildId: string;
    trip: string | number;
    stop?: string | number | null | undefined;
    language: Language;
    /** What an unknown trip is called (/rsvp has its own words for it). */
    notFound?: 'trip.notFound' | 'rsvp.unknownTrip';
    /** Channels the member cannot view: a trip announced there is unknown to them. */
    hiddenChannels?: HiddenChannels;
  },
): Promise<TripRow> {
  const settings = await getGuildSettings(deps.db, input.guildId);
  try {
    // Before naming its stops in an error: a hidden trip is not found at all.
    await refuseHiddenTrip(deps, { guildId: input.guildId, trip: input.trip, hiddenChannels: input.hiddenChannels });
    const { stop } = await resolveStop(deps.db, { ...input, need: 'one', timeZone: settings.timeZone });
    if (stop && canSeeTrip(stop, input.hiddenChannels)) return stop;
  } catch (error) {
    if (!(error instanceof UserFacingError) || error.key !== 'trip.notFound' || !input.notFound) throw error;
  }
  if (input.notFound === 'rsvp.unknownTrip') throw new UserFacingError('rsvp.unknownTrip');
  throw new UserFacingError('trip.notFound', { ref: String(input.trip).slice(0, 50) });
}
