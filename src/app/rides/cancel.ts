import type { Transaction } from '../../db/client.js';
import {
  deleteNeed,
  deleteOffer,
  deleteStopRides,
  findNeedOf,
  findOfferOf,
  listRideStopsOfTrip,
  loadStopRides,
  type RideMatchRow,
} from '../../db/repositories/rides.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import { proposeWaitingNeeds } from './board.js';
import { sendProposals } from './notify.js';
import type { RideNotice, RidePort, RideProposalView, RideStopView } from './port.js';
import { lockStopById, lockStopForRide, type RideStop, type StopRef, stopLabel } from './stops.js';

/** Messages to send once the transaction is committed. */
interface Aftermath {
  stop: RideStopView;
  notices: { userIds: string[]; notice: RideNotice }[];
  closed: { channelId: string; messageId: string }[];
  proposals: RideProposalView[];
}

export type CancelOutcome = 'offer' | 'need';

/** `/ride cancel`: withdraws the member's offer or need for a stop. */
export async function cancelRide(
  deps: AppDeps,
  port: RidePort,
  input: StopRef & { userId: string },
): Promise<{ withdrawn: CancelOutcome; stop: RideStopView }> {
  const now = deps.clock.now();
  const { withdrawn, aftermath } = await deps.db.transaction(async (tx) => {
    const stop = await lockStopForRide(tx, input);
    const withdrawal = await withdraw(tx, stop, input.userId, now);
    if (!withdrawal) throw new UserFacingError('ride.error.nothingToCancel', { stop: stopLabel(stop) });
    return withdrawal;
  });
  await deliver(deps, port, aftermath);
  return { withdrawn, stop: aftermath.stop };
}

/**
 * The member answered "no" to the stop (or left): their offer or need is withdrawn, with the same ripples as
 * `/ride cancel`. For the RSVP use cases to call after their transaction; does nothing when there is no ride.
 */
export async function withdrawRidesOfMember(
  deps: AppDeps,
  port: RidePort,
  input: { stopId: number; userId: string },
): Promise<void> {
  const now = deps.clock.now();
  const aftermath = await deps.db.transaction(async (tx) => {
    const stop = await lockStopById(tx, input.stopId);
    if (!stop) return null;
    return (await withdraw(tx, stop, input.userId, now))?.aftermath ?? null;
  });
  if (aftermath) await deliver(deps, port, aftermath);
}

/**
 * A driver withdrawing: their riders are told and go back to waiting, then every waiting need is matched again
 * (they may find another car). A rider withdrawing: the driver is told (when accepted), the seat is free, and the
 * next waiting need that fits may get it.
 */
async function withdraw(
  tx: Transaction,
  stop: RideStop,
  userId: string,
  now: Date,
): Promise<{ withdrawn: CancelOutcome; aftermath: Aftermath } | null> {
  const aftermath: Aftermath = { stop, notices: [], closed: [], proposals: [] };
  const rows = await loadStopRides(tx, stop.stopId);
  const offer = await findOfferOf(tx, stop.stopId, userId);
  if (offer) {
    const live = rows.matches.filter((match) => match.offerId === offer.id && match.status !== 'declined');
    const riderIds = live.flatMap((match) =>
      rows.needs.filter((need) => need.id === match.needId).map((n) => n.userId),
    );
    aftermath.closed.push(...proposalMessages(live.filter((match) => match.status === 'proposed')));
    await deleteOffer(tx, offer.id);
    if (riderIds.length > 0)
      aftermath.notices.push({ userIds: riderIds, notice: { kind: 'driverCancelled', driverId: userId } });
    aftermath.proposals = await proposeWaitingNeeds(tx, stop, now);
    return { withdrawn: 'offer', aftermath };
  }
  const need = await findNeedOf(tx, stop.stopId, userId);
  if (!need) return null;
  const live = rows.matches.filter((match) => match.needId === need.id && match.status !== 'declined');
  aftermath.closed.push(...proposalMessages(live.filter((match) => match.status === 'proposed')));
  for (const match of live.filter((candidate) => candidate.status === 'accepted')) {
    const driver = rows.offers.find((candidate) => candidate.id === match.offerId);
    if (driver)
      aftermath.notices.push({ userIds: [driver.userId], notice: { kind: 'riderCancelled', riderId: userId } });
  }
  await deleteNeed(tx, need.id);
  aftermath.proposals = await proposeWaitingNeeds(tx, stop, now);
  return { withdrawn: 'need', aftermath };
}

