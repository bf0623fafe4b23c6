import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { testDatabaseUrl } from '../../src/config.js';
import { createDb, type Database, type DbHandle } from '../../src/db/client.js';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** PGlite always; real Postgres too when TEST_DATABASE_URL is set (CI sets it). */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  handle: DbHandle;
  /** postgres:// URL of the throwaway database (postgres kind only), for tests that start processes. */
  url: string | undefined;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database: in-memory PGlite, or a new database on the TEST_DATABASE_URL server (dropped
 * afterwards), so test files running in parallel never share tables.
 */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await createDb({ databaseUrl: undefined, dataDir: ':memory:' });
    await handle.migrate();
    return { handle, url: undefined, cleanup: () => handle.close() };
  }
  const url = await createPostgresDatabase();
  const handle = await createDb({ databaseUrl: url, dataDir: ':memory:' });
  await handle.migrate();
  return {
    handle,
    url,
    async cleanup() {
      await handle.close();
      await dropPostgresDatabase(url);
    },
  };
}

export async function createPostgresDatabase(): Promise<string> {
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `escale_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) return;
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

export async function emptyTables(db: Database): Promise<void> {
  await db.execute(sql`truncate table rsvps, trips, drive_times, towns, guild_settings, jobs restart identity cascade`);
}

/**
 * One database per test file and kind, emptied before each test. Use inside `describe.each(testDatabaseKinds())`.
 */
export function useTestDatabase(kind: TestDatabaseKind): { readonly db: Database; readonly handle: DbHandle } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.cleanup();
  });
  beforeEach(async () => {
    if (database) await emptyTables(database.handle.db);
  });
  return {
    get db() {
      if (!database) throw new Error('test database not ready');
      return database.handle.db;
    },
    get handle() {
      if (!database) throw new Error('test database not ready');
      return database.handle;
    },
  };
}
