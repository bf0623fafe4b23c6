import type { TripRow } from '../db/repositories/trips.js';
import type { Recap } from '../domain/recap.js';
import type { SharedRidesSummary, StopRideCounts } from '../domain/rides.js';
import type { RsvpCounts } from '../domain/rsvp.js';
import type { Language } from '../i18n/index.js';

/**
 * What the use cases hand to the Discord side to draw: facts read fresh from the database, never markup. The
 * renderers live in src/discord (announcement.ts, recap.ts).
 */

/** A stop of the trip with its answers, numbered in itinerary order (1 for the earliest). */
export interface StopStanding {
  stop: TripRow;
  number: number;
  counts: RsvpCounts;
  /** The stop's ride offers and needs (src/app/rides); null or missing when there is none. */
  rides?: StopRideCounts | null;
  /** The stop has ended (not cancelled): the announcement shows it as over, its answer buttons gone. */
  over?: boolean;
}

/** What the announcement of a trip shows: the Discord side renders it. */
export interface AnnouncementView {
  /**
   * The stop this view speaks of: the trip's first stop still to come for the announcement itself, one given stop
   * for that stop's scheduled event or calendar file.
   */
  trip: TripRow;
  counts: RsvpCounts;
  /** Every stop of the trip in itinerary order, cancelled ones included (one entry for a one-stop trip). */
  stops: StopStanding[];
  /** The guild's language: the announcement is public. */
  language: Language;
  timeZone: string;
}

/** What the recap message shows, rendered by src/discord/recap.ts in the guild's language. */
export interface RecapView {
  trip: TripRow;
  recap: Recap;
  /** M of "N of M members" is the whole server's (reach: region) rather than the town's. */
  scope: 'town' | 'region';
  membersKnown: boolean;
  /**
   * Of those who said they would come (N), how many are members of the town: the host is often a visitor, and
   * members from nearby towns come too. Null when unknown.
   */
  localAttendees: number | null;
  /** Shared rides to this stop ("3 trajets partagés, environ 240 km évités", src/app/rides); null when none. */
  rides?: SharedRidesSummary | null;
  language: Language;
  timeZone: string;
}

/** What a reminder says, rendered by the Discord side (src/discord/recap.ts) in the guild's language. */
export interface ReminderView {
  trip: TripRow;
  language: Language;
  timeZone: string;
  /** Link to the announcement, when it was posted. */
  url: string | null;
}
