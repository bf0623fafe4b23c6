import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { countRides, type StopRideCounts } from '../../domain/rides.js';
import type { Executor } from '../client.js';
import { rideMatches, rideNeeds, rideOffers, rsvps, towns, tripStops, trips } from '../schema.js';

export type RideOfferRow = typeof rideOffers.$inferSelect;
export type RideNeedRow = typeof rideNeeds.$inferSelect;
export type RideMatchRow = typeof rideMatches.$inferSelect;
export type RideMatchStatusValue = 'proposed' | 'accepted' | 'declined';

/** The town a ride leaves from, as the matching rule needs it. */
export interface RideTownRow {
  id: number;
  name: string;
  latitude: number | null;
  longitude: number | null;
}

export type OfferWithTown = RideOfferRow & { town: RideTownRow };
export type NeedWithTown = RideNeedRow & { town: RideTownRow };

export interface StopRideRows {
  offers: OfferWithTown[];
  needs: NeedWithTown[];
  matches: RideMatchRow[];
}

const townColumns = {
  id: towns.id,
  name: towns.name,
  latitude: towns.latitude,
  longitude: towns.longitude,
};

/** Every offer, need and proposal of one stop, oldest first. */
export async function loadStopRides(executor: Executor, stopId: number): Promise<StopRideRows> {
  const offers = await executor
    .select({ offer: rideOffers, town: townColumns })
    .from(rideOffers)
    .innerJoin(towns, eq(towns.id, rideOffers.fromTownId))
    .where(eq(rideOffers.stopId, stopId))
    .orderBy(asc(rideOffers.createdAt), asc(rideOffers.id));
  const needs = await executor
    .select({ need: rideNeeds, town: townColumns })
    .from(rideNeeds)
    .innerJoin(towns, eq(towns.id, rideNeeds.fromTownId))
    .where(eq(rideNeeds.stopId, stopId))
    .orderBy(asc(rideNeeds.createdAt), asc(rideNeeds.id));
  const offerIds = offers.map(({ offer }) => offer.id);
  const matches =
    offerIds.length === 0
      ? []
      : await executor
          .select()
          .from(rideMatches)
          .where(inArray(rideMatches.offerId, offerIds))
          .orderBy(asc(rideMatches.id));
  return {
    offers: offers.map(({ offer, town }) => ({ ...offer, town })),
    needs: needs.map(({ need, town }) => ({ ...need, town })),
    matches,
  };
}

export async function findOfferOf(
  executor: Executor,
  stopId: number,
  userId: string,
): Promise<RideOfferRow | undefined> {
  const [row] = await executor
    .select()
    .from(rideOffers)
    .where(and(eq(rideOffers.stopId, stopId), eq(rideOffers.userId, userId)))
    .limit(1);
  return row;
}

export async function findNeedOf(executor: Executor, stopId: number, userId: string): Promise<RideNeedRow | undefined> {
  const [row] = await executor
    .select()
    .from(rideNeeds)
    .where(and(eq(rideNeeds.stopId, stopId), eq(rideNeeds.userId, userId)))
    .limit(1);
  return row;
}

/** Undefined when the member already offers a ride to that stop. */
export async function insertOffer(
  executor: Executor,
  values: Omit<typeof rideOffers.$inferInsert, 'id' | 'threadId'>,
): Promise<RideOfferRow | undefined> {
  const [row] = await executor.insert(rideOffers).values(values).onConflictDoNothing().returning();
  return row;
}

/** Undefined when the member already asks for a ride to that stop. */
export async function insertNeed(
  executor: Executor,
  values: Omit<typeof rideNeeds.$inferInsert, 'id'>,
): Promise<RideNeedRow | undefined> {
  const [row] = await executor.insert(rideNeeds).values(values).onConflictDoNothing().returning();
  return row;
}

/** Removes the offer and its proposals. */
export async function deleteOffer(executor: Executor, offerId: number): Promise<void> {
  await executor.delete(rideOffers).where(eq(rideOffers.id, offerId));
}

/** Removes the need and its proposals. */
export async function deleteNeed(executor: Executor, needId: number): Promise<void> {
  await executor.delete(rideNeeds).where(eq(rideNeeds.id, needId));
}

