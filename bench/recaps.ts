import { mkdirSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import pino from 'pino';
import { type RunningBot, startBot } from '../src/bot.js';
import { parseConfig } from '../src/config.js';
import type { Clock } from '../src/domain/clock.js';
import { jobHandlers } from '../src/jobs/handlers.js';
import {
  type Announcement,
  addTown,
  announceTrip,
  type BenchGuild,
  createBenchGuild,
  deployGuildCommands,
} from './fixture.js';
import { percentile, sleep } from './stats.js';

export interface RecapRun {
  database: 'pglite' | 'postgres';
  trips: number;
  /** What was timed: the recap posts, or (no recap handler registered yet) the scheduler picking the jobs up. */
  measured: 'recap posted' | 'job picked up (no recap handler registered)';
  done: number;
  duplicates: number;
  /** REST requests the bot made from the jump until the last recap, by route: what the 50/s global limit paces. */
  restRequests: Record<string, number>;
  latenessMs: { p50: number | null; max: number | null };
  /**
   * After the recaps: announcements that came to link to their recap (within 60 s), the most edits one announcement
   * got from the jump on (the stop's end and the recap's link: 1 when one redraw shows both), and when the last
   * link was shown, after the due time.
   */
  announcements?: { linked: number; maxEditsEach: number; lastLinkedMs: number | null };
}

export interface RecapResult {
  handlerRegistered: boolean;
  runs: RecapRun[];
}

/** The system clock moved by an offset we can change: trips are announced days ahead, then time jumps. */
class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/**
 * `count` trips whose recaps fall due at the same instant. The bot runs in this process through startBot (its
 * production composition root) with the production scheduler interval, on a clock we can move: the trips are
 * announced three days ahead, time jumps to the meetup (the reminders go out and are waited for), then to three
 * seconds before the recaps are due. Lateness = when the recap was posted (or the job picked up) minus the due time.
 */
export async function measureRecaps(
  input: { count: number },
  postgresUrl: () => Promise<string>,
  log: (line: string) => void,
): Promise<RecapResult> {
  const handlerRegistered = typeof jobHandlers.recap === 'function';
  const runs: RecapRun[] = [];
  for (const database of ['pglite', 'postgres'] as const) {
    runs.push(await recapRun(database, input.count, handlerRegistered, postgresUrl, log));
  }
  return { handlerRegistered, runs };
}

async function recapRun(
  database: 'pglite' | 'postgres',
  count: number,
  handlerRegistered: boolean,
  postgresUrl: () => Promise<string>,
  log: (line: string) => void,
): Promise<RecapRun> {
  const clock = new ShiftedClock();
  const guild = await createBenchGuild({ members: 20, emulator: { now: () => clock.now() } });
  const lines: { time: number; msg: string; job?: string }[] = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        const parsed = JSON.parse(line) as { time: number; msg: string; job?: string };
        if (parsed.job) lines.push({ time: parsed.time, msg: parsed.msg, job: parsed.job });
      },
    },
  );
  let bot: RunningBot | undefined;
  try {
    await deployGuildCommands(guild);
    const databaseUrl = database === 'postgres' ? await postgresUrl() : '';
    bot = await startBot({ config: config(guild, databaseUrl), clock, logger });
    await addTown(guild, 'Rimouski');
    log(`recaps (${database}): announcing ${count} trips`);
    const trips: Announcement[] = [];
    for (let index = 0; index < count; index += 1) {
      trips.push(await announceTrip(guild, { town: 'Rimouski', when: 'dans 3 jours 12h' }));
    }
    const startsAt = tripStart(guild, trips[0]!.message.id);
    // 90 minutes (default duration) + 30 minutes (default recap delay).
    const dueAt = startsAt + (90 + 30) * 60_000;

    clock.offsetMs = startsAt - 60_000 - Date.now();
    await bot.scheduler.runDue();
    await waitQuiet(guild, 2_000);
    log(`recaps (${database}): reminders sent, moving to 3 s before the recaps are due`);
    lines.length = 0;
    const requestsBefore = guild.emulator.requests.length;
    clock.offsetMs = dueAt - 3_000 - Date.now();

    const jumpedAt = dueAt - 3_000;
    // BENCH_CPU_PROF=<folder>: a V8 CPU profile of this process from the jump to the last recap.
    const profiler = process.env.BENCH_CPU_PROF ? await startProfile() : undefined;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const recapPosts = () =>
      recapMessages(
        guild,
        trips.map((trip) => trip.message.id),
        jumpedAt,
      );
    const deadline = Date.now() + 120_000;
    for (;;) {
      const done = handlerRegistered
        ? recapPosts().length
        : new Set(lines.filter((line) => line.job?.startsWith('recap:')).map((line) => line.job)).size;
      if (done >= count || Date.now() > deadline) break;
      await sleep(100);
    }
    const cpu = process.cpuUsage(cpuBefore);
    if (profiler && process.env.BENCH_CPU_PROF) {
      const file = path.join(process.env.BENCH_CPU_PROF, `recaps-${database}-${Date.now()}.cpuprofile`);
      await profiler.stop(file);
      log(`recaps (${database}): CPU profile ${file}`);
    }
    log(
      `recaps (${database}): from the jump to the last recap, ${Math.round(performance.now() - wallBefore)} ms, ` +
        `CPU of this process (bot, database if embedded, emulator) ${Math.round((cpu.user + cpu.system) / 1_000)} ms`,
    );
    await sleep(1_000);
    const restRequests: Record<string, number> = {};
    const span: Record<string, [number, number]> = {};
    const wallDueAt = dueAt - clock.offsetMs;
    for (const request of guild.emulator.requests.slice(requestsBefore)) {
      const route = `${request.method} ${request.route ?? request.path}`;
      restRequests[route] = (restRequests[route] ?? 0) + 1;
      const at = request.at - wallDueAt;
      span[route] = [Math.min(span[route]?.[0] ?? at, at), Math.max(span[route]?.[1] ?? at, at)];
    }
    for (const [route, [first, last]] of Object.entries(span)) {
      log(`recaps (${database}): ${route} × ${restRequests[route]} from ${first} ms to ${last} ms after due`);
    }
    const announcements = await waitForLinks(guild, trips, requestsBefore, dueAt - clock.offsetMs);
    log(
      `recaps (${database}): ${announcements.linked}/${count} announcements link to their recap, ` +
        `at most ${announcements.maxEditsEach} edit(s) each, the last ${announcements.lastLinkedMs} ms after due`,
    );
    const offset = clock.offsetMs;
    let lateness: number[];
    let duplicates = 0;
    if (handlerRegistered) {
      const posts = recapPosts();
      const perThread = new Map<string, number>();
      for (const post of posts)
        perThread.set(post.channelId, Math.min(perThread.get(post.channelId) ?? Infinity, post.createdAt.getTime()));
      duplicates = posts.length - perThread.size;
      lateness = [...perThread.values()].map((at) => at - dueAt);
    } else {
      const first = new Map<string, number>();
      for (const line of lines) {
        if (!line.job?.startsWith('recap:')) continue;
        if (!first.has(line.job)) first.set(line.job, line.time + offset);
      }
      lateness = [...first.values()].map((at) => at - dueAt);
    }
    lateness.sort((a, b) => a - b);
    return {
      database,
      trips: count,
      measured: handlerRegistered ? 'recap posted' : 'job picked up (no recap handler registered)',
      done: lateness.length,
      duplicates,
      restRequests,
      latenessMs: { p50: percentile(lateness, 50), max: lateness.at(-1) ?? null },
      announcements,
    };
  } finally {
    await bot?.stop();
    await guild.emulator.close();
  }
}

