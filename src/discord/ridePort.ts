import { type APIChannel, type APIMessage, ChannelType, type Client, Routes } from 'discord.js';
import type { RidePartyView, RidePort, RideProposalView, RideStopView } from '../app/rides/port.js';
import { type Language, languageFromLocale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { openAnnouncementThread } from './announcementThread.js';
import { DISCORD_ERROR, discordCode } from './discordErrors.js';
import {
  noticeText,
  partyDm,
  partyIntro,
  partyJoined,
  partyThreadName,
  proposalMessage,
  stopText,
} from './rideViews.js';

/** A ride party's thread stays open a week without activity. */
const PARTY_THREAD_AUTO_ARCHIVE_MINUTES = 10_080;
const AUDIT_REASON = 'Escale: ride';

/** Errors that mean "this member cannot be reached by DM". */
const DM_REFUSED = new Set<number>([DISCORD_ERROR.cannotDmUser, DISCORD_ERROR.noMutualGuilds]);
/** Errors that mean "the bot may not do that there" (and nothing else is wrong). */
const NOT_ALLOWED = new Set<number>([
  DISCORD_ERROR.missingAccess,
  DISCORD_ERROR.missingPermissions,
  DISCORD_ERROR.unknownChannel,
  DISCORD_ERROR.unknownMessage,
]);

/** The rides port with discord.js: DMs, the trip's thread as the fallback, the parties' private threads. */
export function createRidePort(input: { client: Client; logger: Logger }): RidePort {
  const { client, logger } = input;

  const languageOf = (stop: RideStopView): Language =>
    stop.chosenLanguage ?? languageFromLocale(client.guilds.cache.get(stop.guildId)?.preferredLocale ?? null);

  async function dm(userId: string, body: Record<string, unknown>): Promise<APIMessage | null> {
    try {
      const channel = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
      return (await client.rest.post(Routes.channelMessages(channel.id), {
        body: { allowed_mentions: { parse: [] }, ...body },
      })) as APIMessage;
    } catch (error) {
      const code = discordCode(error);
      if (code !== undefined && DM_REFUSED.has(code)) return null;
      throw error;
    }
  }

  /** The trip's public thread on the announcement, started when missing; null when the bot cannot post there. */
  async function tripThread(stop: RideStopView): Promise<string | null> {
    if (!stop.channelId || !stop.messageId) return null;
    try {
      return await openAnnouncementThread(client, {
        channelId: stop.channelId,
        messageId: stop.messageId,
        threadId: stop.threadId,
        name: `🚗 ${stopText(stop)}`,
        rename: false,
      });
    } catch (error) {
      const code = discordCode(error);
      if (code !== undefined && NOT_ALLOWED.has(code)) return null;
      logger.warn({ err: error, stopId: stop.stopId }, 'cannot open the trip thread for a ride message');
      return null;
    }
  }

  async function postInTripThread(
    stop: RideStopView,
    body: { content: string; components?: unknown[] },
    userIds: readonly string[],
  ): Promise<APIMessage | null> {
    const threadId = await tripThread(stop);
    if (!threadId) return null;
    try {
      return (await client.rest.post(Routes.channelMessages(threadId), {
        body: { ...body, allowed_mentions: { parse: [], users: [...userIds] } },
      })) as APIMessage;
    } catch (error) {
      const code = discordCode(error);
      if (code !== undefined && NOT_ALLOWED.has(code)) return null;
      throw error;
    }
  }

  async function driverName(guildId: string, userId: string): Promise<string> {
    try {
      const member = await client.guilds.cache.get(guildId)?.members.fetch(userId);
      return member?.displayName ?? 'Escale';
    } catch {
      return 'Escale';
    }
  }

  /** A DM in the member's language; when their DMs are closed, the trip's thread in the guild's. */
  async function notifyOne(stop: RideStopView, userId: string, direct: string, inThread: string): Promise<void> {
    const sent = await dm(userId, { content: direct });
    if (!sent) await postInTripThread(stop, { content: `<@${userId}> ${inThread}` }, [userId]);
  }

  return {
    async sendProposal(proposal: RideProposalView) {
      const language = languageOf(proposal.stop);
      const direct = await dm(
        proposal.driverId,
        proposalMessage(proposal, proposal.driverLanguage ?? language, { mentionDriver: false }),
      );
      if (direct) return { channelId: direct.channel_id, messageId: direct.id };
      const inThread = await postInTripThread(
        proposal.stop,
        proposalMessage(proposal, language, { mentionDriver: true }),
        [proposal.driverId],
      );
      return inThread ? { channelId: inThread.channel_id, messageId: inThread.id } : null;
    },

    async closeProposal({ channelId, messageId }) {
      try {
        await client.rest.patch(Routes.channelMessage(channelId, messageId), { body: { components: [] } });
      } catch (error) {
        logger.debug({ err: error, channelId, messageId }, 'could not close a ride proposal');
      }
    },

    async notify({ stop, userIds, notice, languages }) {
      const content = noticeText(notice, stop, languageOf(stop));
      for (const userId of new Set(userIds)) {
        try {
          const own = languages?.get(userId);
          await notifyOne(stop, userId, own ? noticeText(notice, stop, own) : content, content);
        } catch (error) {
          logger.warn({ err: error, stopId: stop.stopId, userId }, 'could not tell a member about their ride');
        }
      }
    },

    async openPartyThread(party: RidePartyView) {
      const { stop } = party;
      const language = languageOf(stop);
      const members = [party.driverId, ...party.riders.map((rider) => rider.userId)];
      if (stop.channelId) {
        try {
          const name = partyThreadName(party, await driverName(stop.guildId, party.driverId), language);
          const thread = (await client.rest.post(Routes.threads(stop.channelId), {
            body: {
              name,
              type: ChannelType.PrivateThread,
              invitable: false,
              auto_archive_duration: PARTY_THREAD_AUTO_ARCHIVE_MINUTES,
            },
            reason: AUDIT_REASON,
          })) as APIChannel;
          for (const userId of members) await client.rest.put(Routes.threadMembers(thread.id, userId));
          await client.rest.post(Routes.channelMessages(thread.id), {
            body: { content: partyIntro(party, language), allowed_mentions: { parse: [], users: members } },
          });
          return thread.id;
        } catch (error) {
          const code = discordCode(error);
          if (code === undefined || !NOT_ALLOWED.has(code)) throw error;
          logger.info({ stopId: stop.stopId, code }, 'no private thread for a ride: introducing by DM');
        }
      }
      const content = partyDm(party, language);
      for (const userId of members) {
        try {
          await dm(userId, { content });
        } catch (error) {
          logger.warn({ err: error, userId }, 'could not DM a ride party member');
        }
      }
      return null;
    },

    async joinPartyThread({ threadId, party, riderId }) {
      try {
        await client.rest.put(Routes.threadMembers(threadId, riderId));
        await client.rest.post(Routes.channelMessages(threadId), {
          body: {
            content: partyJoined(party, riderId, languageOf(party.stop)),
            allowed_mentions: { parse: [], users: [riderId] },
          },
        });
        return true;
      } catch (error) {
        const code = discordCode(error);
        if (code !== undefined && NOT_ALLOWED.has(code)) return false;
        throw error;
      }
    },

    async postInPartyThread({ threadId, stop, notice }) {
      try {
        await client.rest.post(Routes.channelMessages(threadId), {
          body: { content: noticeText(notice, stop, languageOf(stop)), allowed_mentions: { parse: [] } },
        });
        return true;
      } catch (error) {
        const code = discordCode(error);
        if (code !== undefined && NOT_ALLOWED.has(code)) return false;
        logger.warn({ err: error, threadId }, 'could not post in a ride thread');
        return false;
      }
    },
  };
}
