import type { Executor } from '../db/client.js';
import {
  addDigestTown,
  digestMembersOf,
  digestTownIdsOf,
  scheduleJobOnce as insertJobOnce,
  removeDigestTown,
  upcomingStopsInTowns,
} from '../db/repositories/digestQueries.js';
import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { getMemberPreferences } from '../db/repositories/memberPreferences.js';
import { listTowns, type TownRow } from '../db/repositories/towns.js';
import { DAY_MS } from '../domain/zonedTime.js';
import type { Language } from '../i18n/index.js';
import { jobGroup } from '../jobs/queue.js';
import type { AppDeps } from './context.js';
import { nextDigestAt } from './digestSchedule.js';
import { decideDm, memberLanguage, type QuietHoursNote, quietHoursNote } from './dmTiming.js';
import { UserFacingError } from './errors.js';
import { guildLanguage } from './guildLanguage.js';
import { TownRoleError, type TownRolesPort } from './ports.js';
import { resolveTown } from './towns/resolve.js';
import { roleProblemError } from './towns/roles.js';
import { announcementLink } from './tripQueries.js';

/**
 * Following a town by weekly digest instead of its role ping (/town join town mode:digest): no role, and each Monday
 * at 08:00 in the guild's zone one DM listing the coming week's stops in the member's digest towns (nothing when
 * there are none), held by the member's quiet hours like every DM.
 *
 * Two job kinds: the guild's weekly 'digest' (re-scheduled each week while anyone follows a town by digest) plans one
 * 'digest-dm' per member, each scheduled once (insert-or-nothing), so a retried weekly job never DMs anyone twice.
 */
export const DIGEST_JOBS = { weekly: 'digest', member: 'digest-dm' } as const;
const WEEK_MS = 7 * DAY_MS;

export const weeklyDigestKey = (guildId: string, at: Date) => `digest:${guildId}:${at.toISOString()}`;
export const memberDigestKey = (guildId: string, week: Date, userId: string) =>
  `digest-dm:${guildId}:${week.toISOString()}:${userId}`;

/** What the digest DM shows; the adapter writes it (links, timestamps). */
export interface DigestView {
  language: Language;
  timeZone: string;
  towns: string[];
  stops: {
    tripId: number;
    townName: string;
    startsAt: Date;
    topic: string | null;
    url: string | null;
  }[];
  quietHoursNote?: QuietHoursNote | undefined;
}

export interface DigestPort {
  guildLocale(guildId: string): string | null;
  /** One DM; 'refused' when the member does not accept DMs from the bot. */
  sendDigestDm(input: { userId: string; nonce: string; view: DigestView }): Promise<'sent' | 'refused'>;
}

/** Schedules a job unless its key exists in any state (a planned DM is never planned twice). */
function scheduleJobOnce(
  executor: Executor,
  job: { kind: string; dedupeKey: string; guildId: string; runAt: Date; payload?: Record<string, unknown> },
): Promise<boolean> {
  return insertJobOnce(executor, { ...job, subject: jobGroup(job.dedupeKey) });
}

// ---- /town join, leave, list with a mode ----

export type TownMode = 'ping' | 'digest';

/** `mode` of /town join: ping when not given; anything else than ping or digest is refused, in the member's words. */
export function readTownMode(value: string | undefined): TownMode {
  if (value === undefined) return 'ping';
  const mode = value.trim().toLowerCase();
  if (mode === 'ping' || mode === 'digest') return mode;
  throw new UserFacingError('town.error.mode', { value: value.slice(0, 40) });
}

export interface DigestJoinResult {
  town: TownRow;
  status: 'digest' | 'alreadyDigest';
}

/** Follows the town by digest: the row, the role taken away if the member had it, the guild's weekly job. */
export async function joinTownByDigest(
  deps: AppDeps,
  port: Pick<TownRolesPort, 'removeMemberRole'>,
  input: { guildId: string; userId: string; memberRoleIds: readonly string[]; town: string },
): Promise<DigestJoinResult> {
  const town = resolveTown(input.town, await listTowns(deps.db, input.guildId));
  if (input.memberRoleIds.includes(town.roleId)) {
    try {
      await port.removeMemberRole(input.guildId, input.userId, town.roleId);
    } catch (error) {
      if (!(error instanceof TownRoleError)) throw error;
      if (error.problem !== 'unknownRole') throw roleProblemError(deps.markup, error.problem, town);
    }
  }
  const now = deps.clock.now();
  const added = await deps.db.transaction(async (tx) => {
    const inserted = await addDigestTown(tx, { guildId: input.guildId, townId: town.id, userId: input.userId, now });
    const settings = await getGuildSettings(tx, input.guildId);
    const at = nextDigestAt(now, settings.timeZone);
    await scheduleJobOnce(tx, {
      kind: DIGEST_JOBS.weekly,
      dedupeKey: weeklyDigestKey(input.guildId, at),
      guildId: input.guildId,
      runAt: at,
    });
    return inserted;
  });
  return { town, status: added ? 'digest' : 'alreadyDigest' };
}

