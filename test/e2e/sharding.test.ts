import { spawnSync } from 'node:child_process';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../src/config.js';
import { createDb, type Database } from '../../src/db/client.js';
import { insertTown } from '../../src/db/repositories/towns.js';
import { jobs, tripStops } from '../../src/db/schema.js';
import type { EmuGuild, Emulator } from '../../src/emulator/index.js';
import { shardOf, startEmulator } from '../../src/emulator/index.js';
import { describeOnPostgres } from '../support/db.js';
import { freePort, type PostgresServer, provisionPostgres } from '../support/throwawayPostgres.js';
import { botEnv, postAsBot, recapMessagesIn, seedDueRecap, spawnBot, stopBot, waitUntil } from './botProcess.js';

/**
 * Scaling out: several bot processes on one Postgres never post a recap twice (SKIP LOCKED claims, leases, dedupe
 * keys), and `npm run start:sharded` spreads the work by guild. Postgres is TEST_DATABASE_URL (CI), else a throwaway
 * cluster when the server is installed. With neither, CI fails with a clear message and elsewhere the suite is
 * reported as not run (one "todo" test): two schedulers on one embedded database cannot race, so it would prove nothing.
 */
const RECAPS = 100;

interface Fixture {
  emulator: Emulator;
  guilds: EmuGuild[];
  /** Announcement message ids, one per trip. */
  announcements: string[];
  tripIds: number[];
}

/** Guilds with a #voyages channel, a Rimouski role and three members; `perGuild` due recaps in each. */
async function seed(
  emulator: Emulator,
  db: Database,
  guilds: EmuGuild[],
  perGuild: number,
  dueAt?: Date,
): Promise<Fixture> {
  const fixture: Fixture = { emulator, guilds, announcements: [], tripIds: [] };
  for (const guild of guilds) {
    const channelId = emulator.createChannel(guild.id, { name: 'voyages' }).id;
    const role = emulator.createRole(guild.id, { name: 'Rimouski' });
    const members = ['helene', 'alice', 'bob'].map(
      (name) => emulator.addMember(guild.id, { username: name, roles: [role.id] }).userId,
    );
    const town = await insertTown(db, {
      guildId: guild.id,
      name: 'Rimouski',
      normalizedName: 'rimouski',
      roleId: role.id,
      latitude: 48.45,
      longitude: -68.53,
    });
    for (let index = 0; index < perGuild; index++) {
      const announcement = postAsBot(emulator, channelId, `Rencontre ${index}`);
      const [hostId = '', ...goingIds] = members;
      const trip = await seedDueRecap(db, {
        guildId: guild.id,
        channelId,
        messageId: announcement.id,
        townId: town?.id ?? 0,
        hostId,
        goingIds,
        ...(dueAt ? { dueAt } : {}),
      });
      fixture.announcements.push(announcement.id);
      fixture.tripIds.push(trip.id);
    }
  }
  return fixture;
}

function expectEachPostedOnce(fixture: Fixture): void {
  const threadIds = new Set(fixture.emulator.threads().map((thread) => thread.id));
  const perAnnouncement = fixture.announcements.map((id) => ({
    thread: threadIds.has(id) ? 1 : 0,
    recaps: recapMessagesIn(fixture.emulator, id).length,
  }));
  expect(perAnnouncement.filter((entry) => entry.thread !== 1 || entry.recaps !== 1)).toEqual([]);
  expect(fixture.emulator.threads()).toHaveLength(fixture.announcements.length);
}

async function jobRows(db: Database, tripIds: number[]) {
  return db
    .select()
    .from(jobs)
    .where(
      inArray(
        jobs.dedupeKey,
        tripIds.map((id) => `recap:${id}`),
      ),
    );
}

