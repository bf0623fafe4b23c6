import type { Executor } from '../db/client.js';
import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { widenStopReach } from '../db/repositories/headsUp.js';
import { listMembersByStatus } from '../db/repositories/rsvps.js';
import { rolesPingedForTrip } from '../db/repositories/stopPings.js';
import { getDriveTimeOverrides, listTowns } from '../db/repositories/towns.js';
import { getStop, lockHostAnnouncements, lockStop, TRIP_STATUS, type TripRow } from '../db/repositories/trips.js';
import { quietWindowAround } from '../domain/quietHours.js';
import { pingBudget } from './announceLimits.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import { guildLanguage } from './guildLanguage.js';
import type { HeadsUpPort, HeadsUpView } from './headsUpPort.js';
import type { TripPort } from './ports.js';
import { serverQuietHours } from './quietPings.js';
import type { JobResult } from './reminders.js';
import { announcementLink } from './tripQueries.js';
import { reachedTowns } from './trips/create.js';

export type { HeadsUpPort, HeadsUpView } from './headsUpPort.js';

/**
 * The host's heads-up, 24 h before a stop nobody else is going to: a private message, with a button that widens the
 * stop's reach once to its nearby towns (one reply to the announcement pinging exactly them, within the host's daily
 * ping budget and each town's cooldown). The job is scheduled with the trip's others (src/app/tripJobs.ts).
 */

/** The 'headsUp' job: the DM when the host is the only one going, nothing otherwise. */
export async function sendHeadsUp(
  deps: AppDeps,
  port: HeadsUpPort,
  job: { guildId: string; stopId: number },
): Promise<JobResult> {
  const now = deps.clock.now();
  const stop = await getStop(deps.db, job.guildId, job.stopId);
  if (!stop) return { status: 'skipped', reason: 'stop deleted' };
  if (stop.status === TRIP_STATUS.cancelled || stop.tripStatus === TRIP_STATUS.cancelled) {
    return { status: 'skipped', reason: 'stop cancelled' };
  }
  if (stop.startsAt.getTime() <= now.getTime()) return { status: 'skipped', reason: 'the stop has started' };
  const going = await listMembersByStatus(deps.db, stop.id, ['going']);
  if (going.some((row) => row.userId !== stop.hostId)) return { status: 'skipped', reason: 'someone is going' };

  const nearby = await nearbyTowns(deps.db, stop);
  const view = await headsUpView(deps, port, stop, nearby);
  const sent = await port.sendHeadsUpDm({ userId: stop.hostId, nonce: `headsup:${stop.id}`, view });
  deps.logger.info(
    { guildId: stop.guildId, stopId: stop.id, nearby: nearby.length, sent },
    'heads-up sent to the host',
  );
  return { status: 'done' };
}

export interface WidenResult {
  stop: TripRow;
  /** The roles told in the reply to the announcement. */
  pingedRoleIds: string[];
  /** Why some nearby towns were not told (a town's cooldown). */
  notes: Awaited<ReturnType<typeof pingBudget>>['notes'];
}

/**
 * The heads-up's button: the host widens the stop's reach to its nearby towns, once. Refused (nothing changed) for
 * another member, a stop unknown in that guild (a forged button), cancelled, started, already widened, or when the
 * budget and cooldowns leave nobody to tell.
 */
