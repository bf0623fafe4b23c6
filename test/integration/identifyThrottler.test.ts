import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../src/config.js';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { claimIdentifySlot, createPostgresIdentifyThrottler } from '../../src/identifyThrottler.js';
import { createLogger } from '../../src/logger.js';
import { describeOnPostgres } from '../support/db.js';
import { type PostgresServer, provisionPostgres } from '../support/throwawayPostgres.js';

/**
 * The identify slots of several processes, as two separate pools (two processes) on one Postgres would take them.
 * Postgres-only: on PGlite one connection serialises everything, so a race could not be lost.
 */
const WINDOW_MS = 1_000;
const logger = createLogger({ level: 'silent', pretty: false });

describeOnPostgres(
  'identify slots shared through Postgres',
  () => {
    let postgres: PostgresServer | undefined;
    let first: DbHandle;
    let second: DbHandle;

    beforeAll(async () => {
      postgres = await provisionPostgres({ testDatabaseUrl: testDatabaseUrl() });
      const url = await postgres.createDatabase('escale_identify');
      first = await createDb({ databaseUrl: url, dataDir: ':memory:' });
      await first.migrate();
      second = await createDb({ databaseUrl: url, dataDir: ':memory:' });
    }, 60_000);

    afterAll(async () => {
      await first?.close();
      await second?.close();
      await postgres?.close();
    });

    it('GIVEN two processes asking for the same bucket at the same instant WHEN they claim THEN exactly one may identify and the other is told to wait about the window', async () => {
      const answers = await Promise.all([
        claimIdentifySlot(first.db, { bucket: 0, shardId: 0, windowMs: WINDOW_MS }),
        claimIdentifySlot(second.db, { bucket: 0, shardId: 2, windowMs: WINDOW_MS }),
      ]);
      expect(answers.filter((wait) => wait === 0)).toHaveLength(1);
      const wait = answers.find((value) => value > 0) ?? 0;
      expect(wait).toBeGreaterThan(WINDOW_MS - 250);
      expect(wait).toBeLessThanOrEqual(WINDOW_MS);
    });

    it('GIVEN bucket 1 just identified WHEN a shard of bucket 2 asks THEN it may identify at once (buckets are independent)', async () => {
      expect(await claimIdentifySlot(first.db, { bucket: 1, shardId: 1, windowMs: WINDOW_MS })).toBe(0);
      expect(await claimIdentifySlot(second.db, { bucket: 2, shardId: 2, windowMs: WINDOW_MS })).toBe(0);
    });

    it('GIVEN four shards of one bucket in two processes WHEN each waits for its turn THEN their identifies are a window apart', async () => {
      const throttlers = [first, second].map((handle) =>
        createPostgresIdentifyThrottler({ db: handle.db, maxConcurrency: 2, logger, windowMs: WINDOW_MS }),
      );
      const identifiedAt: number[] = [];
      const signal = new AbortController().signal;
      await Promise.all(
        [4, 6, 8, 10].map(async (shardId, index) => {
          await throttlers[index % 2]?.waitForIdentify(shardId, signal);
          identifiedAt.push(Date.now());
        }),
      );
      identifiedAt.sort((a, b) => a - b);
      const gaps = identifiedAt.slice(1).map((at, index) => at - (identifiedAt[index] ?? 0));
      expect(gaps).toHaveLength(3);
      // Measured on this process's clock, the window on the database's: a few ms of rounding either way.
      expect(gaps.every((gap) => gap >= WINDOW_MS - 20)).toBe(true);
    });

    it('GIVEN a shard waiting for its bucket WHEN the client gives up (abort) THEN the wait ends with the abort', async () => {
      // Bucket 500 (shards 500 and 1500 of max_concurrency 1000): no other test used it.
      const throttler = createPostgresIdentifyThrottler({
        db: first.db,
        maxConcurrency: 1_000,
        logger,
        windowMs: 60_000,
      });
      const controller = new AbortController();
      await throttler.waitForIdentify(500, controller.signal);
      const waiting = throttler.waitForIdentify(1_500, controller.signal);
      setTimeout(() => controller.abort(), 100);
      await expect(waiting).rejects.toThrow(/abort/i);
    });
  },
  { orThrowawayCluster: true, timeout: 60_000 },
);
