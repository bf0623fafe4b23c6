import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '../client.js';
import {
  adminWarnings,
  driveTimes,
  feedTokens,
  guildSettings,
  jobs,
  memberPreferences,
  rideNeeds,
  rideOffers,
  townDigestMembers,
  towns,
  tripStops,
  trips,
} from '../schema.js';

/**
 * Deletes everything Escale stores about a guild: settings (and its public page), towns and drive times, trips with
 * their stops, answers, reminder deliveries and rides (by cascade), calendar feed tokens, members'
 * preferences and digest towns, warnings given to its admins, and its jobs but `keepJobKind` (the deletion job running this). Returns the rows deleted per table.
 */
export async function deleteGuildData(
  executor: Executor,
  guildId: string,
  keepJobKind: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const count = async (name: string, work: Promise<unknown[]>) => {
    counts[name] = (await work).length;
  };
  await count('rideOffers', executor.delete(rideOffers).where(eq(rideOffers.guildId, guildId)).returning());
  await count('rideNeeds', executor.delete(rideNeeds).where(eq(rideNeeds.guildId, guildId)).returning());
  await count('tripStops', executor.delete(tripStops).where(eq(tripStops.guildId, guildId)).returning());
  await count('trips', executor.delete(trips).where(eq(trips.guildId, guildId)).returning());
  await count('driveTimes', executor.delete(driveTimes).where(eq(driveTimes.guildId, guildId)).returning());
  await count(
    'townDigestMembers',
    executor.delete(townDigestMembers).where(eq(townDigestMembers.guildId, guildId)).returning(),
  );
  await count('towns', executor.delete(towns).where(eq(towns.guildId, guildId)).returning());
  await count('feedTokens', executor.delete(feedTokens).where(eq(feedTokens.guildId, guildId)).returning());
  await count(
    'memberPreferences',
    executor.delete(memberPreferences).where(eq(memberPreferences.guildId, guildId)).returning(),
  );
  await count('adminWarnings', executor.delete(adminWarnings).where(eq(adminWarnings.guildId, guildId)).returning());
  await count('guildSettings', executor.delete(guildSettings).where(eq(guildSettings.guildId, guildId)).returning());
  await count(
    'jobs',
    executor
      .delete(jobs)
      .where(and(eq(jobs.guildId, guildId), ne(jobs.kind, keepJobKind)))
      .returning(),
  );
  return counts;
}
