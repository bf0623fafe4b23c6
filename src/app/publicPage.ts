import type { Database } from '../db/client.js';
import type { GuildSettingsRow } from '../db/repositories/guildSettings.js';
import { findPublishedGuild } from '../db/repositories/publicPages.js';
import {
  countPastMeetups,
  listFeedStops,
  listStopsOfTrip,
  listUpcomingStops,
  townsWithUpcomingStops,
} from '../db/repositories/stops.js';
import { listTowns } from '../db/repositories/towns.js';
import type { Clock } from '../domain/clock.js';
import { normalizeTownName } from '../domain/towns.js';
import type { Language } from '../i18n/index.js';
import { guildLanguage } from './guildLanguage.js';
import { lastModified, type Stop, withCounts } from './stops.js';

/**
 * The public community page, trip pages and public feeds (issue 14): read-only queries for the web adapter. A guild
 * that did not opt in is `null` exactly like a slug that does not exist, so nothing tells them apart.
 */

/** What the web side may learn from Discord about a guild: its name, locale, members' display names. */
export interface GuildDirectory {
  guildName(guildId: string): string | undefined;
  guildLocale(guildId: string): string | null;
  displayNames(guildId: string, userIds: readonly string[]): Promise<Map<string, string>>;
}

export interface WebDeps {
  db: Database;
  clock: Clock;
  directory: GuildDirectory;
}

export interface PublicTown {
  id: number;
  name: string;
  /** "riviere-du-loup": the per-town feed's and the filter's key. */
  slug: string;
  lat: number | null;
  lon: number | null;
  hasUpcoming: boolean;
}

export interface PublishedGuild {
  guildId: string;
  slug: string;
  name: string;
  language: Language;
  timeZone: string;
  inviteUrl: string | null;
  showNames: boolean;
  updatedAt: Date;
}

export interface PublicPageView {
  guild: PublishedGuild;
  towns: PublicTown[];
  stops: Stop[];
  /** The town the page is filtered on, when one is. */
  town: PublicTown | undefined;
  pastCount: number;
  /** Hosts' display names, only when the guild shows them (public_names). */
  hostNames: Map<string, string>;
}

export const PAGE_STOP_LIMIT = 100;
export const FEED_STOP_LIMIT = 500;
/** Feeds keep ended and cancelled stops this long, so that a subscribed calendar sees the cancellation. */
export const FEED_PAST_DAYS = 30;

export function townSlug(name: string): string {
  return normalizeTownName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A slug from a server's name: "Tech Bas-Saint-Laurent!" → "tech-bas-saint-laurent". */
export function slugFromName(name: string): string {
  const slug = townSlug(name).slice(0, 40).replace(/-$/, '');
  return slug || 'community';
}

export function isValidSlug(slug: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(slug);
}

async function publishedGuild(deps: WebDeps, slug: string, language?: Language): Promise<PublishedGuild | null> {
  if (!isValidSlug(slug)) return null;
  const settings = await findPublishedGuild(deps.db, slug);
  if (!settings) return null;
  return describeGuild(deps, settings, slug, language);
}

function describeGuild(deps: WebDeps, settings: GuildSettingsRow, slug: string, language?: Language): PublishedGuild {
  return {
    guildId: settings.guildId,
    slug,
    name: deps.directory.guildName(settings.guildId) ?? slug,
    language: language ?? guildLanguage(settings, deps.directory.guildLocale(settings.guildId)),
    timeZone: settings.timeZone,
    inviteUrl: settings.inviteUrl,
    showNames: settings.publicNames,
    updatedAt: settings.updatedAt,
  };
}

async function publicTowns(deps: WebDeps, guildId: string): Promise<PublicTown[]> {
  const [towns, highlighted] = await Promise.all([
    listTowns(deps.db, guildId),
    townsWithUpcomingStops(deps.db, guildId, deps.clock.now()),
  ]);
  return towns.map((town) => ({
    id: town.id,
    name: town.name,
    slug: townSlug(town.name),
    lat: town.latitude,
    lon: town.longitude,
    hasUpcoming: highlighted.has(town.id),
  }));
}

async function hostNames(deps: WebDeps, guild: PublishedGuild, stops: readonly Stop[]): Promise<Map<string, string>> {
  if (!guild.showNames || stops.length === 0) return new Map();
  return deps.directory.displayNames(guild.guildId, [...new Set(stops.map((stop) => stop.hostId))]);
}

export async function loadPublicPage(
  deps: WebDeps,
  input: { slug: string; townSlug?: string | undefined; language?: Language | undefined },
): Promise<PublicPageView | null> {
  const guild = await publishedGuild(deps, input.slug, input.language);
  if (!guild) return null;
  const towns = await publicTowns(deps, guild.guildId);
  const town = input.townSlug ? towns.find((candidate) => candidate.slug === input.townSlug) : undefined;
  const now = deps.clock.now();
  const [rows, pastCount] = await Promise.all([
    listUpcomingStops(deps.db, { guildId: guild.guildId, now, townId: town?.id, limit: PAGE_STOP_LIMIT }),
    countPastMeetups(deps.db, guild.guildId, now),
  ]);
  const stops = await withCounts(deps.db, rows);
  return { guild, towns, stops, town, pastCount, hostNames: await hostNames(deps, guild, stops) };
}

export interface TripPageView {
  guild: PublishedGuild;
  towns: PublicTown[];
  /** The trip's stops in itinerary order. */
  stops: Stop[];
  /** Towns whose role the announcement pinged. */
  pingedTownIds: Set<number>;
  hostNames: Map<string, string>;
}

export async function loadTripPage(
  deps: WebDeps,
  input: { slug: string; tripId: number; language?: Language | undefined },
): Promise<TripPageView | null> {
  const guild = await publishedGuild(deps, input.slug, input.language);
  if (!guild) return null;
  const rows = await listStopsOfTrip(deps.db, guild.guildId, input.tripId);
  if (rows.length === 0) return null;
  const [stops, towns, allTowns] = await Promise.all([
    withCounts(deps.db, rows),
    publicTowns(deps, guild.guildId),
    listTowns(deps.db, guild.guildId),
  ]);
  const pinged = new Set(stops.flatMap((stop) => stop.pingedRoleIds));
  const pingedTownIds = new Set(allTowns.filter((town) => pinged.has(town.roleId)).map((town) => town.id));
  return { guild, towns, stops, pingedTownIds, hostNames: await hostNames(deps, guild, stops) };
}

export interface FeedView {
  guild: PublishedGuild;
  /** The town of a per-town feed. */
  town: PublicTown | undefined;
  stops: Stop[];
  lastModified: Date;
}

/** `calendar.ics` (every stop) or `towns/<town>.ics`; null for an unknown town, like an unknown guild. */
export async function loadPublicFeed(
  deps: WebDeps,
  input: { slug: string; townSlug?: string | undefined },
): Promise<FeedView | null> {
  const guild = await publishedGuild(deps, input.slug);
  if (!guild) return null;
  let town: PublicTown | undefined;
  if (input.townSlug !== undefined) {
    town = (await publicTowns(deps, guild.guildId)).find((candidate) => candidate.slug === input.townSlug);
    if (!town) return null;
  }
  const since = new Date(deps.clock.now().getTime() - FEED_PAST_DAYS * 86_400_000);
  const rows = await listFeedStops(deps.db, {
    guildId: guild.guildId,
    since,
    townId: town?.id,
    limit: FEED_STOP_LIMIT,
  });
  const stops = await withCounts(deps.db, rows);
  return { guild, town, stops, lastModified: lastModified(stops, guild.updatedAt) };
}
