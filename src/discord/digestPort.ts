import { type APIChannel, type Client, Routes } from 'discord.js';
import type { DigestPort } from '../app/digest.js';
import { renderDigestDm } from './digestViews.js';
import { DISCORD_ERROR, discordCode } from './discordErrors.js';

/** The weekly digest's DMs with discord.js; a nonce with `enforce_nonce` makes a retried send harmless. */
export function createDigestPort(input: { client: Client }): DigestPort {
  const { client } = input;
  return {
    guildLocale(guildId) {
      return client.guilds.cache.get(guildId)?.preferredLocale ?? null;
    },

    async sendDigestDm({ userId, nonce, view }) {
      try {
        const channel = (await client.rest.post(Routes.userChannels(), {
          body: { recipient_id: userId },
        })) as APIChannel;
        await client.rest.post(Routes.channelMessages(channel.id), {
          body: { content: renderDigestDm(view), nonce, enforce_nonce: true, allowed_mentions: { parse: [] } },
        });
        return 'sent';
      } catch (error) {
        const code = discordCode(error);
        if (code === DISCORD_ERROR.cannotDmUser || code === DISCORD_ERROR.noMutualGuilds) return 'refused';
        throw error;
      }
    },
  };
}
