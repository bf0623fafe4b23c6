import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb, queryRows } from '../src/db/client.js';
import { insertTrip } from '../src/db/repositories/trips.js';
import { scheduleJob } from '../src/jobs/queue.js';
import { buildBot, startNodeArgs } from './build.js';
import { type NodeChild, ROOT, spawnPlainNode } from './children.js';
import { quiet } from './clicks.js';
import {
  type Announcement,
  addTown,
  announceTrip,
  botEnv,
  createBenchGuild,
  deployGuildCommands,
  postLookalikeAnnouncement,
} from './fixture.js';
import { sleep } from './stats.js';

/**
 * No leak (issue 15 goal 4): `minutes` of mixed traffic on the embedded database (the default, whose WASM memory
 * never shrinks) — clicks at `clicksPerSecond`, a trip announced every 10 s, an edit every 15 s, a /trip list every
 * 5 s, and reminders and recaps falling due all along (jobs seeded in the database before the bot starts, on trips
 * whose announcements exist in the emulator) — with the bot's RSS sampled every 5 s. Growth is measured from the
 * end of the first minute to the end.
 */
export interface SoakResult {
  minutes: number;
  clicksPerSecond: number;
  samples: { atS: number; rssMiB: number }[];
  /** RSS at the end of the first minute, the maximum after it, and at the end. */
  afterFirstMinuteMiB: number;
  maxAfterFirstMinuteMiB: number;
  endMiB: number;
  growthPercent: number;
  counts: {
    failed: number;
    clicks: number;
    missed: number;
    trips: number;
    edits: number;
    lists: number;
    reminders: number;
    recaps: number;
  };
  chart: string;
}

const SAMPLE_EVERY_MS = 5_000;

