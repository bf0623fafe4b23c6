import { expect, it } from 'vitest';
import { respond } from '../../src/app/rsvp.js';
import { listRsvps, tallyRsvps } from '../../src/db/repositories/rsvps.js';
import { insertTrip } from '../../src/db/repositories/trips.js';
import { claimDueJobs, scheduleJob } from '../../src/jobs/queue.js';
import { describeOnPostgres, useTestDatabase } from '../support/db.js';
import { testAppDeps } from '../support/fakeTownRoles.js';

/**
 * Races between connections: the trip's row lock (every RSVP of a trip applied one after another) and the job
 * queue's `FOR UPDATE SKIP LOCKED` (each job claimed by one worker). On PGlite's single connection transactions
 * never overlap, so these pass whatever the code does: they run on Postgres only and are reported as not run
 * elsewhere (see describeOnPostgres).
 */
const GUILD = '100000000000000001';
const HOST = '300000000000000001';
const NOW = new Date('2026-11-25T15:00:00Z');
const member = (index: number) => `4000000000000${String(index).padStart(5, '0')}`;
/** The test databases' pool size (createDb's default). */
const CONNECTIONS = 10;

/** Runs `work` over `items` with CONNECTIONS of them in flight at any moment; results in the items' order. */
async function inLanes<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

describeOnPostgres(
  'racing connections on Postgres',
  () => {
    const database = useTestDatabase('postgres');

    it('GIVEN a trip of 50 seats WHEN 200 members click "going", ten at any moment on ten connections, each in its own transaction THEN exactly 50 go, 150 wait in distinct places, no answer is lost', async () => {
      const deps = testAppDeps(database, NOW);
      const trip = await insertTrip(deps.db, {
        guildId: GUILD,
        hostId: HOST,
        townName: 'Rimouski',
        startsAt: new Date('2026-12-04T17:00:00Z'),
        durationMinutes: 90,
        capacity: 50,
        channelId: '110000000000000001',
        messageId: '120000000000000001',
        createdAt: NOW,
        updatedAt: NOW,
      });
      const members = Array.from({ length: 200 }, (_, index) => member(100 + index));
      // Ten lanes of clicks, one per pool connection: ten transactions overlap all the time, and none waits for a
      // connection (a loaded machine would otherwise time out in the pool before any race happens).
      const results = await inLanes(members, (userId) =>
        respond(deps, { guildId: GUILD, userId, trip: trip.id, response: 'going' }),
      );
      expect(results.filter((result) => result.status === 'going')).toHaveLength(50);
      const positions = results.filter((result) => result.status === 'waitlist').map((result) => result.position);
      expect(new Set(positions)).toEqual(new Set(Array.from({ length: 150 }, (_, index) => index + 1)));
      const rows = await listRsvps(deps.db, trip.id);
      expect(rows).toHaveLength(200);
      expect(rows.filter((row) => row.status === 'going')).toHaveLength(50);
      expect(rows.filter((row) => row.status === 'waitlist')).toHaveLength(150);

      // And when 20 of those going leave at once, exactly 20 waiting take their seats.
      const leaving = rows.filter((row) => row.status === 'going').slice(0, 20);
      await inLanes(leaving, (row) =>
        respond(deps, { guildId: GUILD, userId: row.userId, trip: trip.id, response: 'no' }),
      );
      const after = await tallyRsvps(deps.db, [trip.id]);
      expect(after.get(trip.id)).toMatchObject({ goingSeats: 50, waitlistMembers: 130 });
    });

    it('GIVEN 60 due jobs WHEN three workers claim concurrently THEN each job is claimed exactly once', async () => {
      const due = new Date(NOW.getTime() - 60_000);
      for (let index = 0; index < 60; index++) {
        await scheduleJob(database.db, { kind: 'recap', dedupeKey: `recap:c${index}`, guildId: GUILD, runAt: due });
      }
      const claims = await Promise.all(
        ['a', 'b', 'c'].map(async (workerId) => {
          const mine: string[] = [];
          for (;;) {
            const batch = await claimDueJobs(database.db, { now: NOW, limit: 7, workerId });
            if (batch.length === 0) return mine;
            mine.push(...batch.map((job) => job.dedupeKey));
          }
        }),
      );
      const all = claims.flat();
      expect(all).toHaveLength(60);
      expect(new Set(all).size).toBe(60);
      // The claims really overlapped: more than one worker got jobs.
      expect(claims.filter((mine) => mine.length > 0).length).toBeGreaterThan(1);
    });
  },
  { timeout: 120_000 },
);