/** Removes every offer, need and proposal of a stop. */
export async function deleteStopRides(executor: Executor, stopId: number): Promise<void> {
  await executor.delete(rideOffers).where(eq(rideOffers.stopId, stopId));
  await executor.delete(rideNeeds).where(eq(rideNeeds.stopId, stopId));
}

export async function insertProposals(
  executor: Executor,
  proposals: readonly { offerId: number; needId: number; detourMinutes: number; createdAt: Date }[],
): Promise<RideMatchRow[]> {
  if (proposals.length === 0) return [];
  return executor
    .insert(rideMatches)
    .values(proposals.map((proposal) => ({ ...proposal, status: 'proposed' })))
    .returning();
}

export interface MatchWithParties {
  match: RideMatchRow;
  offer: RideOfferRow;
  need: RideNeedRow;
}

export async function getMatch(executor: Executor, matchId: number): Promise<MatchWithParties | undefined> {
  const [row] = await executor
    .select({ match: rideMatches, offer: rideOffers, need: rideNeeds })
    .from(rideMatches)
    .innerJoin(rideOffers, eq(rideOffers.id, rideMatches.offerId))
    .innerJoin(rideNeeds, eq(rideNeeds.id, rideMatches.needId))
    .where(eq(rideMatches.id, matchId))
    .limit(1);
  return row;
}

/** Answers a proposal still waiting for its answer; undefined when it was answered already (or is gone). */
export async function answerProposal(
  executor: Executor,
  matchId: number,
  status: 'accepted' | 'declined',
  at: Date,
): Promise<RideMatchRow | undefined> {
  const [row] = await executor
    .update(rideMatches)
    .set({ status, answeredAt: at })
    .where(and(eq(rideMatches.id, matchId), eq(rideMatches.status, 'proposed')))
    .returning();
  return row;
}

export async function recordProposalMessage(
  executor: Executor,
  matchId: number,
  where: { channelId: string; messageId: string },
): Promise<void> {
  await executor
    .update(rideMatches)
    .set({ proposalChannelId: where.channelId, proposalMessageId: where.messageId })
    .where(eq(rideMatches.id, matchId));
}

/** Stores the ride party's thread unless one is stored already; returns the thread id that is stored now. */
export async function recordRideThread(executor: Executor, offerId: number, threadId: string): Promise<string | null> {
  await executor
    .update(rideOffers)
    .set({ threadId })
    .where(and(eq(rideOffers.id, offerId), isNull(rideOffers.threadId)));
  const [row] = await executor
    .select({ threadId: rideOffers.threadId })
    .from(rideOffers)
    .where(eq(rideOffers.id, offerId));
  return row?.threadId ?? null;
}

/** The riders' towns of the accepted rides to these stops (the recap's and the history's figures). */
export async function acceptedRiderTowns(
  executor: Executor,
  stopIds: readonly number[],
): Promise<{ stopId: number; town: RideTownRow }[]> {
  if (stopIds.length === 0) return [];
  return executor
    .select({ stopId: rideNeeds.stopId, town: townColumns })
    .from(rideMatches)
    .innerJoin(rideNeeds, eq(rideNeeds.id, rideMatches.needId))
    .innerJoin(towns, eq(towns.id, rideNeeds.fromTownId))
    .where(and(inArray(rideNeeds.stopId, [...stopIds]), eq(rideMatches.status, 'accepted')));
}

/** How many riders were carried (accepted) to each of these stops: /trip history. */
export async function countSharedRidesByStop(
  executor: Executor,
  stopIds: readonly number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const { stopId } of await acceptedRiderTowns(executor, stopIds))
    counts.set(stopId, (counts.get(stopId) ?? 0) + 1);
  return counts;
}

