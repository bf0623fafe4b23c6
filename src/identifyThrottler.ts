import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, IIdentifyThrottler } from 'discord.js';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from './db/client.js';
import type { Logger } from './logger.js';

/**
 * Identify coordination across machines. Discord lets `max_concurrency` shards start a session per 5 s, one per
 * bucket (`shard_id % max_concurrency`); discord.js's own throttler only knows the shards of its process. With several
 * processes on one Postgres, each identify first takes the bucket's advisory lock, reads when that bucket last
 * identified (table gateway_identifies, on the database's clock so machines' clocks need not agree), and either
 * records "now" and lets the shard identify, or releases the lock and sleeps until the window has passed. The lock is
 * never held while sleeping, so a waiting shard holds no connection.
 */

/** Discord's window is 5 s; the margin covers the time between recording the identify and sending it. */
export const IDENTIFY_WINDOW_MS = 5_500;
/** First key of the two-key advisory lock: the identify buckets' namespace (the second key is the bucket). */
const IDENTIFY_LOCK_SPACE = 724_913_015;

export interface IdentifyThrottlerOptions {
  db: Database;
  maxConcurrency: number;
  logger: Logger;
  windowMs?: number;
}

export function createPostgresIdentifyThrottler(options: IdentifyThrottlerOptions): IIdentifyThrottler {
  const windowMs = options.windowMs ?? IDENTIFY_WINDOW_MS;
  const maxConcurrency = Math.max(1, options.maxConcurrency);
  return {
    async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
      const bucket = shardId % maxConcurrency;
      for (;;) {
        signal.throwIfAborted();
        const waitMs = await claimIdentifySlot(options.db, { bucket, shardId, windowMs });
        if (waitMs <= 0) {
          options.logger.debug({ shardId, bucket }, 'identify slot taken');
          return;
        }
        options.logger.info({ shardId, bucket, waitMs }, 'waiting for the identify bucket (another shard identified)');
        // A little jitter so shards waiting on one bucket in several processes do not all wake at once.
        await sleep(waitMs + Math.floor(Math.random() * 250), undefined, { signal });
      }
    },
  };
}

/** 0 when the slot was taken (the shard may identify now), otherwise how long to wait before asking again. */
export async function claimIdentifySlot(
  db: Database,
  input: { bucket: number; shardId: number; windowMs: number },
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IDENTIFY_LOCK_SPACE}, ${input.bucket})`);
    const [row] = await queryRows<{ wait_ms: number }>(
      tx,
      sql`select greatest(0, ceil(extract(epoch from (identified_at - clock_timestamp())) * 1000 + ${input.windowMs}))::int as wait_ms
          from gateway_identifies where bucket = ${input.bucket}`,
    );
    const waitMs = Number(row?.wait_ms ?? 0);
    if (waitMs > 0) return waitMs;
    await tx.execute(
      sql`insert into gateway_identifies (bucket, identified_at, shard_id)
          values (${input.bucket}, clock_timestamp(), ${input.shardId})
          on conflict (bucket) do update set identified_at = excluded.identified_at, shard_id = excluded.shard_id`,
    );
    return 0;
  });
}

/**
 * Before login: the shards this process runs (SHARD_IDS of SHARD_COUNT, when set) and, on Postgres, the identify
 * throttler shared with the other processes. discord.js reads these options when it connects, not when the client is
 * built, so they are set here on the client the adapter created.
 */
export function applyShardPlan(
  client: Client,
  plan: { shardIds: number[] | undefined; shardCount: number | undefined; db: Database | undefined; logger: Logger },
): void {
  if (plan.shardIds && plan.shardCount) {
    client.options.shards = plan.shardIds;
    client.options.shardCount = plan.shardCount;
  }
  const { db } = plan;
  if (db) {
    client.options.ws ??= {};
    client.options.ws.buildIdentifyThrottler = async (manager) => {
      const gateway = await manager.fetchGatewayInformation();
      const maxConcurrency = gateway.session_start_limit.max_concurrency;
      plan.logger.info({ maxConcurrency }, 'identifies coordinated through Postgres');
      return createPostgresIdentifyThrottler({ db, maxConcurrency, logger: plan.logger });
    };
  }
}