/** A town joined by ping no longer comes by digest; true when it did. */
export async function stopDigest(deps: AppDeps, townId: number, userId: string): Promise<boolean> {
  return removeDigestTown(deps.db, townId, userId);
}

/** The towns the member follows by digest, for /town list and /town leave. */
export async function digestTownsOf(deps: AppDeps, guildId: string, userId: string): Promise<Set<number>> {
  return digestTownIdsOf(deps.db, guildId, userId);
}

// ---- the weekly job ----

/** Monday 08:00: one DM job per digest member, then next Monday's run (while anyone follows a town by digest). */
export async function planWeeklyDigest(
  deps: AppDeps,
  input: { guildId: string; weekStart: Date },
): Promise<{ status: 'done' } | { status: 'skipped'; reason: string }> {
  const members = await digestMembersOf(deps.db, input.guildId);
  if (members.size === 0) return { status: 'skipped', reason: 'nobody follows a town by digest any more' };
  const now = deps.clock.now();
  const settings = await getGuildSettings(deps.db, input.guildId);
  for (const userId of members.keys()) {
    await scheduleJobOnce(deps.db, {
      kind: DIGEST_JOBS.member,
      dedupeKey: memberDigestKey(input.guildId, input.weekStart, userId),
      guildId: input.guildId,
      runAt: now,
      payload: { userId, weekStart: input.weekStart.toISOString() },
    });
  }
  const next = nextDigestAt(new Date(input.weekStart.getTime() + 60_000), settings.timeZone);
  await scheduleJobOnce(deps.db, {
    kind: DIGEST_JOBS.weekly,
    dedupeKey: weeklyDigestKey(input.guildId, next),
    guildId: input.guildId,
    runAt: next,
  });
  return { status: 'done' };
}

/**
 * One member's digest of the week from `weekStart`: the stops still to come in their digest towns. Held by their
 * quiet hours (the job moves itself to their end); nothing when there is no stop.
 */
export async function sendMemberDigest(
  deps: AppDeps,
  port: DigestPort,
  input: { guildId: string; userId: string; weekStart: Date; jobId: number; held?: boolean | undefined },
): Promise<{ status: 'done' } | { status: 'skipped'; reason: string }> {
  const now = deps.clock.now();
  const townIds = [...(await digestTownIdsOf(deps.db, input.guildId, input.userId))];
  if (townIds.length === 0) return { status: 'skipped', reason: 'no digest town any more' };
  const weekEnd = new Date(input.weekStart.getTime() + WEEK_MS);
  if (now.getTime() >= weekEnd.getTime()) return { status: 'skipped', reason: 'the week is over' };
  const stops = await upcomingStopsInTowns(deps.db, { guildId: input.guildId, townIds, from: now, to: weekEnd });
  if (stops.length === 0) return { status: 'skipped', reason: 'no stop this week in the member’s digest towns' };
  const settings = await getGuildSettings(deps.db, input.guildId);
  const choice = await getMemberPreferences(deps.db, input.guildId, input.userId);
  const decision = decideDm({ now, dueAt: now, quietHours: choice.quietHours, timeZone: settings.timeZone });
  if (decision.kind === 'hold') {
    await scheduleJobOnce(deps.db, {
      kind: DIGEST_JOBS.member,
      dedupeKey: `${memberDigestKey(input.guildId, input.weekStart, input.userId)}:held`,
      guildId: input.guildId,
      runAt: decision.sendAt,
      payload: { userId: input.userId, weekStart: input.weekStart.toISOString(), held: true },
    });
    return { status: 'skipped', reason: `held by the member’s quiet hours until ${decision.sendAt.toISOString()}` };
  }
  const note =
    decision.note ??
    (input.held && choice.quietHours ? quietHoursNote('afterQuietHours', choice.quietHours) : undefined);
  const towns = await listTowns(deps.db, input.guildId);
  const view: DigestView = {
    language: memberLanguage(choice, guildLanguage(settings, port.guildLocale(input.guildId))),
    timeZone: settings.timeZone,
    towns: towns.filter((town) => townIds.includes(town.id)).map((town) => town.name),
    stops: stops.map((stop) => ({
      tripId: stop.tripId,
      townName: stop.townName,
      startsAt: stop.startsAt,
      topic: stop.topic,
      url: announcementLink(deps.markup, stop),
    })),
    quietHoursNote: note,
  };
  await port.sendDigestDm({ userId: input.userId, nonce: `dg:${input.jobId}`, view });
  return { status: 'done' };
}
