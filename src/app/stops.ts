import type { Executor } from '../db/client.js';
import { tallyRsvps } from '../db/repositories/rsvps.js';
import type { StopRow } from '../db/repositories/stops.js';
import { TRIP_STATUS } from '../db/repositories/trips.js';

/**
 * A stop as the web side and the calendars see it: a town and a time of a trip. Today a trip has one stop (index 0);
 * itineraries of several stops only change src/db/repositories/stops.ts, which lists them.
 */
export interface Stop {
  tripId: number;
  index: number;
  /** Stable across edits and restarts; the same as the announcement's .ics for the first stop. */
  uid: string;
  guildId: string;
  hostId: string;
  townId: number | null;
  townName: string;
  startsAt: Date;
  endsAt: Date;
  topic: string | null;
  venue: string | null;
  capacity: number | null;
  /** Seats taken: members going plus their guests. */
  goingSeats: number;
  cancelled: boolean;
  cancelReason: string | null;
  /** Raised on every calendar-visible edit: the iCalendar SEQUENCE. */
  version: number;
  updatedAt: Date;
  /** Roles the announcement pinged (the map of the announcement shows their towns). */
  pingedRoleIds: readonly string[];
}

/**
 * By the stop's id, so it survives a stop inserted before it; a trip from before itineraries has one stop whose id is
 * the trip's, so its UID is the one calendars already know.
 */
export function stopUid(stopId: number): string {
  return `trip-${stopId}@escale`;
}

/** Rows of the stops repository with their going counts (one query for all of them). */
export async function withCounts(executor: Executor, rows: readonly StopRow[]): Promise<Stop[]> {
  const tallies = await tallyRsvps(executor, [...new Set(rows.map((row) => row.stopId))]);
  return rows.map((row) => ({
    tripId: row.tripId,
    index: row.index,
    uid: stopUid(row.stopId),
    guildId: row.trip.guildId,
    hostId: row.trip.hostId,
    townId: row.townId,
    townName: row.townName,
    startsAt: row.startsAt,
    endsAt: new Date(row.startsAt.getTime() + row.durationMinutes * 60_000),
    topic: row.trip.topic,
    venue: row.trip.venue,
    capacity: row.trip.capacity,
    goingSeats: tallies.get(row.stopId)?.goingSeats ?? 0,
    cancelled: row.trip.status === TRIP_STATUS.cancelled,
    cancelReason: row.trip.cancelReason,
    version: row.trip.version,
    updatedAt: row.trip.updatedAt,
    pingedRoleIds: row.trip.pingedRoleIds,
  }));
}

/** The latest change among these stops (a feed's Last-Modified), never before `floor`. */
export function lastModified(stops: readonly Pick<Stop, 'updatedAt'>[], floor: Date): Date {
  let latest = floor.getTime();
  for (const stop of stops) latest = Math.max(latest, stop.updatedAt.getTime());
  // HTTP dates have one-second resolution.
  return new Date(Math.floor(latest / 1_000) * 1_000);
}
