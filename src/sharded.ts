import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import { ConfigError, type Config, loadConfig } from './config.js';
import { createDb } from './db/client.js';
import { createLogger } from './logger.js';

/**
 * `npm run start:sharded`: several shard processes on one Postgres. The embedded database is single-process,
 * so Postgres is required. Migrations run once here, before any shard starts.
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

  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }

  const totalShards = config.shardCount ?? (await recommendedShardCount(config));
  const manager = new ShardingManager(fileURLToPath(new URL('./main.ts', import.meta.url)), {
    token: config.discordToken,
    totalShards,
    mode: 'process',
    execArgv: ['--import', 'tsx'],
    respawn: true,
  });
  manager.on('shardCreate', (shard) => logger.info({ shardId: shard.id, totalShards }, 'shard started'));
  await manager.spawn({ timeout: 60_000 });

  const shutdown = async () => {
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function recommendedShardCount(config: Config): Promise<number> {
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(config.discordToken);
  const gateway = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, gateway.shards);
}

void main();
