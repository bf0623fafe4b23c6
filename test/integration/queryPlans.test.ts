import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { respond } from '../../src/app/rsvp.js';
import { createRsvpQueue } from '../../src/app/rsvpQueue.js';
import { testDatabaseUrl } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createDb } from '../../src/db/client.js';
import {
  countMeetupsAttended,
  countMeetupsAttendedByMembers,
  readStopAnswers,
  tallyRsvps,
} from '../../src/db/repositories/rsvps.js';
import {
  listFeedStops,
  listStopsOfMember,
  listUpcomingStops,
  townsWithUpcomingStops,
} from '../../src/db/repositories/stops.js';
import { countUpcomingTrips, listUpcomingTrips } from '../../src/db/repositories/tripListings.js';
import * as schema from '../../src/db/schema.js';
import { claimDueJobs } from '../../src/jobs/queue.js';
import { jobBacklog } from '../../src/metrics.js';
import { historyHost, historyMember, seedHistory } from '../support/bigHistory.js';
import { describeOnPostgres } from '../support/db.js';
import { testAppDeps } from '../support/fakeTownRoles.js';
import { type PostgresServer, provisionPostgres } from '../support/throwawayPostgres.js';

/**
 * Issue 15, goal 5: the cost of the hot queries grows with the work, not with the data. A guild with 50,000 stops
 * (all but the last ~200 in the past), 200,000 answers and 150,000 jobs (most done), analyzed; each hot path is run
 * through a client that records the statements it sends, and each statement is then run again under
 * `EXPLAIN (ANALYZE, FORMAT JSON)` in a rolled-back transaction. Two things must hold for each: no sequential scan of
 * trips, trip_stops, rsvps or jobs, and few rows read from them (rows returned plus rows filtered away), whatever
 * the history: an index walked from the guild's first stop would pass the first check and fail the second.
 * Postgres only: PGlite's planner is the same, but the figures that matter are the server's.
 */
const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const NOW = new Date('2026-11-30T12:00:00Z');
const STOPS = 50_000;
/** The last stops start after NOW: about 200 upcoming, the rest spread over the 5.7 years before. */
const UPCOMING = 200;
const MEMBERS = 5_000;
const HOSTS = 500;
const member = historyMember;
const host = historyHost;
const BIG_TABLES = new Set(['trips', 'trip_stops', 'rsvps', 'jobs']);
/** Rows read from the big tables by one statement: the work of one page or one member, never the history. */
const MAX_ROWS_READ = 1_500;