describeOnPostgres(
  'several bot processes on one Postgres',
  () => {
    let postgres: PostgresServer | undefined;

    beforeAll(async () => {
      postgres = await provisionPostgres({ testDatabaseUrl: testDatabaseUrl() });
    }, 120_000);

    afterAll(async () => {
      await postgres?.close();
    });

    it(`GIVEN two bot processes on one Postgres and ${RECAPS} recaps due WHEN both work THEN each recap is posted exactly once`, async () => {
      const emulator = await startEmulator();
      try {
        const guild = emulator.createGuild({ name: 'Réseau Bas-Saint-Laurent', preferredLocale: 'fr' });
        if (!postgres) throw new Error('no Postgres server');

        const databaseUrl = await postgres.createDatabase('escale_sharding');
        const handle = await createDb({ databaseUrl, dataDir: ':memory:' });
        await handle.migrate();
        const bots = [spawnBot(botEnv(emulator, { databaseUrl })), spawnBot(botEnv(emulator, { databaseUrl }))];
        try {
          for (const bot of bots) {
            await waitUntil(
              () => /ready as/.test(bot.output.text),
              90_000,
              () => `not ready:\n${bot.output.text}`,
            );
          }
          // Both are polling when the recaps become due, all at once: they race for every batch.
          const fixture = await seed(emulator, handle.db, [guild], RECAPS, new Date(Date.now() + 3_000));
          await waitUntil(
            () => fixture.announcements.every((id) => recapMessagesIn(emulator, id).length > 0),
            150_000,
            () => `recaps missing; outputs:\n${bots.map((bot) => bot.output.text.slice(-3_000)).join('\n---\n')}`,
          );
          await emulator.waitFor(async () => {
            const rows = await jobRows(handle.db, fixture.tripIds);
            return rows.length === RECAPS && rows.every((row) => row.status === 'done');
          }, 30_000);
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          expectEachPostedOnce(fixture);
          // The recap is recorded on the stop (a trip of old has one stop, whose id is the trip's).
          const stored = await handle.db.select().from(tripStops).where(inArray(tripStops.id, fixture.tripIds));
          expect(stored).toHaveLength(RECAPS);
          expect(stored.filter((stop) => stop.recapMessageId === null)).toEqual([]);
          // Both processes took part (each posted some): the claims really were contended.
          const workers = new Set(
            (await jobRows(handle.db, fixture.tripIds)).map((row) => row.lockedBy?.split('-')[0]),
          );
          expect(workers.size).toBe(2);
        } finally {
          await Promise.all(bots.map((bot) => stopBot(bot)));
          await handle.close();
        }
      } finally {
        await emulator.close();
      }
    });

    it('GIVEN npm run start:sharded with SHARD_COUNT=2 WHEN recaps are due in guilds of both shards THEN each is posted once, each guild by one process', async () => {
      const emulator = await startEmulator({ shards: 2, maxConcurrency: 2 });
      try {
        const guilds: EmuGuild[] = [];
        while (new Set(guilds.map((guild) => shardOf(guild.id, 2))).size < 2 || guilds.length < 4) {
          guilds.push(emulator.createGuild({ name: `Région ${guilds.length + 1}`, preferredLocale: 'fr' }));
        }
        if (!postgres) throw new Error('no Postgres server');

        const databaseUrl = await postgres.createDatabase('escale_sharded');
        const handle = await createDb({ databaseUrl, dataDir: ':memory:' });
        await handle.migrate();
        const fixture = await seed(emulator, handle.db, guilds, 10);
        const healthPort = await freePort();
        const manager = spawnBot(
          { ...botEnv(emulator, { databaseUrl }), SHARD_COUNT: '2', HEALTH_PORT: String(healthPort) },
          'src/sharded.ts',
        );
        try {
          await waitUntil(
            () => fixture.announcements.every((id) => recapMessagesIn(emulator, id).length > 0),
            150_000,
            () => `recaps missing; output:\n${manager.output.text.slice(-5_000)}`,
          );
          await emulator.waitFor(async () => {
            const rows = await jobRows(handle.db, fixture.tripIds);
            return rows.every((row) => row.status === 'done');
          }, 30_000);
          expect(manager.output.text).toMatch(/all 2 shards ready/);
          // One health endpoint for the whole process tree (the shards do not fight over the port).
          const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
          expect(health.status).toBe(200);
          expect(await health.json()).toEqual({
            shards: [
              { id: 0, ready: true },
              { id: 1, ready: true },
            ],
          });
          expect(new Set(emulator.gatewaySessions().map((session) => session.shardId))).toEqual(new Set([0, 1]));
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          expectEachPostedOnce(fixture);

          // The shard filter spread the work: every guild's recaps were done by one process, a different one per shard.
          const rows = await jobRows(handle.db, fixture.tripIds);
          const processOf = new Map<string, Set<string>>();
          for (const row of rows) {
            const set = processOf.get(row.guildId) ?? new Set<string>();
            set.add(row.lockedBy?.split('-')[0] ?? '');
            processOf.set(row.guildId, set);
          }
          for (const set of processOf.values()) expect(set.size).toBe(1);
          const processOfShard = (shard: number) =>
            new Set(
              guilds
                .filter((guild) => shardOf(guild.id, 2) === shard)
                .flatMap((guild) => [...(processOf.get(guild.id) ?? [])]),
            );
          expect(processOfShard(0).size).toBe(1);
          expect(processOfShard(1).size).toBe(1);
          expect([...processOfShard(0)][0]).not.toBe([...processOfShard(1)][0]);
        } finally {
          await stopBot(manager);
          await handle.close();
        }
      } finally {
        await emulator.close();
      }
    });
  },
  { orThrowawayCluster: true, timeout: 240_000 },
);

describe('npm run start:sharded without Postgres', () => {
  it('GIVEN no DATABASE_URL WHEN npm run start:sharded THEN it refuses with a clear message', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/sharded.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', DISCORD_TOKEN: 'x.y.z' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/needs DATABASE_URL \(Postgres\).*single process/s);
  });
});
