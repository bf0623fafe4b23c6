import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';

/** `npm start` and `npm run sandbox` as a newcomer runs them: real processes (slow to start: generous timeouts). */
describe('the bot as a process', { timeout: 180_000 }, () => {
  let emulator: Emulator;
  let dataDir: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    emulator.createGuild({ name: 'Réseau Bas-Saint-Laurent', preferredLocale: 'fr' });
    dataDir = mkdtempSync(path.join(tmpdir(), 'escale-process-'));
  });

  afterAll(async () => {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN DISCORD_API_URL points at a local Discord WHEN `npm start` runs THEN it logs ready, stays up, and stops cleanly on SIGTERM without logging the token', async () => {
    const healthPort = await freePort();
    const bot = spawnBot({
      DISCORD_API_URL: emulator.apiUrl,
      DISCORD_TOKEN: emulator.botToken,
      DATA_DIR: dataDir,
      HEALTH_PORT: String(healthPort),
    });
    const output = collect(bot);
    await waitForText(output, /ready as .* in 1 guilds/, 90_000);
    // Stays up: still connected a moment later, and healthy.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(bot.exitCode).toBeNull();
    expect(emulator.connected).toBe(true);
    const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ gateway: true, database: true });
    bot.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => bot.once('exit', resolve));
    expect(code).toBe(0);
    expect(output.text).toMatch(/"msg":"stopped"/);
    expect(output.text).not.toContain(emulator.botToken);
  });

  it('GIVEN the production build (npm run build, as the Dockerfile does) WHEN node dist/bundle/main.js starts THEN it reaches ready on the embedded database and stops cleanly', async () => {
    const build = spawnSync('npm', ['run', 'build'], { env: baseEnv({}), encoding: 'utf8', timeout: 90_000 });
    expect(build.status, build.stderr).toBe(0);
    const folder = mkdtempSync(path.join(tmpdir(), 'escale-built-'));
    try {
      const bot = spawn(process.execPath, ['dist/bundle/main.js'], {
        env: baseEnv({ DISCORD_API_URL: emulator.apiUrl, DISCORD_TOKEN: emulator.botToken, DATA_DIR: folder }),
        stdio: 'pipe',
      });
      const output = collect(bot);
      await waitForText(output, /ready as .* in 1 guilds/, 90_000);
      bot.kill('SIGTERM');
      expect(await new Promise<number | null>((resolve) => bot.once('exit', resolve))).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('GIVEN a bot already holds the embedded database WHEN a second process opens the same folder THEN it is refused clearly', async () => {
    const first = spawnBot({ DISCORD_API_URL: emulator.apiUrl, DISCORD_TOKEN: emulator.botToken, DATA_DIR: dataDir });
    const firstOutput = collect(first);
    await waitForText(firstOutput, /ready as/, 90_000);
    const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: baseEnv({ DISCORD_API_URL: emulator.apiUrl, DISCORD_TOKEN: emulator.botToken, DATA_DIR: dataDir }),
      encoding: 'utf8',
      timeout: 90_000,
    });
    first.kill('SIGTERM');
    await new Promise((resolve) => first.once('exit', resolve));
    expect(second.status).toBe(1);
    expect(second.stdout + second.stderr).toMatch(/already open by process \d+.*DATABASE_URL/s);
  });

  it('GIVEN the shipped example script WHEN `npm run sandbox -- --script` replays it THEN it prints the conversation and exits 0', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/sandbox/main.ts', '--script', 'src/sandbox/demo.txt'],
      { env: baseEnv({}), encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Bienvenue @Alice/);
    expect(result.stdout).toMatch(/Nouvelle rencontre à \*\*Rimouski\*\*/);
    expect(result.stdout).toMatch(/🔔 @Rimouski/);
    expect(result.stdout).toMatch(/tu es n° 1 sur la liste d’attente/);
    expect(result.stdout).toMatch(/Une place s’est libérée/);
    expect(result.stdout).toMatch(/── DM to Chloé\n {2}Escale \[BOT\]: ⏰ Rappel/);
    expect(result.stdout).toMatch(/── thread "Récap · Rimouski · 4 déc\."/);
    expect(result.stdout).toMatch(/Voici le noyau de cette rencontre : @Alice @Chloé @Owner/);
    // The ride: Chloé's offer, the owner's need on her way, her DM proposal accepted, the private thread, /trip show.
    expect(result.stdout).toMatch(
      /── DM to Chloé\n {2}Escale \[BOT\]: 🚗 @Owner cherche une place depuis \*\*Trois-Pistoles\*\*/,
    );
    expect(result.stdout).toMatch(/── thread "🚗 Chloé · Rivière-du-Loup → Rimouski"/);
    expect(result.stdout).toMatch(/Offres: @Chloé · depuis Rivière-du-Loup · 1\/2 place\(s\) libre\(s\)/);
    expect(result.stdout).toMatch(/Demandes: @Owner · depuis Trois-Pistoles · avec @Chloé/);
    expect(result.stdout).not.toMatch(/^\s*! /m);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', LOG_LEVEL: 'info', ...extra };
}

function spawnBot(extra: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: baseEnv(extra), stdio: 'pipe' });
}

function collect(child: ChildProcess): { text: string } {
  const output = { text: '' };
  child.stdout?.on('data', (chunk) => {
    output.text += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output.text += String(chunk);
  });
  return output;
}

async function waitForText(output: { text: string }, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output.text)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}; output:\n${output.text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
