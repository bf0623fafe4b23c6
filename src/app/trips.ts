import { sql } from 'drizzle-orm';
import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { listMembersByStatus, listRsvps, saveRsvps } from '../db/repositories/rsvps.js';
import { getDriveTimeOverrides, listTowns, type TownRow } from '../db/repositories/towns.js';
import {
  countPingedTripsByHostSince,
  deleteTrip,
  insertTrip,
  lastRolePingsByHost,
  lockTrip,
  TRIP_STATUS,
  type TripPatch,
  type TripRow,
  updateTrip,
} from '../db/repositories/trips.js';
import { promoteWaitlist, seatsUsed } from '../domain/rsvp.js';
import { cleanUserText } from '../domain/text.js';
import { townsWithin } from '../domain/towns.js';
import {
  canEdit,
  checkPingBudget,
  isPast,
  MAX_CAPACITY,
  MIN_CAPACITY,
  type Reach,
  validateTripInput,
} from '../domain/trip.js';
import { parseWhen } from '../domain/when.js';
import { describeWhen, discordTimestamp } from '../domain/whenFormat.js';
import { DAY_MS, MINUTE_MS } from '../domain/zonedTime.js';
import { type Language, type MessageKey, type MessageParams, t } from '../i18n/index.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import { guildLanguage } from './guildLanguage.js';
import { changedRows, notifyPromoted, postNotice } from './rsvp.js';
import { resolveTown } from './towns.js';
import { cancelTripJobs, scheduleTripJobs } from './tripJobs.js';
import {
  type AnnouncementView,
  announcementUrl,
  loadAnnouncementView,
  parseTripId,
  toDomainRsvps,
} from './tripQueries.js';

// ---- the Discord port ----

export interface ThreadMessage {
  content: string;
  /** Exactly the members this message pings (allowed_mentions.users). */
  mentionUserIds: string[];
}

/**
 * The Discord side effects of trips, implemented with discord.js in src/discord/tripPort.ts. Messages are rendered
 * there from the view; every text they hold comes from the i18n catalogs.
 */
export interface TripPort {
  /**
   * Posts the announcement in the channel, pinging exactly `view.trip.pingedRoleIds`. Returns null when the bot
   * cannot post there (no access, missing permission, unknown channel); throws on anything else.
   */
  postAnnouncement(input: { channelId: string; view: AnnouncementView }): Promise<{ messageId: string } | null>;
  /**
   * Re-renders the announcement from the database, after any edit already in flight (see announcementUpdater.ts).
   * `withCalendar` replaces the .ics (the time, place or topic changed). Never throws.
   */
  refreshAnnouncement(input: { guildId: string; tripId: number; withCalendar: boolean }): Promise<void>;
  /** The guild's scheduled event mirroring the trip; null when the bot may not (no Manage Events) or it failed. */
  createScheduledEvent(input: { guildId: string; view: AnnouncementView }): Promise<string | null>;
  updateScheduledEvent(input: { guildId: string; eventId: string; view: AnnouncementView }): Promise<void>;
  cancelScheduledEvent(input: { guildId: string; eventId: string }): Promise<void>;
  /**
   * Posts in the announcement's thread, creating the thread on the announcement first when there is none (a thread
   * started on a message takes that message's id; "already created" counts as success). Returns the thread id.
   */
  postInThread(input: {
    guildId: string;
    channelId: string;
    messageId: string;
    threadId: string | null;
    threadName: string;
    messages: ThreadMessage[];
  }): Promise<{ threadId: string }>;
  /** false when the member does not accept DMs from the bot. */
  sendDirectMessage(input: { userId: string; content: string }): Promise<boolean>;
  /** The guild's preferred locale as Discord reports it (for the guild's language), null when unknown. */
  guildLocale(guildId: string): string | null;
}

// ---- /trip new ----

export interface NewTripInput {
  guildId: string;
  hostId: string;
  /** Where /trip was used: the announcement goes there when the guild has no trips channel. */
  channelId: string;
  /** The member's language: how `when` is read first, and the language of the answer. */
  language: Language;
  town: string;
  when: string;
  topic?: string | null | undefined;
  venue?: string | null | undefined;
  durationMinutes?: number | null | undefined;
  capacity?: number | null | undefined;
  reach?: string | null | undefined;
}

