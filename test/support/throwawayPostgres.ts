import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A Postgres server for a test or the benchmark: the one of TEST_DATABASE_URL, or a throwaway cluster. */
export interface PostgresServer {
  /** Admin URL (database `postgres`). */
  adminUrl: string;
  /** 'TEST_DATABASE_URL' or 'throwaway cluster in <dir>'. */
  source: string;
  /** A new empty database on that server; dropped by `close`. */
  createDatabase(prefix?: string): Promise<string>;
  /** Drops the databases created here; stops the cluster when we started it. */
  close(): Promise<void>;
}

/**
 * TEST_DATABASE_URL when set (CI sets it); otherwise a throwaway cluster like `.ci/postgres.sh` starts (initdb in a
 * temp folder, trust auth, fsync off, as the `postgres` user because Postgres refuses root). Throws a clear message
 * when neither is possible.
 */
export async function provisionPostgres(
  input: {
    testDatabaseUrl?: string | undefined;
    /** fsync on, as a server in production runs (the benchmark: a click's answer is committed to disk); tests: off. */
    durable?: boolean;
  } = {},
): Promise<PostgresServer> {
  const url = input.testDatabaseUrl?.trim();
  if (url) return serverAt(url, 'TEST_DATABASE_URL', async () => {});
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'No Postgres server: set TEST_DATABASE_URL=postgres://user@host:port/postgres, or install the server ' +
        '(apt-get install postgresql) so a throwaway cluster can be started.',
    );
  }
  return startCluster(bin, input.durable === true);
}

export function findPostgresBin(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, 'postgres'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'postgres')))
    .sort((a, b) => Number(a) - Number(b));
  const latest = versions.at(-1);
  return latest ? path.join(root, latest, 'bin') : undefined;
}

async function startCluster(bin: string, durable: boolean): Promise<PostgresServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'escale-pg-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, program);
    const fullArgs = asRoot ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args;
    execFileSync(command, fullArgs, { stdio: 'pipe' });
  };
  if (asRoot) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'pipe' });
    } catch {
      execFileSync('useradd', ['--system', '--home', dir, 'postgres'], { stdio: 'pipe' });
    }
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = path.join(dir, 'data');
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale']);
  run('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${durable ? 'on' : 'off'} -c max_connections=200`,
    'start',
  ]);
  const stop = async () => {
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return serverAt(
    `postgres://postgres@127.0.0.1:${port}/postgres`,
    `throwaway cluster in ${dir}, fsync ${durable ? 'on' : 'off'}`,
    stop,
  );
}

function serverAt(adminUrl: string, source: string, stop: () => Promise<void>): PostgresServer {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    adminUrl,
    source,
    async createDatabase(prefix = 'escale') {
      const name = `${prefix}_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`create database ${name}`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async close() {
      try {
        if (created.length > 0) {
          await admin(async (client) => {
            for (const name of created) await client.query(`drop database if exists ${name} with (force)`);
          });
        }
      } finally {
        await stop();
      }
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
