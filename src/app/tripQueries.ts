import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { rideCountsOfStop } from '../db/repositories/rides.js';
import { listRsvps, type RsvpRow, tallyRsvps } from '../db/repositories/rsvps.js';
import { getDriveTimeOverrides, listTowns, type TownRow } from '../db/repositories/towns.js';
import { countUpcomingTrips, listUpcomingTrips } from '../db/repositories/tripListings.js';
import { getStop, listStopsOfTrip, TRIP_STATUS, type TripRow } from '../db/repositories/trips.js';
import type { Leg } from '../domain/itinerary.js';
import { countRsvps, type Rsvp, type RsvpCounts, waitlistInOrder } from '../domain/rsvp.js';
import { canEdit, tripEndsAt } from '../domain/trip.js';
import { parseWhen } from '../domain/when.js';
import { describeWhen, shortWhen } from '../domain/whenFormat.js';
import type { Language } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import { guildLanguage } from './guildLanguage.js';
import type { Markup } from './ports.js';
import { resolveTown, suggestTowns } from './towns/resolve.js';
import { legsBetween } from './trips/roads.js';
import type { AnnouncementView } from './views.js';

/** Trip ids are Postgres `serial`: a positive 32-bit integer. */
const MAX_TRIP_ID = 2_147_483_647;

/** "12", "#12", 12, and an autocomplete value → 12; anything else → null. */
export function parseTripId(ref: string | number | null | undefined): number | null {
  if (ref === null || ref === undefined) return null;
  const match = /^\s*#?\s*(\d{1,10})\s*$/.exec(String(ref));
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id >= 1 && id <= MAX_TRIP_ID ? id : null;
}

/**
 * The channels a member cannot view (src/discord/permissions.ts, from their roles and the channels' overwrites). A
 * trip announced in one of them does not exist for that member: not listed, not suggested, "not found" when named.
 * Undefined: nothing hidden.
 */
export type HiddenChannels = ReadonlySet<string> | undefined;

export function canSeeTrip(trip: Pick<TripRow, 'channelId'>, hidden: HiddenChannels): boolean {
  return !hidden || trip.channelId === null || !hidden.has(trip.channelId);
}

/**
 * Refuses, as "not found", a trip that exists but was announced in a channel the member cannot view; anything else
 * is left to the use case (its own words for a trip that does not exist).
 */
export async function refuseHiddenTrip(
  deps: AppDeps,
  input: { guildId: string; trip: string | number; hiddenChannels: HiddenChannels },
): Promise<void> {
  const id = parseTripId(input.trip);
  if (!input.hiddenChannels || input.hiddenChannels.size === 0 || id === null) return;
  const stops = await listStopsOfTrip(deps.db, input.guildId, id);
  if (stops.length > 0 && !stops.some((stop) => canSeeTrip(stop, input.hiddenChannels))) {
    throw new UserFacingError('trip.notFound', { ref: String(input.trip).slice(0, 50) });
  }
}

/** A trip by id in this guild, for adapters that hold the id (a recap's button); undefined when it is gone. */
export async function findTrip(
  deps: AppDeps,
  input: { guildId: string; tripId: number },
): Promise<TripRow | undefined> {
  return getStop(deps.db, input.guildId, input.tripId);
}

/**
 * The trip a member named by its number, in this guild only (another guild's trip is "not found", like a forged id),
 * as its first stop still to come (else its first stop), with all its stops.
 */
export async function findTripOrFail(
  deps: AppDeps,
  guildId: string,
  ref: string | number,
  hidden?: HiddenChannels,
): Promise<{ trip: TripRow; stops: TripRow[] }> {
  const id = parseTripId(ref);
  const found = id === null ? [] : await listStopsOfTrip(deps.db, guildId, id);
  // A trip the member cannot see is "not found", like a forged id: its existence is not revealed either.
  const stops = found.filter((stop) => canSeeTrip(stop, hidden));
  const now = deps.clock.now().getTime();
  const trip =
    stops.find((stop) => stop.status === TRIP_STATUS.scheduled && tripEndsAt(stop).getTime() > now) ?? stops[0];
  if (!trip) throw new UserFacingError('trip.notFound', { ref: String(ref).slice(0, 50) });
  return { trip, stops };
}

/** The link to a trip's announcement, once it was posted. */
export function announcementLink(
  markup: Markup,
  trip: Pick<TripRow, 'guildId' | 'channelId' | 'messageId'>,
): string | null {
  if (!trip.channelId || !trip.messageId) return null;
  return markup.messageLink(trip.guildId, trip.channelId, trip.messageId);
}

export function toDomainRsvps(rows: readonly RsvpRow[]): Rsvp[] {
  return rows.map((row) => ({
    userId: row.userId,
    status: row.status as Rsvp['status'],
    guests: row.guests,
    respondedAt: row.respondedAt,
    waitlistedAt: row.waitlistedAt,
  }));
}

/**
 * The announcement's content as of now (`tripId` is the trip's number), or null when the trip is gone. `stopId`
 * focuses the view on one stop (its scheduled event); otherwise on the first stop still to come.
 */
