import { type Client, Events, Status } from 'discord.js';
import { commands } from '../commands/index.js';
import type { AppDeps } from './app/context.js';
import { LanguageChoices } from './app/preferences.js';
import { withMemberLanguages } from './app/rides/memberLanguages.js';
import { createRsvpQueue } from './app/rsvpQueue.js';
import { loadTripMap } from './app/tripMap.js';
import type { Config } from './config.js';
import { createDb } from './db/client.js';
import { ANSWERS_WARM_UP } from './db/repositories/rsvps.js';
import { createAnnouncementUpdater } from './discord/announcementUpdater.js';
import { createDiscordClient } from './discord/client.js';
import { createCommandMentions, fetchDeployedCommands } from './discord/commandMentions.js';
import { components } from './discord/components/index.js';
import { createDigestPort } from './discord/digestPort.js';
import { registerEventHandlers } from './discord/events.js';
import { createGuildChannelsPort } from './discord/guildChannels.js';
import { createGuildDirectory } from './discord/guildDirectory.js';
import { createHeadsUpPort } from './discord/headsUpPort.js';
import { discordMarkup } from './discord/markup.js';
import { createOnboardingPort } from './discord/onboardingPort.js';
import { createQuietPingsPort } from './discord/quietPingsPort.js';
import { createRecapPort } from './discord/recapPort.js';
import { createReminderPort } from './discord/reminderPort.js';
import { createRidePort } from './discord/ridePort.js';
import { createRouter } from './discord/router.js';
import type { BotServices } from './discord/services.js';
import { answerWhileStopping } from './discord/stopping.js';
import { createTownRolesPort } from './discord/townRoles.js';
import { AnnouncementMaps, createTripPort, editAnnouncementMessage, type TripMapRenderer } from './discord/tripPort.js';
import { type Clock, systemClock } from './domain/clock.js';
import { type HttpListener, listenHttp } from './http/listen.js';
import { applyShardPlan } from './identifyThrottler.js';
import { releaseLeasesOfDeadProcess } from './jobs/queue.js';
import { createScheduler, type Scheduler } from './jobs/scheduler.js';
import { createLogger, type Logger } from './logger.js';
import type { PngCache } from './map/png.js';
import { type BotMetrics, instrumentDiscordClient, jobBacklog, noMetrics } from './metrics.js';

export interface RunningBot {
  deps: AppDeps;
  services: BotServices;
  scheduler: Scheduler;
  /** The process's metrics (GET /metrics serves `metrics.registry`); `noMetrics` without HTTP_PORT. */
  metrics: BotMetrics;
  /** Closes the gateway, lets in-flight work finish, stops the scheduler and closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Created here when not given: Prometheus when HTTP_PORT is set (GET /metrics serves it), else `noMetrics`. */
  metrics?: BotMetrics;
  /** Resolve once READY has been received (default true). */
  waitForReady?: boolean;
}

/**
 * The composition root: config → database → migrations → Discord client → router → scheduler. `npm start`,
 * the sharded entry point, the sandbox and the end-to-end tests all start the bot through this function.
 */
