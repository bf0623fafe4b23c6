/**
 * `npm run bench`: Escale against the local Discord emulator, on Postgres and on PGlite, side by side with a bare
 * discord.js bot that only acknowledges (the floor), in one run. Prints a table and writes bench/results.json and
 * bench/RESULTS.md. Not part of `npm test`.
 *
 *   npm run bench                      the full run (about 6 minutes on 2 cores)
 *   npm run bench -- --quick           smaller numbers, to try the harness (results not written)
 *   npm run bench -- --only=clicks,rss,startup,recap,soak,web,datascale
 *   npm run bench -- --quick --only=clicks --bots=bare,escale-postgres   one database while developing
 *   npm run bench -- --only=soak --soak-minutes=2   a short leak phase while developing (the full run: 10 minutes;
 *                                                    --soak-rate=N clicks per second, default 10)
 *
 * Postgres: TEST_DATABASE_URL when set, else a throwaway cluster from /usr/lib/postgresql/<v>/bin (fsync on: answers
 * are on disk before a member sees them, as in production).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { testDatabaseUrl } from '../src/config.js';
import { type PostgresServer, provisionPostgres } from '../test/support/throwawayPostgres.js';
import { ROOT } from './children.js';
import { type BotKind, type BotRun, type ClickPlan, runClickScenarios } from './clicks.js';
import { type DataScaleResult, measureDataScale } from './dataScale.js';
import { measureRss, measureStartup, type RssResult, type StartupResult } from './footprint.js';
import { measureRecaps, type RecapResult } from './recaps.js';
import { ANALYSIS_MARKER, type Check, evaluateTargets, markdownReport, textTable } from './report.js';
import { runSoak, type SoakResult } from './soak.js';
import { benchWeb, type WebBenchResult } from './web.js';

const argv = process.argv.slice(2);
const { values: options } = parseArgs({
  args: argv,
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'clicks,rss,startup,recap,soak,web,datascale' },
    'soak-rate': { type: 'string' },
    'soak-minutes': { type: 'string' },
    bots: { type: 'string' },
    sequential: { type: 'string' },
  },
});
const quick = options.quick;
const only = new Set(options.only.split(','));
/** Clicks per second during the leak phase: steady traffic the bot keeps up with on a shared machine, not a load test. */
const soakRate = Number(options['soak-rate'] ?? 10);
const soakMinutes = Number(options['soak-minutes'] ?? (quick ? 2 : 10));

/** `--bots=bare,escale-postgres`: only these bots in the click phase (while developing; a full run measures all three). */
const botKinds = (['bare', 'escale-postgres', 'escale-pglite'] as const).filter(
  (kind) => !options.bots || options.bots.split(',').includes(kind),
);

const plan: ClickPlan = {
  ...(quick
    ? { warmup: 30, sequential: 50, openLoopRate: 200, openLoopSeconds: 5, burst: 300, burstCapacity: 50 }
    : { warmup: 100, sequential: 300, openLoopRate: 200, openLoopSeconds: 30, burst: 2_000, burstCapacity: 50 }),
  // --sequential=N: more sequential clicks (a CPU profile of that phase alone while developing).
  ...(options.sequential ? { sequential: Number(options.sequential) } : {}),
};

export interface BenchResults {
  /** Shape of this file: a partial run (--only) keeps the other sections of a previous run of the same shape. */
  shape: number;
  command: string;
  date: string;
  quick: boolean;
  machine: ReturnType<typeof machineFacts>;
  postgres: { source: string; version: string } | null;
  plan: ClickPlan;
  bots: Partial<Record<BotKind, BotRun>>;
  rss: RssResult | null;
  startup: StartupResult | null;
  recaps: RecapResult | null;
  soak: SoakResult | null;
  /** The public page, its feed and the map (bench/web.ts). */
  web?: WebBenchResult | null;
  /** A click, a /trip list and a scheduler tick with 50 and with 50,000 stops (bench/dataScale.ts). */
  dataScale?: DataScaleResult | null;
  checks: Check[];
  durationSeconds: number;
}

const RESULTS_SHAPE = 2;

