import type { Config } from '../config.js';
import type { Database, DbHandle } from '../db/client.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import type { Markup } from './ports.js';

/**
 * Everything a use case may depend on, passed in from the composition root (src/bot.ts). Nothing in the app
 * layer imports a global database, clock or logger.
 */
export interface AppDeps {
  config: Config;
  db: Database;
  dbHandle: DbHandle;
  clock: Clock;
  logger: Logger;
  /** Discord's way of writing mentions, links and timestamps, and its message limits (src/discord/markup.ts). */
  markup: Markup;
}
