import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmuGuild, type Emulator, Permission, shardOf, startEmulator } from '../../src/emulator/index.js';

const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages];

let emulator: Emulator;
let guild: EmuGuild;
let general: string;
let alice: { userId: string };
const clients: Client[] = [];

async function connect(options: { shards?: number[]; shardCount?: number } = {}): Promise<Client> {
  const client = new Client({
    intents: INTENTS,
    rest: { api: emulator.apiUrl },
    ...(options.shards ? { shards: options.shards, shardCount: options.shardCount ?? options.shards.length } : {}),
  });
  clients.push(client);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(emulator.botToken);
  await ready;
  return client;
}

/** Handles interactions like a bot would: errors are reported, never left unhandled. */
function onInteraction(client: Client, handler: (interaction: Interaction) => Promise<unknown>): void {
  client.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => console.error('handler failed', error));
  });
}

async function sendAsBot(
  client: Client,
  channelId: string,
  payload: Parameters<import('discord.js').TextChannel['send']>[0],
) {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new Error('channel is not sendable');
  return channel.send(payload);
}

/** Replaces the default emulator for tests that need other options. */
async function restart(options: Parameters<typeof startEmulator>[0]): Promise<void> {
  await emulator.close();
  emulator = await startEmulator(options);
  guild = emulator.createGuild({ name: 'Bas-Saint-Laurent', preferredLocale: 'fr' });
  general = guild.systemChannelId ?? '';
  alice = emulator.addMember(guild.id, { username: 'alice', globalName: 'Alice', locale: 'fr' });
}

async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DiscordAPIError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

beforeEach(async () => {
  emulator = await startEmulator();
  guild = emulator.createGuild({ name: 'Bas-Saint-Laurent', preferredLocale: 'fr' });
  general = guild.systemChannelId ?? '';
  alice = emulator.addMember(guild.id, { username: 'alice', globalName: 'Alice', locale: 'fr' });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await emulator.close();
});

describe('gateway', () => {
  it('GIVEN a guild WHEN the bot logs in THEN it becomes ready and sees the guild, its members and roles', async () => {
    const client = await connect();

    const seen = client.guilds.cache.get(guild.id);
    expect(seen?.name).toBe('Bas-Saint-Laurent');
    expect(seen?.preferredLocale).toBe('fr');
    expect(seen?.members.cache.get(alice.userId)?.user.username).toBe('alice');
    expect(seen?.roles.everyone.id).toBe(guild.id);
    expect(seen?.members.me?.roles.highest.name).toBe('Escale');
    expect(seen?.systemChannelId).toBe(general);
    expect(client.user?.id).toBe(emulator.botUser.id);
    expect(client.application?.id).toBe(emulator.application.id);
  });

  it('GIVEN a connected bot WHEN a member joins THEN GUILD_MEMBER_ADD reaches the client', async () => {
    const client = await connect();
    const joined = new Promise<string>((resolve) =>
      client.once(Events.GuildMemberAdd, (member) => resolve(member.user.username)),
    );

    emulator.addMember(guild.id, { username: 'bob' });

    expect(await joined).toBe('bob');
  });

  it('GIVEN a connected bot WHEN the gateway drops THEN the client resumes and receives missed and later events', async () => {
    const client = await connect();
    const joined: string[] = [];
    client.on(Events.GuildMemberAdd, (member) => joined.push(member.user.username));
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));

    emulator.dropGateway();
    emulator.addMember(guild.id, { username: 'while-disconnected' });
    await resumed;
    emulator.addMember(guild.id, { username: 'after-resume' });

    await emulator.waitFor(() => joined.length === 2);
    expect(joined).toEqual(['while-disconnected', 'after-resume']);
    expect(emulator.gatewayReceived.filter((payload) => payload.op === 2)).toHaveLength(1);
    expect(emulator.gatewayReceived.filter((payload) => payload.op === 6)).toHaveLength(1);
  });

  it('GIVEN two shards WHEN the bot identifies with both THEN each guild is sent only to its own shard', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    await restart({ maxConcurrency: 2, now: () => new Date(clock) });
    const guilds = [guild];
    for (let index = 0; index < 4; index += 1) {
      clock += 1;
      guilds.push(emulator.createGuild({ name: `Town ${index}` }));
    }
    const client = await connect({ shards: [0, 1], shardCount: 2 });

    for (const candidate of guilds) {
      expect(client.guilds.cache.get(candidate.id)?.shardId).toBe(shardOf(candidate.id, 2));
    }
    for (const session of emulator.gatewaySessions()) {
      const ready = session.sent.find((payload) => payload.t === 'READY')?.d as { guilds: { id: string }[] };
      const expected = guilds.filter((candidate) => shardOf(candidate.id, 2) === session.shardId);
      expect(ready.guilds.map((stub) => stub.id)).toEqual(expected.map((candidate) => candidate.id));
      expect(expected.length).toBeGreaterThan(0);
    }
  });
});

