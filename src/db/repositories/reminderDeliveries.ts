import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { reminderDeliveries } from '../schema.js';

/**
 * Who got which reminder of a trip. The reminder job is delivered at least once; this table is what makes a retry
 * skip the members already reached, so a crash between two DMs never reminds anyone twice.
 */
export type ReminderChannel = 'dm' | 'unreachable' | 'thread';
export type ReminderDelivery = typeof reminderDeliveries.$inferSelect;

export async function listReminderDeliveries(
  executor: Executor,
  stopId: number,
  offsetMinutes: number,
): Promise<ReminderDelivery[]> {
  return executor
    .select()
    .from(reminderDeliveries)
    .where(and(eq(reminderDeliveries.stopId, stopId), eq(reminderDeliveries.offsetMinutes, offsetMinutes)));
}

/** Records how members were reached; a later channel replaces an earlier one ('unreachable' → 'thread'). */
export async function recordReminderDeliveries(
  executor: Executor,
  input: { stopId: number; offsetMinutes: number; userIds: readonly string[]; channel: ReminderChannel; now: Date },
): Promise<void> {
  if (input.userIds.length === 0) return;
  await executor
    .insert(reminderDeliveries)
    .values(
      input.userIds.map((userId) => ({
        stopId: input.stopId,
        offsetMinutes: input.offsetMinutes,
        userId,
        channel: input.channel,
        deliveredAt: input.now,
      })),
    )
    .onConflictDoUpdate({
      target: [reminderDeliveries.stopId, reminderDeliveries.offsetMinutes, reminderDeliveries.userId],
      set: { channel: input.channel, deliveredAt: input.now },
    });
}
