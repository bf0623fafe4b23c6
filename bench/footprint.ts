import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBareBot, buildBot, startNodeArgs } from './build.js';
import { type NodeChild, spawnPlainNode } from './children.js';
import { botEnv, createBenchGuild } from './fixture.js';
import { sleep } from './stats.js';

export type FootprintKind = 'bare' | 'escale-postgres' | 'escale-pglite';

export interface ProcessRss {
  kind: FootprintKind;
  members: number;
  /** Whole-process resident size once ready and idle for a few seconds (bytes), median of the runs. */
  rss: number;
  runs: number[];
}

export interface RssResult {
  members: number;
  /** With a guild of `members` members: the bare bot (default caches) and Escale on each database. */
  withGuild: Partial<Record<FootprintKind, ProcessRss>>;
  /** Escale on the embedded database with a guild of 10 members: the idle floor. */
  pgliteIdle: ProcessRss | null;
  ratioPostgres: number | null;
  ratioPglite: number | null;
}

const IDLE_SETTLE_MS = 5_000;

/**
 * Resident memory of each bot as users run it (`npm start` = node dist/bundle/main.js), whole process, database
 * included for the embedded one, after the GUILD_CREATE of one guild and a few idle seconds.
 */
export async function measureRss(
  members: number,
  runs: number,
  postgresUrl: () => Promise<string>,
  log: (line: string) => void,
): Promise<RssResult> {
  const botEntry = buildBot();
  const bareEntry = buildBareBot();
  const measure = async (kind: FootprintKind, guildMembers: number): Promise<ProcessRss> => {
    const guild = await createBenchGuild({ members: guildMembers });
    const samples: number[] = [];
    try {
      for (let run = 0; run < runs; run += 1) {
        log(`rss: ${kind}, ${guildMembers} members, run ${run + 1}/${runs}`);
        const dataDir = mkdtempSync(path.join(tmpdir(), 'escale-rss-'));
        let bot: NodeChild | undefined;
        try {
          const database =
            kind === 'escale-postgres' ? { databaseUrl: await postgresUrl() } : { dataDir: path.join(dataDir, 'db') };
          bot =
            kind === 'bare'
              ? spawnPlainNode(bareEntry, botEnv(guild, database))
              : spawnPlainNode(botEntry, botEnv(guild, database), { nodeArgs: startNodeArgs() });
          await bot.waitFor(/ready as/, 120_000);
          await sleep(IDLE_SETTLE_MS);
          samples.push(bot.rss() ?? Number.NaN);
        } finally {
          await bot?.stop();
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
    } finally {
      await guild.emulator.close();
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return { kind, members: guildMembers, rss: sorted[Math.floor(sorted.length / 2)]!, runs: samples };
  };
  const withGuild: RssResult['withGuild'] = {};
  for (const kind of ['bare', 'escale-postgres', 'escale-pglite'] as const) {
    withGuild[kind] = await measure(kind, members);
  }
  const pgliteIdle = await measure('escale-pglite', 10);
  const bare = withGuild.bare?.rss ?? null;
  const ratio = (value: number | undefined) =>
    value === undefined || bare === null ? null : Math.round((value / bare) * 100) / 100;
  return {
    members,
    withGuild,
    pgliteIdle,
    ratioPostgres: ratio(withGuild['escale-postgres']?.rss),
    ratioPglite: ratio(withGuild['escale-pglite']?.rss),
  };
}

export interface StartupResult {
  fresh: StartupRun[];
  existing: StartupRun[];
  freshMedianMs: number;
  existingMedianMs: number;
  /** The bare bot started the same way (bundled): the floor of Node + discord.js + login. */
  bare: StartupRun[];
  bareMedianMs: number;
}

export interface StartupRun {
  /** Spawn of `node dist/bundle/main.js` to its "ready as" log line, measured outside. */
  spawnToReadyMs: number;
  /** What the bot logs itself: startBot() to READY (database, migrations, login). */
  startMs: number | null;
}

/** `npm start` on the embedded database: a fresh folder (created and migrated), then the same folder again. */
export async function measureStartup(runs: number, log: (line: string) => void): Promise<StartupResult> {
  const botEntry = buildBot();
  const bareEntry = buildBareBot();
  const guild = await createBenchGuild({ members: 10 });
  const root = mkdtempSync(path.join(tmpdir(), 'escale-start-'));
  const once = async (entry: string, dataDir: string): Promise<StartupRun> => {
    const bot = spawnPlainNode(entry, botEnv(guild, { dataDir }), {
      nodeArgs: entry === botEntry ? startNodeArgs() : [],
    });
    const readyAt = await bot.waitFor(/ready as/, 120_000);
    const line = bot
      .output()
      .split('\n')
      .find((candidate) => candidate.includes('ready as'));
    const startMs = line ? Number(/"startMs":(\d+)/.exec(line)?.[1] ?? Number.NaN) : Number.NaN;
    // main.ts installs its SIGTERM handler once startBot() has returned, a moment after the "ready as" line.
    await sleep(500);
    const code = await bot.stop();
    if (code !== 0) throw new Error(`the bot exited with ${code}:\n${bot.output().slice(-2_000)}`);
    return { spawnToReadyMs: Math.round(readyAt - bot.spawnedAt), startMs: Number.isFinite(startMs) ? startMs : null };
  };
  try {
    const fresh: StartupRun[] = [];
    const existing: StartupRun[] = [];
    const bare: StartupRun[] = [];
    for (let run = 0; run < runs; run += 1) {
      const dataDir = path.join(root, `fresh-${run}`);
      log(`startup: fresh folder ${run + 1}/${runs}`);
      fresh.push(await once(botEntry, dataDir));
      log(`startup: existing folder ${run + 1}/${runs}`);
      existing.push(await once(botEntry, dataDir));
      log(`startup: bare bot ${run + 1}/${runs}`);
      bare.push(await once(bareEntry, dataDir));
    }
    const median = (values: StartupRun[]) =>
      [...values].sort((a, b) => a.spawnToReadyMs - b.spawnToReadyMs)[Math.floor(values.length / 2)]!.spawnToReadyMs;
    return {
      fresh,
      existing,
      bare,
      freshMedianMs: median(fresh),
      existingMedianMs: median(existing),
      bareMedianMs: median(bare),
    };
  } finally {
    await guild.emulator.close();
    rmSync(root, { recursive: true, force: true });
  }
}
