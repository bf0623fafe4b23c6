import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recapKey } from '../../src/app/tripJobs.js';
import { createDb } from '../../src/db/client.js';
import { saveRsvps } from '../../src/db/repositories/rsvps.js';
import { insertTown } from '../../src/db/repositories/towns.js';
import { insertStop, insertTrip } from '../../src/db/repositories/trips.js';
import { jobs, tripStops, trips } from '../../src/db/schema.js';
import type { EmuGuild, Emulator, EmuMessage } from '../../src/emulator/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { scheduleJob } from '../../src/jobs/queue.js';
import { type BotProcess, botEnv, postAsBot, recapMessagesIn, spawnBot, stopBot, waitUntil } from './botProcess.js';

const HOUR = 3_600_000;
/** The itinerary: Rimouski, then Matane, then Amqui, all over; who said they would come to each stop. */
const STOPS = [
  { town: 'Rimouski', startsAgoHours: 30, going: ['alice', 'bob'] },
  { town: 'Matane', startsAgoHours: 8, going: ['carol'] },
  { town: 'Amqui', startsAgoHours: 4, going: ['dave', 'alice'] },
] as const;

/**
 * Issue 12: a trip of three stops has one recap thread on its announcement and one recap per stop in it, exactly
 * once, even when the real bot process (what `npm start` runs) is killed with SIGKILL in the middle of posting them
 * (the three recaps are due together), then started again on the same embedded database.
 */
