import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { getMemberPreferences, getMemberPreferencesMany } from '../db/repositories/memberPreferences.js';
import { getMatch, recordProposalMessage } from '../db/repositories/rides.js';
import { listMembersByStatus } from '../db/repositories/rsvps.js';
import { getStop, TRIP_STATUS, type TripRow } from '../db/repositories/trips.js';
import type { Language } from '../i18n/index.js';
import { scheduleJob } from '../jobs/queue.js';
import type { AppDeps } from './context.js';
import { type DmDecision, decideDm, memberLanguage } from './dmTiming.js';
import { notifyPromoted } from './notices.js';
import type { TripPort } from './ports.js';
import type { RidePort, RideProposalView } from './rides/port.js';

/**
 * The other DMs quiet hours hold (issue 16): a waitlisted member's promotion notice and a ride proposal to its driver.
 * Each is held by a durable per-member job to the end of the member's quiet hours (or the last minute before they
 * begin when the stop starts first), then sent if it still applies.
 */
export const HELD_DM_KINDS = { promotion: 'promotion-dm', rideProposal: 'ride-dm' } as const;

export const heldPromotionKey = (stopId: number, userId: string) => `promotion-dm:${stopId}:${userId}`;
export const heldRideProposalKey = (matchId: number) => `ride-dm:${matchId}`;

type Outcome = { status: 'done' } | { status: 'skipped'; reason: string };

async function decisionFor(deps: AppDeps, guildId: string, userId: string, stopStartsAt: Date): Promise<DmDecision> {
  const choice = await getMemberPreferences(deps.db, guildId, userId);
  if (!choice.quietHours) return { kind: 'now' };
  const settings = await getGuildSettings(deps.db, guildId);
  const now = deps.clock.now();
  return decideDm({ now, dueAt: now, quietHours: choice.quietHours, timeZone: settings.timeZone, stopStartsAt });
}

// ---- promotions (waitlist → going) ----

/**
 * Tells promoted members now, except those in quiet hours: each of theirs is held to its moment. Returns who was told
 * now (DM or thread) and whose notice is held.
 */
export async function notifyPromotedInTime(
  deps: AppDeps,
  port: Pick<TripPort, 'sendDirectMessage' | 'postInThread' | 'guildLocale'>,
  input: { trip: TripRow; userIds: readonly string[] },
): Promise<{ dmed: string[]; inThread: string[]; held: string[] }> {
  const { trip } = input;
  const now: string[] = [];
  const held: string[] = [];
  for (const userId of new Set(input.userIds)) {
    try {
      const decision = await decisionFor(deps, trip.guildId, userId, trip.startsAt);
      if (decision.kind === 'hold') {
        await scheduleJob(deps.db, {
          kind: HELD_DM_KINDS.promotion,
          dedupeKey: heldPromotionKey(trip.id, userId),
          guildId: trip.guildId,
          runAt: decision.sendAt,
          payload: { stopId: trip.id, userId },
        });
        held.push(userId);
        continue;
      }
    } catch (error) {
      deps.logger.warn({ err: error, userId }, 'could not read quiet hours; telling the promoted member now');
    }
    now.push(userId);
  }
  if (now.length === 0) return { dmed: [], inThread: [], held };
  const preferences = await getMemberPreferencesMany(deps.db, trip.guildId, now);
  const languageOf = (userId: string, fallback: Language) => memberLanguage(preferences.get(userId), fallback);
  return { ...(await notifyPromoted(deps, port, { trip, userIds: now, languageOf })), held };
}

/** A held promotion notice: sent if the member is still going and the stop still to come. */
export async function sendHeldPromotion(
  deps: AppDeps,
  port: Pick<TripPort, 'sendDirectMessage' | 'postInThread' | 'guildLocale'>,
  input: { guildId: string; stopId: number; userId: string },
): Promise<Outcome> {
  const trip = await getStop(deps.db, input.guildId, input.stopId);
  if (!trip || trip.status === TRIP_STATUS.cancelled) return { status: 'skipped', reason: 'stop gone or cancelled' };
  if (trip.startsAt.getTime() <= deps.clock.now().getTime()) return { status: 'skipped', reason: 'stop started' };
  const going = await listMembersByStatus(deps.db, trip.id, ['going']);
  if (!going.some((row) => row.userId === input.userId)) return { status: 'skipped', reason: 'no longer going' };
  const choice = await getMemberPreferences(deps.db, input.guildId, input.userId);
  await notifyPromoted(deps, port, {
    trip,
    userIds: [input.userId],
    languageOf: (_userId, fallback) => memberLanguage(choice, fallback),
    dmNote: 'dm.heldAfterQuietHours',
  });
  return { status: 'done' };
}

// ---- ride proposals to drivers ----

/** Holds the proposal when its driver is in quiet hours; true when held (the caller sends nothing now). */
export async function holdRideProposal(deps: AppDeps, proposal: RideProposalView): Promise<boolean> {
  const { stop } = proposal;
  const decision = await decisionFor(deps, stop.guildId, proposal.driverId, stop.startsAt);
  if (decision.kind !== 'hold') return false;
  await scheduleJob(deps.db, {
    kind: HELD_DM_KINDS.rideProposal,
    dedupeKey: heldRideProposalKey(proposal.matchId),
    guildId: stop.guildId,
    runAt: decision.sendAt,
    payload: { proposal: { ...proposal, stop: { ...stop, startsAt: stop.startsAt.toISOString() } } },
  });
  return true;
}

/** A held proposal: sent if still waiting for its answer, not sent yet, and the stop still to come. */
export async function sendHeldRideProposal(
  deps: AppDeps,
  port: Pick<RidePort, 'sendProposal'>,
  proposal: RideProposalView,
): Promise<Outcome> {
  const match = await getMatch(deps.db, proposal.matchId);
  if (match?.match.status !== 'proposed') return { status: 'skipped', reason: 'proposal answered or gone' };
  if (match.match.proposalMessageId) return { status: 'skipped', reason: 'proposal already sent' };
  if (proposal.stop.startsAt.getTime() <= deps.clock.now().getTime()) {
    return { status: 'skipped', reason: 'stop started' };
  }
  const sent = await port.sendProposal({ ...proposal, waitedForQuietHours: true });
  if (sent) await recordProposalMessage(deps.db, proposal.matchId, sent);
  return { status: 'done' };
}
