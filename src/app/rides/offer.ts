import { getGuildSettings } from '../../db/repositories/guildSettings.js';
import {
  findNeedOf,
  findOfferOf,
  insertNeed,
  insertOffer,
  type RideNeedRow,
  type RideOfferRow,
} from '../../db/repositories/rides.js';
import { listTowns, type TownRow } from '../../db/repositories/towns.js';
import { validateOfferTerms } from '../../domain/rides.js';
import { parseWhen } from '../../domain/when.js';
import type { Language } from '../../i18n/index.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import { resolveTown } from '../towns/resolve.js';
import { proposeWaitingNeeds } from './board.js';
import { sendProposals } from './notify.js';
import type { RidePort } from './port.js';
import { assertRideOpen, lockStopForRide, type RideStop, type StopRef, stopLabel } from './stops.js';

export interface OfferInput extends StopRef {
  userId: string;
  from: string;
  seats: number;
  detour?: number | null | undefined;
  leaving?: string | null | undefined;
  language: Language;
}

export interface OfferResult {
  stop: RideStop;
  offer: RideOfferRow;
  from: TownRow;
  /** Needs proposed to this driver right away. */
  proposed: number;
}

/**
 * `/ride offer`: the member must be going (or waitlisted) to a stop still to come, and neither offer nor ask for a
 * ride there yet. The waiting needs this offer fits are proposed to the driver at once.
 */
export async function offerRide(deps: AppDeps, port: RidePort, input: OfferInput): Promise<OfferResult> {
  const now = deps.clock.now();
  const terms = validateOfferTerms(input.seats, input.detour);
  if (!terms.ok) throw new UserFacingError(terms.error.key, { ...terms.error.params });
  const { result, proposals } = await deps.db.transaction(async (tx) => {
    const stop = await lockStopForRide(tx, input);
    await assertRideOpen(tx, stop, input.userId, now);
    const from = resolveTown(input.from, await listTowns(tx, input.guildId));
    const leavingAt = input.leaving?.trim()
      ? await readLeaving(tx, input.guildId, input.leaving, now, input.language)
      : null;
    await assertNoRideYet(tx, stop, input.userId);
    const offer = await insertOffer(tx, {
      guildId: input.guildId,
      stopId: stop.stopId,
      userId: input.userId,
      fromTownId: from.id,
      seats: terms.seats,
      detourMinutes: terms.detourMinutes,
      leavingAt,
      createdAt: now,
    });
    if (!offer) throw new UserFacingError('ride.error.alreadyOffered', { stop: stopLabel(stop) });
    const proposals = await proposeWaitingNeeds(tx, stop, now);
    return { result: { stop, offer, from, proposed: proposals.length }, proposals };
  });
  await sendProposals(deps, port, proposals, { tellRiders: true });
  return result;
}

export interface NeedInput extends StopRef {
  userId: string;
  from: string;
}

export interface NeedResult {
  stop: RideStop;
  need: RideNeedRow;
  from: TownRow;
  /** The driver it was proposed to, or null: the need waits for a fitting offer. */
  proposedTo: string | null;
}

/** `/ride need`: same rules as an offer; matched at once to the best fitting offer with a free seat, or waits. */
export async function needRide(deps: AppDeps, port: RidePort, input: NeedInput): Promise<NeedResult> {
  const now = deps.clock.now();
  const { result, proposals } = await deps.db.transaction(async (tx) => {
    const stop = await lockStopForRide(tx, input);
    await assertRideOpen(tx, stop, input.userId, now);
    const from = resolveTown(input.from, await listTowns(tx, input.guildId));
    await assertNoRideYet(tx, stop, input.userId);
    const need = await insertNeed(tx, {
      guildId: input.guildId,
      stopId: stop.stopId,
      userId: input.userId,
      fromTownId: from.id,
      createdAt: now,
    });
    if (!need) throw new UserFacingError('ride.error.alreadyNeeded', { stop: stopLabel(stop) });
    const proposals = await proposeWaitingNeeds(tx, stop, now);
    const mine = proposals.find((proposal) => proposal.riderId === input.userId);
    return { result: { stop, need, from, proposedTo: mine?.driverId ?? null }, proposals };
  });
  // The member learns in the reply; other riders proposed now (none, in practice) are told by DM.
  await sendProposals(deps, port, proposals, { tellRiders: true, except: input.userId });
  return result;
}

async function assertNoRideYet(tx: Parameters<typeof findOfferOf>[0], stop: RideStop, userId: string): Promise<void> {
  if (await findOfferOf(tx, stop.stopId, userId)) {
    throw new UserFacingError('ride.error.alreadyOffered', { stop: stopLabel(stop) });
  }
  if (await findNeedOf(tx, stop.stopId, userId)) {
    throw new UserFacingError('ride.error.alreadyNeeded', { stop: stopLabel(stop) });
  }
}

/** `leaving`, read like `/trip new`'s `when`, in the guild's zone. */
async function readLeaving(
  executor: Parameters<typeof getGuildSettings>[0],
  guildId: string,
  text: string,
  now: Date,
  language: Language,
): Promise<Date> {
  const settings = await getGuildSettings(executor, guildId);
  const parsed = parseWhen(text, { now, timeZone: settings.timeZone, locale: language });
  if (!parsed.ok) throw new UserFacingError(parsed.error.key, { ...parsed.error.params });
  return parsed.startsAt;
}
