import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, spawnNode, spawnPlainNode } from './children.js';
import { botEnv, createBenchGuild } from './fixture.js';
import { sleep } from './stats.js';

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
  /** V8 heap in use after GC, Escale / bare: what the caches retain, without the runtime's fixed share. */
  heapRatio: number;
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
    const median = (probes: RssProbe[], by: 'rss' | 'heapUsed' = 'rss') =>
      [...probes].sort((a, b) => a[by] - b[by])[Math.floor(probes.length / 2)]!;
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
      heapRatio: round2(median(all.escale, 'heapUsed').heapUsed / median(all.bare, 'heapUsed').heapUsed),
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
  /**
   * The same existing folder started from one ESM file bundled by esbuild (our code bundled, packages external):
   * what a build step would give instead of transpiling with tsx at every start. Null when esbuild is missing.
   */
  bundledExisting: StartupRun[] | null;
  bundledExistingMedianMs: number | null;
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
  const once = async (dataDir: string, bundle?: string): Promise<StartupRun> => {
    const bot = bundle
      ? spawnPlainNode(bundle, botEnv(guild, { dataDir }))
      : spawnNode('src/main.ts', botEnv(guild, { dataDir }));
    const readyAt = await bot.waitFor(/ready as/, 60_000);
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
    for (let run = 0; run < runs; run += 1) {
      const dataDir = path.join(root, `fresh-${run}`);
      log(`startup: fresh folder ${run + 1}/${runs}`);
      fresh.push(await once(dataDir));
      log(`startup: existing folder ${run + 1}/${runs}`);
      existing.push(await once(dataDir));
    }
    const median = (values: StartupRun[]) =>
      [...values].sort((a, b) => a.spawnToReadyMs - b.spawnToReadyMs)[Math.floor(values.length / 2)]!.spawnToReadyMs;
    let bundledExisting: StartupRun[] | null = null;
    const bundle = buildBundle();
    if (bundle) {
      bundledExisting = [];
      for (let run = 0; run < runs; run += 1) {
        log(`startup: existing folder, bundled ${run + 1}/${runs}`);
        bundledExisting.push(await once(path.join(root, `fresh-${run}`), bundle));
      }
    }
    return {
      fresh,
      existing,
      freshMedianMs: median(fresh),
      existingMedianMs: median(existing),
      bundledExisting,
      bundledExistingMedianMs: bundledExisting ? median(bundledExisting) : null,
    };
  } finally {
    await guild.emulator.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(BUNDLE_DIR, { recursive: true, force: true });
  }
}

/** Two levels below the root, so that src/db/client.ts's `../../migrations` and node_modules resolve from there. */
const BUNDLE_DIR = path.join(ROOT, 'bench', '.bundle');

function buildBundle(): string | null {
  const esbuild = path.join(ROOT, 'node_modules', '.bin', 'esbuild');
  if (!existsSync(esbuild)) return null;
  const outfile = path.join(BUNDLE_DIR, 'main.mjs');
  const built = spawnSync(
    esbuild,
    ['src/main.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${outfile}`],
    { cwd: ROOT, stdio: 'pipe' },
  );
  return built.status === 0 ? outfile : null;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
