import {
  type APIInteractionGuildMember,
  type Client,
  type Guild,
  type GuildMember,
  PermissionFlagsBits,
  type TextBasedChannel,
} from 'discord.js';
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

/**
 * Where `/trip new` used in this channel would announce when the guild has no trips channel: never a thread or a
 * forum post (no thread can open on a message there: 50024), so the thread's parent; and whether the member may
 * send messages there (guild permissions with that channel's overwrites, as Discord computes them).
 */
export function announceChannelFor(interaction: {
  readonly channel: TextBasedChannel | null;
  readonly channelId: string;
  readonly member: GuildMember | APIInteractionGuildMember | null;
  readonly user: { readonly id: string };
}): { channelId: string; memberCanSend: boolean } {
  const channel = interaction.channel;
  const target = channel?.isThread() ? channel.parent : channel;
  // A channel the cache does not know: Discord's own answer to the post will say whether the bot may write there.
  if (!target) return { channelId: interaction.channelId, memberCanSend: true };
  if (target.isDMBased()) return { channelId: target.id, memberCanSend: false };
  const member = interaction.member;
  const permissions =
    member && 'permissionsIn' in member ? target.permissionsFor(member) : target.permissionsFor(interaction.user.id);
  const memberCanSend =
    permissions?.has(PermissionFlagsBits.ViewChannel) === true &&
    permissions.has(PermissionFlagsBits.SendMessages) &&
    // A forum or media channel takes posts, not messages: it is no place for an announcement either.
    target.isTextBased();
  return { channelId: target.id, memberCanSend };
}
