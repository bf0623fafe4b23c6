import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { testDatabaseUrl } from '../../src/config.js';
import { createDb, type Database, type DbHandle } from '../../src/db/client.js';
import { findPostgresBin } from './throwawayPostgres.js';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** PGlite always; real Postgres too when TEST_DATABASE_URL is set (CI sets it). */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

/** What a run without Postgres prints, so that a newcomer knows how to cover it. */
export const HOW_TO_ADD_POSTGRES =
  'set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (any server you may create databases on), ' +
  'or run `bash .ci/run`, which starts a throwaway Postgres and runs everything on both databases';

/** Which database an e2e world runs on when its test does not choose (see defaultE2eDatabase in e2e.ts). */
export const E2E_DATABASE_RULE =
  'e2e stories: English-language guilds on PGlite, the others on Postgres, so each story runs on both';

/** The tag every Postgres-only test that was not run carries in its name (the summary counts them as "todo"). */
export const NOT_RUN_WITHOUT_POSTGRES = '[not run: needs Postgres]';

/**
 * A suite that means something only on a real Postgres server: several connections racing for row locks or
 * `SKIP LOCKED` claims. PGlite has one connection, so there every transaction runs alone and such a test passes
 * whatever the code does. With TEST_DATABASE_URL set (CI) the suite runs; without it, it registers ONE `todo` test
 * that says so, so the run reports it as not run (vitest counts it under "todo") instead of green.
 *
 * `orThrowawayCluster`: the suite starts its own cluster when the Postgres server is installed (see
 * throwawayPostgres.ts), so it also runs on a machine that has the binaries but no TEST_DATABASE_URL.
 * In CI (CI set), a missing Postgres is a failure, not a todo.
 */
export function describeOnPostgres(
  name: string,
  body: () => void,
  options: { orThrowawayCluster?: boolean; timeout?: number } = {},
): void {
  const available = testDatabaseUrl() !== undefined || (options.orThrowawayCluster === true && !!findPostgresBin());
  if (available) {
    describe(name, options.timeout ? { timeout: options.timeout } : {}, body);
    return;
  }
  describe(name, () => {
    if (process.env.CI) {
      it('needs Postgres in CI', () => {
        throw new Error(`${name}: no Postgres in CI; ${HOW_TO_ADD_POSTGRES}`);
      });
      return;
    }
    it.todo(`${NOT_RUN_WITHOUT_POSTGRES} ${HOW_TO_ADD_POSTGRES}`);
  });
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

/** Every table of the schema emptied (the migrations' own table lives in the `drizzle` schema and stays). */
export async function emptyTables(db: Database): Promise<void> {
  await db.execute(sql`do $$
    declare tables text;
    begin
      select string_agg(format('%I', tablename), ', ') into tables from pg_tables where schemaname = 'public';
      if tables is not null then execute 'truncate table ' || tables || ' restart identity cascade'; end if;
    end $$`);
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
