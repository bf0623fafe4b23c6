import { and, asc, eq, inArray } from 'drizzle-orm';
import { drivePairKey } from '../../domain/towns.js';
import type { Executor } from '../client.js';
import { driveTimes, towns } from '../schema.js';

export type TownRow = typeof towns.$inferSelect;
export type NewTown = Omit<typeof towns.$inferInsert, 'id' | 'createdAt'> & { createdAt?: Date };

export async function listTowns(executor: Executor, guildId: string): Promise<TownRow[]> {
  return executor.select().from(towns).where(eq(towns.guildId, guildId)).orderBy(asc(towns.normalizedName));
}

export async function getTown(executor: Executor, guildId: string, townId: number): Promise<TownRow | undefined> {
  const [row] = await executor
    .select()
    .from(towns)
    .where(and(eq(towns.guildId, guildId), eq(towns.id, townId)))
    .limit(1);
  return row;
}

export async function findTownByNormalizedName(
  executor: Executor,
  guildId: string,
  normalizedName: string,
): Promise<TownRow | undefined> {
  const [row] = await executor
    .select()
    .from(towns)
    .where(and(eq(towns.guildId, guildId), eq(towns.normalizedName, normalizedName)))
    .limit(1);
  return row;
}

export async function findTownsByRole(executor: Executor, guildId: string, roleIds: string[]): Promise<TownRow[]> {
  if (roleIds.length === 0) return [];
  return executor
    .select()
    .from(towns)
    .where(and(eq(towns.guildId, guildId), inArray(towns.roleId, roleIds)));
}

export async function getTownsByIds(executor: Executor, guildId: string, townIds: number[]): Promise<TownRow[]> {
  if (townIds.length === 0) return [];
  return executor
    .select()
    .from(towns)
    .where(and(eq(towns.guildId, guildId), inArray(towns.id, townIds)))
    .orderBy(asc(towns.normalizedName));
}

/** Inserts a town; returns undefined when one with the same normalized name exists already. */
export async function insertTown(executor: Executor, town: NewTown): Promise<TownRow | undefined> {
  const [row] = await executor.insert(towns).values(town).onConflictDoNothing().returning();
  return row;
}

export async function updateTown(
  executor: Executor,
  guildId: string,
  townId: number,
  patch: Partial<Pick<TownRow, 'name' | 'normalizedName' | 'roleId' | 'roleManaged' | 'latitude' | 'longitude'>>,
): Promise<TownRow | undefined> {
  const [row] = await executor
    .update(towns)
    .set(patch)
    .where(and(eq(towns.guildId, guildId), eq(towns.id, townId)))
    .returning();
  return row;
}

export async function deleteTown(executor: Executor, guildId: string, townId: number): Promise<TownRow | undefined> {
  const [row] = await executor
    .delete(towns)
    .where(and(eq(towns.guildId, guildId), eq(towns.id, townId)))
    .returning();
  return row;
}

/** Admin corrections of drive times, keyed by the domain's drivePairKey (order of the two towns irrelevant). */
export async function getDriveTimeOverrides(executor: Executor, guildId: string): Promise<Map<string, number>> {
  const rows = await executor.select().from(driveTimes).where(eq(driveTimes.guildId, guildId));
  return new Map(rows.map((row) => [drivePairKey(row.fromTownId, row.toTownId), row.minutes]));
}

export async function setDriveTimeOverride(
  executor: Executor,
  input: { guildId: string; townA: number; townB: number; minutes: number },
): Promise<void> {
  const [fromTownId, toTownId] = input.townA < input.townB ? [input.townA, input.townB] : [input.townB, input.townA];
  await executor
    .insert(driveTimes)
    .values({ guildId: input.guildId, fromTownId, toTownId, minutes: input.minutes })
    .onConflictDoUpdate({ target: [driveTimes.fromTownId, driveTimes.toTownId], set: { minutes: input.minutes } });
}
