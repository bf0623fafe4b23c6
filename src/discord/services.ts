import type { Client } from 'discord.js';
import type { RecapPort } from '../app/recap.js';
import type { ReminderPort } from '../app/reminders.js';
import type { RsvpQueue } from '../app/rsvp.js';
import type { TripPort } from '../app/trips.js';
import type { AnnouncementUpdater } from './announcementUpdater.js';

/**
 * Long-lived Discord-side services built once by the composition root (src/bot.ts) and handed to every
 * handler. Features add their services here.
 */
export interface BotServices {
  client: Client;
  /** Coalesced edits of trip announcements: at most one in flight per trip (announcementUpdater.ts). */
  announcements: AnnouncementUpdater;
  /** Discord side effects of trips and RSVPs (tripPort.ts). */
  tripPort: TripPort;
  /** RSVPs to one trip are recorded in batches, one transaction at a time (src/app/rsvp.ts). */
  rsvps: RsvpQueue;
  /** Discord side effects of the recap thread (recapPort.ts). */
  recapPort: RecapPort;
  /** Discord side effects of reminders (reminderPort.ts). */
  reminderPort: ReminderPort;
}
