import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../client.js';
import { tripStops, trips } from '../schema.js';

/** The lookups behind the limits on announcing: a member's trips of the last day, each town role's last ping. */

/**
 * Holds, until the transaction ends, the right to ping town roles in one guild: two hosts announcing at once run one
 * after the other, so a town's cooldown cannot be spent twice.
 */
export async function lockTownPings(executor: Executor, guildId: string): Promise<void> {
  await executor.execute(sql`select pg_advisory_xact_lock(hashtext(${`town-pings:${guildId}`}))`);
}

/** When the member announced each trip since `since` (cancelled ones too), oldest first. */
export async function tripsAnnouncedSince(
  executor: Executor,
  guildId: string,
  hostId: string,
  since: Date,
): Promise<Date[]> {
  const rows = await executor
    .select({ createdAt: trips.createdAt })
    .from(trips)
    .where(and(eq(trips.guildId, guildId), eq(trips.hostId, hostId), gte(trips.createdAt, since)))
    .orderBy(asc(trips.createdAt));
  return rows.map((row) => row.createdAt);
}

/** When any stop of the guild last pinged each of these roles, whoever announced it (never pinged: absent). */
export async function lastRolePings(
  executor: Executor,
  guildId: string,
  roleIds: readonly string[],
): Promise<Map<string, Date>> {
  if (roleIds.length === 0) return new Map();
  const rows = await queryRows<{ role_id: string; last_at: Date | string }>(
    executor,
    // A ping held through the server's quiet hours counts from when it went out (pinged_at), not the announcement.
    sql`select pinged.role_id, max(coalesce(${tripStops.pingedAt}, ${tripStops.createdAt})) as last_at
        from ${tripStops}, unnest(${tripStops.pingedRoleIds}) as pinged(role_id)
        where ${tripStops.guildId} = ${guildId}
          and pinged.role_id in (${sql.join(
            roleIds.map((roleId) => sql`${roleId}`),
            sql`, `,
          )})
        group by pinged.role_id`,
  );
  return new Map(rows.map((row) => [row.role_id, new Date(row.last_at)]));
}