/** Why some or all roles were not pinged, ready for the member's language. */
export interface PingNote {
  key: MessageKey;
  params: MessageParams;
}

export interface NewTripResult {
  trip: TripRow;
  url: string | null;
  pingedRoleIds: string[];
  notes: PingNote[];
  scheduledEvent: boolean;
  timeZone: string;
}

export async function createTrip(deps: AppDeps, port: TripPort, input: NewTripInput): Promise<NewTripResult> {
  const now = deps.clock.now();
  const settings = await getGuildSettings(deps.db, input.guildId);
  const towns = await listTowns(deps.db, input.guildId);
  const town = resolveTown(input.town, towns);
  const startsAt = readWhen(input.when, { now, timeZone: settings.timeZone, language: input.language });
  const valid = validOrThrow(
    validateTripInput(
      {
        townId: String(town.id),
        startsAt,
        durationMinutes: input.durationMinutes,
        capacity: input.capacity,
        topic: input.topic,
        venue: input.venue,
        reach: input.reach,
      },
      now,
    ),
  );
  const overrides = await getDriveTimeOverrides(deps.db, input.guildId);
  const reachedRoleIds = reachedTowns(town, towns, valid.reach, settings.nearbyMinutes, overrides).map(
    (reached) => reached.roleId,
  );
  const channelId = settings.tripsChannelId ?? input.channelId;

  const { trip, notes } = await deps.db.transaction(async (tx) => {
    // One announcement at a time per host, so two quick /trip new cannot both spend the last ping of the budget.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`trip-budget:${input.guildId}:${input.hostId}`}))`);
    const budget = await pingBudget(tx, {
      guildId: input.guildId,
      hostId: input.hostId,
      roleIds: reachedRoleIds,
      now,
      maxTripsPerDay: settings.maxTripsPerDay,
      townCooldownMinutes: settings.townPingCooldownMinutes,
    });
    const inserted = await insertTrip(tx, {
      guildId: input.guildId,
      hostId: input.hostId,
      townId: town.id,
      townName: town.name,
      startsAt: valid.startsAt,
      durationMinutes: valid.durationMinutes,
      topic: valid.topic,
      venue: valid.venue,
      capacity: valid.capacity,
      reach: valid.reach,
      status: TRIP_STATUS.scheduled,
      channelId,
      pingedRoleIds: budget.pinged,
      createdAt: now,
      updatedAt: now,
    });
    await saveRsvps(tx, [
      { tripId: inserted.id, userId: input.hostId, status: 'going', guests: 0, respondedAt: now, waitlistedAt: null },
    ]);
    await scheduleTripJobs(tx, inserted, settings, now);
    return { trip: inserted, notes: budget.notes };
  });

  const language = guildLanguage(settings, port.guildLocale(input.guildId));
  const view = (saved: TripRow): AnnouncementView => ({
    trip: saved,
    counts: { going: 1, goingMembers: 1, maybe: 0, waitlist: 0, no: 0, seatsLeft: seatsLeftOf(saved.capacity, 1) },
    language,
    timeZone: settings.timeZone,
  });

  let posted: { messageId: string } | null;
  try {
    posted = await port.postAnnouncement({ channelId, view: view(trip) });
  } catch (error) {
    await undoTrip(deps, trip);
    throw error;
  }
  if (!posted) {
    await undoTrip(deps, trip);
    throw new UserFacingError('trip.cannotPost', { channel: `<#${channelId}>` });
  }
  let saved = await updateTrip(deps.db, trip.guildId, trip.id, { messageId: posted.messageId }, now);

  const eventId = await port.createScheduledEvent({ guildId: input.guildId, view: view(saved) }).catch((error) => {
    deps.logger.warn({ err: error, guildId: input.guildId, tripId: trip.id }, 'could not create the scheduled event');
    return null;
  });
  if (eventId) saved = await updateTrip(deps.db, trip.guildId, trip.id, { scheduledEventId: eventId }, now);

  deps.logger.info(
    { guildId: input.guildId, userId: input.hostId, tripId: trip.id, pinged: saved.pingedRoleIds.length },
    'trip announced',
  );
  return {
    trip: saved,
    url: announcementUrl(saved),
    pingedRoleIds: saved.pingedRoleIds,
    notes,
    scheduledEvent: eventId !== null,
    timeZone: settings.timeZone,
  };
}

