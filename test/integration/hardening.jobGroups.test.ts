import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../src/config.js';
import { createDb, type Database } from '../../src/db/client.js';
import * as schema from '../../src/db/schema.js';
import { cancelJobs, listJobs, scheduleJob } from '../../src/jobs/queue.js';
import { describeOnPostgres } from '../support/db.js';
import { type PostgresServer, provisionPostgres } from '../support/throwawayPostgres.js';

/**
 * A trip's reminders are found as a group (cancelled when the trip moves, read when the bot catches up). Issue 11,
 * suspected: `LIKE 'reminder:12:%'` cannot use the dedupe key's index under a non-C collation (the default of most
 * Postgres installations, e.g. en_US.UTF-8), so each lookup read the whole jobs table. The plans are read from
 * Postgres itself (auto_explain), on a database whose collation is not C.
 */
const GUILD = '100000000000000001';
const RUN_AT = new Date('2026-12-04T12:00:00Z');

describeOnPostgres(
  'job groups under a non-C collation',
  () => {
    let server: PostgresServer;
    let url: string;
    let client: pg.Client;
    let db: Database;
    const plans: string[] = [];

    beforeAll(async () => {
      server = await provisionPostgres({ testDatabaseUrl: testDatabaseUrl() });
      const admin = new pg.Client({ connectionString: server.adminUrl });
      await admin.connect();
      const name = `escale_icu_${randomBytes(6).toString('hex')}`;
      await admin.query(
        `create database ${name} template template0 encoding 'UTF8' locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`,
      );
      await admin.end();
      url = new URL(`/${name}`, server.adminUrl).toString();
      const handle = await createDb({ databaseUrl: url, dataDir: ':memory:' });
      await handle.migrate();
      await handle.close();

      client = new pg.Client({ connectionString: url });
      await client.connect();
      db = drizzle(client, { schema }) as unknown as Database;
      for (let trip = 1; trip <= 400; trip++) {
        for (const offset of [1440, 60]) {
          await scheduleJob(db, {
            kind: 'reminder',
            dedupeKey: `reminder:${trip}:${offset}`,
            guildId: GUILD,
            runAt: RUN_AT,
            payload: { tripId: trip, offsetMinutes: offset },
          });
        }
      }
      await client.query('analyze jobs');
      // Every statement's plan comes back as a notice; a sequential scan is the last resort of the planner.
      await client.query(`load 'auto_explain'`);
      await client.query(`set auto_explain.log_min_duration = 0`);
      await client.query(`set auto_explain.log_level = 'notice'`);
      await client.query(`set enable_seqscan = off`);
      client.on('notice', (notice) => plans.push(String(notice.message)));
    }, 60_000);

    afterAll(async () => {
      await client?.end();
      if (url) {
        const admin = new pg.Client({ connectionString: server.adminUrl });
        await admin.connect();
        await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
        await admin.end();
      }
      await server?.close();
    });

    it('GIVEN 800 reminders in a database collated en-US WHEN a trip’s reminders are listed and then cancelled THEN each lookup goes through an index, never a scan of the whole jobs table', async () => {
      const listed = await listJobs(db, 'reminder:12:');
      expect(listed.map((job) => job.dedupeKey).sort()).toEqual(['reminder:12:1440', 'reminder:12:60']);
      expect(await cancelJobs(db, 'reminder:12:', new Date('2026-12-01T00:00:00Z'))).toBe(2);
      expect(await cancelJobs(db, 'reminder:1:', new Date('2026-12-01T00:00:00Z'))).toBe(2); // not reminder:12:…

      const lookups = plans.filter((plan) => /on jobs\b/.test(plan));
      expect(lookups.length).toBeGreaterThanOrEqual(3);
      for (const plan of lookups) expect(plan).not.toMatch(/Seq Scan on jobs/);
    });
  },
  { orThrowawayCluster: true, timeout: 120_000 },
);