function config(guild: BenchGuild, databaseUrl: string) {
  return parseConfig({
    DISCORD_TOKEN: guild.emulator.botToken,
    DISCORD_API_URL: guild.emulator.apiUrl,
    DATABASE_URL: databaseUrl,
    DATA_DIR: ':memory:',
    LOG_LEVEL: 'debug',
  });
}

/** The trip's start, read back from the announcement's Discord timestamp `<t:…:F>`. */
function tripStart(guild: BenchGuild, messageId: string): number {
  const match = /<t:(\d+):F>/.exec(JSON.stringify(guild.emulator.message(messageId)));
  if (!match) throw new Error('no timestamp in the announcement');
  return Number(match[1]) * 1_000;
}

/** Recap posts: the bot's messages, after the jump, in the threads started on the announcements. */
function recapMessages(guild: BenchGuild, announcementIds: string[], since: number) {
  const ids = new Set(announcementIds);
  return guild.emulator
    .threads(guild.channelId)
    .filter((thread) => ids.has(thread.id))
    .flatMap((thread) => guild.emulator.messages(thread.id))
    .filter((message) => message.authorId === guild.emulator.botUser.id && !message.ephemeral)
    .filter((message) => message.createdAt.getTime() >= since);
}

/**
 * Waits (60 s at most) for every announcement to link to its recap message, then counts the edits each got since the
 * jump (the requests from `requestsFrom` on) and when the last link appeared (wall clock, minus the due time).
 */
async function waitForLinks(
  guild: BenchGuild,
  trips: Announcement[],
  requestsFrom: number,
  wallDueAt: number,
): Promise<NonNullable<RecapRun['announcements']>> {
  const linked = () =>
    trips.filter((trip) => {
      const thread = guild.emulator.threads(guild.channelId).find((candidate) => candidate.id === trip.message.id);
      const recap =
        thread && guild.emulator.messages(thread.id).find((message) => message.authorId === guild.emulator.botUser.id);
      return recap !== undefined && JSON.stringify(guild.emulator.message(trip.message.id)).includes(recap.id);
    }).length;
  const deadline = Date.now() + 60_000;
  while (linked() < trips.length && Date.now() < deadline) await sleep(100);
  await sleep(500);
  const ids = new Set(trips.map((trip) => trip.message.id));
  const edits = new Map<string, number>();
  let last: number | null = null;
  for (const request of guild.emulator.requests.slice(requestsFrom)) {
    if (request.method !== 'PATCH' || request.route !== '/channels/:channelId/messages/:messageId') continue;
    const messageId = request.path.split('/').at(-1) ?? '';
    if (!ids.has(messageId)) continue;
    edits.set(messageId, (edits.get(messageId) ?? 0) + 1);
    last = Math.max(last ?? 0, request.at - wallDueAt);
  }
  return { linked: linked(), maxEditsEach: Math.max(0, ...edits.values()), lastLinkedMs: last };
}

async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function waitQuiet(guild: BenchGuild, quietMs: number): Promise<void> {
  for (;;) {
    const last = guild.emulator.requests.at(-1)?.at ?? 0;
    if (Date.now() - last >= quietMs) return;
    await sleep(100);
  }
}
