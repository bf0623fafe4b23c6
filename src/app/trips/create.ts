import { getGuildSettings } from '../../db/repositories/guildSettings.js';
import { saveRsvps } from '../../db/repositories/rsvps.js';
import { getDriveTimeOverrides, listTowns, type TownRow } from '../../db/repositories/towns.js';
import {
  deleteTrip,
  insertTrip,
  lockHostAnnouncements,
  TRIP_STATUS,
  type TripRow,
  updateStop,
} from '../../db/repositories/trips.js';
import { seatsLeftOf } from '../../domain/rsvp.js';
import { townsWithin } from '../../domain/towns.js';
import { type Reach, validateTripInput } from '../../domain/trip.js';
import type { Language, MessageKey, MessageParams } from '../../i18n/index.js';
import { assertMayAnnounce, pingBudget } from '../announceLimits.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import { guildLanguage } from '../guildLanguage.js';
import type { TripPort } from '../ports.js';
import { decidePings, holdPings } from '../quietPings.js';
import { resolveTown } from '../towns/resolve.js';
import { cancelTripJobs, scheduleTripJobs } from '../tripJobs.js';
import { announcementLink } from '../tripQueries.js';
import type { AnnouncementView } from '../views.js';
import { readWhen, validOrThrow } from './shared.js';

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
  /** Manage Events (guild-level): exempt from the daily limit of trips, may notify the whole region. */
  canManageEvents?: boolean | undefined;
  /** The member may send messages in `channelId` (with no trips channel, they may announce only there). */
  memberCanSend?: boolean | undefined;
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

/** The options a stop is announced with, read alike by /trip new and /trip add-stop. */
type StopOptions = Pick<
  NewTripInput,
  'guildId' | 'town' | 'when' | 'language' | 'durationMinutes' | 'capacity' | 'topic' | 'venue' | 'reach'
>;

/** The guild's settings and towns, the stop's town and time read and its options checked, the roles it reaches. */
export async function readStop(deps: AppDeps, input: StopOptions) {
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
  // The stop as stored, alike for a trip's first stop and an added one.
  const columns = {
    townId: town.id,
    townName: town.name,
    startsAt: valid.startsAt,
    durationMinutes: valid.durationMinutes,
    topic: valid.topic,
    venue: valid.venue,
    capacity: valid.capacity,
    reach: valid.reach,
    status: TRIP_STATUS.scheduled,
  };
  return { now, settings, towns, town, valid, overrides, reachedRoleIds, columns };
}

export async function createTrip(deps: AppDeps, port: TripPort, input: NewTripInput): Promise<NewTripResult> {
  const { now, settings, valid, reachedRoleIds, columns } = await readStop(deps, input);
  const channelId = settings.tripsChannelId ?? input.channelId;
  if (!settings.tripsChannelId && input.memberCanSend === false) {
    throw new UserFacingError('trip.error.cannotSendHere', { channel: deps.markup.channel(channelId) });
  }

  const { trip, notes } = await deps.db.transaction(async (tx) => {
    // One announcement at a time per host, so two quick /trip new cannot both spend the last ping of the budget.
    await lockHostAnnouncements(tx, input.guildId, input.hostId);
    await assertMayAnnounce(tx, deps.markup, {
      guildId: input.guildId,
      hostId: input.hostId,
      canManageEvents: input.canManageEvents ?? false,
      reach: valid.reach,
      now,
      maxTripsPerDay: settings.maxTripsPerDay,
    });
    // The budget and cooldowns, or in the server's quiet hours every ping held to their end (src/app/quietPings.ts).
    const budget = await decidePings(tx, deps.markup, {
      guildId: input.guildId,
      hostId: input.hostId,
      roleIds: reachedRoleIds,
      now,
      settings,
    });
    const inserted = await insertTrip(tx, {
      guildId: input.guildId,
      hostId: input.hostId,
      ...columns,
      channelId,
      pingedRoleIds: budget.pinged,
      createdAt: now,
      updatedAt: now,
    });
    await saveRsvps(tx, [
      { stopId: inserted.id, userId: input.hostId, status: 'going', guests: 0, respondedAt: now, waitlistedAt: null },
    ]);
    await scheduleTripJobs(tx, inserted, settings, now);
    await holdPings(tx, inserted, budget);
    return { trip: inserted, notes: budget.notes };
  });

  const language = guildLanguage(settings, port.guildLocale(input.guildId));
  const view = (saved: TripRow): AnnouncementView => {
    const counts = {
      going: 1,
      goingMembers: 1,
      maybe: 0,
      waitlist: 0,
      no: 0,
      seatsLeft: seatsLeftOf(saved.capacity, 1),
    };
    return { trip: saved, counts, stops: [{ stop: saved, number: 1, counts }], language, timeZone: settings.timeZone };
  };

  let posted: { messageId: string } | null;
  try {
    posted = await port.postAnnouncement({ channelId, view: view(trip) });
  } catch (error) {
    await undoTrip(deps, trip);
    throw error;
  }
  if (!posted) {
    await undoTrip(deps, trip);
    throw new UserFacingError('trip.cannotPost', { channel: deps.markup.channel(channelId) });
  }
  let saved = await updateStop(deps.db, trip.guildId, trip.id, { messageId: posted.messageId }, now);

  const eventId = await port.createScheduledEvent({ guildId: input.guildId, view: view(saved) }).catch((error) => {
    deps.logger.warn({ err: error, guildId: input.guildId, tripId: trip.id }, 'could not create the scheduled event');
    return null;
  });
  if (eventId) saved = await updateStop(deps.db, trip.guildId, trip.id, { scheduledEventId: eventId }, now);

  deps.logger.info(
    { guildId: input.guildId, userId: input.hostId, tripId: trip.id, pinged: saved.pingedRoleIds.length },
    'trip announced',
  );
  return {
    trip: saved,
    url: announcementLink(deps.markup, saved),
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
    await deleteTrip(tx, trip.guildId, trip.tripId);
  });
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

/** Which roles the host may ping now (src/app/announceLimits.ts: the daily budget, each town's cooldown). */
export { pingBudget };
