import type { Config } from '../config.js';
import type { Database, DbHandle } from '../db/client.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';

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
}
