import { countSharedRidesByStop } from '../db/repositories/rides.js';
import { countMeetupsAttended, markAttended, tallyAttendance } from '../db/repositories/rsvps.js';
import type { TownRow } from '../db/repositories/towns.js';
import { countPastTrips, listPastTrips } from '../db/repositories/tripListings.js';
import { getStop, TRIP_STATUS, type TripRow } from '../db/repositories/trips.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import { pageWindow, resolveTownFilter } from './tripQueries.js';

/**
 * The community's memory of its meetups: who says they were there (privately: only counts are ever shown), the
 * list of past meetups, and a member's own count.
 */

export interface AttendanceResult {
  trip: TripRow;
  /** false when the member had already said so. */
  recorded: boolean;
  /** Meetups this member attended in the guild, this one included. */
  meetupsAttended: number;
}

/** "I was there": anyone in the guild may say it once the meetup has started, whatever they had answered. */
export async function recordAttendance(
  deps: AppDeps,
  input: { guildId: string; tripId: number; userId: string },
): Promise<AttendanceResult> {
  const now = deps.clock.now();
  const trip = await getStop(deps.db, input.guildId, input.tripId);
  if (!trip) throw new UserFacingError('rsvp.unknownTrip');
  if (trip.status === TRIP_STATUS.cancelled) throw new UserFacingError('recap.tripCancelled', { id: trip.tripId });
  if (trip.startsAt.getTime() > now.getTime())
    throw new UserFacingError('recap.attended.tooEarly', { id: trip.tripId });
  const recorded = await markAttended(deps.db, trip.id, input.userId, now);
  const meetupsAttended = await countMeetupsAttended(deps.db, trip.guildId, input.userId, now);
  deps.logger.info({ guildId: trip.guildId, tripId: trip.id, recorded }, 'attendance recorded');
  return { trip, recorded, meetupsAttended };
}

/** Past meetups this member attended (said "I was there", or hosted), for "3rd meetup, welcome back". */
export async function meetupsAttendedBy(deps: AppDeps, input: { guildId: string; userId: string }): Promise<number> {
  return countMeetupsAttended(deps.db, input.guildId, input.userId, deps.clock.now());
}

// ---- /trip history ----

export const HISTORY_PER_PAGE = 10;

export interface HistoryPage {
  /** `rides`: riders carried in someone's car to that stop (src/app/rides). */
  entries: { trip: TripRow; going: number; attended: number; rides: number }[];
  /** 0-based, clamped to the existing pages. */
  page: number;
  pageCount: number;
  total: number;
  town: TownRow | null;
  /** Meetups attended by the member who asks. */
  yours: number;
}

export async function listHistoryPage(
  deps: AppDeps,
  input: { guildId: string; userId: string; page: number; town?: string | undefined; townId?: number | undefined },
): Promise<HistoryPage> {
  const now = deps.clock.now();
  const town = await resolveTownFilter(deps, input);
  const filter = { guildId: input.guildId, now, townId: town?.id };
  const total = await countPastTrips(deps.db, filter);
  const { page, pageCount } = pageWindow(input.page, total, HISTORY_PER_PAGE);
  const trips = await listPastTrips(deps.db, { ...filter, limit: HISTORY_PER_PAGE, offset: page * HISTORY_PER_PAGE });
  const tallies = await tallyAttendance(
    deps.db,
    trips.map((trip) => trip.id),
  );
  const yours = await countMeetupsAttended(deps.db, input.guildId, input.userId, now);
  const rides = await countSharedRidesByStop(
    deps.db,
    trips.map((trip) => trip.id),
  );
  return {
    entries: trips.map((trip) => ({
      trip,
      going: tallies.get(trip.id)?.going ?? 0,
      attended: tallies.get(trip.id)?.attended ?? 0,
      rides: rides.get(trip.id) ?? 0,
    })),
    page,
    pageCount,
    total,
    town,
    yours,
  };
}
