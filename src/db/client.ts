import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { acquireFolderLock, type FolderLockOptions } from './folderLock.js';
import * as schema from './schema.js';

export { DatabaseLockedError } from './folderLock.js';

export type Schema = typeof schema;
/** The common face of drizzle over PGlite and over node-postgres: all repositories take this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or a transaction in progress: repositories accept both. */
export type Executor = Database | Transaction;

export interface DbHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Applies the committed migrations (under an advisory lock on Postgres). */
  migrate(): Promise<void>;
  /** true when a trivial query answers (used by /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Postgres pool connections (total, idle, waiting) for the metrics; undefined on PGlite. */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** Postgres: opens every connection of the pool, each running `statement` once (to compile what it uses). */
  warmUp?(statement: string): Promise<void>;
}

export interface DbOptions {
  databaseUrl: string | undefined;
  /** Folder of the embedded database; ':memory:' keeps it in memory (tests). */
  dataDir: string;
  onPoolError?: (error: Error) => void;
  poolSize?: number;
  /** Embedded database: the tarball of an empty cluster a fresh folder is made from (default: the build's). */
  pgliteTemplate?: string;
  /** Embedded database: heartbeat and staleness of the folder's lock (tests shorten them). */
  folderLock?: FolderLockOptions;
  /** Called after every query on Postgres with its duration (the metrics' query latency). */
  onQuery?: (durationMs: number, failed: boolean) => void;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
/** Arbitrary but fixed: every Escale process migrating the same database waits on this key. */
const MIGRATION_LOCK_KEY = 724_913_001;

export async function createDb(options: DbOptions): Promise<DbHandle> {
  return options.databaseUrl ? createPostgres(options.databaseUrl, options) : createPglite(options);
}

/*
 * Each driver is loaded only when chosen: a bot on Postgres never loads PGlite (its WebAssembly glue and drizzle's
 * adapter, ~5 MiB), an embedded one never loads pg (issue 15's RSS goal).
 */
async function createPostgres(url: string, options: DbOptions): Promise<DbHandle> {
  const [{ default: pg }, { drizzle: drizzleNodePg }, { migrate: migrateNodePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const max = options.poolSize ?? 10;
  // Connections stay open once made (idleTimeoutMillis 0): a new one costs a server process's start, its catalog
  // caches and the compilation of the answers' PL/pgSQL functions, 10–200 ms that the first clicks after a quiet
  // moment would wait.
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 0, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server must not crash the process (Postgres restarts, network blips).
  pool.on('error', (error) => options.onPoolError?.(error));
  releaseLentClientsOnError(pool);
  if (options.onQuery) timeQueries(pool, options.onQuery);
  const db = drizzleNodePg(pool, { schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    ping: () => pingDb(db),
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async warmUp(statement) {
      const clients = await Promise.all(Array.from({ length: max }, () => pool.connect()));
      try {
        await Promise.all(clients.map((client) => client.query(statement)));
      } finally {
        for (const client of clients) client.release();
      }
    },
  };
}

/**
 * A client lent by the pool (a transaction) whose connection dies is given back, and thereby removed from the pool,
 * as soon as it fails. Two reasons, both seen with Postgres cut under load (test/e2e/reliability.database.test.ts):
 * pg emits 'error' on the client besides failing its query, and pg-pool listens only while the client is idle, so the
 * event was unhandled and the process exited; and drizzle's transaction() does not release the client when `begin`
 * itself fails, so every such failure leaked one of the pool's connections until none was left. Release becomes
 * idempotent, so the borrower's own release afterwards is harmless.
 */
function releaseLentClientsOnError(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool);
  const guarded = async (): Promise<pg.PoolClient> => {
    const client = await connect();
    const release = client.release;
    let released = false;
    const onError = (error: Error) => releaseOnce(error);
    const releaseOnce = (error?: Error | boolean) => {
      if (released) return;
      released = true;
      client.off('error', onError);
      release(error);
    };
    client.on('error', onError);
    client.release = releaseOnce;
    return client;
  };
  // pool.query() borrows through the callback form and guards the client itself while its query runs.
  pool.connect = ((callback?: Parameters<pg.Pool['connect']>[0]) =>
    callback ? connect(callback) : guarded()) as pg.Pool['connect'];
}

/** Times queries made through the pool and through the clients it lends (transactions). */
function timeQueries(pool: pg.Pool, onQuery: (durationMs: number, failed: boolean) => void): void {
  const timed = <Query extends (...args: never[]) => unknown>(query: Query): Query =>
    ((...args: Parameters<Query>) => {
      const startedAt = performance.now();
      const result = query(...args);
      if (result instanceof Promise) {
        result.then(
          () => onQuery(performance.now() - startedAt, false),
          () => onQuery(performance.now() - startedAt, true),
        );
      }
      return result;
    }) as Query;
  pool.query = timed(pool.query.bind(pool)) as pg.Pool['query'];
  pool.on('connect', (client) => {
    client.query = timed(client.query.bind(client)) as pg.PoolClient['query'];
  });
}

async function createPglite(options: DbOptions): Promise<DbHandle> {
  const { dataDir } = options;
  const inMemory = dataDir === ':memory:';
  let releaseLock = () => {};
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }, cluster] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
    import('./pgliteCluster.js'),
  ]);
  const { PGLITE_START_PARAMS, prepareCluster, useBaselineWasmCompiler } = cluster;
  let client: PGlite;
  useBaselineWasmCompiler();
  try {
    if (inMemory) {
      client = new PGlite();
    } else {
      mkdirSync(dataDir, { recursive: true });
      releaseLock = (await acquireFolderLock(path.join(dataDir, 'escale.lock'), options.folderLock)).release;
      // initdb never runs in this process (it would keep ~700 MB): the folder is made from a template or a child.
      const clusterDir = path.join(dataDir, 'pglite');
      await prepareCluster(clusterDir, options.pgliteTemplate);
      client = new PGlite(clusterDir, { startParams: PGLITE_START_PARAMS });
    }
    await client.waitReady;
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    ping: () => pingDb(db),
    async close() {
      try {
        await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}

async function pingDb(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Raw SQL results differ between drivers (a bigint is a string from pg, a number from PGlite): raw queries go
 * through here and cast counts with ::int in SQL.
 */
export async function queryRows<Row extends Record<string, unknown>>(
  executor: Executor,
  query: ReturnType<typeof sql>,
): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
