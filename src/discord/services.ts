import type { Client } from 'discord.js';
import type { Ports } from '../app/ports.js';
import type { LanguageChoices } from '../app/preferences.js';
import type { RsvpQueue } from '../app/rsvpQueue.js';
import type { AnnouncementUpdater } from './announcementUpdater.js';
import type { CommandMentions } from './commandMentions.js';

/**
 * Long-lived Discord-side services built once by the composition root (src/bot.ts) and handed to every
 * handler. Features add their services here, and their ports to `Ports` (src/app/ports.ts).
 */
export interface BotServices {
  client: Client;
  /** Coalesced edits of trip announcements: at most one in flight per trip (announcementUpdater.ts). */
  announcements: AnnouncementUpdater;
  /** RSVPs to one trip are recorded in batches, one transaction at a time (src/app/rsvp.ts). */
  rsvps: RsvpQueue;
  /** Every port of the use cases, implemented with discord.js, built once. */
  ports: Ports;
  /** Commands named in messages as clickable mentions (`</trip new:ID>`), ids read from Discord. */
  commandMentions: CommandMentions;
  /** Members' /preferences language, kept so an answer costs no query for it (src/app/preferences.ts). */
  languageChoices: LanguageChoices;
}
