import { type Client, type Guild, type GuildMember, PermissionFlagsBits } from 'discord.js';
import type { ChannelAccess, GuildChannelsPort } from '../app/ports.js';

/** What the bot may do in a guild's channels, read from discord.js's caches (one fetch on a miss). */
export function createGuildChannelsPort(client: Client): GuildChannelsPort {
  async function guildOf(guildId: string): Promise<Guild> {
    return client.guilds.cache.get(guildId) ?? client.guilds.fetch(guildId);
  }
  async function botMember(guild: Guild): Promise<GuildMember> {
    return guild.members.me ?? guild.members.fetchMe();
  }

  return {
    async systemChannelId(guildId) {
      return (await guildOf(guildId)).systemChannelId;
    },

    async channelAccess(guildId, channelId): Promise<ChannelAccess> {
      const guild = await guildOf(guildId);
      const channel = guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null));
      if (!channel) return 'missing';
      if (!channel.isTextBased() || channel.isVoiceBased() || channel.isThread()) return 'notText';
      const permissions = channel.permissionsFor(await botMember(guild));
      if (!permissions?.has(PermissionFlagsBits.ViewChannel)) return 'cannotView';
      if (!permissions.has(PermissionFlagsBits.SendMessages)) return 'cannotSend';
      if (!permissions.has(PermissionFlagsBits.AttachFiles)) return 'cannotAttach';
      return 'ok';
    },

    async canMentionRoles(guildId) {
      const me = await botMember(await guildOf(guildId));
      return me.permissions.has(PermissionFlagsBits.MentionEveryone);
    },
  };
}
