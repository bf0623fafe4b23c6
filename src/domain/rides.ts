import { type Failure, fail } from './result.js';
import {
  AVERAGE_SPEED_KMH,
  distanceKm,
  driveMinutesBetween,
  drivePairKey,
  type LocatedTown,
  ROAD_FACTOR,
} from './towns.js';

/**
 * Rides to a stop of a trip: members driving there offer seats, members without a car ask for one, and a need is
 * matched to an offer when picking the rider up costs the driver at most the detour they accept.
 *
 * The rule (issue 13): a need from town r matches an offer from town d to the stop's town t when r = d, or when
 *   drive(d, r) + drive(r, t) − drive(d, t) ≤ the offer's detour,
 * with the same drive times as `/town drive-time` (an admin's override wins over the estimate, see towns.ts).
 * Each rider's detour is measured against the driver's direct road, one rider at a time: that is the rule members
 * read in the offer ("up to 15 min out of my way"), and it stays predictable when riders come and go.
 *
 * Matching is stable: a need already proposed to or accepted by a driver keeps that driver even when a better
 * offer arrives later. Only waiting needs are matched, oldest need first (first asked, first served), each to the
 * fitting offer with the smallest detour, then the earliest offer. A proposal holds the seat until the driver
 * answers; a declined proposal frees it and that driver is never proposed the same need again.
 */

export type RideId = string | number;

export interface RideOffer {
  readonly id: RideId;
  readonly userId: string;
  readonly from: LocatedTown;
  readonly seats: number;
  readonly detourMinutes: number;
  readonly offeredAt: Date;
}

export interface RideNeed {
  readonly id: RideId;
  readonly userId: string;
  readonly from: LocatedTown;
  readonly neededAt: Date;
}

/** A need proposed to an offer's driver: holds a seat while `proposed` or `accepted`. */
export type RideMatchStatus = 'proposed' | 'accepted' | 'declined';

export interface RideMatch {
  readonly offerId: RideId;
  readonly needId: RideId;
  readonly status: RideMatchStatus;
}

/** Everything known about the rides to one stop. */
export interface RideBoard {
  /** The stop's town. */
  readonly destination: LocatedTown;
  /** Current offers (withdrawn ones are not here). */
  readonly offers: readonly RideOffer[];
  /** Current needs (withdrawn ones are not here). */
  readonly needs: readonly RideNeed[];
  /** Proposals and their answers; those of offers or needs no longer on the board are ignored. */
  readonly matches: readonly RideMatch[];
  /** Admin drive-time corrections keyed by `drivePairKey`. */
  readonly overrides?: ReadonlyMap<string, number>;
}

