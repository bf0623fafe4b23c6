import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { tripStops } from '../schema.js';

/**
 * A stop's reach widened once to its nearby towns (the host's heads-up button, src/app/headsUp.ts): `reach` becomes
 * 'nearby' (so a second press is refused), the roles just pinged join `pinged_role_ids`, and `pinged_at` records when
 * (the towns' cooldowns and the host's daily budget count from then). Only a stop still reaching its town alone is
 * widened: returns false when another press got there first.
 */
export async function widenStopReach(
  executor: Executor,
  input: { guildId: string; stopId: number; roleIds: readonly string[]; now: Date },
): Promise<boolean> {
  const roles = sql`array[${sql.join(
    input.roleIds.map((roleId) => sql`${roleId}`),
    sql`, `,
  )}]::text[]`;
  const rows = await executor
    .update(tripStops)
    .set({
      reach: 'nearby',
      pingedRoleIds: sql`${tripStops.pingedRoleIds} || ${roles}`,
      pingedAt: input.now,
      updatedAt: input.now,
    })
    .where(and(eq(tripStops.guildId, input.guildId), eq(tripStops.id, input.stopId), eq(tripStops.reach, 'town')))
    .returning({ id: tripStops.id });
  return rows.length > 0;
}