/** The announcement's ride line of a stop by its id ("🚗 3 places offertes · 1 demande"); null when no ride. */
export async function rideCountsOfStop(executor: Executor, stopId: number): Promise<StopRideCounts | null> {
  const rows = await loadStopRides(executor, stopId);
  if (rows.offers.length === 0 && rows.needs.length === 0) return null;
  // Seats and waiting needs do not depend on drive times: no destination is needed to count them.
  const unknown = { id: `stop-${stopId}`, lat: null, lon: null };
  return countRides({
    destination: unknown,
    offers: rows.offers.map((offer) => ({
      id: offer.id,
      userId: offer.userId,
      from: { id: offer.town.id, lat: offer.town.latitude, lon: offer.town.longitude },
      seats: offer.seats,
      detourMinutes: offer.detourMinutes,
      offeredAt: offer.createdAt,
    })),
    needs: rows.needs.map((need) => ({
      id: need.id,
      userId: need.userId,
      from: { id: need.town.id, lat: need.town.latitude, lon: need.town.longitude },
      neededAt: need.createdAt,
    })),
    matches: rows.matches.map((match) => ({
      offerId: match.offerId,
      needId: match.needId,
      status: match.status as 'proposed' | 'accepted' | 'declined',
    })),
  });
}

// ---- the stops rides attach to (the itinerary's tables, read only) ----

/** A stop with what rides need from its trip and its town. */
export interface RideStopRecord {
  stopId: number;
  tripId: number;
  position: number;
  townId: number | null;
  townName: string;
  startsAt: Date;
  stopStatus: string;
  guildId: string;
  tripStatus: string;
  channelId: string | null;
  messageId: string | null;
  threadId: string | null;
  latitude: number | null;
  longitude: number | null;
}

const stopColumns = {
  stopId: tripStops.id,
  tripId: tripStops.tripId,
  position: tripStops.position,
  townId: tripStops.townId,
  townName: tripStops.townName,
  startsAt: tripStops.startsAt,
  stopStatus: tripStops.status,
  guildId: trips.guildId,
  tripStatus: trips.status,
  channelId: trips.channelId,
  messageId: trips.messageId,
  threadId: trips.threadId,
  latitude: towns.latitude,
  longitude: towns.longitude,
};

/** The stops of a trip of this guild, in itinerary order. */
export async function listRideStopsOfTrip(
  executor: Executor,
  guildId: string,
  tripId: number,
): Promise<RideStopRecord[]> {
  return executor
    .select(stopColumns)
    .from(tripStops)
    .innerJoin(trips, eq(trips.id, tripStops.tripId))
    .leftJoin(towns, eq(towns.id, tripStops.townId))
    .where(and(eq(trips.guildId, guildId), eq(trips.id, tripId)))
    .orderBy(asc(tripStops.position), asc(tripStops.id));
}

/** The stop with this id in this guild, if any. */
export async function findRideStop(
  executor: Executor,
  guildId: string,
  stopId: number,
): Promise<RideStopRecord | undefined> {
  const [record] = await executor
    .select(stopColumns)
    .from(tripStops)
    .innerJoin(trips, eq(trips.id, tripStops.tripId))
    .leftJoin(towns, eq(towns.id, tripStops.townId))
    .where(and(eq(trips.guildId, guildId), eq(tripStops.id, stopId)));
  return record;
}

/** Locks the stop's row until the transaction ends (ride changes to one stop apply one after another). */
export async function lockRideStop(executor: Executor, stopId: number): Promise<RideStopRecord | undefined> {
  const [locked] = await executor
    .select({ id: tripStops.id })
    .from(tripStops)
    .where(eq(tripStops.id, stopId))
    .for('update');
  if (!locked) return undefined;
  const [record] = await executor
    .select(stopColumns)
    .from(tripStops)
    .innerJoin(trips, eq(trips.id, tripStops.tripId))
    .leftJoin(towns, eq(towns.id, tripStops.townId))
    .where(eq(tripStops.id, stopId));
  return record;
}

/** The member's answer for the stop ('going', 'waitlist', …), or null. */
export async function answerAtStop(executor: Executor, stopId: number, userId: string): Promise<string | null> {
  const [row] = await executor
    .select({ status: rsvps.status })
    .from(rsvps)
    .where(and(eq(rsvps.stopId, stopId), eq(rsvps.userId, userId)))
    .limit(1);
  return row?.status ?? null;
}