describe('interactions', () => {
  it('GIVEN a slash command WHEN the bot replies ephemerally THEN the reply is recorded as ephemeral and kept out of the channel', async () => {
    const client = await connect();
    let receivedLocale = '';
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      receivedLocale = interaction.locale;
      await interaction.reply({
        content: `Town: ${interaction.options.getString('town')}`,
        flags: MessageFlags.Ephemeral,
      });
    });

    const result = await emulator.runCommand({
      channelId: general,
      userId: alice.userId,
      name: 'town',
      options: [{ name: 'town', value: 'Rimouski' }],
    });

    expect(result.callbackType).toBe(4);
    expect(result.ephemeral).toBe(true);
    expect(result.response()).toBe('Town: Rimouski');
    expect(receivedLocale).toBe('fr');
    expect(emulator.messages(general)).toHaveLength(0);
  });

  it('GIVEN a slash command WHEN the bot defers then edits THEN the user finally sees the edited reply', async () => {
    const client = await connect();
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply({
        embeds: [{ title: 'Trip to Matane', fields: [{ name: 'When', value: 'Tomorrow' }] }],
      });
    });

    const result = await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'trip' });
    await result.settled();

    expect(result.callbackType).toBe(5);
    expect(result.ephemeral).toBe(false);
    expect(result.response()).toBe('Trip to Matane\nWhen: Tomorrow');
    expect(emulator.render(general)).toContain('┃ Trip to Matane');
  });

  it('GIVEN a message with a button WHEN clicked and the bot defers the update then edits the message THEN the edit is visible', async () => {
    const client = await connect();
    const message = await sendAsBot(client, general, {
      content: 'Going: 0',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('rsvp:1:going').setLabel('Going').setStyle(ButtonStyle.Success),
        ),
      ],
    });
    onInteraction(client, async (interaction) => {
      if (!interaction.isButton()) return;
      await interaction.deferUpdate();
      await interaction.message.edit({ content: 'Going: 1' });
    });

    const result = await emulator.clickButton({
      messageId: message.id,
      userId: alice.userId,
      customId: 'rsvp:1:going',
    });
    await emulator.waitFor(() => emulator.message(message.id)?.content === 'Going: 1');

    expect(result.callbackType).toBe(6);
    expect(emulator.message(message.id)?.history.map((version) => version.content)).toEqual(['Going: 0']);
    expect(emulator.render(general)).toContain('[Going] (rsvp:1:going)');
  });

  it('GIVEN an acknowledged interaction WHEN the bot answers it again THEN Discord refuses with 40060', async () => {
    const client = await connect();
    const second = new Promise<DiscordAPIError>((resolve) => {
      onInteraction(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await interaction.reply({ content: 'first' });
        resolve(
          await apiError(
            client.rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, {
              body: { type: 4, data: { content: 'second' } },
              auth: false,
            }),
          ),
        );
      });
    });

    await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'twice' });

    expect((await second).code).toBe(40060);
  });

  it('GIVEN a slow bot WHEN it answers after the deadline THEN the user saw nothing and the bot gets 10062', async () => {
    await restart({ interactionDeadlineMs: 100 });
    const client = await connect();
    const late = new Promise<DiscordAPIError>((resolve) => {
      onInteraction(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await new Promise((wait) => setTimeout(wait, 200));
        resolve(await apiError(interaction.reply({ content: 'too late' })));
      });
    });

    const result = await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'slow' });

    expect(result.timedOut).toBe(true);
    expect((await late).code).toBe(10062);
  });

  it('GIVEN registered commands WHEN the user types in an autocomplete option THEN the choices come back', async () => {
    const client = await connect();
    await client.application?.commands.set(
      [
        {
          name: 'trip',
          description: 'Trips',
          options: [
            {
              type: 1,
              name: 'new',
              description: 'Announce a trip',
              options: [{ type: 3, name: 'town', description: 'Town', required: true, autocomplete: true }],
            },
          ],
        },
      ],
      guild.id,
    );
    onInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond(
        ['Rimouski', 'Matane', 'Rivière-du-Loup']
          .filter((town) => town.toLowerCase().startsWith(typed.toLowerCase()))
          .map((town) => ({ name: town, value: town })),
      );
    });

    const result = await emulator.autocomplete({
      channelId: general,
      userId: alice.userId,
      name: 'trip',
      options: [{ name: 'new', options: [] }],
      focused: { name: 'town', value: 'ri' },
    });

    expect(result.choices.map((choice) => choice.name)).toEqual(['Rimouski', 'Rivière-du-Loup']);
    expect(emulator.commands(guild.id).map((command) => command.name)).toEqual(['trip']);
  });

  it('GIVEN a select menu and a modal WHEN the member picks and submits THEN the bot reads the values and fields', async () => {
    const client = await connect();
    const message = await sendAsBot(client, general, {
      content: 'Pick your towns',
      components: [
        new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
          new StringSelectMenuBuilder()
            .setCustomId('towns')
            .setMaxValues(2)
            .addOptions({ label: 'Rimouski', value: 'rimouski' }, { label: 'Matane', value: 'matane' }),
        ),
      ],
    });
    onInteraction(client, async (interaction) => {
      if (interaction.isStringSelectMenu()) {
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId(`notes:${interaction.values.join('+')}`)
            .setTitle('Notes')
            .addComponents(
              new ActionRowBuilder<TextInputBuilder>().addComponents(
                new TextInputBuilder().setCustomId('notes').setLabel('Notes').setStyle(TextInputStyle.Paragraph),
              ),
            ),
        );
      } else if (interaction.isModalSubmit()) {
        await interaction.reply({
          content: `${interaction.customId} → ${interaction.fields.getTextInputValue('notes')}`,
          flags: MessageFlags.Ephemeral,
        });
      }
    });

    const picked = await emulator.selectMenu({
      messageId: message.id,
      userId: alice.userId,
      customId: 'towns',
      values: ['rimouski', 'matane'],
    });
    const submitted = await emulator.submitModal({
      userId: alice.userId,
      customId: 'notes:rimouski+matane',
      fields: { notes: 'See you there' },
    });

    expect(picked.modal?.['title']).toBe('Notes');
    expect(submitted.response()).toBe('notes:rimouski+matane → See you there');
  });

  it('GIVEN a DM with the bot WHEN the user runs a command there THEN the interaction has a user and no guild', async () => {
    const client = await connect();
    let inGuild: boolean | null = null;
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      inGuild = interaction.inGuild();
      await interaction.reply({ content: `Hello ${interaction.user.username}` });
    });

    const dm = emulator.dmChannel(alice.userId);
    const result = await emulator.runCommand({ channelId: dm.id, userId: alice.userId, name: 'hello' });

    expect(inGuild).toBe(false);
    expect(result.payload['context']).toBe(1);
    expect(emulator.dms(alice.userId).map((message) => message.content)).toEqual(['Hello alice']);
  });
});

