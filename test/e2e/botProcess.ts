import { type ChildProcess, spawn } from 'node:child_process';
import { recapKey } from '../../src/app/tripJobs.js';
import type { Database } from '../../src/db/client.js';
import { saveRsvps } from '../../src/db/repositories/rsvps.js';
import { insertTrip, type TripRow } from '../../src/db/repositories/trips.js';
import type { Emulator, EmuMessage } from '../../src/emulator/index.js';
import { createMessage } from '../../src/emulator/messages.js';
import { scheduleJob } from '../../src/jobs/queue.js';

/**
 * The bot as a real process (`node --import tsx src/main.ts`, what `npm start` runs) against an emulator living in
 * the test process: the crash and sharding tests kill and restart it.
 */
export interface BotProcess {
  child: ChildProcess;
  output: { text: string };
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string | null>;
}

export function spawnBot(extraEnv: Record<string, string>, script = 'src/main.ts'): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: 'UTC',
      LOG_LEVEL: 'info',
      SCHEDULER_INTERVAL_MS: '100',
      ...extraEnv,
    },
    stdio: 'pipe',
  });
  const output = { text: '' };
  child.stdout?.on('data', (chunk) => {
    output.text += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output.text += String(chunk);
  });
  const exited = new Promise<number | string | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  return { child, output, exited };
}

export function botEnv(
  emulator: Emulator,
  database: { dataDir?: string; databaseUrl?: string },
): Record<string, string> {
  return {
    DISCORD_API_URL: emulator.apiUrl,
    DISCORD_TOKEN: emulator.botToken,
    ...(database.dataDir ? { DATA_DIR: database.dataDir } : {}),
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
  };
}

/** SIGTERM and wait; SIGKILL after 20 s. */
export async function stopBot(bot: BotProcess): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  const force = setTimeout(() => bot.child.kill('SIGKILL'), 20_000);
  bot.child.kill('SIGTERM');
  await bot.exited;
  clearTimeout(force);
}

export async function waitUntil(predicate: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A message the bot posted, as if it had announced a trip (the recap opens its thread on it). */
export function postAsBot(emulator: Emulator, channelId: string, content: string): EmuMessage {
  const channel = emulator.channel(channelId);
  if (!channel) throw new Error(`unknown channel ${channelId}`);
  return createMessage(emulator.state, { channel, authorId: emulator.botUser.id, body: { content }, files: [] });
}

/** The recap messages (with the "I was there" button) in a thread. */
export function recapMessagesIn(emulator: Emulator, threadId: string): EmuMessage[] {
  return emulator
    .messages(threadId)
    .filter((message) => !message.deleted && JSON.stringify(message.components).includes(':attended"'));
}

/** A trip that ended 90 minutes ago, announced by `messageId`, with members going and its recap job due now. */
export async function seedDueRecap(
  db: Database,
  input: {
    guildId: string;
    channelId: string;
    messageId: string;
    townId: number;
    hostId: string;
    goingIds: string[];
    /** When the recap job becomes due (default: a minute ago). */
    dueAt?: Date;
  },
): Promise<TripRow> {
  const now = new Date();
  const startsAt = new Date(now.getTime() - 3 * 3_600_000);
  const trip = await insertTrip(db, {
    guildId: input.guildId,
    hostId: input.hostId,
    townId: input.townId,
    townName: 'Rimouski',
    startsAt,
    durationMinutes: 90,
    topic: 'IA et PME',
    venue: 'Café du Port',
    capacity: null,
    reach: 'town',
    status: 'scheduled',
    channelId: input.channelId,
    messageId: input.messageId,
    createdAt: new Date(startsAt.getTime() - 86_400_000),
    updatedAt: new Date(startsAt.getTime() - 86_400_000),
  });
  await saveRsvps(
    db,
    [input.hostId, ...input.goingIds].map((userId, index) => ({
      stopId: trip.id,
      userId,
      status: 'going',
      guests: 0,
      respondedAt: new Date(startsAt.getTime() - 86_400_000 + index * 1_000),
      waitlistedAt: null,
    })),
  );
  await scheduleJob(db, {
    kind: 'recap',
    dedupeKey: recapKey(trip.id),
    guildId: input.guildId,
    runAt: input.dueAt ?? new Date(now.getTime() - 60_000),
    payload: { tripId: trip.id },
  });
  return trip;
}
