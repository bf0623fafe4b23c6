import type { Transaction } from '../../db/client.js';
import { answerProposal, getMatch, loadStopRides, recordRideThread } from '../../db/repositories/rides.js';
import { getDriveTimeOverrides } from '../../db/repositories/towns.js';
import { pickupOrder } from '../../domain/rides.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import { locatedTown, proposeWaitingNeeds } from './board.js';
import { sendProposals } from './notify.js';
import type { RidePartyView, RidePort, RideProposalView } from './port.js';
import { lockStopById, type RideStop, stopLabel } from './stops.js';

export interface AnswerInput {
  /** From the button's custom id, unchecked. */
  matchId: string;
  userId: string;
}

export interface AnswerResult {
  stop: RideStop;
  riderId: string;
  riderFrom: string;
  /** Accepted: the party's private thread, or null when the members were introduced by DM. */
  threadId: string | null;
}

/**
 * The driver accepts a proposal: the rider joins the ride party; the party's private thread is opened on the first
 * acceptance (exactly the driver and the riders), and later riders are added to it. Someone else's click, a second
 * click, a forged id or a stop no longer open: a clear error, nothing changed.
 */
export async function acceptRide(deps: AppDeps, port: RidePort, input: AnswerInput): Promise<AnswerResult> {
  const now = deps.clock.now();
  const { stop, party, offerId, existingThreadId, riderId, riderFrom } = await deps.db.transaction(async (tx) => {
    const { stop, found } = await lockProposal(tx, input, now);
    await answerProposal(tx, found.match.id, 'accepted', now);
    const rows = await loadStopRides(tx, stop.stopId);
    const offer = rows.offers.find((candidate) => candidate.id === found.offer.id);
    if (!offer) throw new UserFacingError('ride.error.alreadyAnswered');
    const riders = rows.matches
      .filter((match) => match.offerId === offer.id && match.status === 'accepted')
      .flatMap((match) => rows.needs.filter((need) => need.id === match.needId));
    const overrides = await getDriveTimeOverrides(tx, stop.guildId);
    const order = pickupOrder(
      locatedTown(offer.town),
      riders.map((need) => ({ ...locatedTown(need.town), name: need.town.name })),
      overrides,
    );
    const rank = (name: string) => order.findIndex((town) => town.name === name);
    const party: RidePartyView = {
      stop,
      driverId: offer.userId,
      driverFrom: offer.town.name,
      leavingAt: offer.leavingAt,
      riders: riders
        .map((need) => ({ userId: need.userId, from: need.town.name }))
        .sort((a, b) => rank(a.from) - rank(b.from)),
      pickups: order.map((town) => town.name),
    };
    const rider = riders.find((need) => need.id === found.need.id);
    return {
      stop,
      party,
      offerId: offer.id,
      existingThreadId: offer.threadId,
      riderId: found.need.userId,
      riderFrom: rider?.town.name ?? '',
    };
  });

  let threadId = existingThreadId;
  if (threadId && !(await port.joinPartyThread({ threadId, party, riderId }))) threadId = null;
  if (!threadId) {
    const opened = await port.openPartyThread(party);
    threadId = opened ? await recordRideThread(deps.db, offerId, opened) : null;
    // Another acceptance stored its thread first: this rider joins that one.
    if (threadId && opened && threadId !== opened) await port.joinPartyThread({ threadId, party, riderId });
  }
  await port.notify({
    stop,
    userIds: [riderId],
    notice: { kind: 'accepted', driverId: party.driverId, from: riderFrom, threadId },
  });
  return { stop, riderId, riderFrom, threadId };
}

/** The driver declines: the need goes to the next matching offer, else waits; the rider is told. */
export async function declineRide(deps: AppDeps, port: RidePort, input: AnswerInput): Promise<AnswerResult> {
  const now = deps.clock.now();
  const { result, proposals } = await deps.db.transaction(async (tx) => {
    const { stop, found } = await lockProposal(tx, input, now);
    await answerProposal(tx, found.match.id, 'declined', now);
    const proposals: RideProposalView[] = await proposeWaitingNeeds(tx, stop, now);
    const rows = await loadStopRides(tx, stop.stopId);
    const need = rows.needs.find((candidate) => candidate.id === found.need.id);
    return {
      result: { stop, riderId: found.need.userId, riderFrom: need?.town.name ?? '', threadId: null },
      proposals,
    };
  });
  const reproposed = proposals.some((proposal) => proposal.riderId === result.riderId);
  if (!reproposed) await port.notify({ stop: result.stop, userIds: [result.riderId], notice: { kind: 'declined' } });
  await sendProposals(deps, port, proposals, { tellRiders: true });
  return result;
}

async function lockProposal(tx: Transaction, input: AnswerInput, now: Date) {
  const matchId = /^\d{1,9}$/.test(input.matchId) ? Number(input.matchId) : null;
  if (matchId === null) throw new UserFacingError('ride.error.badButton');
  const peek = await getMatch(tx, matchId);
  if (!peek) throw new UserFacingError('ride.error.alreadyAnswered');
  if (peek.offer.userId !== input.userId) throw new UserFacingError('ride.error.notYourProposal');
  const stop = await lockStopById(tx, peek.offer.stopId);
  if (!stop) throw new UserFacingError('ride.error.alreadyAnswered');
  // Read again under the stop's lock: a concurrent click or cancel went first.
  const found = await getMatch(tx, matchId);
  if (!found) throw new UserFacingError('ride.error.alreadyAnswered');
  if (found.match.status !== 'proposed') throw new UserFacingError('ride.error.alreadyAnswered');
  if (stop.cancelled) throw new UserFacingError('ride.error.stopCancelled', { stop: stopLabel(stop) });
  if (stop.startsAt.getTime() <= now.getTime()) {
    throw new UserFacingError('ride.error.stopPast', { stop: stopLabel(stop) });
  }
  return { stop, found };
}
