import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

const TOKEN = 'MTIz.fake-token-for-tests.abcdefghijklmnopqrstuvwxyz';

describe('configuration', () => {
  it('GIVEN only a token WHEN parsed THEN the embedded database and defaults are used', () => {
    const config = parseConfig({ DISCORD_TOKEN: TOKEN });
    expect(config).toMatchObject({
      discordToken: TOKEN,
      databaseUrl: undefined,
      dataDir: './data',
      logLevel: 'info',
      healthPort: undefined,
      schedulerIntervalMs: 1_000,
    });
  });

  it('GIVEN no token WHEN parsed THEN the error says where to get one', () => {
    expect(() => parseConfig({})).toThrow(ConfigError);
    expect(() => parseConfig({})).toThrow(
      /DISCORD_TOKEN is missing: create a bot at https:\/\/discord.com\/developers/,
    );
  });

  it('GIVEN several bad values WHEN parsed THEN every problem is listed, by name', () => {
    let problems: string[] = [];
    try {
      parseConfig({ DISCORD_TOKEN: TOKEN, DATABASE_URL: 'mysql://x', HEALTH_PORT: '99999', LOG_LEVEL: 'loud' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must look like postgres:/);
    expect(problems.join('\n')).toMatch(/HEALTH_PORT must be a whole number from 1 to 65535/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
  });

  it('GIVEN empty optional variables (as copied from .env.example) WHEN parsed THEN they count as unset', () => {
    const config = parseConfig({ DISCORD_TOKEN: TOKEN, DATABASE_URL: '', DISCORD_GUILD_ID: '', HEALTH_PORT: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.devGuildId).toBeUndefined();
    expect(config.healthPort).toBeUndefined();
  });

  it('GIVEN a guild id that is not a snowflake WHEN parsed THEN it is refused with how to copy one', () => {
    expect(() => parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: 'my-server' })).toThrow(/Copy ID/);
  });

  it('GIVEN no token WHEN `npm start` runs THEN it prints the clear error and exits with code 1', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, TZ: 'UTC', DISCORD_TOKEN: '' },
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DISCORD_TOKEN is empty: create a bot at https:\/\/discord.com\/developers/);
  }, 120_000);
});