interface Statement {
  text: string;
  values: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

describeOnPostgres(
  'hot queries at 50,000 stops and 200,000 answers (EXPLAIN on Postgres)',
  () => {
    let postgres: PostgresServer | undefined;
    let client: pg.Client;
    let db: Database;
    let recorded: Statement[] = [];
    let explainable: (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

    beforeAll(async () => {
      postgres = await provisionPostgres({ testDatabaseUrl: testDatabaseUrl() });
      const url = await postgres.createDatabase('escale_plans');
      const migrator = await createDb({ databaseUrl: url, dataDir: ':memory:' });
      await migrator.migrate();
      await migrator.close();
      client = new pg.Client({ connectionString: url });
      await client.connect();
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
      explainable = (text, values) => query(text, values);
      // Every statement drizzle sends goes through client.query: remember it, then run it.
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const [first, second] = args;
        if (typeof first === 'string') recorded.push({ text: first, values: Array.isArray(second) ? second : [] });
        else if (first && typeof first === 'object' && 'text' in first) {
          const config = first as { text: string; values?: unknown[] };
          recorded.push({ text: config.text, values: config.values ?? (Array.isArray(second) ? second : []) });
        }
        return query(...args);
      };
      db = drizzle(client, { schema }) as unknown as Database;
      await seedHistory(db, {
        guildId: GUILD,
        otherGuildId: OTHER_GUILD,
        now: NOW,
        stops: STOPS,
        upcoming: UPCOMING,
        members: MEMBERS,
        hosts: HOSTS,
      });
    }, 120_000);

    afterAll(async () => {
      await client?.end();
      await postgres?.close();
    });

    /** The statements `work` sends, each explained with ANALYZE in a transaction that is rolled back. */
    async function plansOf(work: () => Promise<unknown>): Promise<{ text: string; nodes: PlanNode[] }[]> {
      recorded = [];
      await work();
      const statements = recorded.filter((statement) => !/^\s*(begin|commit|rollback)/i.test(statement.text));
      recorded = [];
      const plans: { text: string; nodes: PlanNode[] }[] = [];
      for (const statement of statements) {
        await explainable('begin', []);
        try {
          const result = await explainable(`explain (analyze, format json) ${statement.text}`, statement.values);
          const json = result.rows[0]?.['QUERY PLAN'] as [{ Plan: PlanNode }];
          plans.push({ text: statement.text, nodes: nodesOf(json[0].Plan) });
        } finally {
          await explainable('rollback', []);
        }
      }
      return plans;
    }

    /** No sequential scan of the big tables, few rows read from them, and at least one index used. */
    function expectIndexedAndSmall(plans: { text: string; nodes: PlanNode[] }[]): void {
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) {
        const scans = plan.nodes.filter((node) => BIG_TABLES.has(node['Relation Name'] ?? ''));
        const report = `${plan.text}\n${scans.map((node) => `${node['Node Type']} ${node['Relation Name']} ${node['Index Name'] ?? ''}`).join('\n')}`;
        expect(
          scans.filter((node) => node['Node Type'] === 'Seq Scan'),
          report,
        ).toEqual([]);
        const rowsRead = scans.reduce(
          (sum, node) =>
            sum +
            (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) +
            (node['Rows Removed by Filter'] ?? 0) +
            (node['Rows Removed by Index Recheck'] ?? 0),
          0,
        );
        expect(rowsRead, report).toBeLessThanOrEqual(MAX_ROWS_READ);
        if (scans.length > 0)
          expect(
            plan.nodes.some((node) => node['Index Name'] !== undefined),
            report,
          ).toBe(true);
      }
    }

    it('GIVEN a guild of 50,000 stops WHEN a member clicks "going" on an upcoming stop THEN the read (stop, answers, fingerprint, meetups attended) and the compare-and-set read only that stop and that member', async () => {
      const stopId = STOPS - 11;
      const read = await plansOf(() =>
        readStopAnswers(db, { guildId: GUILD, stopId, now: NOW, countMeetupsOf: [member(7)] }),
      );
      expectIndexedAndSmall(read);
      const answers = await readStopAnswers(db, { guildId: GUILD, stopId, now: NOW, countMeetupsOf: [member(7)] });
      expect(answers?.rows).toHaveLength(4);
      // The functions' own statements (EXPLAIN does not look inside a function): the fingerprint and the lock.
      const [fingerprint] = (await explainable(`select prosrc from pg_proc where proname = 'escale_rsvp_state'`, []))
        .rows as { prosrc: string }[];
      recorded = [];
      const inside = await plansOf(async () => {
        recorded.push({ text: fingerprint!.prosrc.replace(/\bp_stop\b/g, '$1'), values: [stopId] });
        recorded.push({ text: 'select 1 from trip_stops where id = $1 for update', values: [stopId] });
      });
      expectIndexedAndSmall(inside);
    });

    it('GIVEN an upcoming stop WHEN a member clicks "going" THEN the click costs two statements (a read and a compare-and-set, no BEGIN/COMMIT), and the answer is stored with the member\'s meetups attended', async () => {
      const deps = testAppDeps({ db, handle: undefined as never }, NOW);
      recorded = [];
      const answer = await respond(deps, { guildId: GUILD, userId: host(4), trip: STOPS - 21, response: 'going' });
      const sent = recorded.map((statement) => statement.text.trim().split(/\s+/)[0]?.toLowerCase());
      recorded = [];
      expect(sent).toEqual(['select', 'select']);
      expect(answer.status).toBe('going');
      expect(answer.meetupsAttended).toBeGreaterThan(0);
      const [row] = (
        await explainable('select status from rsvps where stop_id = $1 and user_id = $2', [STOPS - 21, host(4)])
      ).rows;
      expect(row).toEqual({ status: 'going' });
    });

    it('GIVEN a stop the RSVP queue just answered WHEN another member clicks "going" on it THEN that click costs one statement (the compare-and-set, with their meetups attended), whose plan reads only that stop and member', async () => {
      const deps = testAppDeps({ db, handle: undefined as never }, NOW);
      const queue = createRsvpQueue(deps);
      const stopId = STOPS - 23;
      await queue.submit({ guildId: GUILD, userId: member(11), trip: stopId, response: 'going' });
      recorded = [];
      const plans = await plansOf(async () => {
        const answer = await queue.submit({ guildId: GUILD, userId: host(5), trip: stopId, response: 'going' });
        expect(answer.status).toBe('going');
        expect(answer.meetupsAttended).toBeGreaterThan(0);
      });
      expect(plans.map((plan) => plan.text.trim().split(/\s+/)[0]?.toLowerCase())).toEqual(['select']);
      expectIndexedAndSmall(plans);
      await queue.idle();
    });

    it('GIVEN a member with years of history WHEN their meetups attended are counted ("3rd meetup, welcome back") THEN only their hosted trips and their own answers are read', async () => {
      expectIndexedAndSmall(await plansOf(() => countMeetupsAttended(db, GUILD, host(3), NOW)));
      expectIndexedAndSmall(await plansOf(() => countMeetupsAttendedByMembers(db, GUILD, [member(1), host(2)], NOW)));
      expect(await countMeetupsAttended(db, GUILD, host(3), NOW)).toBeGreaterThan(0);
    });

    it('GIVEN 49,800 past stops WHEN /trip list, its count, its tallies and the trip autocomplete run THEN they read the upcoming stops only', async () => {
      const page = await listUpcomingTrips(db, { guildId: GUILD, now: NOW, limit: 10 });
      expect(page).toHaveLength(10);
      expectIndexedAndSmall(await plansOf(() => listUpcomingTrips(db, { guildId: GUILD, now: NOW, limit: 10 })));
      expectIndexedAndSmall(await plansOf(() => countUpcomingTrips(db, { guildId: GUILD, now: NOW })));
      expectIndexedAndSmall(
        await plansOf(() =>
          tallyRsvps(
            db,
            page.map((stop) => stop.id),
          ),
        ),
      );
      expectIndexedAndSmall(
        await plansOf(() => listUpcomingTrips(db, { guildId: GUILD, now: NOW, hostId: host(5), limit: 100 })),
      );
    });

    it('GIVEN 150,000 jobs, most done WHEN the scheduler claims the due reminders and recaps THEN it and the metrics backlog read the pending due ones only', async () => {
      expectIndexedAndSmall(
        await plansOf(() => claimDueJobs(db, { now: NOW, limit: 20, workerId: 'plans', shard: { id: 0, count: 1 } })),
      );
      // The backlog the metrics read at every scrape.
      expectIndexedAndSmall(await plansOf(() => jobBacklog(db, NOW)));
    });

    it('GIVEN the same history WHEN the public page, the calendar feeds and the map ask for upcoming stops THEN they read the upcoming stops only', async () => {
      expectIndexedAndSmall(await plansOf(() => listUpcomingStops(db, { guildId: GUILD, now: NOW, limit: 50 })));
      expectIndexedAndSmall(await plansOf(() => listFeedStops(db, { guildId: GUILD, since: NOW, limit: 200 })));
      expectIndexedAndSmall(
        await plansOf(() => listStopsOfMember(db, { guildId: GUILD, userId: member(9), since: NOW, limit: 200 })),
      );
      expectIndexedAndSmall(await plansOf(() => townsWithUpcomingStops(db, GUILD, NOW)));
    });
  },
  { orThrowawayCluster: true, timeout: 60_000 },
);
