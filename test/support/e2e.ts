import { afterAll, beforeAll } from 'vitest';
import { testDatabaseUrl } from '../../src/config.js';
import { World, type WorldOptions } from '../../src/sandbox/world.js';
import { createPostgresDatabase, dropPostgresDatabase } from './db.js';

export { Actor, ChannelView, World } from '../../src/sandbox/world.js';

export type E2eDatabase = 'pglite' | 'postgres';

/**
 * The database of a world whose test does not choose one. Without TEST_DATABASE_URL: the embedded PGlite, as a
 * newcomer's machine has. With it (CI): PGlite for English-language guilds, Postgres for the others. The stories are
 * written once per language (describe.each over French and English), so each of them runs on the embedded default
 * that `npm start` uses AND on Postgres, at no extra time (E2E_DATABASE_RULE, printed at the end of the run).
 */
export function defaultE2eDatabase(preferredLocale?: string): E2eDatabase {
  if (!testDatabaseUrl()) return 'pglite';
  return preferredLocale?.toLowerCase().startsWith('en') ? 'pglite' : 'postgres';
}

/**
 * Starts a world (emulator + real bot + fresh database) for one test file and stops it afterwards. Tests that
 * need a clean guild call `world.createGuild()`.
 */
export function useWorld(options: WorldOptions & { database?: E2eDatabase } = {}): { readonly world: World } {
  let world: World | undefined;
  let databaseUrl: string | undefined;
  beforeAll(async () => {
    world = await createTestWorld(options);
    databaseUrl = world.options.databaseUrl;
  });
  afterAll(async () => {
    await world?.stop();
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  });
  return {
    get world() {
      if (!world) throw new Error('world not started');
      return world;
    },
  };
}

export async function createTestWorld(options: WorldOptions & { database?: E2eDatabase } = {}): Promise<World> {
  const database = options.database ?? defaultE2eDatabase(options.preferredLocale);
  const databaseUrl = database === 'postgres' ? await createPostgresDatabase() : undefined;
  try {
    return await World.create({ ...options, ...(databaseUrl ? { databaseUrl } : {}) });
  } catch (error) {
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
    throw error;
  }
}
