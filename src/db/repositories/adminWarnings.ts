import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { adminWarnings } from '../schema.js';

/** Where a warning to a guild's admins went (AdminWarningsPort's answer). */
type AdminWarningDestination = 'log-channel' | 'owner';

/**
 * Takes the right to give a warning: true for the first caller of any process, false once it was given (or is
 * being given). A claim whose delivery failed is released (releaseAdminWarning) so a later occasion tries again.
 */
export async function claimAdminWarning(executor: Executor, guildId: string, subject: string): Promise<boolean> {
  const rows = await executor
    .insert(adminWarnings)
    .values({ guildId, subject, deliveredTo: 'pending' })
    .onConflictDoNothing()
    .returning({ subject: adminWarnings.subject });
  return rows.length > 0;
}

export async function recordAdminWarning(
  executor: Executor,
  input: { guildId: string; subject: string; deliveredTo: AdminWarningDestination; at: Date },
): Promise<void> {
  await executor
    .update(adminWarnings)
    .set({ deliveredTo: input.deliveredTo, warnedAt: input.at })
    .where(and(eq(adminWarnings.guildId, input.guildId), eq(adminWarnings.subject, input.subject)));
}

export async function releaseAdminWarning(executor: Executor, guildId: string, subject: string): Promise<void> {
  await executor
    .delete(adminWarnings)
    .where(and(eq(adminWarnings.guildId, guildId), eq(adminWarnings.subject, subject)));
}