/** The announcement could not be posted: the trip must not exist (its RSVPs go with it, its jobs are cancelled). */
async function undoTrip(deps: AppDeps, trip: TripRow): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await cancelTripJobs(tx, trip.id, deps.clock.now());
    await deleteTrip(tx, trip.guildId, trip.id);
  });
}

function seatsLeftOf(capacity: number | null, taken: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - taken);
}

/**
 * `when` read in the guild's zone; an hour that could be morning or evening ("at 7") is asked again rather than
 * guessed.
 */
function readWhen(text: string, options: { now: Date; timeZone: string; language: Language }): Date {
  const parsed = parseWhen(text, { now: options.now, timeZone: options.timeZone, locale: options.language });
  if (!parsed.ok) throw new UserFacingError(parsed.error.key, { ...parsed.error.params });
  if (parsed.hourGuessed) {
    const { hour, minute } = parsed.wall;
    const minutes = String(minute).padStart(2, '0');
    const french = options.language === 'fr';
    throw new UserFacingError('when.hourGuessed', {
      text: text.trim().slice(0, 100),
      hour,
      morning: french ? `${hour} h ${minutes}` : `${hour}:${minutes} am`,
      evening: french ? `${hour + 12} h ${minutes}` : `${hour}:${minutes} pm`,
    });
  }
  return parsed.startsAt;
}

function validOrThrow<T>(
  result:
    | { ok: true; trip: T }
    | { ok: false; error: { key: string; params: Readonly<Record<string, string | number>> } },
): T {
  if (result.ok) return result.trip;
  const { key, params } = result.error;
  if (key === 'text.tooLong') {
    throw new UserFacingError(params.field === 'venue' ? 'trip.venueTooLong' : 'trip.topicTooLong', { ...params });
  }
  throw new UserFacingError(key as MessageKey, { ...params });
}

/** The towns an announcement pings: the town; plus those within the guild's drive time; or every town. */
export function reachedTowns(
  town: TownRow,
  towns: readonly TownRow[],
  reach: Reach,
  nearbyMinutes: number,
  overrides: ReadonlyMap<string, number>,
): TownRow[] {
  if (reach === 'region') return [town, ...towns.filter((other) => other.id !== town.id)];
  if (reach === 'town') return [town];
  const located = (row: TownRow) => ({ id: row.id, lat: row.latitude, lon: row.longitude, row });
  const nearby = townsWithin(located(town), towns.map(located), nearbyMinutes, overrides);
  return [town, ...nearby.map((entry) => entry.town.row)];
}

async function pingBudget(
  executor: Parameters<typeof countPingedTripsByHostSince>[0],
  input: {
    guildId: string;
    hostId: string;
    roleIds: readonly string[];
    now: Date;
    maxTripsPerDay: number;
    townCooldownMinutes: number;
  },
): Promise<{ pinged: string[]; notes: PingNote[] }> {
  const roleIds = [...new Set(input.roleIds)];
  const since = new Date(input.now.getTime() - DAY_MS);
  const hostTripsLast24h = await countPingedTripsByHostSince(executor, input.guildId, input.hostId, since);
  const lastPings = await lastRolePingsByHost(executor, input.guildId, input.hostId, roleIds);
  const pinged: string[] = [];
  const cooling: string[] = [];
  let cooldown: MessageParams | null = null;
  for (const roleId of roleIds) {
    const decision = checkPingBudget({
      hostTripsLast24h,
      lastPingOfTownByHostAt: lastPings.get(roleId) ?? null,
      now: input.now,
      maxTripsPerDay: input.maxTripsPerDay,
      townCooldownMinutes: input.townCooldownMinutes,
    });
    if (decision.ping) {
      pinged.push(roleId);
    } else if (decision.reason.key === 'budget.dailyLimit') {
      return { pinged: [], notes: [{ key: 'budget.dailyLimit', params: { ...decision.reason.params } }] };
    } else {
      cooling.push(roleId);
      const remaining = Number(decision.reason.params.remainingMinutes ?? 0);
      if (!cooldown || remaining > Number(cooldown.remainingMinutes)) cooldown = { ...decision.reason.params };
    }
  }
  const notes: PingNote[] = cooldown
    ? [
        {
          key: 'budget.townCooldown',
          params: { ...cooldown, roles: cooling.map((roleId) => `<@&${roleId}>`).join(', ') },
        },
      ]
    : [];
  return { pinged, notes };
}

