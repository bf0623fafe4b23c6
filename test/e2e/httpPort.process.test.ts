import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { botEnv, spawnBot, stopBot } from './botProcess.js';

/** Issue 11 item 9 and issue 14: the HTTP server is bound before login; a busy port stops the bot clearly. */
describe('the HTTP port of the bot process', { timeout: 180_000 }, () => {
  let emulator: Emulator;
  let dataDir: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    emulator.createGuild({ name: 'Réseau Bas-Saint-Laurent', preferredLocale: 'fr' });
    dataDir = mkdtempSync(path.join(tmpdir(), 'escale-http-port-'));
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN HTTP_PORT is taken by another program WHEN the bot starts THEN it says so and exits with code 1 without logging in', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '0.0.0.0', resolve));
    const port = (squatter.address() as { port: number }).port;
    try {
      const bot = spawnBot({ ...botEnv(emulator, { dataDir }), HTTP_PORT: String(port) });
      const code = await bot.exited;
      expect(code).toBe(1);
      expect(bot.output.text).toContain(`HTTP_PORT ${port} is already in use`);
      expect(emulator.connected).toBe(false);
    } finally {
      squatter.close();
    }
  });

  it('GIVEN HTTP_PORT and PUBLIC_URL WHEN the bot runs THEN one server answers /healthz, /metrics and a 404 for a community that did not opt in', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const bot = spawnBot({
      ...botEnv(emulator, { dataDir }),
      HTTP_PORT: String(port),
      PUBLIC_URL: 'https://escale.example.org',
    });
    try {
      const deadline = Date.now() + 90_000;
      while (!/ready as/.test(bot.output.text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ gateway: true, database: true });
      expect(await (await fetch(`${base}/metrics`)).text()).toContain('process_resident_memory_bytes');
      expect((await fetch(`${base}/c/reseau-bas-saint-laurent`)).status).toBe(404);
    } finally {
      await stopBot(bot);
    }
    expect(await bot.exited).toBe(0);
  });
});
