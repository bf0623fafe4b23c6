import { and, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfig, testDatabaseUrl } from '../../src/config.js';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { insertTown } from '../../src/db/repositories/towns.js';
import { jobs } from '../../src/db/schema.js';
import { deployCommands } from '../../src/deploy-commands.js';
import type { EmuGuild, Emulator } from '../../src/emulator/index.js';
import { shardOf, startEmulator } from '../../src/emulator/index.js';
import { createLogger } from '../../src/logger.js';
import { type RestProxy, startRestProxy } from '../../src/proxy.js';
import { describeOnPostgres } from '../support/db.js';
import { type PostgresServer, provisionPostgres } from '../support/throwawayPostgres.js';
import {
  type BotProcess,
  botEnv,
  postAsBot,
  recapMessagesIn,
  seedDueRecap,
  spawnBot,
  stopBot,
  waitUntil,
} from './botProcess.js';

/**
 * Several machines: two bot processes with disjoint SHARD_IDS of SHARD_COUNT=4 on one Postgres, every REST request
 * through one @discordjs/proxy in front of the emulator (max_concurrency 2). Each guild is served by exactly one
 * process, identifies of one bucket are never closer than 5 s although the processes start together, Discord's global
 * limit (50 requests/s) holds for both together, and when one process is killed in the middle of posting recaps, the
 * other posts them, once each, after the dead one's lease. Postgres-only: reported as not run without it.
 */
const SHARD_COUNT = 4;
const MAX_CONCURRENCY = 2;
const GUILDS = 8;
const RECAPS_PER_GUILD = 8;
const GLOBAL_LIMIT_PER_SECOND = 50;
/**
 * The proxy's limit here: half of Discord's, so that the two processes' demand surely exceeds it even on a loaded
 * machine (each alone may send 50/s), and the test sees the proxy hold requests back rather than a demand too low to
 * matter. Requests paced at the proxy reach the emulator with varying delays, so a few more can land in one
 * sliding second there: PROXY_JITTER.
 */
const PROXY_LIMIT_PER_SECOND = 20;
/** Measured: 29 in the busiest second at a limit of 25 (the emulator and the proxy share this event loop). */
const PROXY_JITTER = 10;
const IDENTIFY_WINDOW_MS = 5_000;
const JOB_LEASE_MS = 15_000;

interface GuildFixture {
  guild: EmuGuild;
  channelId: string;
  townId: number;
  members: string[];
}

