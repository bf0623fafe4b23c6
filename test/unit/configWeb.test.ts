import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

const TOKEN = 'MTIz.fake-token-for-tests.abcdefghijklmnopqrstuvwxyz';

describe('configuration of the HTTP server', () => {
  it('GIVEN HTTP_PORT and PUBLIC_URL WHEN parsed THEN the server port and the public address (no trailing slash) are set', () => {
    const config = parseConfig({ DISCORD_TOKEN: TOKEN, HTTP_PORT: '8080', PUBLIC_URL: 'https://escale.example.org/' });
    expect(config.httpPort).toBe(8080);
    expect(config.publicUrl).toBe('https://escale.example.org');
  });

  it('GIVEN only the old HEALTH_PORT WHEN parsed THEN it is the HTTP port', () => {
    expect(parseConfig({ DISCORD_TOKEN: TOKEN, HEALTH_PORT: '9000' }).httpPort).toBe(9000);
    expect(parseConfig({ DISCORD_TOKEN: TOKEN, HEALTH_PORT: '9000', HTTP_PORT: '8080' }).httpPort).toBe(8080);
  });

  it('GIVEN a PUBLIC_URL that is not an http(s) address WHEN parsed THEN it is refused by name', () => {
    expect(() => parseConfig({ DISCORD_TOKEN: TOKEN, PUBLIC_URL: 'escale.example.org' })).toThrow(ConfigError);
    expect(() => parseConfig({ DISCORD_TOKEN: TOKEN, PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL must be/);
  });
});
