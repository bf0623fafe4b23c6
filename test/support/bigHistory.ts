import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';

/**
 * A guild with years of history, generated in SQL (generate_series: seconds, not minutes, on either database): the
 * data-scale phase of the benchmark (bench/dataScale.ts) and the EXPLAIN test (test/integration/queryPlans.test.ts).
 *
 * `stops` trips of one stop each, one in ten in another guild, one in fifty cancelled; the last `upcoming` start
 * after `now` (an hour apart), the others an hour apart before it. Four answers per stop (going, going, maybe, no)
 * from `members` members, the first one attended when past; three jobs per stop (reminders 24 h and 1 h before,
 * the recap 2 h after), done when more than a day old. Ends with ANALYZE.
 */
export interface HistoryShape {
  guildId: string;
  otherGuildId: string;
  now: Date;
  stops: number;
  upcoming: number;
  members: number;
  hosts: number;
}

export const historyMember = (index: number) => `4000000000000${String(index).padStart(5, '0')}`;
export const historyHost = (index: number) => `3000000000000${String(index).padStart(5, '0')}`;

export async function seedHistory(db: Database, shape: HistoryShape): Promise<void> {
  const now = shape.now.toISOString();
  const guildOf = (column: string) =>
    sql`case when ${sql.raw(column)} % 10 = 0 then ${shape.otherGuildId} else ${shape.guildId} end`;
  await db.execute(
    sql`insert into trips (id, guild_id, host_id, status, created_at, updated_at)
        select g, ${guildOf('g')}, '3000000000000' || lpad((g % ${shape.hosts}::int)::text, 5, '0'), 'scheduled',
          ${now}::timestamptz - (${shape.stops}::int - g) * interval '1 hour', ${now}::timestamptz
        from generate_series(1, ${shape.stops}::int) g`,
  );
  await db.execute(
    sql`insert into trip_stops (id, trip_id, guild_id, town_name, starts_at, duration_minutes, capacity, status)
        select g, g, ${guildOf('g')}, 'Rimouski',
          ${now}::timestamptz + (g - (${shape.stops}::int - ${shape.upcoming}::int)) * interval '1 hour', 90, 20,
          case when g % 50 = 0 then 'cancelled' else 'scheduled' end
        from generate_series(1, ${shape.stops}::int) g`,
  );
  await db.execute(
    sql`insert into rsvps (stop_id, user_id, status, guests, responded_at, waitlisted_at, attended_at)
        select s.id, '4000000000000' || lpad(((s.id * 7 + k * 1301) % ${shape.members}::int)::text, 5, '0'),
          (array['going', 'going', 'maybe', 'no'])[k + 1], 0, s.starts_at - interval '1 day', null,
          case when k = 0 and s.starts_at < ${now}::timestamptz then s.starts_at + interval '1 hour' end
        from trip_stops s cross join generate_series(0, 3) k`,
  );
  await db.execute(
    sql`insert into jobs (kind, dedupe_key, guild_id, payload, run_at, status, finished_at)
        select kind.name, kind.name || ':' || s.id || ':' || kind.offset_minutes, s.guild_id,
          jsonb_build_object('stopId', s.id), s.starts_at - kind.offset_minutes * interval '1 minute',
          case when s.starts_at - kind.offset_minutes * interval '1 minute' < ${now}::timestamptz - interval '1 day'
            then 'done' else 'pending' end,
          case when s.starts_at - kind.offset_minutes * interval '1 minute' < ${now}::timestamptz - interval '1 day'
            then s.starts_at end
        from trip_stops s
          cross join (values ('reminder', 1440), ('reminder', 60), ('recap', -120)) as kind(name, offset_minutes)`,
  );
  await db.execute(
    sql`select setval('trips_id_seq', ${shape.stops}::int), setval('trip_stops_id_seq', ${shape.stops}::int)`,
  );
  await db.execute(sql`analyze`);
}