describeOnPostgres(
  'several machines: disjoint SHARD_IDS, one REST proxy, one Postgres',
  () => {
    let postgres: PostgresServer | undefined;
    let emulator: Emulator;
    let proxy: RestProxy;
    let handle: DbHandle;
    let databaseUrl: string;
    const fixtures: GuildFixture[] = [];
    const bots: { a?: BotProcess; b?: BotProcess } = {};

    beforeAll(async () => {
      postgres = await provisionPostgres({ testDatabaseUrl: testDatabaseUrl() });
      databaseUrl = await postgres.createDatabase('escale_scaleout');
      handle = await createDb({ databaseUrl, dataDir: ':memory:' });
      await handle.migrate();
      emulator = await startEmulator({ shards: SHARD_COUNT, maxConcurrency: MAX_CONCURRENCY });
      const guilds: EmuGuild[] = [];
      while (guilds.length < GUILDS || new Set(guilds.map((guild) => shardOf(guild.id, SHARD_COUNT))).size < 4) {
        guilds.push(emulator.createGuild({ name: `Région ${guilds.length + 1}`, preferredLocale: 'fr' }));
      }
      for (const guild of guilds) {
        const channelId = emulator.createChannel(guild.id, { name: 'voyages' }).id;
        const role = emulator.createRole(guild.id, { name: 'Rimouski' });
        const members = ['helene', 'alice', 'bob'].map(
          (name) => emulator.addMember(guild.id, { username: name, roles: [role.id] }).userId,
        );
        const town = await insertTown(handle.db, {
          guildId: guild.id,
          name: 'Rimouski',
          normalizedName: 'rimouski',
          roleId: role.id,
          latitude: 48.45,
          longitude: -68.53,
        });
        fixtures.push({ guild, channelId, townId: town?.id ?? 0, members });
      }
      await deployCommands(
        parseConfig({ DISCORD_TOKEN: emulator.botToken, DISCORD_API_URL: emulator.apiUrl, LOG_LEVEL: 'silent' }),
      );
      proxy = await startRestProxy({
        upstreamUrl: emulator.apiUrl,
        port: 0,
        host: '127.0.0.1',
        globalRequestsPerSecond: PROXY_LIMIT_PER_SECOND,
        logger: createLogger({ level: 'silent', pretty: false }),
      });
    }, 180_000);

    afterAll(async () => {
      for (const bot of [bots.a, bots.b]) {
        if (!bot) continue;
        if (bot.child.signalCode === 'SIGSTOP') bot.child.kill('SIGCONT');
        await stopBot(bot);
      }
      await proxy?.close();
      await handle?.close();
      await emulator?.close();
      await postgres?.close();
    });

    const env = (shardIds: string) => ({
      ...botEnv(emulator, { databaseUrl }),
      // Every request through the one proxy: the bots never talk to Discord (the emulator) directly.
      DISCORD_API_URL: proxy.apiUrl,
      SHARD_COUNT: String(SHARD_COUNT),
      SHARD_IDS: shardIds,
      // A dead process's jobs wait this long for another one (60 s by default): shorter to keep the test short.
      JOB_LEASE_MS: String(JOB_LEASE_MS),
    });
    const shardsOfA = [0, 1];
    const inA = (fixture: GuildFixture) => shardsOfA.includes(shardOf(fixture.guild.id, SHARD_COUNT));

    async function seedRecaps(of: GuildFixture[], perGuild: number, dueAt: Date) {
      const seeded: { tripId: number; announcementId: string; guildId: string }[] = [];
      for (const fixture of of) {
        for (let index = 0; index < perGuild; index++) {
          const announcement = postAsBot(emulator, fixture.channelId, `Rencontre ${index}`);
          const [hostId = '', ...goingIds] = fixture.members;
          const trip = await seedDueRecap(handle.db, {
            guildId: fixture.guild.id,
            channelId: fixture.channelId,
            messageId: announcement.id,
            townId: fixture.townId,
            hostId,
            goingIds,
            dueAt,
          });
          seeded.push({ tripId: trip.id, announcementId: announcement.id, guildId: fixture.guild.id });
        }
      }
      return seeded;
    }

    function expectEachPostedOnce(announcementIds: string[]) {
      const threads = new Set(emulator.threads().map((thread) => thread.id));
      const wrong = announcementIds
        .map((id) => ({ id, thread: threads.has(id), recaps: recapMessagesIn(emulator, id).length }))
        .filter((entry) => !entry.thread || entry.recaps !== 1);
      expect(wrong).toEqual([]);
    }

    it('GIVEN two processes started together with SHARD_IDS 0-1 and 2-3 of 4 WHEN they identify THEN each shard identifies once and no bucket twice within 5 s', async () => {
      bots.a = spawnBot(env('0-1'));
      bots.b = spawnBot(env('2-3'));
      for (const bot of [bots.a, bots.b]) {
        await waitUntil(
          () => /ready as/.test(bot.output.text),
          120_000,
          () => `not ready:\n${bot.output.text.slice(-4_000)}`,
        );
      }
      const identifies = emulator.gatewayReceived
        .filter((payload) => payload.op === 2)
        .map((payload) => ({ shard: (payload.d as { shard: [number, number] }).shard, at: payload.at }));
      expect(identifies.map((identify) => identify.shard[0]).sort()).toEqual([0, 1, 2, 3]);
      expect(identifies.every((identify) => identify.shard[1] === SHARD_COUNT)).toBe(true);
      const gaps = [0, 1].map((bucket) => {
        const times = identifies.filter((identify) => identify.shard[0] % MAX_CONCURRENCY === bucket).map((i) => i.at);
        return Math.abs((times[1] ?? 0) - (times[0] ?? 0));
      });
      // Shards 0 and 2 share bucket 0, 1 and 3 bucket 1, and they are in different processes.
      expect(gaps.every((gap) => gap >= IDENTIFY_WINDOW_MS)).toBe(true);
      expect(emulator.identifyViolations()).toEqual([]);
      expect(bots.a.output.text).toMatch(/identifies coordinated through Postgres/);
    });

    it('GIVEN both processes ready WHEN a member runs /town list in every guild THEN each guild is served by the process running its shard, and each command is answered once', async () => {
      const { a, b } = bots;
      if (!a || !b) throw new Error('the processes did not start');
      const guildsOfA = fixtures.filter(inA).length;
      expect(a.output.text).toMatch(new RegExp(`ready as \\S+ in ${guildsOfA} guilds`));
      expect(b.output.text).toMatch(new RegExp(`ready as \\S+ in ${fixtures.length - guildsOfA} guilds`));
      const results = await Promise.all(
        fixtures.map((fixture) =>
          emulator.runCommand({
            guildId: fixture.guild.id,
            channelId: fixture.channelId,
            userId: fixture.members[1] ?? '',
            name: 'town',
            options: [{ name: 'list' }],
          }),
        ),
      );
      expect(results.filter((result) => !result.acknowledged)).toEqual([]);
      expect(results.map((result) => JSON.stringify(result.data))).toEqual(
        results.map(() => expect.stringContaining('Rimouski')),
      );
      // One callback per interaction: no guild was answered by both processes.
      const callbacks = emulator.requests.filter((request) => request.path.startsWith('/interactions/'));
      expect(callbacks).toHaveLength(fixtures.length);
    });

    it(`GIVEN ${GUILDS * RECAPS_PER_GUILD} recaps due at once in the guilds of both processes WHEN both post them THEN each is posted once, the proxy holds both to its one limit, and the emulator never sees more than ${GLOBAL_LIMIT_PER_SECOND} requests in a second`, async () => {
      const seeded = await seedRecaps(fixtures, RECAPS_PER_GUILD, new Date(Date.now() + 3_600_000));
      const keys = seeded.map((recap) => `recap:${recap.tripId}`);
      // All due at the same instant: the demand is a burst, far above the limit.
      const startedAt = Date.now();
      await handle.db.update(jobs).set({ runAt: new Date() }).where(inArray(jobs.dedupeKey, keys));
      await waitUntil(
        () => seeded.every((recap) => recapMessagesIn(emulator, recap.announcementId).length > 0),
        150_000,
        () => `recaps missing:\n${[bots.a, bots.b].map((bot) => bot?.output.text.slice(-3_000)).join('\n---\n')}`,
      );
      const finished = async () => {
        const rows = await handle.db.select().from(jobs).where(inArray(jobs.dedupeKey, keys));
        return rows.every((row) => row.status === 'done') ? rows : undefined;
      };
      await emulator.waitFor(async () => (await finished()) !== undefined, 30_000);
      const rows = (await finished()) ?? [];
      // Both processes took part: the limit below was shared, not one process's own.
      expect(new Set(rows.map((row) => row.lockedBy?.split('-')[0])).size).toBe(2);
      expectEachPostedOnce(seeded.map((recap) => recap.announcementId));
      const requests = emulator.requests.filter((request) => request.at >= startedAt).length;
      const peak = emulator.maxRequestsPerSecond({ since: startedAt });
      console.info(
        `scaleout: ${requests} requests after the recaps were due, at most ${peak} in one second; ` +
          `requests held by the proxy for the global limit: ${proxy.globalWaits}`,
      );
      expect(requests).toBeGreaterThan(GLOBAL_LIMIT_PER_SECOND * 2);
      expect(proxy.globalWaits).toBeGreaterThan(0);
      expect(peak).toBeLessThanOrEqual(PROXY_LIMIT_PER_SECOND + PROXY_JITTER);
      expect(peak).toBeLessThanOrEqual(GLOBAL_LIMIT_PER_SECOND);
    });

    it("GIVEN process A killed (SIGKILL) while posting its guilds' recaps WHEN its lease ends THEN process B posts each of them exactly once", async () => {
      const { a, b } = bots;
      if (!a || !b) throw new Error('the processes did not start');
      const pidOfA = String(a.child.pid);
      const pidOfB = String(b.child.pid);
      // B stalls (a long pause, a VM migration) so that A alone takes the recaps of its guilds, then A dies mid-work.
      b.child.kill('SIGSTOP');
      const seeded = await seedRecaps(fixtures.filter(inA), 2, new Date());
      const announcements = new Set(seeded.map((recap) => recap.announcementId));
      const killed = new Promise<void>((resolve) => {
        const unsubscribe = emulator.onEvent((event, data) => {
          if (event === 'THREAD_CREATE' && announcements.has((data as { id?: string }).id ?? '')) {
            a.child.kill('SIGKILL');
            unsubscribe();
            resolve();
          }
        });
      });
      await killed;
      expect(await a.exited).toBe('SIGKILL');
      const keys = seeded.map((recap) => `recap:${recap.tripId}`);
      const atKill = await handle.db.select().from(jobs).where(inArray(jobs.dedupeKey, keys));
      const heldByA = atKill.filter((row) => row.status === 'pending' && row.lockedBy?.startsWith(`${pidOfA}-`));
      expect(heldByA.length).toBeGreaterThan(0);
      const leaseEnd = Math.max(...heldByA.map((row) => row.lockedUntil?.getTime() ?? 0));

      b.child.kill('SIGCONT');
      await waitUntil(
        () => seeded.every((recap) => recapMessagesIn(emulator, recap.announcementId).length > 0),
        150_000,
        () => `recaps of the dead process's guilds missing:\n${b.output.text.slice(-4_000)}`,
      );
      await emulator.waitFor(async () => {
        const rows = await handle.db.select().from(jobs).where(inArray(jobs.dedupeKey, keys));
        return rows.every((row) => row.status === 'done');
      }, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expectEachPostedOnce([...announcements]);
      const after = await handle.db
        .select()
        .from(jobs)
        .where(and(inArray(jobs.dedupeKey, keys), like(jobs.lockedBy, `${pidOfB}-%`)));
      const takenOver = after.filter((row) => heldByA.some((held) => held.id === row.id));
      expect(takenOver.map((row) => row.status)).toEqual(heldByA.map(() => 'done'));
      expect(takenOver.every((row) => (row.finishedAt?.getTime() ?? 0) >= leaseEnd)).toBe(true);
      expect(b.child.exitCode).toBeNull();
    });
  },
  { orThrowawayCluster: true, timeout: 300_000 },
);