function proposalMessages(matches: readonly RideMatchRow[]): { channelId: string; messageId: string }[] {
  return matches.flatMap((match) =>
    match.proposalChannelId && match.proposalMessageId
      ? [{ channelId: match.proposalChannelId, messageId: match.proposalMessageId }]
      : [],
  );
}

async function deliver(deps: AppDeps, port: RidePort, aftermath: Aftermath): Promise<void> {
  for (const message of aftermath.closed) await port.closeProposal(message);
  for (const { userIds, notice } of aftermath.notices) await port.notify({ stop: aftermath.stop, userIds, notice });
  await sendProposals(deps, port, aftermath.proposals, { tellRiders: true });
}

/**
 * The stop (or its whole trip) was cancelled: every ride party is told once — in its private thread when it has
 * one, else each member privately — pending proposals lose their buttons, and the stop's rides are removed, so a
 * repeated call tells nobody twice. Members with a lone offer or need hear it from the trip's own cancel notice.
 */
export async function cancelStopRides(deps: AppDeps, port: RidePort, input: { stopId: number }): Promise<void> {
  const found = await deps.db.transaction(async (tx) => {
    const stop = await lockStopById(tx, input.stopId);
    if (!stop) return null;
    const rows = await loadStopRides(tx, stop.stopId);
    await deleteStopRides(tx, stop.stopId);
    return { stop, rows };
  });
  if (!found) return;
  const pending = found.rows.matches.filter((match) => match.status === 'proposed');
  for (const message of proposalMessages(pending)) await port.closeProposal(message);
  await tellParties(port, found.stop, found.rows, { kind: 'stopCancelled' });
}

/** The stop's time changed: every ride party is told the new time (once per call). */
export async function announceStopMoved(deps: AppDeps, port: RidePort, input: { stopId: number }): Promise<void> {
  const found = await deps.db.transaction(async (tx) => {
    const stop = await lockStopById(tx, input.stopId);
    if (!stop) return null;
    return { stop, rows: await loadStopRides(tx, stop.stopId) };
  });
  if (!found) return;
  await tellParties(port, found.stop, found.rows, { kind: 'stopMoved', startsAt: found.stop.startsAt });
}

/** Each offer with accepted riders is a party, told once: in its thread when it has one, else each member privately. */
async function tellParties(
  port: RidePort,
  stop: RideStopView,
  rows: Awaited<ReturnType<typeof loadStopRides>>,
  notice: RideNotice,
): Promise<void> {
  for (const offer of rows.offers) {
    const riderIds = rows.matches
      .filter((match) => match.offerId === offer.id && match.status === 'accepted')
      .flatMap((match) => rows.needs.filter((need) => need.id === match.needId).map((need) => need.userId));
    if (riderIds.length === 0) continue;
    const posted = offer.threadId ? await port.postInPartyThread({ threadId: offer.threadId, stop, notice }) : false;
    if (!posted) await port.notify({ stop, userIds: [offer.userId, ...riderIds], notice });
  }
}

/**
 * After `/trip cancel` (one stop or the whole trip): the ride parties of every cancelled stop of the trip are told
 * once (see cancelStopRides; a stop whose rides were already removed is skipped).
 */
export async function cancelRidesOfTrip(
  deps: AppDeps,
  port: RidePort,
  input: { guildId: string; tripId: number },
): Promise<void> {
  const stops = await listRideStopsOfTrip(deps.db, input.guildId, input.tripId);
  for (const stop of stops) {
    if (stop.stopStatus === 'cancelled' || stop.tripStatus === 'cancelled') {
      await cancelStopRides(deps, port, { stopId: stop.stopId });
    }
  }
}
