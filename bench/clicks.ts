import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, queryRows } from '../src/db/client.js';
import type { Emulator, InteractionResult } from '../src/emulator/index.js';
import { t } from '../src/i18n/index.js';
import { buildBareBot, buildBot, startNodeArgs } from './build.js';
import { type NodeChild, spawnPlainNode } from './children.js';
import {
  type Announcement,
  addTown,
  announceTrip,
  type BenchGuild,
  botEnv,
  createBenchGuild,
  deployGuildCommands,
  postLookalikeAnnouncement,
} from './fixture.js';
import { burstClicks, type Click, type ClickRun, openLoopClicks, sequentialClicks } from './load.js';
import { type LatencySummary, sleep, summarize } from './stats.js';

export type BotKind = 'bare' | 'escale-postgres' | 'escale-pglite';

export interface ClickPlan {
  warmup: number;
  sequential: number;
  openLoopRate: number;
  openLoopSeconds: number;
  burst: number;
  burstCapacity: number;
}

export interface BurstResult {
  clicks: number;
  capacity: number;
  drainMs: number;
  misses: number;
  latency: LatencySummary;
  /** Replies that were not a confirmation (errors): must be 0. */
  errorReplies: number;
  replies: { going: number; waitlisted: number; other: number };
  /** Rows in the database after the burst (the host counts as going). */
  database: { going: number; waitlist: number; other: number } | null;
  /** What the announcement shows once the coalesced edits have settled. */
  announcement: { going: number | null; waitlist: number | null; edits: number; settledAfterMs: number } | null;
  exact: boolean | null;
}

export interface BotRun {
  kind: BotKind;
  warmup: LatencySummary;
  sequential: LatencySummary;
  openLoop: LatencySummary & {
    rate: number;
    seconds: number;
    maxGeneratorLagMs: number;
    errorReplies: number;
    /** CPU the bot's process used per click during the open loop (ms), and the emulator's (this process). */
    botCpuMsPerClick: number | null;
    emulatorCpuMsPerClick: number;
  };
  burst: BurstResult;
  /** Resident memory of the whole bot process after the load (bytes). */
  processRss: number | null;
  /** Lines the bot wrote at warn level or above during the run (errors, expired interactions). */
  warnings: number;
}

const TRIPS_FOR_LATENCY = 5;
const OPEN_LOOP_RESPONSES = ['maybe', 'going', 'no'] as const;

/**
 * One bot on a fresh emulator: warm-up, sequential clicks, open-loop clicks at a fixed rate, then the burst on a
 * trip with limited seats. The bot runs in its own process, as in production.
 */