describe('the recaps of a three-stop trip survive the bot being killed', { timeout: 180_000 }, () => {
  let emulator: Emulator;
  let guild: EmuGuild;
  let channelId: string;
  let dataDir: string;
  const townIds = new Map<string, number>();
  const users = new Map<string, string>();
  let running: BotProcess | undefined;

  beforeAll(async () => {
    emulator = await startEmulator();
    guild = emulator.createGuild({ name: 'Réseau Bas-Saint-Laurent', preferredLocale: 'fr' });
    channelId = emulator.createChannel(guild.id, { name: 'voyages' }).id;
    dataDir = mkdtempSync(path.join(tmpdir(), 'escale-crash-itinerary-'));
    const handle = await createDb({ databaseUrl: undefined, dataDir });
    try {
      await handle.migrate();
      const roles = new Map<string, string>();
      for (const [name, latitude, longitude] of [
        ['Rimouski', 48.45, -68.53],
        ['Matane', 48.85, -67.53],
        ['Amqui', 48.46, -67.43],
      ] as const) {
        const role = emulator.createRole(guild.id, { name });
        roles.set(name, role.id);
        const town = await insertTown(handle.db, {
          guildId: guild.id,
          name,
          normalizedName: name.toLowerCase(),
          roleId: role.id,
          latitude,
          longitude,
        });
        townIds.set(name, town?.id ?? 0);
      }
      for (const [name, town] of [
        ['helene', 'Rimouski'],
        ['alice', 'Rimouski'],
        ['bob', 'Rimouski'],
        ['carol', 'Matane'],
        ['dave', 'Amqui'],
      ] as const) {
        users.set(name, emulator.addMember(guild.id, { username: name, roles: [roles.get(town) ?? ''] }).userId);
      }
    } finally {
      await handle.close();
    }
  }, 120_000);

  afterEach(async () => {
    emulator.clearFaults();
    if (running) await stopBot(running);
    running = undefined;
  });

  afterAll(async () => {
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const user = (name: string) => users.get(name) ?? '';

  /** A new announced trip of three stops, all over, whose three recaps are due now (no bot holds the database). */
  async function dueItinerary(): Promise<{ tripId: number; stopIds: number[]; announcementId: string }> {
    const announcement = postAsBot(emulator, channelId, 'Nouvelle rencontre : Rimouski, Matane, Amqui');
    const handle = await createDb({ databaseUrl: undefined, dataDir });
    try {
      const now = Date.now();
      const created = new Date(now - 72 * HOUR);
      const stopIds: number[] = [];
      let tripId = 0;
      for (const stop of STOPS) {
        const fields = {
          guildId: guild.id,
          townId: townIds.get(stop.town) ?? null,
          townName: stop.town,
          startsAt: new Date(now - stop.startsAgoHours * HOUR),
          durationMinutes: 90,
          topic: 'IA et PME',
          venue: 'Café du Port',
          capacity: null,
          reach: 'town',
          status: 'scheduled',
          createdAt: created,
          updatedAt: created,
        };
        if (tripId === 0) {
          const trip = await insertTrip(handle.db, {
            ...fields,
            hostId: user('helene'),
            channelId,
            messageId: announcement.id,
          });
          tripId = trip.tripId;
          stopIds.push(trip.id);
        } else {
          stopIds.push((await insertStop(handle.db, { ...fields, tripId })).id);
        }
        const stopId = stopIds.at(-1) ?? 0;
        await saveRsvps(
          handle.db,
          ['helene', ...stop.going].map((name, index) => ({
            stopId,
            userId: user(name),
            status: 'going',
            guests: 0,
            respondedAt: new Date(created.getTime() + index * 1_000),
            waitlistedAt: null,
          })),
        );
        await scheduleJob(handle.db, {
          kind: 'recap',
          dedupeKey: recapKey(stopId),
          guildId: guild.id,
          runAt: new Date(now - 60_000),
          payload: { tripId: stopId },
        });
      }
      return { tripId, stopIds, announcementId: announcement.id };
    } finally {
      await handle.close();
    }
  }

  function start(): BotProcess {
    running = spawnBot(botEnv(emulator, { dataDir }));
    return running;
  }

  /** Starts the bot and kills it (SIGKILL) the instant Discord emits the event `when` picks. */
  async function startAndKillWhen(when: (event: string, data: unknown) => boolean): Promise<BotProcess> {
    const bot = start();
    const unsubscribe = emulator.onEvent((event, data) => {
      if (when(event, data)) bot.child.kill('SIGKILL');
    });
    try {
      expect(await bot.exited).toBe('SIGKILL');
    } finally {
      unsubscribe();
    }
    running = undefined;
    return bot;
  }

  /** The stop a recap message is for, from its "I was there" button (`recap:<stopId>:attended`). */
  function stopOf(message: EmuMessage): number {
    return Number(/"custom_id":"recap:(\d+):attended"/.exec(JSON.stringify(message.components))?.[1]);
  }

  async function recordedRecaps(stopIds: number[]): Promise<Map<number, string | null>> {
    const handle = await createDb({ databaseUrl: undefined, dataDir });
    try {
      const rows = await handle.db.select().from(tripStops).where(inArray(tripStops.id, stopIds));
      return new Map(rows.map((row) => [row.id, row.recapMessageId]));
    } finally {
      await handle.close();
    }
  }

  /** Restarts the bot, waits for the recaps not yet recorded, stops it, and checks Discord and the database. */
  async function restartAndCheck(due: { tripId: number; stopIds: number[]; announcementId: string }): Promise<void> {
    const { tripId, stopIds, announcementId } = due;
    const before = await recordedRecaps(stopIds);
    const pending = stopIds.filter((stopId) => !before.get(stopId));
    const bot = start();
    await waitUntil(
      () =>
        pending.every((stopId) =>
          bot.output.text
            .split('\n')
            .some((line) => line.includes('"msg":"recap posted"') && line.includes(`"tripId":${stopId},`)),
        ),
      90_000,
      () => `not every recap was posted after the restart (waiting for ${pending}); bot output:\n${bot.output.text}`,
    );
    // Long enough for a duplicate to show up if a job ran again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await stopBot(bot);
    running = undefined;

    const threads = emulator.threads(channelId).filter((thread) => thread.id === announcementId);
    expect(threads).toHaveLength(1);
    expect(threads[0]?.name).toMatch(/^Récap · Rimouski · /);
    const recaps = recapMessagesIn(emulator, announcementId);
    expect(recaps.map(stopOf).sort()).toEqual([...stopIds].sort());
    STOPS.forEach((stop, index) => {
      const recap = recaps.find((message) => stopOf(message) === stopIds[index]);
      expect(recap?.pinged.users.sort()).toEqual(['helene', ...stop.going].map(user).sort());
    });
    expect(emulator.messages(announcementId).filter((message) => !message.deleted)).toHaveLength(STOPS.length);

    const handle = await createDb({ databaseUrl: undefined, dataDir });
    try {
      const [trip] = await handle.db.select().from(trips).where(eq(trips.id, tripId));
      expect(trip?.threadId).toBe(announcementId);
      const stops = await handle.db.select().from(tripStops).where(inArray(tripStops.id, stopIds));
      for (const stop of stops) {
        expect(stop.recapMessageId).toBe(recaps.find((message) => stopOf(message) === stop.id)?.id);
      }
      const recapJobs = await handle.db
        .select()
        .from(jobs)
        .where(inArray(jobs.dedupeKey, stopIds.map(recapKey)));
      expect(recapJobs.map((job) => job.status)).toEqual(stopIds.map(() => 'done'));
    } finally {
      await handle.close();
    }
  }

  it('GIVEN a three-stop trip whose recaps are due WHEN the bot dies the instant Discord created the recap thread THEN after a restart: one thread, each stop’s recap once in it', async () => {
    const due = await dueItinerary();
    await startAndKillWhen(
      (event, data) => event === 'THREAD_CREATE' && (data as { id?: string }).id === due.announcementId,
    );
    expect(emulator.threads(channelId).some((thread) => thread.id === due.announcementId)).toBe(true);
    expect(recapMessagesIn(emulator, due.announcementId)).toHaveLength(0);
    await restartAndCheck(due);
  });

  for (const [nth, label] of [
    [1, 'first'],
    [2, 'second'],
    [3, 'third'],
  ] as const) {
    it(`GIVEN a three-stop trip whose recaps are due WHEN the bot dies the instant Discord created the ${label} recap message (before the answer reached it) THEN after a restart: one thread, each stop’s recap once in it`, async () => {
      const due = await dueItinerary();
      let created = 0;
      await startAndKillWhen((event, data) => {
        if (event !== 'MESSAGE_CREATE' || (data as { channel_id?: string }).channel_id !== due.announcementId) {
          return false;
        }
        created += 1;
        return created === nth;
      });
      expect(recapMessagesIn(emulator, due.announcementId).length).toBeGreaterThanOrEqual(nth);
      await restartAndCheck(due);
    });
  }

  it('GIVEN a three-stop trip whose recaps are due WHEN the bot dies just after Discord answered the second recap post THEN after a restart: one thread, each stop’s recap once in it', async () => {
    const due = await dueItinerary();
    const posted = () =>
      emulator.requests.filter(
        (request) =>
          request.method === 'POST' &&
          request.path === `/channels/${due.announcementId}/messages` &&
          request.status === 200,
      ).length;
    const already = posted();
    const bot = start();
    await waitUntil(
      () => posted() - already >= 2,
      60_000,
      () => `two recaps were never posted:\n${bot.output.text}`,
    );
    bot.child.kill('SIGKILL');
    expect(await bot.exited).toBe('SIGKILL');
    running = undefined;
    await restartAndCheck(due);
  });
});
