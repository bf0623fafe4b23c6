import { type GuildSettingsRow, getGuildSettings } from '../db/repositories/guildSettings.js';
import { rolesPingedForTrip } from '../db/repositories/stopPings.js';
import { listTowns } from '../db/repositories/towns.js';
import { lockStop, TRIP_STATUS, type TripRow, updateStop } from '../db/repositories/trips.js';
import { parseQuietHours, type QuietHours, quietWindowAround } from '../domain/quietHours.js';
import type { MessageKey, MessageParams } from '../i18n/index.js';
import { scheduleJob } from '../jobs/queue.js';
import { pingBudget } from './announceLimits.js';
import type { AppDeps } from './context.js';
import { guildLanguage } from './guildLanguage.js';
import type { Markup, QuietPingsPort } from './ports.js';

/**
 * The server's quiet hours for role pings (`/setup quiet_hours`). A stop announced in them goes out without its role
 * pings; at their end a durable job pings those roles in ONE short reply to the announcement, unless the stop was
 * cancelled or has started by then.
 *
 * Budget and cooldowns: a held ping counts when it is actually sent. Nothing is spent at announcement time; at the
 * end of quiet hours the job asks the same rules (src/app/announceLimits.ts: the host's daily budget, each town's
 * cooldown) as an announcement made at that moment would, and records the ping time in `trip_stops.pinged_at`, which
 * the cooldown and budget queries read. So three trips announced overnight for one town ping it once at 07:00, and
 * a trip announced at 07:05 for that town waits for the cooldown as usual.
 */

export const QUIET_PINGS_JOB = 'quietPings';
export const quietPingsKey = (stopId: number) => `quiet-pings:${stopId}`;

/** The server's quiet hours as stored ("22:00-07:00"), or null when none (or unreadable: never blocks a ping). */
export function serverQuietHours(settings: Pick<GuildSettingsRow, 'quietHours'>): QuietHours | null {
  if (!settings.quietHours) return null;
  const parsed = parseQuietHours(settings.quietHours);
  return parsed.ok ? parsed.quietHours : null;
}

export interface PingDecision {
  /** Pinged now, with the announcement (or the stop's reply). */
  pinged: string[];
  notes: { key: MessageKey; params: MessageParams }[];
  /** Held through quiet hours: these roles, pinged at `until` by the quietPings job (see holdPings). */
  held: { roleIds: string[]; until: Date } | null;
}

/**
 * Which roles a stop announced now pings: in the server's quiet hours none, all held to their end; else the ping
 * budget's answer. Call it inside the announcing transaction, where pingBudget would be called.
 */
export async function decidePings(
  executor: Parameters<typeof pingBudget>[0],
  markup: Markup,
  input: {
    guildId: string;
    hostId: string;
    roleIds: readonly string[];
    now: Date;
    settings: Pick<GuildSettingsRow, 'quietHours' | 'timeZone' | 'maxTripsPerDay' | 'townPingCooldownMinutes'>;
  },
): Promise<PingDecision> {
  const { settings } = input;
  const roleIds = [...new Set(input.roleIds)];
  const quietHours = serverQuietHours(settings);
  const window = quietHours && roleIds.length > 0 ? quietWindowAround(input.now, quietHours, settings.timeZone) : null;
  if (window) {
    return {
      pinged: [],
      notes: [
        {
          key: 'quietPings.held',
          params: {
            roles: roleIds.map((roleId) => markup.role(roleId)).join(', '),
            time: markup.timestamp(window.end, 't'),
          },
        },
      ],
      held: { roleIds, until: window.end },
    };
  }
  const budget = await pingBudget(executor, markup, {
    guildId: input.guildId,
    hostId: input.hostId,
    roleIds,
    now: input.now,
    maxTripsPerDay: settings.maxTripsPerDay,
    townCooldownMinutes: settings.townPingCooldownMinutes,
  });
  return { ...budget, held: null };
}

