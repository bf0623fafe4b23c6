import { type Client, PermissionFlagsBits } from 'discord.js';
import type { AdminWarningDestination, WarnedGuild } from '../app/ports.js';
import { DISCORD_ERROR, discordCode } from './discordErrors.js';

/**
 * A warning for a guild's admins: in the guild's moderators-only channel (Discord's "Community updates" channel,
 * which only moderators see) when it has one the bot may post in, else a direct message to the guild's owner. No
 * one is pinged. Returns where it went, or null when neither could be reached (other failures are thrown, for the
 * caller's log).
 */
export async function warnGuildAdmins(
  client: Client,
  guildId: string,
  compose: (guild: WarnedGuild) => string,
): Promise<AdminWarningDestination | null> {
  const guild = client.guilds.cache.get(guildId) ?? (await client.guilds.fetch(guildId));
  const content = compose({ name: guild.name, preferredLocale: guild.preferredLocale ?? null }).slice(0, 2_000);
  const channel = guild.publicUpdatesChannel;
  const me = guild.members.me;
  if (
    channel &&
    me &&
    channel.permissionsFor(me).has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages])
  ) {
    const posted = await channel.send({ content, allowedMentions: { parse: [] } }).then(
      () => true,
      () => false, // deleted or locked meanwhile: the owner is told instead
    );
    if (posted) return 'log-channel';
  }
  try {
    await client.users.send(guild.ownerId, { content, allowedMentions: { parse: [] } });
    return 'owner';
  } catch (error) {
    if (discordCode(error) === DISCORD_ERROR.cannotDmUser) return null;
    throw error;
  }
}