export interface NewRideMatch {
  readonly needId: RideId;
  readonly offerId: RideId;
  readonly detourMinutes: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Input limits

export const RIDE_SEATS = { min: 1, max: 8 } as const;
export const RIDE_DETOUR_MINUTES = { min: 0, max: 60, default: 15 } as const;

export type RideOfferErrorKey = 'ride.error.badSeats' | 'ride.error.badDetour';

export type RideOfferTerms =
  | { readonly ok: true; readonly seats: number; readonly detourMinutes: number }
  | Failure<RideOfferErrorKey>;

/** Seats 1–8 and a detour of 0–60 whole minutes (15 when not given). */
export function validateOfferTerms(seats: number, detourMinutes: number | null | undefined): RideOfferTerms {
  if (!Number.isInteger(seats) || seats < RIDE_SEATS.min || seats > RIDE_SEATS.max) {
    return fail('ride.error.badSeats', { seats, min: RIDE_SEATS.min, max: RIDE_SEATS.max });
  }
  const detour = detourMinutes ?? RIDE_DETOUR_MINUTES.default;
  if (!Number.isInteger(detour) || detour < RIDE_DETOUR_MINUTES.min || detour > RIDE_DETOUR_MINUTES.max) {
    return fail('ride.error.badDetour', { detour, min: RIDE_DETOUR_MINUTES.min, max: RIDE_DETOUR_MINUTES.max });
  }
  return { ok: true, seats, detourMinutes: detour };
}

// ---------------------------------------------------------------------------------------------------------------
// The matching rule

function sameTown(a: LocatedTown, b: LocatedTown): boolean {
  return String(a.id) === String(b.id);
}

function sameId(a: RideId, b: RideId): boolean {
  return String(a) === String(b);
}

/**
 * Minutes a driver from `driverFrom` to `destination` loses by picking up a rider in `riderFrom`: 0 from the
 * driver's own town; never below 0 (rounded estimates can make a town on the road look like a shortcut); null
 * when a drive time is unknown (a town without coordinates and no override).
 */
export function rideDetourMinutes(
  driverFrom: LocatedTown,
  riderFrom: LocatedTown,
  destination: LocatedTown,
  overrides?: ReadonlyMap<string, number>,
): number | null {
  if (sameTown(driverFrom, riderFrom)) return 0;
  const toRider = driveBetween(driverFrom, riderFrom, overrides);
  const riderToDestination = driveBetween(riderFrom, destination, overrides);
  const direct = driveBetween(driverFrom, destination, overrides);
  if (toRider === null || riderToDestination === null || direct === null) return null;
  return Math.max(0, toRider + riderToDestination - direct);
}

/** A town to itself is 0 minutes, whatever its coordinates. */
function driveBetween(a: LocatedTown, b: LocatedTown, overrides?: ReadonlyMap<string, number>): number | null {
  return sameTown(a, b) ? 0 : driveMinutesBetween(a, b, overrides);
}

/** Whether the offer's driver would take a rider from `riderFrom` (seats aside). */
export function offerFits(
  offer: RideOffer,
  riderFrom: LocatedTown,
  destination: LocatedTown,
  overrides?: ReadonlyMap<string, number>,
): boolean {
  const detour = rideDetourMinutes(offer.from, riderFrom, destination, overrides);
  return detour !== null && detour <= offer.detourMinutes;
}

/** Matches of the board whose offer and need are both still there. */
function liveMatches(board: RideBoard): RideMatch[] {
  return board.matches.filter(
    (match) =>
      board.offers.some((offer) => sameId(offer.id, match.offerId)) &&
      board.needs.some((need) => sameId(need.id, match.needId)),
  );
}

function holdsSeat(match: RideMatch): boolean {
  return match.status === 'proposed' || match.status === 'accepted';
}

/** Seats of the offer not held by a proposal or an accepted rider. */
export function seatsLeft(offer: RideOffer, matches: readonly RideMatch[]): number {
  const held = matches.filter((match) => sameId(match.offerId, offer.id) && holdsSeat(match)).length;
  return Math.max(0, offer.seats - held);
}

/** Needs with no live proposal or acceptance, oldest first. */
export function waitingNeeds(board: RideBoard): RideNeed[] {
  const live = liveMatches(board);
  return board.needs
    .filter((need) => !live.some((match) => sameId(match.needId, need.id) && holdsSeat(match)))
    .sort(byNeededAt);
}

/** The live match holding a seat for this need, if any. */
export function activeMatchOf(board: RideBoard, needId: RideId): RideMatch | undefined {
  return liveMatches(board).find((match) => sameId(match.needId, needId) && holdsSeat(match));
}

export interface RankedOffer {
  readonly offer: RideOffer;
  readonly detourMinutes: number;
}

/**
 * The offers that could take this need now, best first: a free seat, a fitting detour, not the need's own
 * member, not declined for this need before; smallest detour, then earliest offer (then id, for a stable order).
 */
export function rankOffersFor(need: RideNeed, board: RideBoard, matches = liveMatches(board)): RankedOffer[] {
  const ranked: RankedOffer[] = [];
  for (const offer of board.offers) {
    if (offer.userId === need.userId) continue;
    if (seatsLeft(offer, matches) === 0) continue;
    const declined = board.matches.some(
      (match) => match.status === 'declined' && sameId(match.offerId, offer.id) && sameId(match.needId, need.id),
    );
    if (declined) continue;
    const detour = rideDetourMinutes(offer.from, need.from, board.destination, board.overrides);
    if (detour === null || detour > offer.detourMinutes) continue;
    ranked.push({ offer, detourMinutes: detour });
  }
  return ranked.sort(
    (a, b) =>
      a.detourMinutes - b.detourMinutes ||
      a.offer.offeredAt.getTime() - b.offer.offeredAt.getTime() ||
      String(a.offer.id).localeCompare(String(b.offer.id)),
  );
}

/**
 * New proposals for every waiting need that an offer can take, oldest need first. Call it after any change: a
 * new offer or need, a decline, a withdrawn offer (its riders are waiting again) or need (its seat is free).
 * A driver is never given more riders than seats.
 */
export function matchWaitingNeeds(board: RideBoard): NewRideMatch[] {
  const matches = liveMatches(board);
  const created: NewRideMatch[] = [];
  for (const need of waitingNeeds(board)) {
    const [best] = rankOffersFor(need, board, matches);
    if (!best) continue;
    matches.push({ offerId: best.offer.id, needId: need.id, status: 'proposed' });
    created.push({ needId: need.id, offerId: best.offer.id, detourMinutes: best.detourMinutes });
  }
  return created;
}

function byNeededAt(a: RideNeed, b: RideNeed): number {
  return a.neededAt.getTime() - b.neededAt.getTime() || String(a.id).localeCompare(String(b.id));
}

// ---------------------------------------------------------------------------------------------------------------
// The ride itself

/**
 * Pick-up towns in the order the driver meets them on the way: by drive time from the driver's town (the
 * driver's own town first); a town whose drive time is unknown last. One entry per town.
 */
export function pickupOrder<Town extends LocatedTown>(
  driverFrom: LocatedTown,
  riderTowns: readonly Town[],
  overrides?: ReadonlyMap<string, number>,
): Town[] {
  const unique = riderTowns.filter((town, index) => riderTowns.findIndex((other) => sameTown(other, town)) === index);
  const minutes = (town: LocatedTown) => driveBetween(driverFrom, town, overrides) ?? Number.POSITIVE_INFINITY;
  return unique.sort((a, b) => minutes(a) - minutes(b));
}

/**
 * Road kilometres from a rider's town to the stop: the straight line × ROAD_FACTOR (as the drive estimate reads
 * it); from an admin's drive-time override at the average speed when a town has no coordinates; 0 when unknown.
 */
export function roadKmBetween(a: LocatedTown, b: LocatedTown, overrides?: ReadonlyMap<string, number>): number {
  if (sameTown(a, b)) return 0;
  if (a.lat !== null && a.lon !== null && b.lat !== null && b.lon !== null) {
    return distanceKm({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon }) * ROAD_FACTOR;
  }
  const known = overrides?.get(drivePairKey(a.id, b.id));
  return known === undefined ? 0 : (known * AVERAGE_SPEED_KMH) / 60;
}

export interface SharedRideLeg {
  /** The rider's town. */
  readonly from: LocatedTown;
  /** The stop's town. */
  readonly to: LocatedTown;
}

export interface SharedRidesSummary {
  /** Riders who travelled in someone else's car ("3 trajets partagés"). */
  readonly rides: number;
  /** The drives they did not make: the sum of their direct distances, rounded to 10 km ("environ 240 km"). */
  readonly kmAvoided: number;
}

/** The recap's figures: one shared ride per accepted rider; km avoided = their direct road distances. */
export function summarizeSharedRides(
  legs: readonly SharedRideLeg[],
  overrides?: ReadonlyMap<string, number>,
): SharedRidesSummary {
  const km = legs.reduce((sum, leg) => sum + roadKmBetween(leg.from, leg.to, overrides), 0);
  return { rides: legs.length, kmAvoided: Math.round(km / 10) * 10 };
}

export interface StopRideCounts {
  /** Seats still free across the offers ("3 places offertes"). */
  readonly seatsOffered: number;
  /** Needs not matched yet ("1 demande"). */
  readonly needsWaiting: number;
  readonly offers: number;
  readonly needs: number;
}

/** The announcement's ride line for a stop. */
export function countRides(board: RideBoard): StopRideCounts {
  const matches = liveMatches(board);
  return {
    seatsOffered: board.offers.reduce((sum, offer) => sum + seatsLeft(offer, matches), 0),
    needsWaiting: waitingNeeds(board).length,
    offers: board.offers.length,
    needs: board.needs.length,
  };
}