export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  const startedAt = performance.now();
  // prom-client (~12 MiB resident, issue 15) only when GET /metrics can serve it.
  const metrics =
    options.metrics ?? (config.httpPort ? (await import('./metricsPrometheus.js')).createBotMetrics() : noMetrics);

  // Bound first: a busy port stops the start here, before the database opens and before login (HttpPortBusyError).
  const http: HttpListener | undefined = config.httpPort ? await listenHttp(config.httpPort) : undefined;

  const dbHandle = await createDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onPoolError: (error) => logger.warn({ err: error }, 'database connection lost; it will reconnect on demand'),
    onQuery: metrics.registry ? (durationMs, failed) => metrics.queryFinished(durationMs, failed) : undefined,
  }).catch(async (error: unknown) => {
    await http?.close();
    throw error;
  });
  try {
    await dbHandle.migrate();
    await dbHandle.warmUp?.(ANSWERS_WARM_UP);
    if (dbHandle.kind === 'pglite') {
      // Single-process database: a lease still held belongs to a process that died; its jobs are due now.
      const released = await releaseLeasesOfDeadProcess(dbHandle.db, clock.now());
      if (released > 0) logger.info({ released }, 'jobs of a previous process that stopped abruptly are due again');
    }
  } catch (error) {
    await dbHandle.close();
    await http?.close();
    throw error;
  }
  const deps: AppDeps = { config, db: dbHandle.db, dbHandle, clock, logger, markup: discordMarkup };

  const client = createDiscordClient({ apiUrl: config.discordApiUrl });
  applyShardPlan(client, {
    shardIds: config.shardIds,
    shardCount: config.shardCount,
    // Several processes identify only on Postgres; the embedded database is single-process (discord.js's own throttler).
    db: dbHandle.kind === 'postgres' ? dbHandle.db : undefined,
    logger,
  });
  instrumentDiscordClient(metrics, client);
  metrics.watchPool(() => dbHandle.poolStats?.());
  metrics.watchJobBacklog(() => jobBacklog(dbHandle.db, clock.now()));
  // One cache of rendered maps for the announcements and the trip pages: a trip's map is drawn once per version.
  // The map's packages (resvg, d3-geo, the world's land) load with the first map drawn, the web's (hono) only when
  // the HTTP server is on: a bot that uses neither keeps their memory (issue 15; `npm run build` splits them out).
  let mapCache: Promise<PngCache> | undefined;
  const loadMapCache = () => {
    mapCache ??= import('./map/png.js').then((png) => new png.PngCache());
    return mapCache;
  };
  const renderMap: TripMapRenderer = async (guildId, tripId) => {
    const map = await loadTripMap(dbHandle.db, guildId, tripId);
    if (!map) return null;
    const [{ tripMapPng }, cache] = await Promise.all([import('./map/tripMap.js'), loadMapCache()]);
    return tripMapPng(cache, map);
  };
  const announcementMaps = new AnnouncementMaps();
  const announcements = createAnnouncementUpdater({
    deps,
    edit: (view, editOptions) => editAnnouncementMessage(client, view, editOptions, renderMap, announcementMaps),
    guildLocale: (guildId) => client.guilds.cache.get(guildId)?.preferredLocale ?? null,
  });
  const services: BotServices = {
    client,
    announcements,
    rsvps: createRsvpQueue(deps),
    ports: {
      trips: createTripPort({ client, logger, announcements, renderMap }),
      townRoles: createTownRolesPort(client),
      guildChannels: createGuildChannelsPort(client),
      recap: createRecapPort({ client, logger, clock }),
      reminders: createReminderPort({ client, logger }),
      rides: withMemberLanguages(deps, createRidePort({ client, logger })),
      headsUp: createHeadsUpPort({ client, logger }),
      quietPings: createQuietPingsPort({ client, logger }),
      onboarding: createOnboardingPort({ client, logger }),
    },
    languageChoices: new LanguageChoices(),
    commandMentions: createCommandMentions({
      commands: commands.map((command) => command.data),
      fetchDeployed: (guildId) => fetchDeployedCommands(client, guildId),
      now: () => clock.now().getTime(),
      onError: (error) =>
        logger.warn({ err: error }, 'could not read the deployed commands: commands are named, not linked'),
    }),
  };
  const router = createRouter({ commands, components, deps, services, metrics });
  if (http) {
    const [{ createWebApp }, cache] = await Promise.all([import('./http/app.js'), loadMapCache()]);
    http.attach(
      createWebApp({
        web: { db: dbHandle.db, clock, directory: createGuildDirectory(client) },
        publicUrl: config.publicUrl,
        trustProxy: config.trustProxy,
        // 200 only while the gateway is connected and the database answers.
        health: async () => ({ gateway: client.ws.status === Status.Ready, database: await dbHandle.ping() }),
        metrics: metrics.registry,
        logger,
        mapCache: cache,
      }),
    );
  }

  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  let stopping = false;
  client.on(Events.InteractionCreate, (interaction) => {
    // While stopping, a member is told to try again in a minute rather than left without an answer.
    track(stopping ? answerWhileStopping(interaction, logger) : router.handle(interaction));
  });
  registerEventHandlers({ client, deps, services, track });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'gateway closed'));
  client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, 'gateway resumed'));

  const scheduler = createScheduler({
    deps,
    ports: { ...services.ports, digest: createDigestPort({ client }) },
    shard: () => shardOf(client),
    metrics,
  });

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (readyClient) => {
      logger.info(
        {
          user: readyClient.user.tag,
          guilds: readyClient.guilds.cache.size,
          database: dbHandle.kind,
          startMs: Math.round(performance.now() - startedAt),
        },
        `ready as ${readyClient.user.tag} in ${readyClient.guilds.cache.size} guilds`,
      );
      scheduler.start();
      // The commands' ids, for the mentions in messages; READY waits for them (a failure only logs).
      void services.commandMentions.ensure(config.devGuildId ?? null).then(resolve);
    });
  });

  try {
    await client.login(config.discordToken);
    if (options.waitForReady !== false) await ready;
  } catch (error) {
    await client.destroy().catch(() => {});
    await dbHandle.close();
    await http?.close();
    throw error;
  }

  return {
    deps,
    services,
    scheduler,
    metrics,
    async stop() {
      if (stopping) return;
      stopping = true;
      await http?.close();
      await scheduler.stop();
      // Work that starts while we wait (a welcome, an answer while stopping) is awaited too, until none is left.
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      // The last counts of a burst of clicks reach the announcement before the gateway closes.
      await services.announcements.idle();
      await client.destroy();
      await dbHandle.close();
      logger.info('stopped');
    },
  };
}

/** The one shard this process runs when the bot is sharded; jobs of other shards' guilds are left to them. */
function shardOf(client: Client): { id: number; count: number } | undefined {
  const count = client.shard?.count ?? 1;
  const ids = client.shard?.ids ?? [0];
  return count > 1 && ids.length === 1 ? { id: ids[0] ?? 0, count } : undefined;
}