export async function runClickScenarios(
  kind: BotKind,
  plan: ClickPlan,
  databaseUrl: () => Promise<string>,
  log: (line: string) => void,
): Promise<BotRun> {
  const members = Math.max(plan.burst, plan.sequential, plan.warmup) + plan.warmup;
  const guild = await createBenchGuild({ members });
  const dataDir = kind === 'escale-pglite' ? mkdtempSync(path.join(tmpdir(), 'escale-bench-')) : undefined;
  const url = kind === 'escale-postgres' ? await databaseUrl() : undefined;
  let bot: NodeChild | undefined;
  try {
    if (kind !== 'bare') await deployGuildCommands(guild);
    // BENCH_CPU_PROF=<folder>: a V8 CPU profile of the bot, written when it stops (for looking into a miss).
    // BENCH_NODE_ARGS: more flags for the bot's node (e.g. `--heap-prof --heap-prof-dir=/tmp/heap`).
    const nodeArgs = [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
      ...(process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
    ];
    bot =
      kind === 'bare'
        ? spawnPlainNode(buildBareBot(), botEnv(guild, {}), { nodeArgs })
        : spawnPlainNode(
            buildBot(),
            botEnv(guild, url ? { databaseUrl: url } : { dataDir: path.join(dataDir!, 'db') }),
            { nodeArgs: [...startNodeArgs(), ...nodeArgs] },
          );
    await bot.waitFor(/ready as/, 120_000);

    const trips: Announcement[] = [];
    if (kind === 'bare') {
      for (let index = 0; index <= TRIPS_FOR_LATENCY; index += 1) {
        trips.push(await postLookalikeAnnouncement(guild, index + 1));
      }
    } else {
      await addTown(guild, 'Rimouski');
      for (let index = 0; index < TRIPS_FOR_LATENCY; index += 1) {
        trips.push(await announceTrip(guild, { town: 'Rimouski', when: `dans ${index + 2} jours 12h` }));
      }
      trips.push(
        await announceTrip(guild, { town: 'Rimouski', when: 'dans 8 jours 19h', capacity: plan.burstCapacity }),
      );
    }
    await quiet(guild.emulator);
    const latencyTrips = trips.slice(0, TRIPS_FOR_LATENCY);
    const burstTrip = trips[TRIPS_FOR_LATENCY]!;
    const click = (trip: Announcement, userId: string, response: string): Click => ({
      messageId: trip.message.id,
      customId: `rsvp:${trip.tripId}:${response}`,
      userId,
    });

    // Members beyond the burst's are the warm-up's, so every measured click changes an answer.
    const warmupMembers = guild.memberIds.slice(members - plan.warmup);
    log(`${kind}: warm-up (${plan.warmup} clicks)`);
    const warmup = await sequentialClicks(
      guild.emulator,
      warmupMembers.map((userId) => click(latencyTrips[1]!, userId, 'going')),
    );
    await quiet(guild.emulator);

    log(`${kind}: ${plan.sequential} sequential clicks`);
    const sequential = await sequentialClicks(
      guild.emulator,
      guild.memberIds.slice(0, plan.sequential).map((userId) => click(latencyTrips[0]!, userId, 'going')),
    );
    await quiet(guild.emulator);

    const openLoopCount = plan.openLoopRate * plan.openLoopSeconds;
    log(`${kind}: open loop, ${plan.openLoopRate}/s for ${plan.openLoopSeconds} s (${openLoopCount} clicks)`);
    const pool = guild.memberIds.slice(0, plan.burst);
    const openLoopClicksPlan: Click[] = [];
    for (let index = 0; index < openLoopCount; index += 1) {
      const member = index % pool.length;
      const round = Math.floor(index / pool.length);
      // Each member always answers the same trip, and each of their clicks changes their answer.
      openLoopClicksPlan.push(
        click(latencyTrips[member % TRIPS_FOR_LATENCY]!, pool[member]!, OPEN_LOOP_RESPONSES[round % 3]!),
      );
    }
    const botCpuBefore = bot.cpuMs();
    const emulatorCpuBefore = process.cpuUsage();
    const openLoop = await openLoopClicks(guild.emulator, openLoopClicksPlan, plan.openLoopRate);
    if (process.env.BENCH_DUMP)
      (await import('node:fs')).writeFileSync(
        `${process.env.BENCH_DUMP}-${kind}.txt`,
        openLoop.results.map((r) => r.latencyMs).join('\n'),
      );
    const botCpuAfter = bot.cpuMs();
    const emulatorCpu = process.cpuUsage(emulatorCpuBefore);
    await quiet(guild.emulator);

    log(`${kind}: burst of ${plan.burst} clicks on a trip of ${plan.burstCapacity} seats`);
    const editsBefore = guild.emulator.message(burstTrip.message.id)?.history.length ?? 0;
    const burst = await burstClicks(
      guild.emulator,
      pool.map((userId) => click(burstTrip, userId, 'going')),
    );
    const announcement =
      kind === 'bare' ? null : await settledAnnouncement(guild, burstTrip, burst, editsBefore, plan.burstCapacity);
    const processRss = bot.rss();
    const warnings = countWarnings(bot.output());
    await bot.stop();
    bot = undefined;
    const database =
      kind === 'bare'
        ? null
        : await countRsvps(burstTrip.tripId, url ? { databaseUrl: url } : { dataDir: path.join(dataDir!, 'db') });
    const replies = classifyBurstReplies(burst.results);
    const expectedGoing = Math.min(plan.burstCapacity, plan.burst + 1);
    const expectedWaitlist = plan.burst + 1 - expectedGoing;
    const exact =
      kind === 'bare'
        ? null
        : database !== null &&
          database.going === expectedGoing &&
          database.waitlist === expectedWaitlist &&
          announcement?.going === expectedGoing &&
          (announcement?.waitlist ?? 0) === expectedWaitlist &&
          replies.going === expectedGoing - 1 &&
          replies.waitlisted === expectedWaitlist;
    const burstLatency = summarize(burst.results.map((result) => result.latencyMs));
    return {
      kind,
      warmup: summarize(warmup.results.map((result) => result.latencyMs)),
      sequential: summarize(sequential.results.map((result) => result.latencyMs)),
      openLoop: {
        ...summarize(openLoop.results.map((result) => result.latencyMs)),
        rate: plan.openLoopRate,
        seconds: plan.openLoopSeconds,
        maxGeneratorLagMs: Math.round(openLoop.maxGeneratorLagMs),
        errorReplies: kind === 'bare' ? 0 : countErrorReplies(openLoop.results),
        botCpuMsPerClick:
          botCpuBefore === null || botCpuAfter === null
            ? null
            : Math.round(((botCpuAfter - botCpuBefore) / openLoopCount) * 100) / 100,
        emulatorCpuMsPerClick:
          Math.round(((emulatorCpu.user + emulatorCpu.system) / 1_000 / openLoopCount) * 100) / 100,
      },
      burst: {
        clicks: plan.burst,
        capacity: plan.burstCapacity,
        drainMs: Math.round(burst.drainMs),
        misses: burstLatency.misses,
        latency: burstLatency,
        errorReplies: kind === 'bare' ? 0 : replies.errors,
        replies: { going: replies.going, waitlisted: replies.waitlisted, other: replies.other },
        database,
        announcement,
        exact,
      },
      processRss,
      warnings,
    };
  } finally {
    await bot?.stop();
    await guild.emulator.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Waits until the bot has made no REST request for `quietMs` (pending announcement edits are done). */
export async function quiet(emulator: Emulator, quietMs = 1_500, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = emulator.requests.at(-1)?.at ?? 0;
    if (Date.now() - last >= quietMs) return;
    if (Date.now() > deadline) throw new Error('the bot kept calling the REST API');
    await sleep(100);
  }
}

async function settledAnnouncement(
  guild: BenchGuild,
  trip: Announcement,
  burst: ClickRun,
  editsBefore: number,
  capacity: number,
): Promise<BurstResult['announcement']> {
  await quiet(guild.emulator, 3_000);
  const message = guild.emulator.message(trip.message.id);
  if (!message) return null;
  const field = (message.embeds[0] as { fields?: { name: string; value: string }[] } | undefined)?.fields?.find(
    (candidate) => candidate.name === t('fr', 'announce.going'),
  );
  const going = field ? Number(/(\d+)\s*\/\s*\d+/.exec(field.value)?.[1] ?? Number.NaN) : null;
  const waitlist = field ? Number(/(\d+) en liste d’attente/.exec(field.value)?.[1] ?? 0) : null;
  const lastEdit = message.editedAt?.getTime() ?? 0;
  void capacity;
  return {
    going: going !== null && Number.isFinite(going) ? going : null,
    waitlist,
    edits: message.history.length - editsBefore,
    settledAfterMs: Math.max(0, Math.round(lastEdit - (performance.timeOrigin + burst.startedAt))),
  };
}

async function countRsvps(
  tripId: number,
  database: { databaseUrl: string } | { dataDir: string },
): Promise<BurstResult['database']> {
  const query = 'select status, count(*)::int as n from rsvps where stop_id = $1 group by status';
  let rows: { status: string; n: number }[];
  if ('databaseUrl' in database) {
    const client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
    try {
      rows = (await client.query<{ status: string; n: number }>(query, [tripId])).rows;
    } finally {
      await client.end();
    }
  } else {
    const handle = await createDb({ databaseUrl: undefined, dataDir: database.dataDir });
    try {
      const { sql } = await import('drizzle-orm');
      rows = await queryRows<{ status: string; n: number }>(
        handle.db,
        sql`select status, count(*)::int as n from rsvps where stop_id = ${tripId} group by status`,
      );
    } finally {
      await handle.close();
    }
  }
  const count = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
  const going = count('going');
  const waitlist = count('waitlist');
  return { going, waitlist, other: rows.reduce((sum, row) => sum + row.n, 0) - going - waitlist };
}

const ERROR_TEXTS = new Set(
  (['error.generic', 'error.databaseUnavailable', 'error.staleComponent'] as const).flatMap((key) => [
    t('fr', key),
    t('en', key),
  ]),
);

function isErrorReply(result: InteractionResult): boolean {
  return result.texts().some((text) => ERROR_TEXTS.has(text));
}

function countErrorReplies(results: readonly InteractionResult[]): number {
  return results.filter(isErrorReply).length;
}

function classifyBurstReplies(results: readonly InteractionResult[]) {
  const going = /tu viens|you're going/i;
  const waitlisted = /liste d’attente|waitlist/i;
  let counts = { going: 0, waitlisted: 0, other: 0, errors: 0 };
  for (const result of results) {
    const text = result.text();
    if (isErrorReply(result)) counts = { ...counts, errors: counts.errors + 1 };
    if (waitlisted.test(text)) counts.waitlisted += 1;
    else if (going.test(text)) counts.going += 1;
    else counts.other += 1;
  }
  return counts;
}

function countWarnings(output: string): number {
  return output.split('\n').filter((line) => /"level":(40|50|60)/.test(line)).length;
}