export async function widenReach(
  deps: AppDeps,
  port: HeadsUpPort & Pick<TripPort, 'refreshAnnouncement'>,
  input: { guildId: string; stopId: number; userId: string },
): Promise<WidenResult> {
  const now = deps.clock.now();
  const settings = await getGuildSettings(deps.db, input.guildId);
  const outcome = await deps.db.transaction(async (tx) => {
    const stop = await lockStop(tx, input.guildId, input.stopId);
    if (!stop) throw new UserFacingError('life.button.unknown');
    const id = stop.tripId;
    if (stop.hostId !== input.userId) throw new UserFacingError('life.widen.notHost', { id });
    if (stop.status === TRIP_STATUS.cancelled || stop.tripStatus === TRIP_STATUS.cancelled) {
      throw new UserFacingError('life.widen.cancelled', { id });
    }
    if (stop.startsAt.getTime() <= now.getTime()) throw new UserFacingError('life.widen.started', { id });
    if (stop.reach === 'nearby') throw new UserFacingError('life.widen.already', { id });
    const nearby = await nearbyTowns(tx, stop);
    if (nearby.length === 0) throw new UserFacingError('life.widen.none', { id });
    // The server's quiet hours hold role pings (/setup quiet_hours): the button waits for their end, unused.
    const quietHours = serverQuietHours(settings);
    const quiet = quietHours ? quietWindowAround(now, quietHours, settings.timeZone) : null;
    if (quiet) throw new UserFacingError('life.widen.quiet', { id, time: deps.markup.timestamp(quiet.end, 't') });

    await lockHostAnnouncements(tx, input.guildId, stop.hostId);
    const budget = await pingBudget(tx, deps.markup, {
      guildId: input.guildId,
      hostId: stop.hostId,
      roleIds: nearby.map((town) => town.roleId),
      now,
      maxTripsPerDay: settings.maxTripsPerDay,
      townCooldownMinutes: settings.townPingCooldownMinutes,
    });
    const [held] = budget.notes;
    if (budget.pinged.length === 0) {
      throw held ? new UserFacingError(held.key, held.params) : new UserFacingError('life.widen.none', { id });
    }
    const widened = await widenStopReach(tx, { guildId: input.guildId, stopId: stop.id, roleIds: budget.pinged, now });
    if (!widened) throw new UserFacingError('life.widen.already', { id });
    const told = new Set(budget.pinged);
    return { stop, nearby: nearby.filter((town) => told.has(town.roleId)), budget };
  });

  const { stop, budget } = outcome;
  if (stop.channelId && stop.messageId) {
    const view = await headsUpView(deps, port, stop, outcome.nearby);
    const posted = await port
      .postWidenPing({ channelId: stop.channelId, messageId: stop.messageId, roleIds: budget.pinged, view })
      .catch((error: unknown) => {
        deps.logger.warn({ err: error, guildId: stop.guildId, stopId: stop.id }, 'could not post the widening ping');
        return null;
      });
    if (!posted) deps.logger.warn({ guildId: stop.guildId, stopId: stop.id }, 'the widening ping was not posted');
  }
  await port.refreshAnnouncement({ guildId: stop.guildId, tripId: stop.tripId, withCalendar: false });
  deps.logger.info(
    { guildId: stop.guildId, userId: input.userId, stopId: stop.id, pinged: budget.pinged.length },
    'stop widened to nearby towns',
  );
  return { stop, pingedRoleIds: budget.pinged, notes: budget.notes };
}

/** The nearby towns of a stop that reaches its town alone, whose roles this trip has not pinged yet. */
async function nearbyTowns(executor: Executor, stop: TripRow): Promise<{ name: string; roleId: string }[]> {
  if (stop.reach !== 'town' || stop.townId === null) return [];
  // One after the other: inside a transaction, the queries share one connection.
  const towns = await listTowns(executor, stop.guildId);
  const settings = await getGuildSettings(executor, stop.guildId);
  const overrides = await getDriveTimeOverrides(executor, stop.guildId);
  const pinged = await rolesPingedForTrip(executor, stop.tripId);
  const town = towns.find((candidate) => candidate.id === stop.townId);
  if (!town) return [];
  return reachedTowns(town, towns, 'nearby', settings.nearbyMinutes, overrides)
    .filter((reached) => reached.id !== town.id && !pinged.has(reached.roleId))
    .map((reached) => ({ name: reached.name, roleId: reached.roleId }));
}

async function headsUpView(
  deps: AppDeps,
  port: Pick<HeadsUpPort, 'guildLocale'>,
  stop: TripRow,
  nearby: readonly { name: string }[],
): Promise<HeadsUpView> {
  const settings = await getGuildSettings(deps.db, stop.guildId);
  return {
    stop,
    language: guildLanguage(settings, port.guildLocale(stop.guildId)),
    timeZone: settings.timeZone,
    url: announcementLink(deps.markup, stop),
    nearbyTownNames: nearby.map((town) => town.name),
  };
}
