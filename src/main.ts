import { startBot } from './bot.js';
import { ConfigError, loadConfig } from './config.js';
import { DatabaseLockedError } from './db/client.js';
import { HttpPortBusyError } from './http/listen.js';
import { createLogger } from './logger.js';

/** `npm start`: one process, the embedded database unless DATABASE_URL is set. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  // Signals are handled from the first moment: a SIGTERM while starting stops the bot as soon as it is up.
  let bot: Awaited<ReturnType<typeof startBot>> | undefined;
  let stopRequested = false;
  const stop = (running: NonNullable<typeof bot>) => {
    setTimeout(() => process.exit(1), 15_000).unref();
    running.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  const shutdown = (signal: string) => {
    if (stopRequested) return;
    stopRequested = true;
    logger.info({ signal }, 'stopping');
    if (bot) stop(bot);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  try {
    bot = await startBot({ config, logger });
  } catch (error) {
    if (error instanceof DatabaseLockedError || error instanceof HttpPortBusyError) logger.fatal(error.message);
    else logger.fatal({ err: error }, 'could not start');
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 500).unref();
    return;
  }
  if (stopRequested) stop(bot);
  else setTimeout(releaseStartupGarbage, 1_000).unref();
}

/**
 * One full garbage collection once the bot is ready, when node runs with --expose-gc (`npm start` does). Starting
 * leaves garbage in the heap (the migrations, each guild's GUILD_CREATE with members the bot does not keep) that an
 * idle bot would hold until its next full collection: about 7 MiB of resident memory with a 10,000-member guild
 * (issue 15). Without the flag, nothing.
 */
function releaseStartupGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

void main();
