import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseProxyConfig } from '../../src/config.js';

const TOKEN = 'MTIz.fake-token-for-tests.abcdefghijklmnopqrstuvwxyz';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig({ DISCORD_TOKEN: TOKEN, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('shards of this machine (SHARD_IDS, SHARD_COUNT)', () => {
  it('GIVEN SHARD_IDS=0-3,8 and SHARD_COUNT=16 WHEN parsed THEN the process runs shards 0, 1, 2, 3 and 8 of 16', () => {
    const config = parseConfig({ DISCORD_TOKEN: TOKEN, SHARD_IDS: '0-3, 8', SHARD_COUNT: '16' });
    expect(config.shardIds).toEqual([0, 1, 2, 3, 8]);
    expect(config.shardCount).toBe(16);
  });

  it('GIVEN SHARD_IDS=5,0,2,2 WHEN parsed THEN each shard once, in order', () => {
    expect(parseConfig({ DISCORD_TOKEN: TOKEN, SHARD_IDS: '5,0,2,2', SHARD_COUNT: '6' }).shardIds).toEqual([0, 2, 5]);
  });

  it('GIVEN no SHARD_IDS WHEN parsed THEN discord.js decides (every shard of SHARD_COUNT in this process)', () => {
    expect(parseConfig({ DISCORD_TOKEN: TOKEN, SHARD_COUNT: '2' }).shardIds).toBeUndefined();
  });

  it.each([
    ['0-', 'SHARD_IDS must list shard numbers and ranges'],
    ['3-1', 'SHARD_IDS must list shard numbers and ranges'],
    ['a,b', 'SHARD_IDS must list shard numbers and ranges'],
  ])('GIVEN SHARD_IDS=%s WHEN parsed THEN the problem is named', (value, message) => {
    expect(problemsOf({ SHARD_IDS: value, SHARD_COUNT: '4' }).join('\n')).toContain(message);
  });

  it('GIVEN SHARD_IDS without SHARD_COUNT WHEN parsed THEN it asks for the total every machine agrees on', () => {
    expect(problemsOf({ SHARD_IDS: '0-7' })).toEqual([
      'SHARD_IDS needs SHARD_COUNT: every machine must agree on the total number of shards (e.g. SHARD_IDS=0-7 SHARD_COUNT=16)',
    ]);
  });

  it('GIVEN a shard beyond SHARD_COUNT WHEN parsed THEN the error says how shards are numbered', () => {
    expect(problemsOf({ SHARD_IDS: '2-4', SHARD_COUNT: '4' })).toEqual([
      'SHARD_IDS lists 4, but shards are numbered 0 to 3 with SHARD_COUNT=4',
    ]);
  });
});

describe('REST proxy (npm run proxy)', () => {
  it("GIVEN nothing set WHEN parsed THEN it forwards to Discord on port 8080, under Discord's global limit of 50/s", () => {
    expect(parseProxyConfig({})).toEqual({
      upstreamUrl: 'https://discord.com/api',
      port: 8_080,
      host: '0.0.0.0',
      globalRequestsPerSecond: 45,
      logLevel: 'info',
    });
  });

  it('GIVEN an upstream that is not a URL WHEN parsed THEN the error gives an example', () => {
    expect(() => parseProxyConfig({ PROXY_UPSTREAM_URL: 'discord.com' })).toThrow(
      /PROXY_UPSTREAM_URL must be an http\(s\) URL such as https:\/\/discord.com\/api/,
    );
  });
});
