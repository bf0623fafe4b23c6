import type { TripRow } from '../db/repositories/trips.js';
import type { Recap } from '../domain/recap.js';
import type { RsvpCounts } from '../domain/rsvp.js';
import type { Language } from '../i18n/index.js';

/**
 * What the use cases hand to the Discord side to draw: facts read fresh from the database, never markup. The
 * renderers live in src/discord (announcement.ts, recap.ts).
 */

/** What the announcement of a trip shows: the Discord side renders it. */
export interface AnnouncementView {
  trip: TripRow;
  counts: RsvpCounts;
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
