import { existsSync } from 'node:fs';
import { loadEnvFile } from 'node:process';
import { z } from 'zod';

/**
 * The only place that reads process.env. Everything else receives a parsed Config.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const snowflake = (name: string) =>
  optionalText.refine((value) => value === undefined || /^\d{17,20}$/.test(value), {
    message: `${name} must be a Discord id (17 to 20 digits): right-click the item in Discord with Developer Mode on and "Copy ID"`,
  });

function optionalInteger(name: string, min: number, max: number) {
  return optionalText.transform((value, context) => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      context.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return number;
  });
}

const configSchema = z.object({
  DISCORD_TOKEN: z
    .string({
      error:
        'DISCORD_TOKEN is missing: create a bot at https://discord.com/developers/applications (Bot → Reset Token) and put its token in .env (see .env.example)',
    })
    .trim()
    .min(1, {
      message:
        'DISCORD_TOKEN is empty: create a bot at https://discord.com/developers/applications (Bot → Reset Token) and put its token in .env (see .env.example)',
    }),
  DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID'),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID'),
  DISCORD_API_URL: optionalText.refine((value) => value === undefined || /^https?:\/\/.+/.test(value), {
    message: 'DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:3000/api',
  }),
  DATABASE_URL: optionalText.refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), {
    message: 'DATABASE_URL must look like postgres://user:password@host:5432/database',
  }),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  HTTP_PORT: optionalInteger('HTTP_PORT', 1, 65_535),
  /** The old name of HTTP_PORT, still accepted. */
  HEALTH_PORT: optionalInteger('HEALTH_PORT', 1, 65_535),
  PUBLIC_URL: optionalText.refine((value) => value === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(value), {
    message:
      "PUBLIC_URL must be the http(s) address people reach Escale's web pages at, such as https://escale.example.org",
  }),
  TRUST_PROXY: optionalText.refine((value) => value === undefined || /^(true|false|1|0)$/i.test(value), {
    message: 'TRUST_PROXY must be true or false (true only behind a reverse proxy that sets X-Forwarded-For)',
  }),
  SHARD_COUNT: optionalInteger('SHARD_COUNT', 1, 4_096),
  SHARD_IDS: optionalText.transform((value, context) => {
    if (value === undefined) return undefined;
    const ids = parseShardIds(value);
    if (!ids) {
      context.addIssue({
        code: 'custom',
        message: 'SHARD_IDS must list shard numbers and ranges, such as 0-7 or 0,2,5 or 0-3,8',
      });
      return z.NEVER;
    }
    return ids;
  }),
  SCHEDULER_INTERVAL_MS: optionalInteger('SCHEDULER_INTERVAL_MS', 50, 600_000),
  JOB_LEASE_MS: optionalInteger('JOB_LEASE_MS', 5_000, 3_600_000),
});

export type Config = {
  discordToken: string;
  applicationId: string | undefined;
  devGuildId: string | undefined;
  discordApiUrl: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** The HTTP server (health, metrics, public pages and feeds): HTTP_PORT, else HEALTH_PORT; none: no server. */
  httpPort: number | undefined;
  /** @deprecated the same as httpPort (HEALTH_PORT is HTTP_PORT's old name). */
  healthPort: number | undefined;
  /** PUBLIC_URL without a trailing slash: links, feeds and /trip feed's URL are built on it. */
  publicUrl: string | undefined;
  /** Behind a reverse proxy: the client's address is the last X-Forwarded-For hop (rate limits per client). */
  trustProxy: boolean;
  shardCount: number | undefined;
  /** The shards this process runs (SHARD_IDS), out of `shardCount`; undefined: discord.js decides (all of them). */
  shardIds: number[] | undefined;
  schedulerIntervalMs: number;
  /** How long a claimed job is held before another process may take it (its claimer is presumed dead). */
  jobLeaseMs: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => issue.message));
  }
  const values = result.data;
  if (values.SHARD_IDS) {
    const count = values.SHARD_COUNT;
    if (count === undefined) {
      throw new ConfigError([
        'SHARD_IDS needs SHARD_COUNT: every machine must agree on the total number of shards (e.g. SHARD_IDS=0-7 SHARD_COUNT=16)',
      ]);
    }
    const outside = values.SHARD_IDS.filter((id) => id >= count);
    if (outside.length > 0) {
      throw new ConfigError([
        `SHARD_IDS lists ${outside.join(', ')}, but shards are numbered 0 to ${count - 1} with SHARD_COUNT=${count}`,
      ]);
    }
  }
  return {
    discordToken: values.DISCORD_TOKEN,
    applicationId: values.DISCORD_APPLICATION_ID,
    devGuildId: values.DISCORD_GUILD_ID,
    discordApiUrl: values.DISCORD_API_URL,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.DATA_DIR,
    logLevel: values.LOG_LEVEL,
    httpPort: values.HTTP_PORT ?? values.HEALTH_PORT,
    healthPort: values.HTTP_PORT ?? values.HEALTH_PORT,
    publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: /^(true|1)$/i.test(values.TRUST_PROXY ?? ''),
    shardCount: values.SHARD_COUNT,
    shardIds: values.SHARD_IDS,
    schedulerIntervalMs: values.SCHEDULER_INTERVAL_MS ?? 1_000,
    jobLeaseMs: values.JOB_LEASE_MS ?? 60_000,
  };
}

