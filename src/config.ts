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
  HEALTH_PORT: optionalInteger('HEALTH_PORT', 1, 65_535),
  SHARD_COUNT: optionalInteger('SHARD_COUNT', 1, 4_096),
  SCHEDULER_INTERVAL_MS: optionalInteger('SCHEDULER_INTERVAL_MS', 50, 600_000),
});

export type Config = {
  discordToken: string;
  applicationId: string | undefined;
  devGuildId: string | undefined;
  discordApiUrl: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  healthPort: number | undefined;
  shardCount: number | undefined;
  schedulerIntervalMs: number;
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
  return {
    discordToken: values.DISCORD_TOKEN,
    applicationId: values.DISCORD_APPLICATION_ID,
    devGuildId: values.DISCORD_GUILD_ID,
    discordApiUrl: values.DISCORD_API_URL,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.DATA_DIR,
    logLevel: values.LOG_LEVEL,
    healthPort: values.HEALTH_PORT,
    shardCount: values.SHARD_COUNT,
    schedulerIntervalMs: values.SCHEDULER_INTERVAL_MS ?? 1_000,
  };
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
