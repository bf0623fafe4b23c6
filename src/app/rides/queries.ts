import type { Executor } from '../../db/client.js';
import { acceptedRiderTowns, loadStopRides } from '../../db/repositories/rides.js';
import { getDriveTimeOverrides } from '../../db/repositories/towns.js';
import {
  countRides,
  type SharedRidesSummary,
  type StopRideCounts,
  seatsLeft,
  summarizeSharedRides,
} from '../../domain/rides.js';
import type { AppDeps } from '../context.js';
import { destinationOf, locatedTown, toBoard } from './board.js';
import { findStopForRide, findStopsOfTripForRide, type RideStop, type StopRef } from './stops.js';

export interface RideListing {
  stop: RideStop;
  offers: {
    userId: string;
    from: string;
    seats: number;
    seatsLeft: number;
    detourMinutes: number;
    leavingAt: Date | null;
  }[];
  needs: { userId: string; from: string; driverId: string | null }[];
}

/** `/ride list`: offers (seats left, detour) and needs (with their driver once accepted) of one stop. */
export async function listRides(deps: AppDeps, input: StopRef): Promise<RideListing> {
  return listingOf(deps.db, await findStopForRide(deps.db, input));
}

/** The Rides panel of the announcement: the listing of each stop of the trip. */
export async function listTripRides(deps: AppDeps, input: Omit<StopRef, 'stop'>): Promise<RideListing[]> {
  const stops = await findStopsOfTripForRide(deps.db, input);
  return Promise.all(stops.map((stop) => listingOf(deps.db, stop)));
}

async function listingOf(executor: Executor, stop: RideStop): Promise<RideListing> {
  const rows = await loadStopRides(executor, stop.stopId);
  const board = toBoard(stop, rows, new Map());
  return {
    stop,
    offers: rows.offers.map((offer) => {
      const domainOffer = board.offers.find((candidate) => candidate.id === offer.id);
      return {
        userId: offer.userId,
        from: offer.town.name,
        seats: offer.seats,
        seatsLeft: domainOffer ? seatsLeft(domainOffer, board.matches) : 0,
        detourMinutes: offer.detourMinutes,
        leavingAt: offer.leavingAt,
      };
    }),
    needs: rows.needs.map((need) => {
      const accepted = rows.matches.find((match) => match.needId === need.id && match.status === 'accepted');
      const driver = accepted ? rows.offers.find((offer) => offer.id === accepted.offerId) : undefined;
      return { userId: need.userId, from: need.town.name, driverId: driver?.userId ?? null };
    }),
  };
}

/** The announcement's ride line of one stop ("🚗 3 places offertes · 1 demande"); null when there is no ride. */
export async function stopRideCounts(executor: Executor, stop: RideStop): Promise<StopRideCounts | null> {
  const rows = await loadStopRides(executor, stop.stopId);
  if (rows.offers.length === 0 && rows.needs.length === 0) return null;
  return countRides(toBoard(stop, rows, new Map()));
}

/**
 * Shared rides to these stops ("3 trajets partagés, environ 240 km évités"): one per accepted rider, the km being
 * the riders' direct road distances to the stop.
 */
export async function sharedRides(
  executor: Executor,
  guildId: string,
  stops: readonly RideStop[],
): Promise<SharedRidesSummary> {
  const riders = await acceptedRiderTowns(
    executor,
    stops.map((stop) => stop.stopId),
  );
  if (riders.length === 0) return { rides: 0, kmAvoided: 0 };
  const overrides = await getDriveTimeOverrides(executor, guildId);
  const legs = riders.flatMap(({ stopId, town }) => {
    const stop = stops.find((candidate) => candidate.stopId === stopId);
    return stop ? [{ from: locatedTown(town), to: destinationOf(stop) }] : [];
  });
  return summarizeSharedRides(legs, overrides);
}

/** The recap's and the history's figures for a whole trip (every stop), or for one stop of it. */
export async function sharedRidesOfTrip(
  executor: Executor,
  input: { guildId: string; tripId: number; stopId?: number },
): Promise<SharedRidesSummary> {
  const stops = await findStopsOfTripForRide(executor, { guildId: input.guildId, trip: input.tripId });
  const chosen = input.stopId === undefined ? stops : stops.filter((stop) => stop.stopId === input.stopId);
  return sharedRides(executor, input.guildId, chosen);
}
