import type { Client } from 'discord.js';
import type { QuietPingsPort } from '../app/ports.js';
import { t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { safeText } from './announcement.js';
import { discordTimestamp } from './markup.js';
import { postTownPingReply, type TownPingMessage, townPingMessage } from './townPingReply.js';

/** The pings held through the server's quiet hours, rendered: the roles, then one short line in the guild's language. */
export function renderHeldPings(input: Parameters<QuietPingsPort['postHeldPings']>[0]): TownPingMessage {
  const text = t(input.language, 'quietPings.ping', {
    id: input.tripId,
    town: safeText(input.townName),
    when: discordTimestamp(input.startsAt, 'F'),
  });
  return townPingMessage(input.roleIds, text);
}

export function createQuietPingsPort(deps: { client: Client; logger: Logger }): QuietPingsPort {
  const { client, logger } = deps;
  return {
    guildLocale(guildId) {
      return client.guilds.cache.get(guildId)?.preferredLocale ?? null;
    },

    postHeldPings(input) {
      return postTownPingReply(client, logger, {
        channelId: input.channelId,
        messageId: input.messageId,
        message: renderHeldPings(input),
        // Repeated after a lost response (at-least-once job), Discord returns the first message.
        nonce: `quiet-${input.stopId}`,
        what: 'the held pings',
      });
    },
  };
}