/** Schedules the held pings of a stop just saved (same transaction): one job per stop, safe to schedule twice. */
export async function holdPings(
  executor: Parameters<typeof scheduleJob>[0],
  stop: { id: number; guildId: string },
  decision: PingDecision,
): Promise<void> {
  if (!decision.held) return;
  await scheduleJob(executor, {
    kind: QUIET_PINGS_JOB,
    dedupeKey: quietPingsKey(stop.id),
    guildId: stop.guildId,
    runAt: decision.held.until,
    payload: { stopId: stop.id, roleIds: decision.held.roleIds },
  });
}

export type HeldPingsOutcome = { status: 'done' } | { status: 'skipped'; reason: string };

/**
 * The end of quiet hours: pings the held roles in one reply to the announcement (allowed_mentions: exactly them).
 * Nothing when the stop was cancelled, removed or has started. Roles whose town was removed meanwhile, roles this
 * trip has pinged since, and roles the budget or a cooldown holds back now are left out. Safe to repeat: the
 * decision is stored once (pinged_at), the reply carries a nonce and its id is stored.
 */
export async function sendHeldPings(
  deps: AppDeps,
  port: QuietPingsPort,
  input: { guildId: string; stopId: number; roleIds: readonly string[] },
): Promise<HeldPingsOutcome> {
  const now = deps.clock.now();
  const log = deps.logger.child({ guildId: input.guildId, stopId: input.stopId, job: QUIET_PINGS_JOB });
  const decided = await deps.db.transaction(async (tx): Promise<{ skip: string } | { stop: TripRow }> => {
    const stop = await lockStop(tx, input.guildId, input.stopId);
    if (!stop) return { skip: 'the stop no longer exists' };
    if (stop.status === TRIP_STATUS.cancelled || stop.tripStatus === TRIP_STATUS.cancelled) {
      return { skip: 'the stop was cancelled' };
    }
    if (stop.startsAt.getTime() <= now.getTime()) return { skip: 'the stop has started' };
    if (stop.pingedAt) return { stop };
    const settings = await getGuildSettings(tx, input.guildId);
    const townRoles = new Set((await listTowns(tx, input.guildId)).map((town) => town.roleId));
    const pingedForTrip = await rolesPingedForTrip(tx, stop.tripId);
    const roleIds = input.roleIds.filter((roleId) => townRoles.has(roleId) && !pingedForTrip.has(roleId));
    const budget = await pingBudget(tx, deps.markup, {
      guildId: input.guildId,
      hostId: stop.hostId,
      roleIds,
      now,
      maxTripsPerDay: settings.maxTripsPerDay,
      townCooldownMinutes: settings.townPingCooldownMinutes,
    });
    const saved = await updateStop(tx, input.guildId, stop.id, { pingedRoleIds: budget.pinged, pingedAt: now }, now);
    return { stop: saved };
  });
  if (!('stop' in decided)) {
    log.info({ reason: decided.skip }, 'held pings not sent');
    return { status: 'skipped', reason: decided.skip };
  }
  const { stop } = decided;
  if (stop.pingedRoleIds.length === 0) return { status: 'skipped', reason: 'no role may be pinged now' };
  if (stop.pingMessageId) return { status: 'done' };
  if (!stop.channelId || !stop.messageId) return { status: 'skipped', reason: 'the announcement was not posted' };
  const settings = await getGuildSettings(deps.db, input.guildId);
  const posted = await port.postHeldPings({
    channelId: stop.channelId,
    messageId: stop.messageId,
    stopId: stop.id,
    tripId: stop.tripId,
    townName: stop.townName,
    startsAt: stop.startsAt,
    roleIds: stop.pingedRoleIds,
    language: guildLanguage(settings, port.guildLocale(input.guildId)),
  });
  if (!posted) {
    log.warn('cannot post the held pings in the trips channel');
    return { status: 'skipped', reason: 'cannot post in the channel' };
  }
  await updateStop(deps.db, input.guildId, stop.id, { pingMessageId: posted.messageId }, now);
  log.info({ roles: stop.pingedRoleIds.length }, 'held pings sent after quiet hours');
  return { status: 'done' };
}
