import { lastRolePings, lockTownPings, tripsAnnouncedSince } from '../db/repositories/announceLimits.js';
import { countPingedTripsByHostSince } from '../db/repositories/stopPings.js';
import { checkTripQuota, mayReach, townPingableAt } from '../domain/announceLimits.js';
import { checkPingBudget } from '../domain/trip.js';
import type { MessageKey, MessageParams } from '../i18n/index.js';
import { UserFacingError } from './errors.js';
import type { Markup } from './ports.js';

type Executor = Parameters<typeof countPingedTripsByHostSince>[0];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Refuses an announcement the member may not make: their (N+1)th trip within 24 hours (N = the guild's
 * max_trips_per_day; members who may manage events are exempt), or the whole region notified without Manage Events.
 * Call it inside the announcing transaction, after the host's lock.
 */
export async function assertMayAnnounce(
  executor: Executor,
  markup: Markup,
  input: {
    guildId: string;
    hostId: string;
    canManageEvents: boolean;
    reach: string;
    now: Date;
    maxTripsPerDay: number;
  },
): Promise<void> {
  if (!mayReach(input.reach, input.canManageEvents)) throw new UserFacingError('trip.error.regionNeedsManageEvents');
  if (input.canManageEvents) return;
  const since = new Date(input.now.getTime() - DAY_MS);
  const announcedAt = await tripsAnnouncedSince(executor, input.guildId, input.hostId, since);
  const verdict = checkTripQuota({ announcedAt, max: input.maxTripsPerDay, exempt: false, now: input.now });
  if (!verdict.ok) {
    throw new UserFacingError('trip.error.tooManyTrips', {
      max: verdict.max,
      next: markup.timestamp(verdict.nextAt, 'R'),
    });
  }
}

/**
 * Which of these roles may be pinged now: the host's daily budget of pings, then each town's cooldown, which is
 * the town's whoever announced (a nearby town reached by another trip counts). Takes the guild's ping lock.
 */
export async function pingBudget(
  executor: Executor,
  markup: Markup,
  input: {
    guildId: string;
    hostId: string;
    roleIds: readonly string[];
    now: Date;
    maxTripsPerDay: number;
    townCooldownMinutes: number;
  },
): Promise<{ pinged: string[]; notes: { key: MessageKey; params: MessageParams }[] }> {
  const roleIds = [...new Set(input.roleIds)];
  await lockTownPings(executor, input.guildId);
  const since = new Date(input.now.getTime() - DAY_MS);
  const hostTripsLast24h = await countPingedTripsByHostSince(executor, input.guildId, input.hostId, since);
  const daily = checkPingBudget({
    hostTripsLast24h,
    lastPingOfTownByHostAt: null,
    now: input.now,
    maxTripsPerDay: input.maxTripsPerDay,
  });
  if (!daily.ping && roleIds.length > 0) {
    return { pinged: [], notes: [{ key: daily.reason.key, params: { ...daily.reason.params } }] };
  }
  const lastPings = await lastRolePings(executor, input.guildId, roleIds);
  const pinged: string[] = [];
  const cooling: string[] = [];
  let latest: Date | null = null;
  for (const roleId of roleIds) {
    const until = townPingableAt(lastPings.get(roleId), input.townCooldownMinutes, input.now);
    if (!until) {
      pinged.push(roleId);
      continue;
    }
    cooling.push(roleId);
    if (!latest || until > latest) latest = until;
  }
  if (!latest) return { pinged, notes: [] };
  return {
    pinged,
    notes: [
      {
        key: 'budget.townCooldownAny',
        params: {
          roles: cooling.map((roleId) => markup.role(roleId)).join(', '),
          cooldownMinutes: input.townCooldownMinutes,
          next: markup.timestamp(latest, 't'),
        },
      },
    ],
  };
}