describe('REST', () => {
  it('GIVEN a 500 injected once WHEN the bot sends a message THEN discord.js retries and exactly one message exists', async () => {
    const client = await connect();
    emulator.injectFault({ method: 'POST', path: '/channels/:channelId/messages', status: 500 });

    await sendAsBot(client, general, { content: 'Hello' });

    const posts = emulator.requests.filter(
      (request) => request.method === 'POST' && request.path.endsWith('/messages'),
    );
    expect(posts.map((request) => request.status)).toEqual([500, 200]);
    expect(emulator.messages(general).map((message) => message.content)).toEqual(['Hello']);
  });

  it('GIVEN a 429 with retry_after WHEN the bot sends a message THEN it waits that long before retrying', async () => {
    const client = await connect();
    emulator.injectFault({ method: 'POST', path: /\/messages$/, status: 429, retryAfterSeconds: 0.3 });

    await sendAsBot(client, general, { content: 'Patient' });

    const posts = emulator.requests.filter(
      (request) => request.method === 'POST' && request.path.endsWith('/messages'),
    );
    expect(posts.map((request) => request.status)).toEqual([429, 200]);
    const [limited, retried] = posts;
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(290);
  });

  it('GIVEN @everyone in content WHEN allowed_mentions parses nothing THEN nobody is pinged, unlike without it', async () => {
    const client = await connect();
    const town = emulator.createRole(guild.id, { name: 'Rimouski' });

    const quiet = await sendAsBot(client, general, {
      content: `@everyone <@&${town.id}> <@${alice.userId}>`,
      allowedMentions: { parse: [] },
    });
    const targeted = await sendAsBot(client, general, {
      content: `@everyone <@&${town.id}>`,
      allowedMentions: { roles: [town.id] },
    });
    const loud = await sendAsBot(client, general, { content: '@everyone' });

    expect(emulator.message(quiet.id)?.pinged).toEqual({ users: [], roles: [], everyone: false });
    expect(emulator.message(targeted.id)?.pinged).toEqual({ users: [], roles: [town.id], everyone: false });
    expect(emulator.message(loud.id)?.pinged.everyone).toBe(true);
    expect(emulator.render(general)).toContain('@everyone @Rimouski @Alice');
  });

  it('GIVEN a 2001-character message WHEN the bot sends it THEN Discord answers 400 Invalid Form Body', async () => {
    const client = await connect();

    const error = await apiError(sendAsBot(client, general, { content: 'x'.repeat(2001) }));

    expect(error.status).toBe(400);
    expect(error.code).toBe(50035);
    expect(error.message).toContain('content[BASE_TYPE_MAX_LENGTH]');
    expect(emulator.messages(general)).toHaveLength(0);
  });

  it('GIVEN a member who closed their DMs WHEN the bot DMs them THEN Discord answers 50007', async () => {
    const client = await connect();
    emulator.setDmClosed(alice.userId, true);

    const user = await client.users.fetch(alice.userId);
    const error = await apiError(user.send('Reminder: trip tomorrow'));

    expect(error.code).toBe(50007);
    expect(emulator.dms(alice.userId)).toHaveLength(0);
  });

  it('GIVEN a message with a thread WHEN the bot starts a thread on it again THEN Discord answers 160004', async () => {
    const client = await connect();
    const announcement = await sendAsBot(client, general, { content: 'Trip to Matane' });

    const thread = await announcement.startThread({ name: 'Recap' });
    const error = await apiError(announcement.startThread({ name: 'Recap again' }));

    expect(thread.id).toBe(announcement.id);
    expect(error.code).toBe(160004);
    expect(emulator.threads(general).map((candidate) => candidate.name)).toEqual(['Recap']);
  });

  it('GIVEN a nonce with enforce_nonce WHEN the same message is sent twice THEN only one message exists', async () => {
    const client = await connect();

    const first = await sendAsBot(client, general, { content: 'Recap', nonce: 'recap-42', enforceNonce: true });
    const second = await sendAsBot(client, general, { content: 'Recap', nonce: 'recap-42', enforceNonce: true });

    expect(second.id).toBe(first.id);
    expect(emulator.messages(general)).toHaveLength(1);
  });

  it('GIVEN a role above the bot WHEN the bot assigns it THEN Discord answers 50013, while a lower role works', async () => {
    const client = await connect();
    const moderators = emulator.createRole(guild.id, { name: 'Moderators', position: 99 });
    const town = emulator.createRole(guild.id, { name: 'Matane' });
    const member = await client.guilds.cache.get(guild.id)?.members.fetch(alice.userId);

    const error = await apiError(member?.roles.add(moderators.id) ?? Promise.resolve());
    await member?.roles.add(town.id);

    expect(error.code).toBe(50013);
    expect(emulator.member(guild.id, alice.userId)?.roles).toEqual([town.id]);
    const unknown = await apiError(
      client.rest.put(`/guilds/${guild.id}/members/${alice.userId}/roles/${'1'.repeat(18)}`),
    );
    expect(unknown.code).toBe(10011);
  });

  it('GIVEN an .ics attachment WHEN the bot sends it THEN the emulator keeps its name and text', async () => {
    const client = await connect();
    const ics = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';

    await sendAsBot(client, general, {
      content: 'Add it to your calendar',
      files: [new AttachmentBuilder(Buffer.from(ics), { name: 'trip.ics' })],
    });

    const [attachment] = emulator.messages(general)[0]?.attachments ?? [];
    expect(attachment?.filename).toBe('trip.ics');
    expect(attachment?.text).toBe(ics);
    expect(emulator.requests.at(-1)?.files).toEqual([{ name: 'trip.ics', size: ics.length }]);
  });

  it('GIVEN a wrong token WHEN a request is made THEN it gets 401', async () => {
    const response = await fetch(`${emulator.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot nope' } });

    expect(response.status).toBe(401);
    expect(response.headers.get('x-ratelimit-bucket')).toBeNull();
    const ok = await fetch(`${emulator.apiUrl}/v10/users/@me`, {
      headers: { authorization: `Bot ${emulator.botToken}` },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('50');
  });

  it('GIVEN an invalid command definition WHEN the bot registers it THEN Discord rejects the name', async () => {
    const client = await connect();

    const error = await apiError(
      client.application?.commands.set([{ name: 'Trip New', description: 'x' }]) ?? Promise.resolve(),
    );

    expect(error.code).toBe(50035);
    expect(error.message).toContain('APPLICATION_COMMAND_INVALID_NAME');
  });

  it('GIVEN a bot without Manage Roles WHEN it creates a role THEN Discord answers 50013', async () => {
    await restart({ botPermissions: Permission.SendMessages | Permission.ViewChannel });
    const client = await connect();

    const error = await apiError(
      client.guilds.cache.get(guild.id)?.roles.create({ name: 'Rimouski' }) ?? Promise.resolve(),
    );

    expect(error.code).toBe(50013);
  });
});

describe('more of Discord', () => {
  it('GIVEN a deferred reply WHEN the bot follows up twice THEN the first fills the placeholder and the second is new', async () => {
    const client = await connect();
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: 'one' });
      await interaction.followUp({ content: 'two', flags: MessageFlags.Ephemeral });
    });

    const result = await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'list' });
    await result.waitForFollowUps(1);

    expect(result.response()).toBe('one');
    expect(result.ephemeral).toBe(true);
    expect(result.texts()).toEqual(['one', 'two']);
  });

  it('GIVEN withResponse WHEN the bot replies THEN discord.js gets the created message back', async () => {
    const client = await connect();
    const replied = new Promise<string | undefined>((resolve) => {
      onInteraction(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        const response = await interaction.reply({ content: 'Posted', withResponse: true });
        resolve(response.resource?.message?.id);
      });
    });

    const result = await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'post' });

    expect(await replied).toBe(result.original()?.id);
    expect(emulator.messages(general).map((message) => message.content)).toEqual(['Posted']);
  });

  it('GIVEN a user option WHEN the command runs THEN the bot resolves the member from `resolved`', async () => {
    const client = await connect();
    const bob = emulator.addMember(guild.id, { username: 'bob', globalName: 'Bob' });
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const member = interaction.options.getMember('who');
      const name = member && 'displayName' in member ? member.displayName : 'nobody';
      await interaction.reply({ content: `Hello ${name}` });
    });

    const result = await emulator.runCommand({
      channelId: general,
      userId: alice.userId,
      name: 'greet',
      options: [{ name: 'who', type: 6, value: bob.userId }],
    });

    expect(result.response()).toBe('Hello Bob');
  });

  it('GIVEN a click on a component that does not exist WHEN the test asks for it THEN the helper says what exists', async () => {
    const client = await connect();
    const message = await sendAsBot(client, general, {
      content: 'RSVP',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('rsvp:1:going').setLabel('Going').setStyle(ButtonStyle.Success),
        ),
      ],
    });

    await expect(
      emulator.clickButton({ messageId: message.id, userId: alice.userId, customId: 'nope' }),
    ).rejects.toThrow('has no component "nope" (has: rsvp:1:going)');
  });

  it('GIVEN scheduled events WHEN the bot creates, edits and deletes one THEN Discord rules apply', async () => {
    const client = await connect();
    const target = client.guilds.cache.get(guild.id);
    const base = {
      name: 'Meetup in Matane',
      privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
      entityType: GuildScheduledEventEntityType.External,
      entityMetadata: { location: 'Café du Port' },
    } as const;

    const past = await apiError(
      target?.scheduledEvents.create({
        ...base,
        scheduledStartTime: new Date(Date.now() - 60_000),
        scheduledEndTime: new Date(Date.now() + 3_600_000),
      }) ?? Promise.resolve(),
    );
    const event = await target?.scheduledEvents.create({
      ...base,
      scheduledStartTime: new Date(Date.now() + 3_600_000),
      scheduledEndTime: new Date(Date.now() + 7_200_000),
    });
    await event?.edit({ name: 'Meetup in Matane (moved)' });

    expect(past.code).toBe(50035);
    expect(past.message).toContain('GUILD_SCHEDULED_EVENT_SCHEDULE_PAST');
    expect(emulator.scheduledEvents(guild.id).map((candidate) => candidate.name)).toEqual(['Meetup in Matane (moved)']);
    await event?.delete();
    expect(emulator.scheduledEvents(guild.id)).toHaveLength(0);
  });

  it('GIVEN 250 roles WHEN the bot creates one more THEN Discord answers 30005', async () => {
    for (let count = emulator.roles(guild.id).length; count < 250; count += 1) {
      emulator.createRole(guild.id, { name: `Town ${count}`, position: 1_000 });
    }
    const client = await connect();

    const error = await apiError(
      client.guilds.cache.get(guild.id)?.roles.create({ name: 'One too many' }) ?? Promise.resolve(),
    );

    expect(error.code).toBe(30005);
  });

  it('GIVEN a thread on an announcement WHEN the bot posts in it THEN render shows the thread and its messages', async () => {
    const client = await connect();
    const announcement = await sendAsBot(client, general, { content: `Trip to Matane <@${alice.userId}>` });
    const thread = await announcement.startThread({ name: 'Recap' });

    await thread.send({ content: '3 of 5 members came', allowedMentions: { parse: [] } });

    expect(emulator.render(general)).toBe(
      ['#general', 'Escale [BOT]: Trip to Matane @Alice', '  🧵 thread "Recap" (1 message)', '  🔔 @Alice'].join('\n'),
    );
    expect(emulator.render(thread.id)).toBe(['🧵 Recap', 'Escale [BOT]: 3 of 5 members came'].join('\n'));
  });

  it('GIVEN a command restricted to Manage Roles WHEN a plain member runs it THEN Discord hides it unless overridden', async () => {
    const client = await connect();
    await client.application?.commands.set(
      [{ name: 'town-add', description: 'Add a town', default_member_permissions: String(Permission.ManageRoles) }],
      guild.id,
    );
    onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand())
        await interaction.reply({ content: 'added', flags: MessageFlags.Ephemeral });
    });

    await expect(emulator.runCommand({ channelId: general, userId: alice.userId, name: 'town-add' })).rejects.toThrow(
      'is hidden from alice',
    );
    const overridden = await emulator.runCommand({
      channelId: general,
      userId: alice.userId,
      name: 'town-add',
      ignoreCommandPermissions: true,
    });

    expect(overridden.response()).toBe('added');
  });

  it('GIVEN a deleted channel WHEN the bot posts there THEN Discord answers 10003', async () => {
    const client = await connect();
    const trips = emulator.createChannel(guild.id, { name: 'trips' });
    await emulator.waitFor(() => client.channels.cache.has(trips.id));

    emulator.deleteChannel(trips.id);
    const error = await apiError(client.rest.post(`/channels/${trips.id}/messages`, { body: { content: 'Trip!' } }));

    expect(error.code).toBe(10003);
  });

  it('GIVEN a response lost after the message was created WHEN discord.js retries THEN only enforce_nonce avoids a duplicate', async () => {
    const client = await connect();
    const loseNextResponse = () =>
      emulator.injectFault({ method: 'POST', path: '/channels/:id/messages', status: 502, afterEffect: true });

    loseNextResponse();
    await sendAsBot(client, general, { content: 'Without nonce' });
    loseNextResponse();
    await sendAsBot(client, general, { content: 'With nonce', nonce: 'trip-7', enforceNonce: true });

    expect(emulator.messages(general).map((message) => message.content)).toEqual([
      'Without nonce',
      'Without nonce',
      'With nonce',
    ]);
  });
});

describe('validation', () => {
  const button = (index: number) => ({ type: 2, style: 1, label: `B${index}`, custom_id: `b${index}` });
  const select26 = {
    type: 3,
    custom_id: 'towns',
    options: Array.from({ length: 26 }, (_, index) => ({ label: `T${index}`, value: `t${index}` })),
  };
  const cases: { name: string; code: number; body: Record<string, unknown>; detail: string }[] = [
    { name: 'an empty message', code: 50006, body: { content: '   ' }, detail: 'Cannot send an empty message' },
    {
      name: '11 embeds',
      code: 50035,
      body: { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
      detail: 'embeds[BASE_TYPE_MAX_LENGTH]',
    },
    {
      name: 'a 257-character embed title',
      code: 50035,
      body: { embeds: [{ title: 'x'.repeat(257) }] },
      detail: 'embeds[0].title',
    },
    {
      name: 'a 4097-character description',
      code: 50035,
      body: { embeds: [{ description: 'x'.repeat(4097) }] },
      detail: 'embeds[0].description',
    },
    {
      name: '26 embed fields',
      code: 50035,
      body: { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
      detail: 'embeds[0].fields',
    },
    {
      name: '6 buttons in a row',
      code: 50035,
      body: { components: [{ type: 1, components: [0, 1, 2, 3, 4, 5].map(button) }] },
      detail: 'components[0].components',
    },
    {
      name: '6 action rows',
      code: 50035,
      body: { components: [0, 1, 2, 3, 4, 5].map((index) => ({ type: 1, components: [button(index)] })) },
      detail: 'components[BASE_TYPE_MAX_LENGTH]',
    },
    {
      name: 'a 101-character custom id',
      code: 50035,
      body: { components: [{ type: 1, components: [{ ...button(0), custom_id: 'x'.repeat(101) }] }] },
      detail: 'custom_id',
    },
    {
      name: 'a select with 26 options',
      code: 50035,
      body: { components: [{ type: 1, components: [select26] }] },
      detail: 'components[0].components[0].options',
    },
    {
      name: 'parse users together with a users list',
      code: 50035,
      body: { content: 'hi', allowed_mentions: { parse: ['users'], users: ['1'.repeat(18)] } },
      detail: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
    },
  ];

  it.each(cases)('GIVEN $name WHEN the bot sends it THEN Discord answers $code', async ({ code, body, detail }) => {
    const client = await connect();

    const error = await apiError(client.rest.post(`/channels/${general}/messages`, { body }));

    expect(error.status).toBe(400);
    expect(error.code).toBe(code);
    expect(error.message).toContain(detail);
  });

  it('GIVEN a 101-character thread name WHEN the bot starts a thread THEN Discord answers 50035', async () => {
    const client = await connect();
    const message = await sendAsBot(client, general, { content: 'Trip' });

    const error = await apiError(message.startThread({ name: 'x'.repeat(101) }));

    expect(error.code).toBe(50035);
    expect(error.message).toContain('name[BASE_TYPE_BAD_LENGTH]');
  });
});
