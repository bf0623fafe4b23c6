import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnNode } from './children.js';
import { botEnv, createBenchGuild } from './fixture.js';

export interface RssProbe {
  mode: 'escale' | 'bare' | 'baseline';
  rss: number;
  heapUsed: number;
  cachedMembers?: number;
  cachedUsers?: number;
  memberCount?: number;
}

export interface RssResult {
  members: number;
  runs: number;
  /** Median of each mode's runs. */
  escale: RssProbe;
  bare: RssProbe;
  baseline: RssProbe;
  ratio: number;
  /** Above the baseline (node + tsx + discord.js loaded, not logged in): what the caches cost. */
  cacheCostRatio: number;
}

/**
 * Resident memory after GUILD_CREATE of one guild of `members` members: Escale's client (its cache limits) against
 * a discord.js client with the default caches, each in its own process, garbage collected before measuring.
 */
export async function measureRss(members: number, runs: number, log: (line: string) => void): Promise<RssResult> {
  const guild = await createBenchGuild({ members });
  try {
    const probe = async (mode: RssProbe['mode']): Promise<RssProbe> => {
      const child = spawnNode(
        'bench/rssProbe.ts',
        { ...botEnv(guild, {}), EXPECTED_MEMBERS: String(members) },
        { nodeArgs: ['--expose-gc'], args: [mode] },
      );
      const code = await child.exited;
      const line = child
        .output()
        .split('\n')
        .find((candidate) => candidate.startsWith('{"mode"'));
      if (code !== 0 || !line) throw new Error(`rss probe ${mode} failed (${code}):\n${child.output().slice(-2_000)}`);
      return JSON.parse(line) as RssProbe;
    };
    const all: Record<RssProbe['mode'], RssProbe[]> = { escale: [], bare: [], baseline: [] };
    for (let run = 0; run < runs; run += 1) {
      for (const mode of ['baseline', 'escale', 'bare'] as const) {
        log(`rss: ${mode} run ${run + 1}/${runs}`);
        all[mode].push(await probe(mode));
      }
    }
    const median = (probes: RssProbe[]) => [...probes].sort((a, b) => a.rss - b.rss)[Math.floor(probes.length / 2)]!;
    const escale = median(all.escale);
    const bare = median(all.bare);
    const baseline = median(all.baseline);
    return {
      members,
      runs,
      escale,
      bare,
      baseline,
      ratio: round2(escale.rss / bare.rss),
      cacheCostRatio: round2((escale.rss - baseline.rss) / Math.max(1, bare.rss - baseline.rss)),
    };
  } finally {
    await guild.emulator.close();
  }
}

export interface StartupResult {
  fresh: StartupRun[];
  existing: StartupRun[];
  freshMedianMs: number;
  existingMedianMs: number;
}

export interface StartupRun {
  /** Spawn of `node --import tsx src/main.ts` to its "ready as" log line, measured outside. */
  spawnToReadyMs: number;
  /** What the bot logs itself: startBot() to READY (database, migrations, login). */
  startMs: number | null;
}

/** `npm start` on the embedded database: a fresh folder (created and migrated), then the same folder again. */
export async function measureStartup(runs: number, log: (line: string) => void): Promise<StartupResult> {
  const guild = await createBenchGuild({ members: 10 });
  const root = mkdtempSync(path.join(tmpdir(), 'escale-start-'));
  const once = async (dataDir: string): Promise<StartupRun> => {
    const bot = spawnNode('src/main.ts', botEnv(guild, { dataDir }));
    const readyAt = await bot.waitFor(/ready as/, 60_000);
    const line = bot
      .output()
      .split('\n')
      .find((candidate) => candidate.includes('ready as'));
    const startMs = line ? Number(/"startMs":(\d+)/.exec(line)?.[1] ?? Number.NaN) : Number.NaN;
    const code = await bot.stop();
    if (code !== 0) throw new Error(`the bot exited with ${code}:\n${bot.output().slice(-2_000)}`);
    return { spawnToReadyMs: Math.round(readyAt - bot.spawnedAt), startMs: Number.isFinite(startMs) ? startMs : null };
  };
  try {
    const fresh: StartupRun[] = [];
    const existing: StartupRun[] = [];
    for (let run = 0; run < runs; run += 1) {
      const dataDir = path.join(root, `fresh-${run}`);
      log(`startup: fresh folder ${run + 1}/${runs}`);
      fresh.push(await once(dataDir));
      log(`startup: existing folder ${run + 1}/${runs}`);
      existing.push(await once(dataDir));
    }
    const median = (values: StartupRun[]) =>
      [...values].sort((a, b) => a.spawnToReadyMs - b.spawnToReadyMs)[Math.floor(values.length / 2)]!.spawnToReadyMs;
    return { fresh, existing, freshMedianMs: median(fresh), existingMedianMs: median(existing) };
  } finally {
    await guild.emulator.close();
    rmSync(root, { recursive: true, force: true });
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
