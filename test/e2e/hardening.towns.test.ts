import { beforeEach, describe, expect, it } from 'vitest';
import { listTowns } from '../../src/db/repositories/towns.js';
import { Permission } from '../../src/emulator/permissions.js';
import { useWorld, type World } from '../support/e2e.js';
import { announceTrip, freshGuildWithTown } from '../support/reliability.js';

/**
 * No privilege through towns (issue 11, items 1 and 2), end to end with the emulator's role permissions and channel
 * overwrites: a town role grants nothing beyond @everyone's permissions, whoever links it could hand it out
 * themselves, joining re-checks it, and every admin check reads the member's guild-level permissions.
 */
async function townNames(world: World): Promise<string[]> {
  return (await listTowns(world.bot.deps.db, world.guild.id)).map((town) => town.name).sort();
}

describe('town roles are never privileged', () => {
  const context = useWorld();
  beforeEach(async () => {
    await freshGuildWithTown(context.world, { locale: 'en-US' });
  });

  it('GIVEN a role with Manage Messages below a moderator WHEN the moderator links it to a town THEN they are told which permissions make it unfit (English and French) and no town is added', async () => {
    const { world } = context;
    const mod = world.join('Mod', { locale: 'en-US', permissions: Permission.ManageRoles });
    const helpers = world.emulator.createRole(world.guild.id, {
      name: 'Helpers',
      permissions: Permission.ManageMessages,
    });

    const english = await (
      await mod.runs('/town add', { name: 'Staff', role: helpers }, { locale: 'en-US' })
    ).settled();
    expect(english.ephemeral).toBe(true);
    expect(english.text()).toContain('grants permissions @everyone doesn’t have (Manage Messages)');
    const french = await (await mod.runs('/town add', { name: 'Staff', role: helpers }, { locale: 'fr' })).settled();
    expect(french.text()).toContain('il donne des permissions que @everyone n’a pas (Manage Messages)');
    expect(await townNames(world)).toEqual(['Rimouski']);
  });

  it('GIVEN a role named Moderators with Kick Members WHEN /town add name:Moderators is run without a role THEN the existing role is not linked by name and the admin is told why', async () => {
    const { world } = context;
    world.emulator.createRole(world.guild.id, { name: 'Moderators', permissions: Permission.KickMembers });
    const result = await (await world.owner.runs('/town add', { name: 'Moderators' }, { locale: 'en-US' })).settled();
    expect(result.text()).toContain('(Kick Members)');
    expect(await townNames(world)).toEqual(['Rimouski']);
  });

  it('GIVEN a plain role above the moderator’s highest role WHEN the moderator links it THEN it is refused, and the owner may link it', async () => {
    const { world } = context;
    const club = world.emulator.createRole(world.guild.id, { name: 'Club' });
    // Created after Club, the moderator's role sits below it.
    const mod = world.join('Mod', { locale: 'en-US', permissions: Permission.ManageRoles });
    const refused = await (await mod.runs('/town add', { name: 'Club', role: club }, { locale: 'en-US' })).settled();
    expect(refused.text()).toContain('is at or above your highest role');
    expect(await townNames(world)).toEqual(['Rimouski']);

    const owner = await (
      await world.owner.runs('/town add', { name: 'Club', role: club }, { locale: 'en-US' })
    ).settled();
    expect(owner.text()).not.toContain('highest role');
    expect(await townNames(world)).toEqual(['Club', 'Rimouski']);
  });

  it('GIVEN a town whose role was later given Administrator WHEN two members join it THEN neither gets the role, each is told, and the admins are warned once', async () => {
    const { world } = context;
    const rimouski = world.role('Rimouski');
    if (!rimouski) throw new Error('no Rimouski role');
    expect(rimouski.permissions).toBe(0n); // roles Escale creates carry no permission
    world.emulator.setRolePermissions(world.guild.id, rimouski.id, Permission.Administrator);
    for (const name of ['Alice', 'Bob']) {
      const member = world.join(name, { locale: 'en-US' });
      const result = await (await member.runs('/town join', { town: 'Rimouski' }, { locale: 'en-US' })).settled();
      expect(result.text()).toContain(
        'I can’t give you the role of **Rimouski**: it now grants permissions (Administrator)',
      );
      expect(world.rolesOf(member)).toEqual([]);
    }
    // The owner is told once (no moderators channel here); see hardening.warnings.test.ts.
    expect(world.owner.dms().filter((message) => message.content.includes('@Rimouski'))).toHaveLength(1);
  });
});

describe('/town list and deleted town roles', () => {
  const context = useWorld();

  it('GIVEN three towns whose roles were deleted in Discord WHEN a member runs /town list twice THEN each says its role is gone, and no request is made to Discord for the roles', async () => {
    const { world } = context;
    await freshGuildWithTown(world, { locale: 'en-US' });
    for (const name of ['Matane', 'Amqui']) await (await world.owner.runs('/town add', { name })).settled();
    for (const name of ['Rimouski', 'Matane', 'Amqui']) {
      const role = world.role(name);
      if (role) world.emulator.deleteRole(world.guild.id, role.id);
    }
    const alice = world.join('Alice', { locale: 'en-US' });
    const before = world.emulator.requests.length;
    for (let call = 0; call < 2; call++) {
      const list = await (await alice.runs('/town list', {}, { locale: 'en-US' })).settled();
      expect(list.text().match(/role deleted/g)).toHaveLength(3);
    }
    const roleRequests = world.emulator.requests
      .slice(before)
      .filter((request) => request.method === 'GET' && /\/roles/.test(request.path));
    expect(roleRequests).toEqual([]);
  });
});

describe('admin checks read guild-level permissions, never a channel’s overwrites', () => {
  const context = useWorld();
  beforeEach(async () => {
    await freshGuildWithTown(context.world, { locale: 'en-US' });
  });

  it('GIVEN a member granted Manage Roles, Manage Server and Manage Events only by #general’s overwrites WHEN they run /town add, /setup and /trip cancel there THEN each is refused and nothing changes', async () => {
    const { world } = context;
    const mallory = world.join('Mallory', { locale: 'en-US' });
    world.emulator.setChannelOverwrite(world.channel('#general').id, {
      id: mallory.id,
      allow: Permission.ManageRoles | Permission.ManageGuild | Permission.ManageEvents,
    });
    const asMember = { locale: 'en-US', ignoreCommandPermissions: true };

    const add = await (await mallory.runs('/town add', { name: 'Matane' }, asMember)).settled();
    expect(add.text()).toContain('You need the “Manage Roles” permission');
    expect(await townNames(world)).toEqual(['Rimouski']);

    const setup = await (await mallory.runs('/setup', { max_trips_per_day: 20 }, asMember)).settled();
    expect(setup.text()).toContain('You need the “Manage Server” permission');

    const { tripId } = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'December 4 at noon' });
    // The guild's first meetup: #1.
    const cancel = await (await mallory.runs('/trip cancel', { trip: '#1' }, asMember)).settled();
    expect(cancel.text()).toContain('Only the host');
    const announcement = world
      .channel('#general')
      .messages()
      .find((message) => JSON.stringify(message.components).includes(`rsvp:${tripId}:going`));
    expect(JSON.stringify(announcement?.embeds)).not.toMatch(/cancel/i);
  });
});