// ---- /trip edit ----

export interface TripActor {
  guildId: string;
  userId: string;
  /** The member has Manage Events: they may edit or cancel anyone's trip. */
  canManageEvents: boolean;
  language: Language;
}

export interface EditTripInput extends TripActor {
  trip: string | number;
  when?: string | null | undefined;
  /** "-" clears it. */
  venue?: string | null | undefined;
  /** "-" clears it. */
  topic?: string | null | undefined;
  /** 0 removes the limit. */
  capacity?: number | null | undefined;
  durationMinutes?: number | null | undefined;
}

export type TripChange =
  | { field: 'when'; value: Date; previous: Date }
  | { field: 'venue' | 'topic'; value: string | null }
  | { field: 'capacity'; value: number | null }
  | { field: 'duration'; value: number };

export interface EditTripResult {
  trip: TripRow;
  changes: TripChange[];
  /** Members told in the announcement's thread. */
  notified: number;
  promoted: string[];
  /** Seats already taken when the new capacity is below them (nobody is removed). */
  overCapacity: { going: number; capacity: number } | null;
  timeZone: string;
}

const CLEAR = new Set(['-', '—', 'none', 'aucun', 'aucune']);

export async function editTrip(deps: AppDeps, port: TripPort, input: EditTripInput): Promise<EditTripResult> {
  const given = [input.when, input.venue, input.topic, input.capacity, input.durationMinutes].some(
    (value) => value !== undefined && value !== null,
  );
  if (!given) throw new UserFacingError('trip.edit.nothing');
  const tripId = requireTripId(input.trip);
  const now = deps.clock.now();
  const settings = await getGuildSettings(deps.db, input.guildId);

  const outcome = await deps.db.transaction(async (tx) => {
    const trip = await lockTrip(tx, input.guildId, tripId);
    assertEditable(trip, input, now, input.trip);

    const startsAt = input.when
      ? readWhen(input.when, { now, timeZone: settings.timeZone, language: input.language })
      : null;
    const capacity = input.capacity === undefined || input.capacity === null ? undefined : input.capacity;
    if (capacity !== undefined && capacity !== 0 && (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY)) {
      throw new UserFacingError('trip.badCapacityEdit', { min: MIN_CAPACITY, max: MAX_CAPACITY, value: capacity });
    }
    const clears = (text: string | null | undefined) =>
      typeof text === 'string' && CLEAR.has(text.trim().toLowerCase());
    // The domain validates the fields; the start it checks is already validated by readWhen (or unchanged).
    const valid = validOrThrow(
      validateTripInput(
        {
          townId: String(trip.townId ?? ''),
          startsAt: startsAt ?? new Date(now.getTime() + MINUTE_MS),
          durationMinutes: input.durationMinutes ?? trip.durationMinutes,
          capacity: capacity === undefined || capacity === 0 ? null : capacity,
          topic: clears(input.topic) ? null : input.topic,
          venue: clears(input.venue) ? null : input.venue,
          reach: trip.reach,
        },
        now,
      ),
    );

    const patch: TripPatch = {};
    const changes: TripChange[] = [];
    if (startsAt && startsAt.getTime() !== trip.startsAt.getTime()) {
      patch.startsAt = startsAt;
      changes.push({ field: 'when', value: startsAt, previous: trip.startsAt });
    }
    if (input.venue !== undefined && input.venue !== null && valid.venue !== trip.venue) {
      patch.venue = valid.venue;
      changes.push({ field: 'venue', value: valid.venue });
    }
    if (input.topic !== undefined && input.topic !== null && valid.topic !== trip.topic) {
      patch.topic = valid.topic;
      changes.push({ field: 'topic', value: valid.topic });
    }
    if (capacity !== undefined && valid.capacity !== trip.capacity) {
      patch.capacity = valid.capacity;
      changes.push({ field: 'capacity', value: valid.capacity });
    }
    if (
      input.durationMinutes !== undefined &&
      input.durationMinutes !== null &&
      valid.durationMinutes !== trip.durationMinutes
    ) {
      patch.durationMinutes = valid.durationMinutes;
      changes.push({ field: 'duration', value: valid.durationMinutes });
    }
    if (changes.length === 0) throw new UserFacingError('trip.edit.noChange', { id: trip.id });

    let promoted: string[] = [];
    let overCapacity: EditTripResult['overCapacity'] = null;
    if (patch.capacity !== undefined) {
      const stored = await listRsvps(tx, trip.id);
      const rebalanced = promoteWaitlist(toDomainRsvps(stored), patch.capacity);
      promoted = rebalanced.promoted;
      await saveRsvps(tx, changedRows(trip.id, stored, rebalanced.rsvps));
      const going = seatsUsed(rebalanced.rsvps);
      if (patch.capacity !== null && going > patch.capacity) overCapacity = { going, capacity: patch.capacity };
    }
    const updated = await updateTrip(tx, trip.guildId, trip.id, patch, now);
    if (patch.startsAt || patch.durationMinutes) await scheduleTripJobs(tx, updated, settings, now);
    const audience = await audienceOf(tx, updated, input.userId);
    return { trip: updated, changes, promoted, overCapacity, audience };
  });

  const { trip, changes } = outcome;
  const calendarChanged = changes.some((change) => change.field !== 'capacity');
  await port.refreshAnnouncement({ guildId: trip.guildId, tripId: trip.id, withCalendar: calendarChanged });
  const language = guildLanguage(settings, port.guildLocale(trip.guildId));
  if (trip.scheduledEventId && calendarChanged) {
    const guildLocale = port.guildLocale(trip.guildId);
    const view = await loadAnnouncementView(deps, { guildId: trip.guildId, tripId: trip.id, guildLocale });
    if (view) {
      await port
        .updateScheduledEvent({ guildId: trip.guildId, eventId: trip.scheduledEventId, view })
        .catch((error) => deps.logger.warn({ err: error, tripId: trip.id }, 'could not update the scheduled event'));
    }
  }
  let notified = 0;
  if (outcome.audience.length > 0) {
    const lines = describeChanges(language, changes);
    const threadId = await postNotice(deps, port, {
      trip,
      language,
      timeZone: settings.timeZone,
      userIds: outcome.audience,
      text: (mentions) => t(language, 'notice.edited', { mentions, id: trip.id, town: trip.townName, changes: lines }),
    });
    if (threadId) {
      notified = outcome.audience.length;
      trip.threadId = threadId;
    }
  }
  if (outcome.promoted.length > 0) await notifyPromoted(deps, port, { trip, userIds: outcome.promoted });
  return {
    trip,
    changes,
    notified,
    promoted: outcome.promoted,
    overCapacity: outcome.overCapacity,
    timeZone: settings.timeZone,
  };
}

