import { REST, Routes } from 'discord.js';
import { parseConfig } from '../src/config.js';
import { deployCommands } from '../src/deploy-commands.js';
import { type Emulator, type EmulatorOptions, type EmuMessage, startEmulator } from '../src/emulator/index.js';

/** A guild on a fresh emulator, its members created before any bot connects (no GUILD_MEMBER_ADD, no welcome). */
export interface BenchGuild {
  emulator: Emulator;
  guildId: string;
  channelId: string;
  ownerId: string;
  memberIds: string[];
}

export async function createBenchGuild(input: {
  members: number;
  locale?: string;
  emulator?: EmulatorOptions;
}): Promise<BenchGuild> {
  const emulator = await startEmulator(input.emulator ?? {});
  const owner = emulator.createUser({ username: 'owner', globalName: 'Owner', locale: input.locale ?? 'fr' });
  const guild = emulator.createGuild({ name: 'Réseau Bas-Saint-Laurent', preferredLocale: 'fr', ownerId: owner.id });
  const memberIds: string[] = [];
  for (let index = 0; index < input.members; index += 1) {
    memberIds.push(emulator.addMember(guild.id, { username: `member${index}`, locale: input.locale ?? 'fr' }).userId);
  }
  const channelId = guild.systemChannelId;
  if (!channelId) throw new Error('the emulator created a guild without a system channel');
  return { emulator, guildId: guild.id, channelId, ownerId: owner.id, memberIds };
}

/** The environment `npm start` reads, complete, so that nothing comes from a developer's `.env`. */
export function botEnv(
  guild: BenchGuild,
  database: { databaseUrl?: string; dataDir?: string },
  logLevel = 'info',
): Record<string, string> {
  return {
    DISCORD_TOKEN: guild.emulator.botToken,
    DISCORD_API_URL: guild.emulator.apiUrl,
    DISCORD_APPLICATION_ID: '',
    DISCORD_GUILD_ID: '',
    DATABASE_URL: database.databaseUrl ?? '',
    DATA_DIR: database.dataDir ?? './data',
    LOG_LEVEL: logLevel,
    HEALTH_PORT: '',
    // Not even empty: discord.js reads SHARD_COUNT itself and refuses 0.
    SCHEDULER_INTERVAL_MS: '',
  };
}

export async function deployGuildCommands(guild: BenchGuild): Promise<void> {
  await deployCommands(
    parseConfig({
      DISCORD_TOKEN: guild.emulator.botToken,
      DISCORD_API_URL: guild.emulator.apiUrl,
      DISCORD_GUILD_ID: guild.guildId,
    }),
  );
}

/** The owner runs a command and the (possibly deferred) answer is awaited. */
async function ownerRuns(guild: BenchGuild, name: string, options: { name: string; options?: unknown[] }[]) {
  const result = await guild.emulator.runCommand({
    channelId: guild.channelId,
    userId: guild.ownerId,
    name,
    options: options as never,
  });
  if (result.timedOut) throw new Error(`/${name} timed out`);
  await result.settled(15_000);
  return result;
}

export async function addTown(guild: BenchGuild, name: string): Promise<void> {
  const result = await ownerRuns(guild, 'town', [{ name: 'add', options: [{ name: 'name', value: name }] }]);
  if (!guild.emulator.roles(guild.guildId).some((role) => role.name === name)) {
    throw new Error(`/town add ${name} did not create the role: ${result.text()}`);
  }
}

export interface Announcement {
  tripId: number;
  message: EmuMessage;
}

/** `/trip new` by the owner; returns the announcement the bot posted (found by its RSVP buttons). */
export async function announceTrip(
  guild: BenchGuild,
  input: { town: string; when: string; capacity?: number },
): Promise<Announcement> {
  const before = new Set(guild.emulator.messages(guild.channelId).map((message) => message.id));
  const options: { name: string; value: string | number }[] = [
    { name: 'town', value: input.town },
    { name: 'when', value: input.when },
  ];
  if (input.capacity !== undefined) options.push({ name: 'capacity', value: input.capacity });
  const result = await ownerRuns(guild, 'trip', [{ name: 'new', options }]);
  const message = guild.emulator
    .messages(guild.channelId)
    .find((candidate) => !before.has(candidate.id) && !candidate.ephemeral && rsvpTripId(candidate) !== null);
  if (!message) throw new Error(`/trip new posted no announcement: ${result.text()}`);
  return { tripId: rsvpTripId(message)!, message };
}

export function rsvpTripId(message: EmuMessage): number | null {
  const match = /"custom_id":"rsvp:(\d+):going"/.exec(JSON.stringify(message.components));
  return match ? Number(match[1]) : null;
}

/**
 * For the bare bot, which posts nothing: an announcement of the same shape and size as Escale's (content with a
 * role mention, an embed of six fields, three RSVP buttons and a link), posted as the bot through REST, so the
 * interactions both bots receive weigh the same.
 */
export async function postLookalikeAnnouncement(guild: BenchGuild, tripId: number): Promise<Announcement> {
  const rest = new REST({ api: guild.emulator.apiUrl }).setToken(guild.emulator.botToken);
  const field = (name: string, value: string) => ({ name, value, inline: true });
  const posted = (await rest.post(Routes.channelMessages(guild.channelId), {
    body: {
      content: `Nouvelle rencontre à **Rimouski**, <t:1795712400:F> !`,
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: '📍 Rimouski',
          color: 0x2f9e44,
          fields: [
            field('Quand', '<t:1795712400:F> (<t:1795712400:R>)\njeudi 26 novembre 2026, 12 h 00, heure de Toronto'),
            field('Durée', '1 h 30'),
            field('Hôte', `<@${guild.ownerId}>`),
            field('Je viens', '1 / 50 places'),
            field('Peut-être', '0'),
            field('Liste d’attente', '0'),
          ],
          footer: { text: `Rencontre #${tripId} · répondre : boutons ci-dessous ou /rsvp` },
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 3, label: 'Je viens', emoji: { name: '✅' }, custom_id: `rsvp:${tripId}:going` },
            { type: 2, style: 2, label: 'Peut-être', emoji: { name: '🤔' }, custom_id: `rsvp:${tripId}:maybe` },
            { type: 2, style: 4, label: 'Je ne peux pas', emoji: { name: '✖️' }, custom_id: `rsvp:${tripId}:no` },
          ],
        },
        {
          type: 1,
          components: [
            {
              type: 2,
              style: 5,
              label: 'Ajouter à Google Agenda',
              url: 'https://calendar.google.com/calendar/render?action=TEMPLATE&text=Rencontre',
            },
          ],
        },
      ],
    },
  })) as { id: string };
  const message = guild.emulator.message(posted.id);
  if (!message) throw new Error('the lookalike announcement was not stored');
  return { tripId, message };
}
