import { type Client, roleMention } from 'discord.js';
import type { QuietPingsPort } from '../app/ports.js';
import { t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { safeText } from './announcement.js';
import { DISCORD_ERROR, discordCode } from './discordErrors.js';
import { discordTimestamp } from './markup.js';

/** The pings held through the server's quiet hours, rendered: the roles, then one short line in the guild's language. */
export function renderHeldPings(input: Parameters<QuietPingsPort['postHeldPings']>[0]): {
  content: string;
  allowedMentions: { parse: []; roles: string[]; users: []; repliedUser: false };
} {
  const roleIds = [...input.roleIds];
  const text = t(input.language, 'quietPings.ping', {
    id: input.tripId,
    town: safeText(input.townName),
    when: discordTimestamp(input.startsAt, 'F'),
  });
  return {
    content: `${roleIds.map((roleId) => roleMention(roleId)).join(' ')} ${text}`,
    // Exactly the held roles: never @everyone, never a member, not even the host the reply answers.
    allowedMentions: { parse: [], roles: roleIds, users: [], repliedUser: false },
  };
}

export function createQuietPingsPort(deps: { client: Client; logger: Logger }): QuietPingsPort {
  const { client, logger } = deps;
  return {
    guildLocale(guildId) {
      return client.guilds.cache.get(guildId)?.preferredLocale ?? null;
    },

    async postHeldPings(input) {
      const channel = await client.channels.fetch(input.channelId).catch(() => null);
      if (!channel?.isSendable() || channel.isDMBased()) return null;
      try {
        const message = await channel.send({
          ...renderHeldPings(input),
          reply: { messageReference: input.messageId, failIfNotExists: false },
          // Repeated after a lost response (at-least-once job), Discord returns the first message.
          nonce: `quiet-${input.stopId}`,
          enforceNonce: true,
        });
        return { messageId: message.id };
      } catch (error) {
        const code = discordCode(error);
        if (
          code === DISCORD_ERROR.missingAccess ||
          code === DISCORD_ERROR.missingPermissions ||
          code === DISCORD_ERROR.unknownChannel
        ) {
          logger.info({ channelId: input.channelId, code }, 'cannot post the held pings in this channel');
          return null;
        }
        throw error;
      }
    },
  };
}
