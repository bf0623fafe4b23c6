import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { useWorld } from '../support/e2e.js';

describe('the real bot against the local Discord emulator', () => {
  const context = useWorld();

  it('GIVEN a fresh start WHEN the commands are deployed THEN the guild has every slash command with French names', () => {
    const { world } = context;
    const registered = world.emulator.commands(world.guild.id);
    expect(registered.map((command) => command.name).sort()).toEqual(
      commands.map((command) => command.data.name).sort(),
    );
    for (const command of registered) {
      const localizations = command.definition.name_localizations as Record<string, string> | undefined;
      expect(localizations?.fr, `/${command.name} has a French name`).toBeTruthy();
    }
  });

  it('GIVEN a member joins WHEN the bot greets them THEN the welcome pings that member and nobody else', async () => {
    const { world } = context;
    const alice = world.join('Alice');
    await world.settle(() =>
      world
        .channel('#general')
        .messages()
        .some((message) => message.content.includes(alice.mention)),
    );
    const welcome = world.channel('#general').last();
    expect(welcome).toPing(alice);
    expect(welcome?.pinged.roles).toEqual([]);
    expect(welcome?.pinged.everyone).toBe(false);
  });

  it('GIVEN the bot is ready WHEN the owner runs /setup THEN an ephemeral answer comes back within the deadline', async () => {
    const { world } = context;
    const result = await world.owner.runs('/setup');
    expect(result.timedOut).toBe(false);
    expect(result.ephemeral).toBe(true);
    expect(result.text()).toMatch(/America\/Toronto/);
  });

  it('GIVEN the gateway drops WHEN the bot resumes THEN it still answers commands', async () => {
    const { world } = context;
    const sessionsBefore = world.emulator.gatewaySessions().length;
    world.emulator.dropGateway();
    await world.emulator.waitFor(() => world.emulator.gatewayReceived.some((payload) => payload.op === 6), 15_000);
    await world.emulator.waitFor(() => world.emulator.connected, 15_000);
    expect(world.emulator.gatewaySessions().length).toBe(sessionsBefore);
    const result = await world.owner.runs('/setup');
    expect(result.timedOut).toBe(false);
    expect(result.text()).toMatch(/America\/Toronto/);
  });

  it('GIVEN Discord answers 500 once on the interaction callback WHEN a command is answered THEN the client retries and the member sees the answer', async () => {
    const { world } = context;
    const before = world.emulator.requests.length;
    world.emulator.injectFault({ path: /\/callback$/, status: 500, times: 1 });
    const result = await world.owner.runs('/setup');
    expect(result.timedOut).toBe(false);
    expect(result.text()).toMatch(/America\/Toronto/);
    const callbacks = world.emulator.requests.slice(before).filter((request) => request.path.endsWith('/callback'));
    expect(callbacks.map((request) => request.status)).toEqual([500, 204]);
  });
});