/** "• When: <t:…:F> (was <t:…:F>)" lines; Discord timestamps show in each reader's own zone and language. */
export function describeChanges(language: Language, changes: readonly TripChange[]): string {
  return changes
    .map((change) => {
      switch (change.field) {
        case 'when':
          return t(language, 'trip.change.when', {
            value: `${discordTimestamp(change.value, 'F')} (${discordTimestamp(change.value, 'R')})`,
            previous: discordTimestamp(change.previous, 'F'),
          });
        case 'venue':
        case 'topic':
          return t(language, change.field === 'venue' ? 'trip.change.venue' : 'trip.change.topic', {
            value: change.value ?? t(language, 'trip.value.none'),
          });
        case 'capacity':
          return t(language, 'trip.change.capacity', {
            value: change.value === null ? t(language, 'trip.value.unlimited') : change.value,
          });
        case 'duration':
          return t(language, 'trip.change.duration', { value: formatDuration(change.value, language) });
      }
      return '';
    })
    .join('\n');
}

/** 90 → "1 h 30" (fr) / "1 h 30 min" (en); 45 → "45 min"; 120 → "2 h". */
export function formatDuration(minutes: number, language: Language): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  if (rest === 0) return `${hours} h`;
  const padded = String(rest).padStart(2, '0');
  return language === 'fr' ? `${hours} h ${padded}` : `${hours} h ${padded} min`;
}

