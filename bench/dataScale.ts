/**
 * Data-scale phase (issue 15, goal 5): the same work — a click "going", a `/trip list` page, an idle scheduler tick —
 * on a guild with a short history (50 stops, 200 answers) and with a long one (50,000 stops, 200,000 answers, 150,000
 * jobs, almost all past), on PGlite and on Postgres. The use cases run in this process against the database directly
 * (no Discord in between): what is measured is what the data costs. `npx tsx bench/dataScale.ts [iterations]`.
 */
import { respond } from '../src/app/rsvp.js';
import { listTripsPage } from '../src/app/tripQueries.js';
import { createDb, type DbHandle } from '../src/db/client.js';
import { claimDueJobs } from '../src/jobs/queue.js';
import { historyMember, seedHistory } from '../test/support/bigHistory.js';
import { createTestDatabase } from '../test/support/db.js';
import { testAppDeps } from '../test/support/fakeTownRoles.js';
import { percentile } from './stats.js';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const NOW = new Date('2026-11-30T12:00:00Z');
/** Both histories end with the same 40 upcoming stops: the same work, more past. */
const UPCOMING = 40;
export const DATA_SCALES = [50, 50_000] as const;

export interface ScaleFigures {
  database: 'pglite' | 'postgres';
  stops: number;
  answers: number;
  seedMs: number;
  /** Milliseconds per call: p50 and p90. */
  clickMs: { p50: number; p90: number };
  /** Clicks refused or failed (expected 0: each member answers an upcoming stop once). */
  clickErrors: number;
  listMs: { p50: number; p90: number };
  tickMs: { p50: number; p90: number };
}

export interface DataScaleResult {
  iterations: number;
  runs: ScaleFigures[];
}

async function timed(iterations: number, work: (index: number) => Promise<unknown>) {
  // Warm-up (JIT, plan caches), on indexes the measured calls do not use.
  for (let index = 0; index < Math.min(10, iterations); index += 1) await work(iterations + index);
  const samples: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const started = performance.now();
    await work(index);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (value: number | null) => Math.round((value ?? 0) * 100) / 100;
  return { p50: round(percentile(samples, 50)), p90: round(percentile(samples, 90)) };
}

async function measureOne(
  database: ScaleFigures['database'],
  stops: number,
  handle: DbHandle,
  iterations: number,
): Promise<ScaleFigures> {
  const seedStarted = performance.now();
  await seedHistory(handle.db, {
    guildId: GUILD,
    otherGuildId: OTHER_GUILD,
    now: NOW,
    stops,
    upcoming: UPCOMING,
    members: 5_000,
    hosts: 500,
  });
  const seedMs = Math.round(performance.now() - seedStarted);
  const deps = testAppDeps({ db: handle.db, handle }, NOW);
  const upcomingStops = Array.from({ length: UPCOMING }, (_, index) => stops - index).filter((id) => id % 10 !== 0);
  // Warm-up: plans cached, pages read once.
  await listTripsPage(deps, { guildId: GUILD, page: 0 });
  let clickErrors = 0;
  const clickMs = await timed(iterations, (index) =>
    respond(deps, {
      guildId: GUILD,
      // Members of the history (their meetups attended are counted), each answering once.
      userId: historyMember((index * 37) % 5_000),
      trip: upcomingStops[index % upcomingStops.length]!,
      response: 'going',
    }).catch(() => {
      clickErrors += 1;
    }),
  );
  const listMs = await timed(iterations, () => listTripsPage(deps, { guildId: GUILD, page: 0 }));
  await claimDueJobs(handle.db, { now: NOW, limit: 1_000, workerId: 'bench' });
  const tickMs = await timed(iterations, () => claimDueJobs(handle.db, { now: NOW, limit: 20, workerId: 'bench' }));
  return { database, stops, answers: stops * 4, seedMs, clickMs, clickErrors, listMs, tickMs };
}

export async function measureDataScale(
  iterations: number,
  createPostgresDatabase: (() => Promise<string>) | null,
  log: (line: string) => void,
): Promise<DataScaleResult> {
  const runs: ScaleFigures[] = [];
  for (const stops of DATA_SCALES) {
    log(`data scale: PGlite, ${stops} stops`);
    const pglite = await createTestDatabase('pglite');
    try {
      runs.push(await measureOne('pglite', stops, pglite.handle, iterations));
    } finally {
      await pglite.cleanup();
    }
    if (!createPostgresDatabase) continue;
    log(`data scale: Postgres, ${stops} stops`);
    const handle = await createDb({ databaseUrl: await createPostgresDatabase(), dataDir: ':memory:' });
    try {
      await handle.migrate();
      runs.push(await measureOne('postgres', stops, handle, iterations));
    } finally {
      await handle.close();
    }
  }
  return { iterations, runs };
}

/** The ratio of the long history's p50 to the short one's, per database and measure (the goal: about 1). */
export function dataScaleRatios(result: DataScaleResult) {
  const [small, large] = DATA_SCALES;
  return (['pglite', 'postgres'] as const).flatMap((database) => {
    const a = result.runs.find((run) => run.database === database && run.stops === small);
    const b = result.runs.find((run) => run.database === database && run.stops === large);
    if (!a || !b) return [];
    const ratio = (x: number, y: number) => Math.round((y / Math.max(x, 0.01)) * 100) / 100;
    return [
      {
        database,
        click: ratio(a.clickMs.p50, b.clickMs.p50),
        list: ratio(a.listMs.p50, b.listMs.p50),
        tick: ratio(a.tickMs.p50, b.tickMs.p50),
        small: a,
        large: b,
      },
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const iterations = Number(process.argv[2] ?? 50);
  measureDataScale(iterations, null, (line) => process.stderr.write(`${line}\n`)).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
