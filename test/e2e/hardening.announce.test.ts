import { beforeEach, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/deploy-commands.js';
import { Permission } from '../../src/emulator/permissions.js';
import { DEFAULT_START } from '../../src/sandbox/world.js';
import { useWorld, type World } from '../support/e2e.js';
import { pingingMessages, tripIdOf } from '../support/reliability.js';

/**
 * Limits on announcing (issue 11, items 4, 5 and 7), end to end: a member's (N+1)th trip within 24 hours is refused
 * (Manage Events exempt), a town's role is pinged at most once per cooldown whoever announces (nearby included),
 * the whole region needs Manage Events, and an announcement never lands in a thread.
 */
async function freshRegion(world: World): Promise<void> {
  world.clock.set(DEFAULT_START);
  world.createGuild({ preferredLocale: 'en-US' });
  world.emulator.updateGuild(world.guild.id, { systemChannelId: null });
  await deployCommands(world.config());
  await (await world.owner.runs('/town preset', { region: 'bas-saint-laurent' })).settled();
}

function roleId(world: World, name: string): string {
  const role = world.role(name);
  if (!role) throw new Error(`no role ${name}`);
  return role.id;
}

function announcementsIn(world: World, channel: string): number {
  return world
    .channel(channel)
    .messages()
    .filter((message) => tripIdOf(message) !== null).length;
}

const EN = { locale: 'en-US' };

/** A public thread of a channel, as a member would open one (THREAD_CREATE). */
function openThread(world: World, parentId: string) {
  const { state } = world.emulator;
  const now = state.now();
  const thread = state.insertChannel({
    guildId: world.guild.id,
    name: 'chat',
    type: 11,
    parentId,
    thread: {
      ownerId: world.owner.id,
      archived: false,
      locked: false,
      autoArchiveDuration: 4320,
      archiveTimestamp: now,
      createTimestamp: now,
      invitable: true,
      messageCount: 0,
      memberIds: new Set([world.owner.id]),
    },
  });
  state.dispatch('THREAD_CREATE', { ...state.apiChannel(thread), newly_created: true }, world.guild.id);
  return thread;
}

describe('limits on announcing', () => {
  const context = useWorld();
  beforeEach(async () => {
    await freshRegion(context.world);
  });

  it('GIVEN a member who announced 3 trips today (the default limit) WHEN they announce a 4th THEN it is refused, saying when they can announce again, nothing is posted; an organiser with Manage Events may', async () => {
    const { world } = context;
    const alice = world.join('Alice', EN);
    for (const day of [4, 5, 6]) {
      const result = await (
        await alice.runs('/trip new', { town: 'Rimouski', when: `December ${day} at noon` }, EN)
      ).settled();
      expect(result.text()).toContain('Announced!');
      await world.advance('10m');
    }
    const fourth = await (await alice.runs('/trip new', { town: 'Matane', when: 'December 7 at noon' }, EN)).settled();
    expect(fourth.ephemeral).toBe(true);
    expect(fourth.text()).toContain('You have already announced 3 meetups in the last 24 hours');
    expect(announcementsIn(world, '#general')).toBe(3);

    const organiser = world.join('Olga', { ...EN, permissions: Permission.ManageEvents });
    for (const day of [8, 9, 10, 11]) {
      const result = await (
        await organiser.runs('/trip new', { town: 'Amqui', when: `December ${day} at noon` }, EN)
      ).settled();
      expect(result.text()).toContain('Announced!');
    }

    await world.advance('24h');
    const later = await (await alice.runs('/trip new', { town: 'Matane', when: 'December 12 at noon' }, EN)).settled();
    expect(later.text()).toContain('Announced!');
  });

  it('GIVEN Alice pinged @Rimouski WHEN Bob announces Rimouski a minute later THEN his trip is posted without the ping and he is told when the town can be pinged again', async () => {
    const { world } = context;
    const alice = world.join('Alice', EN);
    const bob = world.join('Bob', EN);
    const since = world.clock.now().getTime();
    await (await alice.runs('/trip new', { town: 'Rimouski', when: 'December 4 at noon' }, EN)).settled();
    await world.advance('1m');
    const second = await (await bob.runs('/trip new', { town: 'Rimouski', when: 'December 5 at noon' }, EN)).settled();
    expect(second.text()).toContain('Announced!');
    expect(second.text()).toContain('already notified less than 60 minutes ago. Next notification possible');
    expect(announcementsIn(world, '#general')).toBe(2);
    const pings = pingingMessages(world, since).filter((message) =>
      message.pinged.roles.includes(roleId(world, 'Rimouski')),
    );
    expect(pings).toHaveLength(1);
  });

  it('GIVEN Alice announced Rimouski with reach nearby (Mont-Joli pinged) WHEN Bob announces Mont-Joli ten minutes later THEN Mont-Joli is not pinged again', async () => {
    const { world } = context;
    const alice = world.join('Alice', EN);
    const bob = world.join('Bob', EN);
    const since = world.clock.now().getTime();
    await (
      await alice.runs('/trip new', { town: 'Rimouski', when: 'December 4 at noon', reach: 'nearby' }, EN)
    ).settled();
    await world.advance('10m');
    const second = await (await bob.runs('/trip new', { town: 'Mont-Joli', when: 'December 5 at noon' }, EN)).settled();
    expect(second.text()).toContain('Next notification possible');
    const montJoli = roleId(world, 'Mont-Joli');
    expect(pingingMessages(world, since).filter((message) => message.pinged.roles.includes(montJoli))).toHaveLength(1);
  });

  it('GIVEN a member without Manage Events WHEN they announce with reach region THEN it is refused and nobody is pinged; with Manage Events every town is', async () => {
    const { world } = context;
    const alice = world.join('Alice', EN);
    const before = new Set(pingingMessages(world).map((message) => message.id));
    const newPings = () => pingingMessages(world).filter((message) => !before.has(message.id));
    const refused = await (
      await alice.runs('/trip new', { town: 'Amqui', when: 'December 4 at noon', reach: 'region' }, EN)
    ).settled();
    expect(refused.text()).toContain(
      'Notifying the whole region (`reach:region`) needs the “Manage Events” permission',
    );
    expect(newPings()).toHaveLength(0);

    const organiser = world.join('Olga', { ...EN, permissions: Permission.ManageEvents });
    await (
      await organiser.runs('/trip new', { town: 'Amqui', when: 'December 4 at noon', reach: 'region' }, EN)
    ).settled();
    expect(newPings().at(-1)?.pinged.roles).toHaveLength(10);
  });
});

describe('announcements never go into a thread', () => {
  const context = useWorld();
  beforeEach(async () => {
    await freshRegion(context.world);
  });

  it('GIVEN no trips channel and a thread of #general WHEN a member runs /trip new inside the thread THEN the announcement is posted in #general with its own thread', async () => {
    const { world } = context;
    const alice = world.join('Alice', EN);
    await (await alice.runs('/trip new', { town: 'Rimouski', when: 'December 4 at noon' }, EN)).settled();
    const first = world
      .channel('#general')
      .messages()
      .find((message) => tripIdOf(message) !== null);
    if (!first) throw new Error('no announcement');
    const thread = openThread(world, world.channel('#general').id);
    const result = await world.emulator.runCommand({
      guildId: world.guild.id,
      channelId: thread.id,
      userId: alice.id,
      name: 'trip',
      options: [
        {
          type: 1,
          name: 'new',
          options: [
            { type: 3, name: 'town', value: 'Matane' },
            { type: 3, name: 'when', value: 'December 5 at noon' },
          ],
        },
      ],
      locale: 'en-US',
    });
    await result.settled();
    expect(result.text()).toContain('Announced!');
    expect(world.emulator.messages(thread.id).filter((message) => tripIdOf(message) !== null)).toHaveLength(0);
    expect(announcementsIn(world, '#general')).toBe(2);
  });

  it('GIVEN no trips channel and #annonces where members may not send WHEN a member runs /trip new there THEN it is refused and nothing is posted', async () => {
    const { world } = context;
    const alice = world.join('Alice', EN);
    const readOnly = world.channel('#annonces');
    world.emulator.setChannelOverwrite(readOnly.id, { id: world.guild.id, deny: Permission.SendMessages });
    const result = await (
      await alice.runs('/trip new', { town: 'Rimouski', when: 'December 4 at noon' }, { ...EN, channel: '#annonces' })
    ).settled();
    expect(result.text()).toContain('You can’t send messages in');
    expect(announcementsIn(world, '#annonces')).toBe(0);
  });
});
