import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.js';
import { insertTown } from '../../src/db/repositories/towns.js';
import { jobs, tripStops, trips } from '../../src/db/schema.js';
import type { EmuGuild, Emulator, EmuRole } from '../../src/emulator/index.js';
import { startEmulator } from '../../src/emulator/index.js';
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
 * The recap must be posted exactly once even when the process dies at any point: the real bot process (what
 * `npm start` runs) is killed with SIGKILL at each step of posting a recap, then started again on the same
 * embedded database. Each time: one thread on the announcement, one recap message in it, its id stored.
 */
describe('the recap survives the bot being killed at any step', { timeout: 120_000 }, () => {
  let emulator: Emulator;
  let guild: EmuGuild;
  let role: EmuRole;
  let channelId: string;
  let dataDir: string;
  let townId: number;
  const members: string[] = [];
  let running: BotProcess | undefined;

  beforeAll(async () => {
    emulator = await startEmulator();
    guild = emulator.createGuild({ name: 'Réseau Bas-Saint-Laurent', preferredLocale: 'fr' });
    channelId = emulator.createChannel(guild.id, { name: 'voyages' }).id;
    role = emulator.createRole(guild.id, { name: 'Rimouski' });
    for (const name of ['helene', 'alice', 'bob']) {
      members.push(emulator.addMember(guild.id, { username: name, roles: [role.id] }).userId);
    }
    dataDir = mkdtempSync(path.join(tmpdir(), 'escale-crash-'));
    const handle = await createDb({ databaseUrl: undefined, dataDir });
    try {
      await handle.migrate();
      const town = await insertTown(handle.db, {
        guildId: guild.id,
        name: 'Rimouski',
        normalizedName: 'rimouski',
        roleId: role.id,
        latitude: 48.45,
        longitude: -68.53,
      });
      townId = town?.id ?? 0;
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

  /** A new announcement and its trip whose recap is due, written while no bot holds the database. */
  async function dueRecap(): Promise<{ tripId: number; announcementId: string }> {
    const announcement = postAsBot(emulator, channelId, 'Nouvelle rencontre à Rimouski');
    const handle = await createDb({ databaseUrl: undefined, dataDir });
    try {
      const [hostId = '', ...goingIds] = members;
      const trip = await seedDueRecap(handle.db, {
        guildId: guild.id,
        channelId,
        messageId: announcement.id,
        townId,
        hostId,
        goingIds,
      });
      return { tripId: trip.id, announcementId: announcement.id };
    } finally {
      await handle.close();
    }
  }

  function start(): BotProcess {
    running = spawnBot(botEnv(emulator, { dataDir }));
    return running;
  }

  async function kill(bot: BotProcess): Promise<void> {
    bot.child.kill('SIGKILL');
    expect(await bot.exited).toBe('SIGKILL');
  }

  /** Restarts the bot, lets it finish, stops it, and checks Discord and the database. */
  async function restartAndCheck(tripId: number, announcementId: string): Promise<void> {
    const bot = start();
    await waitUntil(
      () => bot.output.text.includes('"msg":"recap posted"'),
      60_000,
      () => `no recap after the restart; bot output:\n${bot.output.text}`,
    );
    // Long enough for a duplicate to show up if the job ran again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await stopBot(bot);
    running = undefined;

    const threads = emulator.threads(channelId).filter((thread) => thread.id === announcementId);
    expect(threads).toHaveLength(1);
    expect(threads[0]?.name).toMatch(/^Récap · Rimouski · /);
    const recaps = recapMessagesIn(emulator, announcementId);
    expect(recaps).toHaveLength(1);
    expect(recaps[0]?.pinged.users.sort()).toEqual([...members].sort());
    expect(emulator.messages(announcementId).filter((message) => !message.deleted)).toHaveLength(1);

    const handle = await createDb({ databaseUrl: undefined, dataDir });
    try {
      const [stop] = await handle.db.select().from(tripStops).where(eq(tripStops.id, tripId));
      const [trip] = await handle.db.select().from(trips).where(eq(trips.id, tripId));
      expect(trip?.threadId).toBe(announcementId);
      expect(stop?.recapMessageId).toBe(recaps[0]?.id);
      const [job] = await handle.db
        .select()
        .from(jobs)
        .where(eq(jobs.dedupeKey, `recap:${tripId}`));
      expect(job?.status).toBe('done');
    } finally {
      await handle.close();
    }
  }

  it('GIVEN the bot dies before the thread exists (Discord keeps failing the request) WHEN it restarts THEN one thread and one recap', async () => {
    const { tripId, announcementId } = await dueRecap();
    emulator.injectFault({
      method: 'POST',
      path: `/channels/${channelId}/messages/${announcementId}/threads`,
      status: 503,
      times: 1_000,
    });
    const bot = start();
    await waitUntil(
      () => emulator.requests.some((request) => request.fault && request.path.endsWith(`/${announcementId}/threads`)),
      60_000,
      () => `the bot never tried to open the thread:\n${bot.output.text}`,
    );
    await kill(bot);
    emulator.clearFaults();
    expect(emulator.threads(channelId).some((thread) => thread.id === announcementId)).toBe(false);
    await restartAndCheck(tripId, announcementId);
  });

  it('GIVEN the bot dies the instant Discord created the thread (before the answer reached it) WHEN it restarts THEN the thread is reused: one thread and one recap', async () => {
    const { tripId, announcementId } = await dueRecap();
    const bot = start();
    const unsubscribe = emulator.onEvent((event, data) => {
      if (event === 'THREAD_CREATE' && (data as { id?: string }).id === announcementId) bot.child.kill('SIGKILL');
    });
    try {
      expect(await bot.exited).toBe('SIGKILL');
    } finally {
      unsubscribe();
    }
    expect(emulator.threads(channelId).some((thread) => thread.id === announcementId)).toBe(true);
    expect(recapMessagesIn(emulator, announcementId)).toHaveLength(0);
    await restartAndCheck(tripId, announcementId);
  });

  it('GIVEN the bot dies after storing the thread, while posting the recap message fails WHEN it restarts THEN one thread and one recap', async () => {
    const { tripId, announcementId } = await dueRecap();
    emulator.injectFault({ method: 'POST', path: `/channels/${announcementId}/messages`, status: 503, times: 1_000 });
    const bot = start();
    await waitUntil(
      () =>
        emulator.requests.some((request) => request.fault && request.path === `/channels/${announcementId}/messages`),
      60_000,
      () => `the bot never tried to post the recap:\n${bot.output.text}`,
    );
    await kill(bot);
    emulator.clearFaults();
    expect(recapMessagesIn(emulator, announcementId)).toHaveLength(0);
    await restartAndCheck(tripId, announcementId);
  });

  it('GIVEN the bot dies the instant Discord created the recap message (before the answer reached it) WHEN it restarts THEN the message is recognised: one recap', async () => {
    const { tripId, announcementId } = await dueRecap();
    const bot = start();
    const unsubscribe = emulator.onEvent((event, data) => {
      if (event === 'MESSAGE_CREATE' && (data as { channel_id?: string }).channel_id === announcementId) {
        bot.child.kill('SIGKILL');
      }
    });
    try {
      expect(await bot.exited).toBe('SIGKILL');
    } finally {
      unsubscribe();
    }
    expect(recapMessagesIn(emulator, announcementId)).toHaveLength(1);
    await restartAndCheck(tripId, announcementId);
  });

  it('GIVEN the bot dies just after Discord answered the recap post WHEN it restarts THEN one recap', async () => {
    const { tripId, announcementId } = await dueRecap();
    const bot = start();
    await waitUntil(
      () =>
        emulator.requests.some(
          (request) =>
            request.method === 'POST' &&
            request.path === `/channels/${announcementId}/messages` &&
            request.status === 200,
        ),
      60_000,
      () => `the recap was never posted:\n${bot.output.text}`,
    );
    await kill(bot);
    await restartAndCheck(tripId, announcementId);
  });

  it('GIVEN Discord loses its answers once to the thread and to the message (both took effect) WHEN the bot retries THEN still one thread and one recap', async () => {
    const { tripId, announcementId } = await dueRecap();
    emulator.injectFault({
      method: 'POST',
      path: `/channels/${channelId}/messages/${announcementId}/threads`,
      status: 503,
      afterEffect: true,
    });
    emulator.injectFault({
      method: 'POST',
      path: `/channels/${announcementId}/messages`,
      status: 503,
      afterEffect: true,
    });
    const before = emulator.requests.length;
    await restartAndCheck(tripId, announcementId);
    const lost = emulator.requests.slice(before).filter((request) => request.fault);
    expect(lost.map((request) => request.path).sort()).toEqual(
      [`/channels/${announcementId}/messages`, `/channels/${channelId}/messages/${announcementId}/threads`].sort(),
    );
  });
});
