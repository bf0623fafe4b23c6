import type { Client } from 'discord.js';

/**
 * Long-lived Discord-side services built once by the composition root (src/bot.ts) and handed to every
 * handler. Features add their services here.
 */
export interface BotServices {
  client: Client;
}
