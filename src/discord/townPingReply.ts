import { type Client, roleMention, type SendableChannels } from 'discord.js';
import type { Logger } from '../logger.js';
import { cannotPostIn, discordCode } from './discordErrors.js';

/** A short message pinging exactly these town roles: never @everyone, never a member, not even the author it answers. */
export interface TownPingMessage {
  content: string;
  allowedMentions: { parse: []; roles: string[]; users: []; repliedUser: false };
}

/** The roles, then one short line. */
export function townPingMessage(roleIds: readonly string[], text: string): TownPingMessage {
  const roles = [...roleIds];
  return {
    content: `${roles.map((roleId) => roleMention(roleId)).join(' ')} ${text}`,
    allowedMentions: { parse: [], roles, users: [], repliedUser: false },
  };
}

/** A guild text channel the bot can send to, or null. */
export async function sendableChannel(client: Client, channelId: string): Promise<SendableChannels | null> {
  const channel = await client.channels.fetch(channelId).catch(() => null);
  return channel?.isSendable() && !channel.isDMBased() ? channel : null;
}

/**
 * Posts a town ping as a reply to the announcement: a new stop's towns, pings held through the server's quiet hours,
 * the nearby towns the host widened to. The nonce makes a repeat (an at-least-once job, a lost response) post once.
 * Null when the bot may not post there (no access, no permission, channel gone), logged with `what`.
 */
export async function postTownPingReply(
  client: Client,
  logger: Logger,
  input: { channelId: string; messageId: string; message: TownPingMessage; nonce: string; what: string },
): Promise<{ messageId: string } | null> {
  const channel = await sendableChannel(client, input.channelId);
  if (!channel) return null;
  try {
    const message = await channel.send({
      ...input.message,
      reply: { messageReference: input.messageId, failIfNotExists: false },
      nonce: input.nonce,
      enforceNonce: true,
    });
    return { messageId: message.id };
  } catch (error) {
    if (cannotPostIn(error)) {
      logger.info(
        { channelId: input.channelId, code: discordCode(error) },
        `cannot post ${input.what} in this channel`,
      );
      return null;
    }
    throw error;
  }
}
