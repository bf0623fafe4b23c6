import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../src/config.js';
import { createDb, type DbHandle, MIGRATIONS_FOLDER, queryRows } from '../../src/db/client.js';
import { insertTrip, listStopsOfTrip } from '../../src/db/repositories/trips.js';
import { describeOnPostgres } from '../support/db.js';
import { type PostgresServer, provisionPostgres } from '../support/throwawayPostgres.js';

/**
 * Migration 0005 (itineraries): every trip of before becomes a one-stop trip whose stop has the trip's id, with its
 * answers, waitlist order, attendance, reminder deliveries, recap ids and calendar version, on both databases.
 */

const STOPS_MIGRATION = '0005_trip_stops';

/** The committed migrations up to (not including) `tag`, in a folder of their own. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'escale-migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string; idx: number }[] };
  const index = journal.entries.findIndex((entry) => entry.tag === tag);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

async function migrateWith(handle: DbHandle, folder: string): Promise<void> {
  if (handle.kind === 'pglite') await migratePglite(handle.db as never, { migrationsFolder: folder });
  else await migrateNodePg(handle.db as never, { migrationsFolder: folder });
}

const GUILD = '100000000000000001';
const HOST = '300000000000000001';
const CREATED = '2026-11-01T12:00:00.000Z';

async function seedBeforeItineraries(handle: DbHandle): Promise<void> {
  const statements = `
    insert into guild_settings (guild_id) values ('${GUILD}');
    insert into towns (id, guild_id, name, normalized_name, role_id, latitude, longitude)
      values (1, '${GUILD}', 'Rimouski', 'rimouski', '200000000000000001', 48.45, -68.52),
             (2, '${GUILD}', 'Matane', 'matane', '200000000000000002', 48.85, -67.53);
    insert into drive_times (guild_id, from_town_id, to_town_id, minutes) values ('${GUILD}', 1, 2, 75);
    insert into trips (id, guild_id, host_id, town_id, town_name, starts_at, duration_minutes, topic, venue, capacity,
                       reach, status, cancel_reason, channel_id, message_id, pinged_role_ids, scheduled_event_id,
                       thread_id, recap_message_id, recap_notes, version, created_at, updated_at)
      values (7, '${GUILD}', '${HOST}', 1, 'Rimouski', '2026-12-01T17:00:00Z', 120, 'IA', 'Café du Port', 2,
              'nearby', 'scheduled', null, '110000000000000001', '120000000000000007',
              '{200000000000000001,200000000000000002}', '130000000000000007', '120000000000000007',
              '140000000000000007', 'Belle rencontre', 3, '${CREATED}', '2026-11-02T12:00:00Z'),
             (9, '${GUILD}', '${HOST}', null, 'Amqui (retirée)', '2026-12-08T16:00:00Z', 90, null, null, null,
              'town', 'cancelled', 'Tempête', '110000000000000001', '120000000000000009', '{}', null,
              null, null, null, 1, '${CREATED}', '${CREATED}');
    insert into rsvps (trip_id, user_id, status, guests, responded_at, waitlisted_at, attended_at)
      values (7, '${HOST}', 'going', 0, '2026-11-01T12:00:00Z', null, '2026-12-01T19:00:00Z'),
             (7, '400000000000000001', 'going', 1, '2026-11-01T12:05:00Z', null, null),
             (7, '400000000000000002', 'waitlist', 0, '2026-11-01T12:10:00Z', '2026-11-01T12:10:00Z', null),
             (7, '400000000000000003', 'waitlist', 2, '2026-11-01T12:11:00Z', '2026-11-01T12:09:00Z', null),
             (9, '400000000000000001', 'maybe', 0, '2026-11-01T13:00:00Z', null, null);
    insert into reminder_deliveries (trip_id, offset_minutes, user_id, channel, delivered_at)
      values (7, 1440, '400000000000000001', 'dm', '2026-11-30T17:00:00Z'),
             (7, 1440, '${HOST}', 'thread', '2026-11-30T17:00:01Z');
    insert into jobs (kind, dedupe_key, guild_id, payload, run_at, status)
      values ('recap', 'recap:7', '${GUILD}', '{"tripId":7}', '2026-12-01T19:30:00Z', 'done'),
             ('reminder', 'reminder:7:60', '${GUILD}', '{"tripId":7,"offsetMinutes":60}', '2026-12-01T16:00:00Z', 'pending');
    insert into feed_tokens (guild_id, user_id, token_hash) values ('${GUILD}', '${HOST}', 'hash');
    insert into gateway_identifies (bucket, identified_at, shard_id) values (0, '${CREATED}', 0);
    select setval(pg_get_serial_sequence('trips', 'id'), 11)`;
  // One statement at a time: PGlite prepares each query, and a prepared statement holds one command.
  for (const statement of statements.split(/;\s*\n/)) await handle.db.execute(sql.raw(statement));
}

async function checkAfterItineraries(handle: DbHandle): Promise<void> {
  const stops = await queryRows<Record<string, unknown>>(
    handle.db,
    sql`select id, trip_id, guild_id, position, town_id, town_name, starts_at, duration_minutes, topic, venue, capacity,
               reach, status, cancel_reason, pinged_role_ids, ping_message_id, scheduled_event_id, recap_message_id,
               recap_notes, version, created_at, updated_at
        from trip_stops order by id`,
  );
  expect(
    stops.map((stop) => ({
      ...stop,
      starts_at: iso(stop.starts_at),
      created_at: iso(stop.created_at),
      updated_at: iso(stop.updated_at),
    })),
  ).toEqual([
    {
      id: 7,
      trip_id: 7,
      guild_id: GUILD,
      position: 1,
      town_id: 1,
      town_name: 'Rimouski',
      starts_at: '2026-12-01T17:00:00.000Z',
      duration_minutes: 120,
      topic: 'IA',
      venue: 'Café du Port',
      capacity: 2,
      reach: 'nearby',
      status: 'scheduled',
      cancel_reason: null,
      pinged_role_ids: ['200000000000000001', '200000000000000002'],
      ping_message_id: null,
      scheduled_event_id: '130000000000000007',
      recap_message_id: '140000000000000007',
      recap_notes: 'Belle rencontre',
      version: 3,
      created_at: CREATED,
      updated_at: '2026-11-02T12:00:00.000Z',
    },
    {
      id: 9,
      trip_id: 9,
      guild_id: GUILD,
      position: 1,
      town_id: null,
      town_name: 'Amqui (retirée)',
      starts_at: '2026-12-08T16:00:00.000Z',
      duration_minutes: 90,
      topic: null,
      venue: null,
      capacity: null,
      reach: 'town',
      status: 'cancelled',
      cancel_reason: 'Tempête',
      pinged_role_ids: [],
      ping_message_id: null,
      scheduled_event_id: null,
      recap_message_id: null,
      recap_notes: null,
      version: 1,
      created_at: CREATED,
      updated_at: CREATED,
    },
  ]);

  const trips = await queryRows<Record<string, unknown>>(
    handle.db,
    sql`select id, guild_id, host_id, status, channel_id, message_id, thread_id from trips order by id`,
  );
  expect(trips).toEqual([
    {
      id: 7,
      guild_id: GUILD,
      host_id: HOST,
      status: 'scheduled',
      channel_id: '110000000000000001',
      message_id: '120000000000000007',
      thread_id: '120000000000000007',
    },
    {
      id: 9,
      guild_id: GUILD,
      host_id: HOST,
      status: 'cancelled',
      channel_id: '110000000000000001',
      message_id: '120000000000000009',
      thread_id: null,
    },
  ]);

  const rsvps = await queryRows<Record<string, unknown>>(
    handle.db,
    sql`select stop_id, user_id, status, guests, responded_at, waitlisted_at, attended_at from rsvps
        order by stop_id, user_id`,
  );
  expect(
    rsvps.map((row) => ({
      ...row,
      responded_at: iso(row.responded_at),
      waitlisted_at: iso(row.waitlisted_at),
      attended_at: iso(row.attended_at),
    })),
  ).toEqual([
    {
      stop_id: 7,
      user_id: HOST,
      status: 'going',
      guests: 0,
      responded_at: '2026-11-01T12:00:00.000Z',
      waitlisted_at: null,
      attended_at: '2026-12-01T19:00:00.000Z',
    },
    {
      stop_id: 7,
      user_id: '400000000000000001',
      status: 'going',
      guests: 1,
      responded_at: '2026-11-01T12:05:00.000Z',
      waitlisted_at: null,
      attended_at: null,
    },
    {
      stop_id: 7,
      user_id: '400000000000000002',
      status: 'waitlist',
      guests: 0,
      responded_at: '2026-11-01T12:10:00.000Z',
      waitlisted_at: '2026-11-01T12:10:00.000Z',
      attended_at: null,
    },
    {
      stop_id: 7,
      user_id: '400000000000000003',
      status: 'waitlist',
      guests: 2,
      responded_at: '2026-11-01T12:11:00.000Z',
      waitlisted_at: '2026-11-01T12:09:00.000Z',
      attended_at: null,
    },
    {
      stop_id: 9,
      user_id: '400000000000000001',
      status: 'maybe',
      guests: 0,
      responded_at: '2026-11-01T13:00:00.000Z',
      waitlisted_at: null,
      attended_at: null,
    },
  ]);

  const deliveries = await queryRows<Record<string, unknown>>(
    handle.db,
    sql`select stop_id, offset_minutes, user_id, channel from reminder_deliveries order by user_id`,
  );
  expect(deliveries).toEqual([
    { stop_id: 7, offset_minutes: 1440, user_id: HOST, channel: 'thread' },
    { stop_id: 7, offset_minutes: 1440, user_id: '400000000000000001', channel: 'dm' },
  ]);

  // Jobs, drive times, towns, settings, feed tokens, identifies: untouched.
  const jobs = await queryRows<{ dedupe_key: string; payload: unknown; status: string }>(
    handle.db,
    sql`select dedupe_key, payload, status from jobs order by dedupe_key`,
  );
  expect(
    jobs.map((job) => ({ ...job, payload: typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload })),
  ).toEqual([
    { dedupe_key: 'recap:7', payload: { tripId: 7 }, status: 'done' },
    { dedupe_key: 'reminder:7:60', payload: { tripId: 7, offsetMinutes: 60 }, status: 'pending' },
  ]);
  const [counts] = await queryRows<Record<string, number>>(
    handle.db,
    sql`select (select count(*) from towns)::int as towns, (select count(*) from drive_times)::int as drive_times,
               (select count(*) from guild_settings)::int as settings, (select count(*) from feed_tokens)::int as feeds,
               (select count(*) from gateway_identifies)::int as identifies`,
  );
  expect(counts).toEqual({ towns: 2, drive_times: 1, settings: 1, feeds: 1, identifies: 1 });

  // A stop's calendar-visible change still raises its version (the trigger moved to trip_stops).
  await handle.db.execute(sql`update trip_stops set venue = 'Le Baptiste' where id = 7`);
  const [bumped] = await queryRows<{ version: number }>(handle.db, sql`select version from trip_stops where id = 7`);
  expect(bumped?.version).toBe(4);

  // New ids come after every old trip's (and after ids the trips' sequence already handed out).
  const trip = await insertTrip(handle.db, {
    guildId: GUILD,
    hostId: HOST,
    townId: 2,
    townName: 'Matane',
    startsAt: new Date('2026-12-10T17:00:00Z'),
    createdAt: new Date(CREATED),
    updatedAt: new Date(CREATED),
  });
  expect(trip.tripId).toBe(12);
  expect(trip.id).toBe(12);
  expect((await listStopsOfTrip(handle.db, GUILD, 7)).map((stop) => stop.id)).toEqual([7]);
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value as string).toISOString();
}

function migrationStory(open: () => Promise<DbHandle>) {
  let handle: DbHandle;
  let folder: string;
  beforeAll(async () => {
    handle = await open();
    folder = migrationsBefore(STOPS_MIGRATION);
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('GIVEN trips, answers, a waitlist, attendance, reminders, jobs and recaps from before itineraries WHEN migration 0005 runs THEN each trip is a one-stop trip with the same id and nothing is lost', async () => {
    await migrateWith(handle, folder);
    await seedBeforeItineraries(handle);
    await handle.migrate();
    await checkAfterItineraries(handle);
  });
}

describe('migration 0005 (itineraries) on PGlite', () => {
  migrationStory(() => createDb({ databaseUrl: undefined, dataDir: ':memory:' }));

  it('GIVEN an empty database WHEN migrated and a first trip is created THEN its first stop has its number', async () => {
    const handle = await createDb({ databaseUrl: undefined, dataDir: ':memory:' });
    try {
      await handle.migrate();
      const trip = await insertTrip(handle.db, {
        guildId: GUILD,
        hostId: HOST,
        townName: 'Rimouski',
        startsAt: new Date('2026-12-10T17:00:00Z'),
        createdAt: new Date(CREATED),
        updatedAt: new Date(CREATED),
      });
      expect({ trip: trip.tripId, stop: trip.id }).toEqual({ trip: 1, stop: 1 });
    } finally {
      await handle.close();
    }
  });
});

describeOnPostgres(
  'migration 0005 (itineraries) on Postgres',
  () => {
    let server: PostgresServer | undefined;
    afterAll(async () => {
      await server?.close();
    });
    migrationStory(async () => {
      server = await provisionPostgres({ testDatabaseUrl: testDatabaseUrl() });
      return createDb({ databaseUrl: await server.createDatabase('escale_migration'), dataDir: ':memory:' });
    });
  },
  { orThrowawayCluster: true, timeout: 120_000 },
);
