import { describe, expect, it } from 'vitest';
import { useWorld } from '../support/e2e.js';

/**
 * The Prometheus text an operator scrapes (the registry GET /metrics serves) after real interactions: the real
 * discord.js client against the emulator, the bot started as `npm start` starts it.
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

describe('metrics after real interactions', () => {
  const context = useWorld();

  it('GIVEN members who ran commands, one of them with a mistake WHEN Prometheus scrapes THEN it reads interactions by command and outcome, their ack latency, the shard and the job backlog', async () => {
    const { world } = context;
    const owner = world.actor('owner');
    const alice = world.join('Alice', { locale: 'fr' });
    await owner.runs('/town add', { name: 'Rimouski' }, { ignoreCommandPermissions: true });
    const listed = await Promise.all([alice.runs('/town list'), alice.runs('/town list'), alice.runs('/town list')]);
    expect(listed.every((result) => result.acknowledged)).toBe(true);
    const mistake = await alice.runs('/town join', { town: 'Atlantis' });
    expect(mistake.acknowledged).toBe(true);

    // The ack is counted when discord.js has read Discord's answer to the callback, a moment after Discord has it.
    const scrape = () => world.bot.metrics.registry.metrics();
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