/** `--only=…` re-measures some sections; the others are kept from the last full run, with their date. */
function keepEarlierSections(results: BenchResults): void {
  const file = path.join(ROOT, 'bench/results.json');
  if (!existsSync(file)) return;
  const earlier = JSON.parse(readFileSync(file, 'utf8')) as Partial<BenchResults>;
  if (earlier.shape !== RESULTS_SHAPE) return;
  const kept: string[] = [];
  if (Object.keys(results.bots).length === 0 && earlier.bots && Object.keys(earlier.bots).length > 0) {
    results.bots = earlier.bots;
    kept.push('clicks');
  }
  for (const key of ['rss', 'startup', 'recaps', 'soak', 'web', 'dataScale'] as const) {
    if ((results[key] ?? null) === null && earlier[key]) {
      (results as unknown as Record<string, unknown>)[key] = earlier[key];
      kept.push(key);
    }
  }
  if (kept.length > 0) results.command += ` (kept from ${earlier.date}: ${kept.join(', ')})`;
  if (!results.postgres && earlier.postgres) results.postgres = earlier.postgres;
}

function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

function machineFacts() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
    loadAverageAtEnd: [] as number[],
  };
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?';
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const results: BenchResults = {
    shape: RESULTS_SHAPE,
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    date: new Date().toISOString(),
    quick,
    machine: machineFacts(),
    postgres: null,
    plan,
    bots: {},
    rss: null,
    startup: null,
    recaps: null,
    soak: null,
    web: null,
    dataScale: null,
    checks: [],
    durationSeconds: 0,
  };
  let server: PostgresServer | undefined;
  const postgres = async () => {
    if (!server) {
      server = await provisionPostgres({ testDatabaseUrl: testDatabaseUrl(), durable: true });
      results.postgres = { source: server.source, version: await postgresVersion(server.adminUrl) };
      log(`postgres: ${results.postgres.source} (${results.postgres.version})`);
    }
    return server;
  };
  try {
    if (only.has('clicks')) {
      for (const kind of botKinds) {
        results.bots[kind] = await runClickScenarios(
          kind,
          plan,
          async () => (await postgres()).createDatabase('escale_bench'),
          log,
        );
      }
    }
    if (only.has('rss')) {
      results.rss = await measureRss(
        quick ? 2_000 : 10_000,
        quick ? 1 : 3,
        async () => (await postgres()).createDatabase('escale_bench'),
        log,
      );
    }
    if (only.has('startup')) results.startup = await measureStartup(quick ? 1 : 3, log);
    if (only.has('recap')) {
      results.recaps = await measureRecaps(
        { count: quick ? 20 : 100 },
        async () => (await postgres()).createDatabase('escale_bench'),
        log,
      );
    }
    if (only.has('soak')) results.soak = await runSoak({ minutes: soakMinutes, clicksPerSecond: soakRate }, log);
    if (only.has('web')) {
      log('web: page, feed and map');
      results.web = await benchWeb(quick ? 2 : 5, 16);
    }
    if (only.has('datascale')) {
      results.dataScale = await measureDataScale(
        quick ? 20 : 200,
        async () => (await postgres()).createDatabase('escale_bench'),
        log,
      );
    }
  } finally {
    await server?.close();
  }
  results.machine.loadAverageAtEnd = os.loadavg().map((value) => Math.round(value * 100) / 100);
  results.durationSeconds = Math.round((performance.now() - started) / 1_000);
  if (!quick) keepEarlierSections(results);
  results.checks = evaluateTargets(results);

  process.stdout.write(`\n${textTable(results)}\n`);
  if (quick) {
    log('--quick: results not written');
    return;
  }
  writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  // The analysis below the marker is written by hand and survives a new run.
  const reportPath = path.join(ROOT, 'bench/RESULTS.md');
  const previous = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
  const marker = previous.indexOf(ANALYSIS_MARKER);
  const analysis = marker >= 0 ? previous.slice(marker + ANALYSIS_MARKER.length) : '\n';
  writeFileSync(reportPath, markdownReport(results) + analysis);
  // Tables aligned as the project's formatter wants them, so that `npm run lint` stays clean after a run.
  spawnSync(path.join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', reportPath], { stdio: 'ignore' });
  log('wrote bench/results.json and bench/RESULTS.md');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
