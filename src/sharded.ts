import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { REST, Routes, type Shard, ShardingManager } from 'discord.js';
import { type Config, ConfigError, loadConfig, unsetForChildProcesses } from './config.js';
import { createDb } from './db/client.js';
import { createLogger } from './logger.js';

/**
 * `npm run start:sharded`: discord.js's ShardingManager, one process per shard (src/main.ts), all on one Postgres.
 *
 * - The embedded database is single-process, so Postgres (DATABASE_URL) is required: refused clearly otherwise.
 * - Migrations run once here, before any shard starts (shards migrate again: a no-op under the advisory lock).
 * - Each shard's scheduler claims the due jobs of its own guilds (src/jobs/scheduler.ts); correctness never depends
 *   on that filter: SKIP LOCKED claims, leases and dedupe keys keep two processes from doing the same job.
 * - The shards do not open HEALTH_PORT (they would fight for it): the manager serves /healthz for all of them.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  if (!config.databaseUrl) {
    console.error(
      'npm run start:sharded needs DATABASE_URL (Postgres): the embedded database can only be opened by one ' +
        'process. Set DATABASE_URL=postgres://… or use npm start for a single process.',
    );
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }

  const gateway = await gatewayInfo(config);
  const totalShards = config.shardCount ?? gateway.shards;
  // Shards of one concurrency bucket may identify together; otherwise Discord wants ~5 s between identifies.
  const spawnDelayMs = gateway.maxConcurrency >= totalShards ? 0 : 5_500;
  // Shard processes inherit this environment: only the manager serves /healthz (they would fight for the port).
  unsetForChildProcesses('HEALTH_PORT');
  unsetForChildProcesses('HTTP_PORT');
  // Each shard process gets its own id from the manager (SHARDS); SHARD_IDS is this machine's whole list.
  unsetForChildProcesses('SHARD_IDS');
  // Built (npm run build: dist/bundle/sharded.js next to main.js) or run from source with tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const manager = new ShardingManager(fileURLToPath(new URL(fromSource ? './main.ts' : './main.js', import.meta.url)), {
    token: config.discordToken,
    totalShards,
    mode: 'process',
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    respawn: true,
    // SHARD_IDS: this machine runs only these shards of SHARD_COUNT (the other machines run the rest).
    ...(config.shardIds ? { shardList: config.shardIds } : {}),
  });
  manager.on('shardCreate', (shard) => {
    logger.info({ shardId: shard.id, totalShards }, 'shard started');
    shard.on('death', () => logger.warn({ shardId: shard.id }, 'shard process exited; it will be restarted'));
    shard.on('error', (error) => logger.error({ err: error, shardId: shard.id }, 'shard error'));
  });

  let health: Server | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping shards');
    health?.close();
    await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard)));
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  health = config.healthPort ? startHealthServer(config.healthPort, manager) : undefined;
  try {
    await manager.spawn({ amount: totalShards, delay: spawnDelayMs, timeout: 60_000 });
  } catch (error) {
    logger.fatal({ err: error }, 'could not start the shards');
    await shutdown('spawn failure');
    return;
  }
  logger.info({ totalShards }, `all ${totalShards} shards ready`);
}

/** GET /gateway/bot: Discord's recommended shard count and how many shards may identify at once. */
async function gatewayInfo(config: Config): Promise<{ shards: number; maxConcurrency: number }> {
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(config.discordToken);
  const gateway = (await rest.get(Routes.gatewayBot())) as {
    shards: number;
    session_start_limit?: { max_concurrency?: number };
  };
  return {
    shards: Math.max(1, gateway.shards),
    maxConcurrency: Math.max(1, gateway.session_start_limit?.max_concurrency ?? 1),
  };
}

/** SIGTERM (the shard stops cleanly: src/main.ts), then SIGKILL if it is still there after 15 s. */
function stopShard(shard: Shard): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    shard.manager.respawn = false;
    child.kill('SIGTERM');
  });
}

/** 200 while every shard's client this machine runs is ready. */
function startHealthServer(port: number, manager: ShardingManager): Server {
  const server = createServer((request, response) => {
    if (request.url !== '/healthz') {
      response.writeHead(404).end();
      return;
    }
    const shards = [...manager.shards.values()].map((shard) => ({ id: shard.id, ready: shard.ready }));
    const expected = manager.shardList === 'auto' ? manager.totalShards : manager.shardList.length;
    const healthy = shards.length === expected && shards.every((shard) => shard.ready);
    response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ shards }));
  });
  server.listen(port, '0.0.0.0');
  return server;
}

void main();