export async function runSoak(
  input: { minutes: number; clicksPerSecond: number },
  log: (line: string) => void,
): Promise<SoakResult> {
  const durationMs = input.minutes * 60_000;
  const guild = await createBenchGuild({ members: 400 });
  const folder = mkdtempSync(path.join(tmpdir(), 'escale-soak-'));
  const dataDir = path.join(folder, 'db');
  const entry = buildBot();
  let bot: NodeChild | undefined;
  try {
    await deployGuildCommands(guild);
    bot = spawnPlainNode(entry, botEnv(guild, { dataDir }), { nodeArgs: startNodeArgs() });
    await bot.waitFor(/ready as/, 120_000);
    await sleep(2_000);
    await addTown(guild, 'Rimouski');
    const trips: Announcement[] = [];
    for (let index = 0; index < 5; index += 1) {
      trips.push(await announceTrip(guild, { town: 'Rimouski', when: `dans ${index + 2} jours 12h` }));
    }
    await quiet(guild.emulator);
    await bot.stop();
    bot = undefined;

    // Reminders and recaps due all through the soak: trips whose announcements exist, jobs spread over the run.
    const dueCount = Math.max(4, Math.round(input.minutes * 6));
    log(`soak: seeding ${dueCount} reminders and ${dueCount} recaps due during the run`);
    const seeded: { tripId: number; kind: 'reminder' | 'recap'; runAt: Date }[] = [];
    const startAt = Date.now() + 20_000;
    const handle = await createDb({ databaseUrl: undefined, dataDir });
    try {
      const [town] = await queryRows<{ id: number }>(handle.db, sql`select id from towns where name = 'Rimouski'`);
      for (let index = 0; index < dueCount * 2; index += 1) {
        const kind = index % 2 === 0 ? 'reminder' : 'recap';
        const runAt = new Date(startAt + ((index + 1) / (dueCount * 2 + 1)) * durationMs);
        const startsAt =
          kind === 'reminder' ? new Date(runAt.getTime() + 60 * 60_000) : new Date(runAt.getTime() - 120 * 60_000);
        const announcement = await postLookalikeAnnouncement(guild, 10_000 + index);
        const trip = await insertTrip(handle.db, {
          guildId: guild.guildId,
          hostId: guild.ownerId,
          townId: town?.id ?? null,
          townName: 'Rimouski',
          startsAt,
          durationMinutes: 90,
          channelId: guild.channelId,
          messageId: announcement.message.id,
          createdAt: new Date(),
          updatedAt: new Date(),
        });
        // The stop's id: what buttons, answers and job payloads name.
        const tripId = trip.id;
        for (const userId of guild.memberIds.slice(index * 3, index * 3 + 3)) {
          await handle.db.execute(
            sql`insert into rsvps (stop_id, user_id, status, responded_at) values (${tripId}, ${userId}, 'going', now())`,
          );
        }
        await scheduleJob(handle.db, {
          kind,
          dedupeKey: kind === 'reminder' ? `reminder:${tripId}:60` : `recap:${tripId}`,
          guildId: guild.guildId,
          payload: kind === 'reminder' ? { tripId, offsetMinutes: 60 } : { tripId },
          runAt,
        });
        seeded.push({ tripId, kind, runAt });
      }
    } finally {
      await handle.close();
    }

    bot = spawnPlainNode(entry, botEnv(guild, { dataDir }), { nodeArgs: startNodeArgs() });
    await bot.waitFor(/ready as/, 120_000);
    const running = bot;
    const wait = Math.max(0, startAt - Date.now());
    await sleep(wait);
    log(`soak: ${input.minutes} min of mixed traffic`);
    const startedAt = Date.now();
    const samples: SoakResult['samples'] = [];
    const counts = { clicks: 0, missed: 0, trips: 0, edits: 0, lists: 0, reminders: 0, recaps: 0, failed: 0 };
    const failed = (what: string, error: Error) => {
      counts.failed += 1;
      if (counts.failed <= 5) log(`soak: ${what} failed: ${error.message.slice(0, 200)}`);
    };
    const pending: Promise<unknown>[] = [];
    const sampler = setInterval(() => {
      const rss = running.rss();
      if (rss !== null) samples.push({ atS: Math.round((Date.now() - startedAt) / 1_000), rssMiB: rss / 2 ** 20 });
    }, SAMPLE_EVERY_MS);
    const responses = ['going', 'maybe', 'no'] as const;
    let tick = 0;
    const clickInterval = 1_000 / input.clicksPerSecond;
    try {
      while (Date.now() - startedAt < durationMs) {
        const member = guild.memberIds[tick % guild.memberIds.length]!;
        const trip = trips[tick % trips.length]!;
        const response = responses[Math.floor(tick / guild.memberIds.length) % 3]!;
        pending.push(
          guild.emulator
            .clickButton({ messageId: trip.message.id, customId: `rsvp:${trip.tripId}:${response}`, userId: member })
            .then(
              (result) => {
                counts.clicks += 1;
                if (result.latencyMs === null) counts.missed += 1;
              },
              (error: Error) => failed('click', error),
            ),
        );
        const everySeconds = (seconds: number) => tick % Math.round(seconds * input.clicksPerSecond) === 0;
        if (tick > 0 && everySeconds(10)) {
          pending.push(
            announceTrip(guild, { town: 'Rimouski', when: `dans ${3 + (counts.trips % 20)} jours 18h` }).then(
              (announcement) => {
                counts.trips += 1;
                trips.push(announcement);
              },
              (error: Error) => failed('announce', error),
            ),
          );
        }
        if (tick > 0 && everySeconds(15)) {
          const target = trips[counts.edits % trips.length]!;
          pending.push(
            guild.emulator
              .runCommand({
                channelId: guild.channelId,
                userId: guild.ownerId,
                name: 'trip',
                options: [
                  {
                    name: 'edit',
                    options: [
                      { name: 'trip', value: String(target.tripId) },
                      { name: 'venue', value: `Café ${counts.edits}` },
                    ],
                  },
                ] as never,
              })
              .then((result) => result.settled(30_000))
              .then(
                () => {
                  counts.edits += 1;
                },
                (error: Error) => failed('edit', error),
              ),
          );
        }
        if (tick > 0 && everySeconds(5)) {
          pending.push(
            guild.emulator
              .runCommand({
                channelId: guild.channelId,
                userId: member,
                name: 'trip',
                options: [{ name: 'list' }] as never,
              })
              .then((result) => result.settled(30_000))
              .then(
                () => {
                  counts.lists += 1;
                },
                (error: Error) => failed('list', error),
              ),
          );
        }
        tick += 1;
        const next = startedAt + tick * clickInterval - Date.now();
        if (next > 1) await sleep(next);
        if (pending.length > 2_000) await Promise.allSettled(pending.splice(0));
      }
      await Promise.allSettled(pending);
    } finally {
      clearInterval(sampler);
    }
    await quiet(guild.emulator, 2_000);
    const handleAfter = await bot.stop().then(() => createDb({ databaseUrl: undefined, dataDir }));
    bot = undefined;
    try {
      const done = await queryRows<{ kind: string; n: number }>(
        handleAfter.db,
        sql`select kind, count(*)::int as n from jobs where status = 'done' and id in (
              select id from jobs where run_at >= ${new Date(startAt).toISOString()}) group by kind`,
      );
      counts.reminders = done.find((row) => row.kind === 'reminder')?.n ?? 0;
      counts.recaps = done.find((row) => row.kind === 'recap')?.n ?? 0;
    } finally {
      await handleAfter.close();
    }
    void seeded;
    const at = (seconds: number) => samples.find((sample) => sample.atS >= seconds) ?? samples.at(-1)!;
    const afterFirstMinute = at(60).rssMiB;
    const later = samples.filter((sample) => sample.atS >= 60);
    const end = samples.at(-1)!.rssMiB;
    const maxAfter = Math.max(...later.map((sample) => sample.rssMiB));
    const result: SoakResult = {
      minutes: input.minutes,
      clicksPerSecond: input.clicksPerSecond,
      samples: samples.map((sample) => ({ atS: sample.atS, rssMiB: Math.round(sample.rssMiB * 10) / 10 })),
      afterFirstMinuteMiB: Math.round(afterFirstMinute * 10) / 10,
      maxAfterFirstMinuteMiB: Math.round(maxAfter * 10) / 10,
      endMiB: Math.round(end * 10) / 10,
      growthPercent: Math.round(((end - afterFirstMinute) / afterFirstMinute) * 1_000) / 10,
      counts,
      chart: 'bench/soak-rss.svg',
    };
    writeFileSync(path.join(ROOT, result.chart), rssChart(result));
    return result;
  } finally {
    await bot?.stop();
    await guild.emulator.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A small line chart of RSS over time, written by hand (no browser, no dependency). */
export function rssChart(
  result: Pick<SoakResult, 'samples' | 'minutes' | 'afterFirstMinuteMiB' | 'growthPercent'>,
): string {
  const width = 640;
  const height = 280;
  const margin = { left: 56, right: 16, top: 32, bottom: 40 };
  const samples = result.samples;
  const maxS = Math.max(60, ...samples.map((sample) => sample.atS));
  const maxMiB = Math.ceil((Math.max(...samples.map((sample) => sample.rssMiB)) * 1.1) / 50) * 50;
  const x = (seconds: number) => margin.left + (seconds / maxS) * (width - margin.left - margin.right);
  const y = (mib: number) => height - margin.bottom - (mib / maxMiB) * (height - margin.top - margin.bottom);
  const points = samples.map((sample) => `${x(sample.atS).toFixed(1)},${y(sample.rssMiB).toFixed(1)}`).join(' ');
  const yTicks = Array.from({ length: maxMiB / 50 + 1 }, (_, index) => index * 50);
  const xTicks = Array.from({ length: Math.floor(maxS / 60) + 1 }, (_, index) => index * 60);
  const limit = result.afterFirstMinuteMiB * 1.05;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<title>Escale (embedded) RSS over ${result.minutes} minutes of mixed traffic</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${margin.left}" y="18" font-size="13">Escale (embedded) RSS under ${result.minutes} min of mixed traffic: ` +
      `${result.growthPercent >= 0 ? '+' : ''}${result.growthPercent} % after the first minute</text>`,
    ...yTicks.map(
      (tick) =>
        `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#eee"/>` +
        `<text x="${margin.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`,
    ),
    ...xTicks.map(
      (tick) => `<text x="${x(tick)}" y="${height - margin.bottom + 16}" text-anchor="middle">${tick / 60}</text>`,
    ),
    `<text x="${(width + margin.left) / 2}" y="${height - 6}" text-anchor="middle">minutes</text>`,
    `<text x="14" y="${(height - margin.bottom + margin.top) / 2}" transform="rotate(-90 14 ${(height - margin.bottom + margin.top) / 2})" text-anchor="middle">RSS (MiB)</text>`,
    `<line x1="${x(60)}" x2="${width - margin.right}" y1="${y(limit)}" y2="${y(limit)}" stroke="#c92a2a" stroke-dasharray="4 3"/>`,
    `<text x="${width - margin.right}" y="${y(limit) - 4}" text-anchor="end" fill="#c92a2a">+5 % over minute 1</text>`,
    `<polyline fill="none" stroke="#1c7ed6" stroke-width="2" points="${points}"/>`,
    '</svg>',
    '',
  ].join('\n');
}

/** The table for RESULTS.md: RSS at the end of each minute. */
export function soakTable(result: SoakResult): string {
  const rows = ['| minute | RSS (MiB) |', '| --- | --- |'];
  for (let minute = 1; minute <= result.minutes; minute += 1) {
    const sample = result.samples.find((candidate) => candidate.atS >= minute * 60) ?? result.samples.at(-1);
    if (sample) rows.push(`| ${minute} | ${sample.rssMiB} |`);
  }
  return rows.join('\n');
}