export async function loadAnnouncementView(
  deps: AppDeps,
  input: { guildId: string; tripId: number; guildLocale: string | null; stopId?: number },
): Promise<AnnouncementView | null> {
  const [rows, settings] = await Promise.all([
    listStopsOfTrip(deps.db, input.guildId, input.tripId),
    getGuildSettings(deps.db, input.guildId),
  ]);
  if (rows.length === 0) return null;
  const stops = await Promise.all(
    rows.map(async (stop, index) => ({
      stop,
      number: index + 1,
      counts: countRsvps(toDomainRsvps(await listRsvps(deps.db, stop.id)), stop.capacity),
      rides: await rideCountsOfStop(deps.db, stop.id),
    })),
  );
  const now = deps.clock.now().getTime();
  const focus =
    stops.find((entry) => entry.stop.id === input.stopId) ??
    stops.find((entry) => entry.stop.status === TRIP_STATUS.scheduled && tripEndsAt(entry.stop).getTime() > now) ??
    stops.find((entry) => entry.stop.status === TRIP_STATUS.scheduled) ??
    stops[0]!;
  return {
    trip: focus.stop,
    counts: focus.counts,
    stops,
    language: guildLanguage(settings, input.guildLocale),
    timeZone: settings.timeZone,
  };
}

// ---- autocomplete ----

export interface Suggestion {
  name: string;
  value: string;
}

/**
 * How the `when` text is understood, shown while the member types: the date written out, or what is wrong. The
 * value is the text itself, so choosing the suggestion sends exactly what was typed.
 */
export async function previewWhen(
  deps: AppDeps,
  input: { guildId: string; text: string; language: Language },
): Promise<Suggestion[]> {
  const text = input.text.trim();
  if (text === '') return [];
  const settings = await getGuildSettings(deps.db, input.guildId);
  const parsed = parseWhen(text, { now: deps.clock.now(), timeZone: settings.timeZone, locale: input.language });
  let name: string;
  if (parsed.ok) {
    const when = describeWhen(parsed.startsAt, settings.timeZone, input.language);
    name = t(input.language, parsed.hourGuessed ? 'when.preview.guessed' : 'when.preview.ok', { when });
  } else {
    const error = t(input.language, parsed.error.key, { ...parsed.error.params });
    name = t(input.language, 'when.preview.error', { error });
  }
  return [{ name: truncate(name, 100), value: text.slice(0, 100) }];
}

/** Towns for a `town` option: the name is both shown and sent (typed names are accepted too). */
export async function suggestTownNames(
  deps: AppDeps,
  input: { guildId: string; query: string },
): Promise<Suggestion[]> {
  const towns = await suggestTowns(deps, input);
  return towns.map((town) => ({ name: town.name, value: town.name }));
}

/**
 * Upcoming trips for a `trip` option: "#12 Rimouski · 4 déc. 12 h 00", value "12". `editableBy` keeps only the
 * trips that member may edit or cancel.
 */