/** "0-3,8" → [0, 1, 2, 3, 8]; null when the text is not a list of numbers and ascending ranges. */
function parseShardIds(text: string): number[] | null {
  const ids = new Set<number>();
  for (const part of text.split(',').map((piece) => piece.trim())) {
    const range = /^(\d{1,4})(?:\s*-\s*(\d{1,4}))?$/.exec(part);
    if (!range) return null;
    const start = Number(range[1]);
    const end = range[2] === undefined ? start : Number(range[2]);
    if (end < start) return null;
    for (let id = start; id <= end; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** `npm run proxy`: the REST proxy shared by the processes of one bot (it needs no token: it forwards each caller's). */
/**
 * Discord allows 50 requests/s per token. The proxy spaces requests so that no sliding second holds more than this;
 * they still reach Discord with varying network delays, which can put a few more into one of its seconds: 45 leaves
 * that margin (src/proxy.ts, test/e2e/scaleout.test.ts).
 */
export const DEFAULT_PROXY_GLOBAL_RATE = 45;

export interface ProxyConfig {
  /** Where requests go: Discord (`https://discord.com/api`) or a Discord-compatible API such as the emulator's. */
  upstreamUrl: string;
  port: number;
  host: string;
  /**
   * Requests per second the proxy lets through for one token (Discord allows 50; see DEFAULT_PROXY_GLOBAL_RATE for
   * the margin).
   */
  globalRequestsPerSecond: number;
  logLevel: (typeof LOG_LEVELS)[number];
}

const proxyConfigSchema = z.object({
  PROXY_UPSTREAM_URL: optionalText.refine((value) => value === undefined || /^https?:\/\/.+/.test(value), {
    message: 'PROXY_UPSTREAM_URL must be an http(s) URL such as https://discord.com/api',
  }),
  PROXY_PORT: optionalInteger('PROXY_PORT', 1, 65_535),
  PROXY_HOST: optionalText,
  PROXY_GLOBAL_REQUESTS_PER_SECOND: optionalInteger('PROXY_GLOBAL_REQUESTS_PER_SECOND', 1, 10_000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

export function parseProxyConfig(env: Record<string, string | undefined>): ProxyConfig {
  const result = proxyConfigSchema.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => issue.message));
  const values = result.data;
  return {
    upstreamUrl: values.PROXY_UPSTREAM_URL ?? 'https://discord.com/api',
    port: values.PROXY_PORT ?? 8_080,
    host: values.PROXY_HOST ?? '0.0.0.0',
    globalRequestsPerSecond: values.PROXY_GLOBAL_REQUESTS_PER_SECOND ?? DEFAULT_PROXY_GLOBAL_RATE,
    logLevel: values.LOG_LEVEL,
  };
}

export function loadProxyConfig(envFile = '.env'): ProxyConfig {
  if (existsSync(envFile)) loadEnvFile(envFile);
  return parseProxyConfig(process.env);
}

/** Reads `.env` when present (without overriding variables already set), then the environment. */
export function loadConfig(envFile = '.env'): Config {
  if (existsSync(envFile)) loadEnvFile(envFile);
  return parseConfig(process.env);
}

/** Test database for the repository tests: Postgres when set (CI), PGlite otherwise. */
export function testDatabaseUrl(): string | undefined {
  const value = process.env.TEST_DATABASE_URL?.trim();
  return value ? value : undefined;
}

/** Removes a variable from the environment that child processes (the shards of start:sharded) inherit. */
export function unsetForChildProcesses(name: keyof z.input<typeof configSchema>): void {
  delete process.env[name];
}
