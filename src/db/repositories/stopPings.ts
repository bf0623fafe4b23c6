import { and, count, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../client.js';
import { tripStops, trips } from '../schema.js';

/** Which roles a host's stops pinged, and when: the ping budget's and the cooldowns' history. */

/**
 * Stops the member announced since `since` whose announcement or ping reply pinged someone: the daily ping budget
 * (each stop's ping counts). Cancelled stops count (their ping went out all the same).
 */
export async function countPingedTripsByHostSince(
  executor: Executor,
  guildId: string,
  hostId: string,
  since: Date,
): Promise<number> {
  const [row] = await executor
    .select({ total: count() })
    .from(tripStops)
    .innerJoin(trips, eq(trips.id, tripStops.tripId))
    .where(
      and(
        eq(tripStops.guildId, guildId),
        eq(trips.hostId, hostId),
        // A ping held through the server's quiet hours counts from when it went out (pinged_at).
        sql`coalesce(${tripStops.pingedAt}, ${tripStops.createdAt}) >= ${since.toISOString()}::timestamptz`,
        sql`cardinality(${tripStops.pingedRoleIds}) > 0`,
      ),
    );
  return Number(row?.total ?? 0);
}

/** When this host's stops last pinged each of these roles (roles never pinged by them are absent). */
export async function lastRolePingsByHost(
  executor: Executor,
  guildId: string,
  hostId: string,
  roleIds: readonly string[],
): Promise<Map<string, Date>> {
  if (roleIds.length === 0) return new Map();
  const rows = await queryRows<{ role_id: string; last_at: Date | string }>(
    executor,
    sql`select pinged.role_id, max(${tripStops.createdAt}) as last_at
        from ${tripStops} join ${trips} on ${trips.id} = ${tripStops.tripId},
          unnest(${tripStops.pingedRoleIds}) as pinged(role_id)
        where ${tripStops.guildId} = ${guildId} and ${trips.hostId} = ${hostId}
          and pinged.role_id in (${sql.join(
            roleIds.map((roleId) => sql`${roleId}`),
            sql`, `,
          )})
        group by pinged.role_id`,
  );
  return new Map(rows.map((row) => [row.role_id, new Date(row.last_at)]));
}

/** Roles already pinged for this trip by any of its stops (a town is pinged once per trip). */
export async function rolesPingedForTrip(executor: Executor, tripId: number): Promise<Set<string>> {
  const rows = await executor
    .select({ roles: tripStops.pingedRoleIds })
    .from(tripStops)
    .where(eq(tripStops.tripId, tripId));
  return new Set(rows.flatMap((row) => row.roles));
}