export async function suggestTrips(
  deps: AppDeps,
  input: {
    guildId: string;
    query: string;
    language: Language;
    editableBy?: { userId: string; canManageEvents: boolean };
    hiddenChannels?: HiddenChannels;
  },
): Promise<Suggestion[]> {
  const now = deps.clock.now();
  const [settings, upcoming] = await Promise.all([
    getGuildSettings(deps.db, input.guildId),
    listUpcomingTrips(deps.db, {
      guildId: input.guildId,
      now,
      hostId: input.editableBy && !input.editableBy.canManageEvents ? input.editableBy.userId : undefined,
      hiddenChannelIds: input.hiddenChannels ? [...input.hiddenChannels] : undefined,
      limit: 100,
    }),
  ]);
  const query = normalize(input.query.replace(/^\s*#/, ''));
  const editable = input.editableBy;
  // A trip of several stops shows once, as its next stop.
  const seen = new Set<number>();
  return upcoming
    .filter((trip) => !seen.has(trip.tripId) && seen.add(trip.tripId))
    .filter((trip) => !editable || canEdit(trip, editable.userId, editable.canManageEvents))
    .filter((trip) => query === '' || String(trip.tripId).startsWith(query) || normalize(trip.townName).includes(query))
    .slice(0, 25)
    .map((trip) => ({
      name: truncate(tripLabel(trip, settings.timeZone, input.language), 100),
      value: String(trip.tripId),
    }));
}

/**
 * The stops of the trip named in the `trip` option, for a `stop` option: "1 · Rimouski · 4 déc. 12 h 00", value
 * "s<stop id>" (a stop of another trip named by hand is refused by the use case, with the list of this trip's).
 */
export async function suggestStops(
  deps: AppDeps,
  input: {
    guildId: string;
    trip: string | number | undefined;
    query: string;
    language: Language;
    hiddenChannels?: HiddenChannels;
  },
): Promise<Suggestion[]> {
  const tripId = parseTripId(input.trip);
  if (tripId === null) return [];
  const [settings, all] = await Promise.all([
    getGuildSettings(deps.db, input.guildId),
    listStopsOfTrip(deps.db, input.guildId, tripId),
  ]);
  const stops = all.filter((stop) => canSeeTrip(stop, input.hiddenChannels));
  const query = normalize(input.query);
  return stops
    .map((stop, index) => ({
      stop,
      name: t(input.language, 'stop.label', {
        number: index + 1,
        town: stop.townName,
        when: shortWhen(stop.startsAt, settings.timeZone, input.language),
      }),
    }))
    .filter((entry) => query === '' || normalize(entry.name).includes(query))
    .slice(0, 25)
    .map((entry) => ({ name: truncate(entry.name, 100), value: `s${entry.stop.id}` }));
}

/** "#12 Rimouski · 4 déc. 12 h 00 · Café du Port" */
export function tripLabel(trip: TripRow, timeZone: string, language: Language): string {
  const parts = [`#${trip.tripId} ${trip.townName}`, shortWhen(trip.startsAt, timeZone, language)];
  if (trip.topic) parts.push(trip.topic);
  return parts.join(' · ');
}

// ---- /trip list and /trip show ----

export const TRIPS_PER_PAGE = 10;

export interface TripListPage {
  entries: { trip: TripRow; goingSeats: number }[];
  /** 0-based, clamped to the existing pages. */
  page: number;
  pageCount: number;
  total: number;
  town: TownRow | null;
}

/**
 * The town a list is narrowed to: by id from a page button (a town removed since → stale button), or as typed in
 * the command; null for every town.
 */
export async function resolveTownFilter(
  deps: AppDeps,
  input: { guildId: string; town?: string | undefined; townId?: number | undefined },
): Promise<TownRow | null> {
  if (input.townId !== undefined) {
    const town = (await listTowns(deps.db, input.guildId)).find((candidate) => candidate.id === input.townId);
    if (!town) throw new UserFacingError('error.staleComponent');
    return town;
  }
  if (input.town !== undefined && input.town.trim() !== '') {
    return resolveTown(input.town, await listTowns(deps.db, input.guildId));
  }
  return null;
}

/** A requested page clamped to the pages that exist (a page button may be older than the list). */
export function pageWindow(requested: number, total: number, perPage: number): { page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  return { page: Math.min(Math.max(0, Math.trunc(requested) || 0), pageCount - 1), pageCount };
}

export async function listTripsPage(
  deps: AppDeps,
  input: {
    guildId: string;
    page: number;
    town?: string | undefined;
    townId?: number | undefined;
    hiddenChannels?: HiddenChannels;
  },
): Promise<TripListPage> {
  const now = deps.clock.now();
  const town = await resolveTownFilter(deps, input);
  const filter = {
    guildId: input.guildId,
    now,
    townId: town?.id,
    hiddenChannelIds: input.hiddenChannels ? [...input.hiddenChannels] : undefined,
  };
  const total = await countUpcomingTrips(deps.db, filter);
  const { page, pageCount } = pageWindow(input.page, total, TRIPS_PER_PAGE);
  const trips = await listUpcomingTrips(deps.db, { ...filter, limit: TRIPS_PER_PAGE, offset: page * TRIPS_PER_PAGE });
  const tallies = await tallyRsvps(
    deps.db,
    trips.map((trip) => trip.id),
  );
  return {
    entries: trips.map((trip) => ({ trip, goingSeats: tallies.get(trip.id)?.goingSeats ?? 0 })),
    page,
    pageCount,
    total,
    town,
  };
}

export interface TripDetails {
  /** The stop shown in detail: the first still to come. */
  trip: TripRow;
  /** Every stop of the trip, in itinerary order. */
  stops: TripRow[];
  /** The drive between consecutive stops. */
  legs: Leg[];
  counts: RsvpCounts;
  going: Rsvp[];
  maybe: Rsvp[];
  /** In serving order. */
  waitlist: Rsvp[];
  timeZone: string;
  url: string | null;
}

export async function showTrip(
  deps: AppDeps,
  input: { guildId: string; trip: string | number; hiddenChannels?: HiddenChannels },
): Promise<TripDetails> {
  const { trip, stops } = await findTripOrFail(deps, input.guildId, input.trip, input.hiddenChannels);
  const [rows, settings, towns, overrides] = await Promise.all([
    listRsvps(deps.db, trip.id),
    getGuildSettings(deps.db, input.guildId),
    listTowns(deps.db, input.guildId),
    getDriveTimeOverrides(deps.db, input.guildId),
  ]);
  const rsvps = toDomainRsvps(rows);
  return {
    trip,
    stops,
    legs: legsBetween(stops, towns, overrides),
    counts: countRsvps(rsvps, trip.capacity),
    going: rsvps.filter((rsvp) => rsvp.status === 'going'),
    maybe: rsvps.filter((rsvp) => rsvp.status === 'maybe'),
    waitlist: waitlistInOrder(rsvps),
    timeZone: settings.timeZone,
    url: announcementLink(deps.markup, trip),
  };
}

function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
