import {
  AttachmentBuilder,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  PermissionsBitField,
  type TextChannel,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOT_PERMISSIONS, Permission, startEmulator } from '../../src/emulator/index.js';
import { apiError, onInteraction, useEmulator } from './support.js';

const world = useEmulator();

async function textChannel(channelId: string): Promise<TextChannel> {
  const client = await world.connect();
  return (await client.channels.fetch(channelId)) as TextChannel;
}

describe('channel permission overwrites', () => {
  it('GIVEN @everyone denied Send Messages in a channel WHEN the bot posts there THEN 50013, until an overwrite for its role allows it', async () => {
    const { emulator, guild } = world;
    const announcements = emulator.createChannel(guild.id, { name: 'annonces' });
    emulator.setChannelOverwrite(announcements.id, { id: guild.id, deny: Permission.SendMessages });
    const channel = await textChannel(announcements.id);

    const refused = await apiError(channel.send('Bonjour'));
    emulator.setChannelOverwrite(announcements.id, { id: guild.botRoleId, allow: Permission.SendMessages });
    await channel.send('Bonjour');

    expect(refused.code).toBe(50013);
    expect(emulator.messages(announcements.id).map((message) => message.content)).toEqual(['Bonjour']);
  });

  it('GIVEN the bot denied Attach Files in a channel WHEN it posts an .ics there THEN 50013, and the same text without the file goes through', async () => {
    const { emulator, guild } = world;
    const trips = emulator.createChannel(guild.id, { name: 'voyages' });
    emulator.setChannelOverwrite(trips.id, { id: emulator.botUser.id, deny: Permission.AttachFiles });
    const channel = await textChannel(trips.id);
    const file = new AttachmentBuilder(Buffer.from('BEGIN:VCALENDAR'), { name: 'trip.ics' });

    const refused = await apiError(channel.send({ content: 'Rimouski', files: [file] }));
    await channel.send({ content: 'Rimouski' });

    expect(refused.code).toBe(50013);
    expect(emulator.messages(trips.id).map((message) => message.attachments.length)).toEqual([0]);
  });

  it('GIVEN the bot denied Embed Links in a channel WHEN it posts an embed there THEN 50013', async () => {
    const { emulator, guild } = world;
    emulator.setChannelOverwrite(world.general, { id: guild.botRoleId, deny: Permission.EmbedLinks });
    const channel = await textChannel(world.general);

    const refused = await apiError(channel.send({ embeds: [{ title: 'Rimouski' }] }));

    expect(refused.code).toBe(50013);
    expect(emulator.messages(world.general)).toEqual([]);
  });

  it('GIVEN a channel the bot cannot view WHEN it posts there THEN 50013, whatever else its role allows', async () => {
    const { emulator, guild } = world;
    const staff = emulator.createChannel(guild.id, {
      name: 'staff',
      overwrites: [{ id: guild.id, deny: Permission.ViewChannel }],
    });
    const client = await world.connect();

    const refused = await apiError(client.rest.post(`/channels/${staff.id}/messages`, { body: { content: 'x' } }));

    expect(refused.code).toBe(50013);
    expect(emulator.permissionsIn(staff.id, emulator.botUser.id)).toBe(0n);
  });

  it('GIVEN overwrites for @everyone, a role and a member WHEN computed THEN the member overwrite wins over roles, which win over @everyone', () => {
    const { emulator, guild, alice } = world;
    const helpers = emulator.createRole(guild.id, { name: 'Bénévoles' });
    emulator.updateMember(guild.id, alice.userId, { roles: [helpers.id] });
    const channel = emulator.createChannel(guild.id, { name: 'coulisses' });
    emulator.setChannelOverwrite(channel.id, { id: guild.id, deny: Permission.SendMessages | Permission.AddReactions });
    emulator.setChannelOverwrite(channel.id, {
      id: helpers.id,
      allow: Permission.SendMessages | Permission.AddReactions,
    });
    emulator.setChannelOverwrite(channel.id, { id: alice.userId, deny: Permission.AddReactions });

    const held = emulator.permissionsIn(channel.id, alice.userId);

    expect(held & Permission.SendMessages).toBe(Permission.SendMessages);
    expect(held & Permission.AddReactions).toBe(0n);
    expect(emulator.permissionsIn(channel.id, guild.ownerId) & Permission.AddReactions).toBe(Permission.AddReactions);
  });

  it('GIVEN an administrator denied everything by an overwrite WHEN computed THEN Administrator bypasses it', () => {
    const { emulator, guild } = world;
    const admin = emulator.addMember(guild.id, { username: 'admin', permissions: Permission.Administrator });
    const channel = emulator.createChannel(guild.id, {
      name: 'verrouillé',
      overwrites: [{ id: admin.userId, deny: Permission.ViewChannel | Permission.SendMessages }],
    });

    expect(emulator.permissionsIn(channel.id, admin.userId) & Permission.SendMessages).toBe(Permission.SendMessages);
  });

  it('GIVEN overwrites and role permissions changed after login WHEN discord.js computes permissions from its cache THEN it agrees with the emulator', async () => {
    const { emulator, guild, alice } = world;
    const client = await world.connect();
    const channel = emulator.createChannel(guild.id, { name: 'voyages' });
    await emulator.waitFor(() => client.channels.cache.has(channel.id));

    emulator.setRolePermissions(guild.id, guild.id, Permission.ViewChannel | Permission.SendMessages);
    emulator.setChannelOverwrite(channel.id, { id: alice.userId, deny: Permission.SendMessages });
    emulator.setChannelOverwrite(channel.id, { id: guild.botRoleId, deny: Permission.AttachFiles });

    const cached = client.channels.cache.get(channel.id) as TextChannel;
    await emulator.waitFor(() => cached.permissionOverwrites.cache.size === 2);
    const everyone = Permission.ViewChannel | Permission.SendMessages;
    await emulator.waitFor(() => client.guilds.cache.get(guild.id)?.roles.everyone.permissions.bitfield === everyone);
    expect(cached.permissionsFor(alice.userId)?.bitfield).toBe(emulator.permissionsIn(channel.id, alice.userId));
    expect(cached.permissionsFor(emulator.botUser.id)?.bitfield).toBe(
      emulator.permissionsIn(channel.id, emulator.botUser.id),
    );
  });
});

