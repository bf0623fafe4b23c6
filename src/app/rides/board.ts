import type { Executor } from '../../db/client.js';
import { insertProposals, loadStopRides, type RideTownRow, type StopRideRows } from '../../db/repositories/rides.js';
import { getDriveTimeOverrides } from '../../db/repositories/towns.js';
import { matchWaitingNeeds, type RideBoard, type RideMatchStatus } from '../../domain/rides.js';
import type { LocatedTown } from '../../domain/towns.js';
import type { RideProposalView } from './port.js';
import type { RideStop } from './stops.js';

/** A town row as the matching rule reads it. */
export function locatedTown(town: RideTownRow): LocatedTown {
  return { id: town.id, lat: town.latitude, lon: town.longitude };
}

/** The stop's town; a town removed since the stop was announced only matches riders of the driver's own town. */
export function destinationOf(stop: RideStop): LocatedTown {
  return { id: stop.townId ?? `removed-town-of-stop-${stop.stopId}`, lat: stop.latitude, lon: stop.longitude };
}

export function toBoard(stop: RideStop, rows: StopRideRows, overrides: ReadonlyMap<string, number>): RideBoard {
  return {
    destination: destinationOf(stop),
    offers: rows.offers.map((offer) => ({
      id: offer.id,
      userId: offer.userId,
      from: locatedTown(offer.town),
      seats: offer.seats,
      detourMinutes: offer.detourMinutes,
      offeredAt: offer.createdAt,
    })),
    needs: rows.needs.map((need) => ({
      id: need.id,
      userId: need.userId,
      from: locatedTown(need.town),
      neededAt: need.createdAt,
    })),
    matches: rows.matches.map((match) => ({
      offerId: match.offerId,
      needId: match.needId,
      status: match.status as RideMatchStatus,
    })),
    overrides,
  };
}

/**
 * Matches the stop's waiting needs to offers (the domain's rule) and stores the new proposals. Call it inside the
 * transaction that changed the stop's rides, with the stop locked. Returns the proposals to send to their drivers.
 */
export async function proposeWaitingNeeds(executor: Executor, stop: RideStop, now: Date): Promise<RideProposalView[]> {
  const rows = await loadStopRides(executor, stop.stopId);
  const overrides = await getDriveTimeOverrides(executor, stop.guildId);
  const planned = matchWaitingNeeds(toBoard(stop, rows, overrides));
  const stored = await insertProposals(
    executor,
    planned.map((proposal) => ({
      offerId: Number(proposal.offerId),
      needId: Number(proposal.needId),
      detourMinutes: proposal.detourMinutes,
      createdAt: now,
    })),
  );
  return stored.map((match) => {
    const offer = rows.offers.find((candidate) => candidate.id === match.offerId);
    const need = rows.needs.find((candidate) => candidate.id === match.needId);
    if (!offer || !need) throw new Error(`proposal ${match.id} without its offer or need`);
    return {
      stop: stop,
      matchId: match.id,
      driverId: offer.userId,
      riderId: need.userId,
      riderFrom: need.town.name,
      detourMinutes: match.detourMinutes,
    };
  });
}
