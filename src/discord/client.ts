import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';

/**
 * The discord.js client with caches cut to what Escale reads: guilds, channels and roles (permissions and
 * role names). Members, users, messages and presences are not kept: interactions carry the member, and
 * announcements are edited by id.
 */
export function createDiscordClient(input: { apiUrl: string | undefined }): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
    partials: [Partials.GuildMember, Partials.User, Partials.Channel, Partials.Message],
    rest: input.apiUrl ? { api: input.apiUrl } : {},
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      ThreadMemberManager: 0,
      StageInstanceManager: 0,
      AutoModerationRuleManager: 0,
      GuildScheduledEventManager: 0,
      ApplicationCommandManager: 0,
      BaseGuildEmojiManager: 0,
      GuildMemberManager: {
        maxSize: 0,
        // The bot's own member is needed for permission and role-position checks.
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
      UserManager: {
        maxSize: 0,
        keepOverLimit: (user) => user.id === user.client.user.id,
      },
    }),
  });
}