describe('interactions carry channel permissions', () => {
  it('GIVEN a member denied Send Messages in a channel WHEN they run a command there THEN member.permissions and app_permissions are the channel-level ones', async () => {
    const { emulator, guild, alice } = world;
    const client = await world.connect();
    const channel = emulator.createChannel(guild.id, { name: 'voyages' });
    emulator.setChannelOverwrite(channel.id, { id: alice.userId, deny: Permission.SendMessages });
    emulator.setChannelOverwrite(channel.id, { id: guild.botRoleId, deny: Permission.AttachFiles });
    const seen: { member: bigint; app: bigint }[] = [];
    onInteraction(client, async (interaction) => {
      seen.push({
        member: interaction.memberPermissions?.bitfield ?? -1n,
        app: interaction.appPermissions.bitfield,
      });
      if (interaction.isRepliable()) await interaction.reply({ content: 'ok', ephemeral: true });
    });

    await emulator.runCommand({ channelId: channel.id, userId: alice.userId, name: 'trip' });

    expect(seen).toHaveLength(1);
    expect(new PermissionsBitField(seen[0]!.member).has('SendMessages')).toBe(false);
    expect(new PermissionsBitField(seen[0]!.member).has('ViewChannel')).toBe(true);
    expect(new PermissionsBitField(seen[0]!.app).has('AttachFiles')).toBe(false);
    expect(new PermissionsBitField(seen[0]!.app).has('SendMessages')).toBe(true);
  });
});

describe('threads, roles and events', () => {
  it('GIVEN the bot denied Create Public Threads in a channel WHEN it opens a thread on a message THEN 50013', async () => {
    const { emulator } = world;
    const channel = await textChannel(world.general);
    const message = await channel.send('Trip');
    emulator.setChannelOverwrite(world.general, { id: emulator.botUser.id, deny: Permission.CreatePublicThreads });

    const refused = await apiError(message.startThread({ name: 'Récap' }));

    expect(refused.code).toBe(50013);
    expect(emulator.threads(world.general)).toEqual([]);
  });

  it('GIVEN the bot denied Send Messages in Threads on the parent WHEN it posts in a thread THEN 50013', async () => {
    const { emulator, guild } = world;
    const channel = await textChannel(world.general);
    const thread = await (await channel.send('Trip')).startThread({ name: 'Récap' });
    emulator.setChannelOverwrite(world.general, { id: guild.botRoleId, deny: Permission.SendMessagesInThreads });

    const refused = await apiError(thread.send('Photos ?'));

    expect(refused.code).toBe(50013);
  });

  it('GIVEN the bot lost Manage Roles WHEN it gives a member a role below its own THEN 50013', async () => {
    const { emulator, guild, alice } = world;
    const town = emulator.createRole(guild.id, { name: 'Rimouski' });
    emulator.setRolePermissions(guild.id, guild.botRoleId, DEFAULT_BOT_PERMISSIONS & ~Permission.ManageRoles);
    const client = await world.connect();

    const refused = await apiError(client.rest.put(`/guilds/${guild.id}/members/${alice.userId}/roles/${town.id}`));

    expect(refused.code).toBe(50013);
    expect(emulator.member(guild.id, alice.userId)?.roles).toEqual([]);
  });

  it('GIVEN a bot without Manage Events WHEN it creates a scheduled event THEN 50013', async () => {
    await world.emulator.close();
    const emulator = await startEmulator({ botPermissions: DEFAULT_BOT_PERMISSIONS & ~Permission.ManageEvents });
    world.emulator = emulator;
    const guild = emulator.createGuild({ name: 'Sans événements' });
    emulator.setRolePermissions(guild.id, guild.id, 0n);
    const client = await world.connect();

    const refused = await apiError(
      client.guilds.cache.get(guild.id)!.scheduledEvents.create({
        name: 'Rimouski',
        scheduledStartTime: new Date(Date.now() + 3_600_000),
        scheduledEndTime: new Date(Date.now() + 7_200_000),
        privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
        entityType: GuildScheduledEventEntityType.External,
        entityMetadata: { location: 'Rimouski' },
      }),
    );

    expect(refused.code).toBe(50013);
    expect(emulator.scheduledEvents(guild.id)).toEqual([]);
  });
});
