import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { startBot } from '../../src/bot.js';
import { useWorld } from '../support/e2e.js';
import { freePort } from '../support/throwawayPostgres.js';

/**
 * What an operator scrapes: GET /metrics on HTTP_PORT after real interactions (the real discord.js client against
 * the emulator, the bot started as `npm start` starts it). Without HTTP_PORT nothing could read the metrics: the
 * bot records none and does not load prom-client (its ~12 MiB, issue 15).
 */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!wanted.every((label) => line.includes(label))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

/** Whether this process has loaded prom-client (a CommonJS package: Node keeps it in require.cache). */
function promClientLoaded(): boolean {
  const { cache } = createRequire(import.meta.url);
  return Object.keys(cache).some((file) => file.includes('/node_modules/prom-client/'));
}

describe('metrics', () => {
  const context = useWorld();

  // First in this file: the test below loads prom-client into the process (each test file has its own process).
  it('GIVEN the bot started without HTTP_PORT WHEN members run commands THEN they are answered, no metrics are kept and prom-client is not loaded', async () => {
    const { world } = context;
    const owner = world.actor('owner');
    await owner.runs('/town add', { name: 'Rimouski' }, { ignoreCommandPermissions: true });
    const listed = await world.join('Bob', { locale: 'en-US' }).runs('/town list');
    expect(listed.acknowledged).toBe(true);
    expect(listed.text()).toContain('Rimouski');

    expect(world.bot.metrics.registry).toBeNull();
    expect(promClientLoaded()).toBe(false);
  });

  it('GIVEN HTTP_PORT and members who ran commands, one of them with a mistake WHEN Prometheus scrapes GET /metrics THEN it reads interactions by command and outcome, their ack latency, the shard and the job backlog', async () => {
    const { world } = context;
    const port = await freePort();
    await world.bot.stop();
    world.bot = await startBot({
      config: world.config({ HTTP_PORT: String(port) }),
      clock: world.clock,
      logger: world.logger,
    });
    const scrape = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    expect(promClientLoaded()).toBe(true);

    const owner = world.actor('owner');
    const alice = world.join('Alice', { locale: 'fr' });
    await owner.runs('/town add', { name: 'Matane' }, { ignoreCommandPermissions: true });
    const listed = await Promise.all([alice.runs('/town list'), alice.runs('/town list'), alice.runs('/town list')]);
    expect(listed.every((result) => result.acknowledged)).toBe(true);
    const mistake = await alice.runs('/town join', { town: 'Atlantis' });
    expect(mistake.acknowledged).toBe(true);

    // The ack is counted when discord.js has read Discord's answer to the callback, a moment after Discord has it.
    await world.emulator.waitFor(
      async () => sample(await scrape(), 'escale_interaction_ack_seconds_count') === 5,
      5_000,
    );
    const text = await scrape();

    const interactions = (command: string, outcome: string) =>
      sample(text, 'escale_interactions_total', { kind: 'command', command, outcome });
    expect(interactions('town add', 'ok')).toBe(1);
    expect(interactions('town list', 'ok')).toBe(3);
    expect(interactions('town join', 'user_error')).toBe(1);
    expect(interactions('town join', 'ok')).toBeUndefined();
    expect(sample(text, 'escale_interaction_ack_seconds_count')).toBe(5);
    expect(sample(text, 'escale_interaction_ack_seconds_bucket', { le: '3' })).toBe(5);
    expect(sample(text, 'escale_gateway_shard_ready', { shard: '0' })).toBe(1);
    expect(text).toMatch(/^# TYPE escale_jobs_due gauge$/m);
    expect(text).toMatch(/^# TYPE escale_jobs_total counter$/m);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