// ---- /trip cancel ----

export interface CancelTripInput extends TripActor {
  trip: string | number;
  reason?: string | null | undefined;
}

export interface CancelTripResult {
  trip: TripRow;
  notified: number;
}

export const CANCEL_REASON_MAX_LENGTH = 200;

export async function cancelTrip(deps: AppDeps, port: TripPort, input: CancelTripInput): Promise<CancelTripResult> {
  const tripId = requireTripId(input.trip);
  let reason: string | null = null;
  if (input.reason) {
    const cleaned = cleanUserText(input.reason, { maxLength: CANCEL_REASON_MAX_LENGTH });
    if (!cleaned.ok && cleaned.error.key === 'text.tooLong') {
      throw new UserFacingError('trip.reasonTooLong', { ...cleaned.error.params });
    }
    reason = cleaned.ok ? cleaned.value : null;
  }
  const now = deps.clock.now();
  const settings = await getGuildSettings(deps.db, input.guildId);
  const { trip, audience } = await deps.db.transaction(async (tx) => {
    const locked = await lockTrip(tx, input.guildId, tripId);
    assertEditable(locked, input, now, input.trip);
    const cancelled = await updateTrip(
      tx,
      locked.guildId,
      locked.id,
      { status: TRIP_STATUS.cancelled, cancelReason: reason },
      now,
    );
    await cancelTripJobs(tx, locked.id, now);
    return { trip: cancelled, audience: await audienceOf(tx, cancelled, input.userId) };
  });

  await port.refreshAnnouncement({ guildId: trip.guildId, tripId: trip.id, withCalendar: false });
  if (trip.scheduledEventId) {
    await port
      .cancelScheduledEvent({ guildId: trip.guildId, eventId: trip.scheduledEventId })
      .catch((error) => deps.logger.warn({ err: error, tripId: trip.id }, 'could not cancel the scheduled event'));
  }
  let notified = 0;
  if (audience.length > 0) {
    const language = guildLanguage(settings, port.guildLocale(trip.guildId));
    const when = describeWhen(trip.startsAt, settings.timeZone, language);
    const threadId = await postNotice(deps, port, {
      trip,
      language,
      timeZone: settings.timeZone,
      userIds: audience,
      text: (mentions) =>
        [
          t(language, 'notice.cancelled', { mentions, id: trip.id, town: trip.townName, when }),
          reason ? t(language, 'notice.cancelledReason', { reason }) : null,
        ]
          .filter(Boolean)
          .join('\n'),
    });
    if (threadId) notified = audience.length;
  }
  deps.logger.info({ guildId: trip.guildId, userId: input.userId, tripId: trip.id }, 'trip cancelled');
  return { trip, notified };
}

// ---- shared ----

function requireTripId(ref: string | number): number {
  const id = parseTripId(ref);
  if (id === null) throw new UserFacingError('trip.notFound', { ref: String(ref).slice(0, 50) });
  return id;
}

function assertEditable(
  trip: TripRow | undefined,
  actor: TripActor,
  now: Date,
  ref: string | number,
): asserts trip is TripRow {
  if (!trip) throw new UserFacingError('trip.notFound', { ref: String(ref).slice(0, 50) });
  if (!canEdit(trip, actor.userId, actor.canManageEvents)) {
    throw new UserFacingError('trip.notAllowed', { id: trip.id, host: `<@${trip.hostId}>` });
  }
  if (trip.status === TRIP_STATUS.cancelled) throw new UserFacingError('trip.isCancelled', { id: trip.id });
  if (isPast(trip, now)) throw new UserFacingError('trip.isPast', { id: trip.id });
}

/**
 * Who hears about an edit or a cancellation: members going, maybe, and waiting (they planned to come too), minus
 * the member making the change.
 */
async function audienceOf(
  executor: Parameters<typeof listMembersByStatus>[0],
  trip: TripRow,
  actorId: string,
): Promise<string[]> {
  const rows = await listMembersByStatus(executor, trip.id, ['going', 'maybe', 'waitlist']);
  return rows.map((row) => row.userId).filter((userId) => userId !== actorId);
}
