import { type APIChannel, type Client, Routes } from 'discord.js';
import type { TimedDm } from '../app/dmTiming.js';
import { AnnouncementGoneError, type ReminderPort } from '../app/ports.js';
import type { ReminderView } from '../app/views.js';
import type { Logger } from '../logger.js';
import { openAnnouncementThread } from './announcementThread.js';
import { DISCORD_ERROR, discordCode } from './discordErrors.js';
import { splitMentions } from './mentionSplit.js';
import { quietHoursLine, renderChosenThreadReminder } from './preferencesViews.js';
import { renderReminderDm, renderReminderDmComponents, renderReminderInThread } from './recap.js';

/** DM channels already opened (opening is idempotent at Discord; this only saves a request per member). */
const DM_CHANNEL_CACHE_SIZE = 10_000;

/** The reminders port with discord.js. Every send carries a nonce with `enforce_nonce`: a repeat is harmless. */
/** Members who chose the thread read why they are there; those with closed DMs, why DMs did not reach them. */
function threadText(view: ReminderView & TimedDm, userIds: readonly string[]): string {
  return view.threadChosen ? renderChosenThreadReminder(view, userIds) : renderReminderInThread(view, userIds);
}

/** A DM timed by the member's quiet hours says so on its last line. */
function dmText(view: ReminderView & TimedDm): string {
  const note = quietHoursLine(view, view.language);
  return note ? `${renderReminderDm(view)}\n\n${note}` : renderReminderDm(view);
}

export function createReminderPort(input: { client: Client; logger: Logger }): ReminderPort {
  const { client, logger } = input;
  const dmChannels = new Map<string, string>();

  async function dmChannelOf(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const channel = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    if (dmChannels.size >= DM_CHANNEL_CACHE_SIZE) dmChannels.clear();
    dmChannels.set(userId, channel.id);
    return channel.id;
  }

  async function post(
    channelId: string,
    content: string,
    nonce: string,
    users: readonly string[],
    components?: unknown[],
  ): Promise<void> {
    await client.rest.post(Routes.channelMessages(channelId), {
      body: {
        content,
        nonce,
        enforce_nonce: true,
        allowed_mentions: { parse: [], users: [...users] },
        ...(components ? { components } : {}),
      },
    });
  }

  return {
    guildLocale(guildId) {
      return client.guilds.cache.get(guildId)?.preferredLocale ?? null;
    },

    async sendReminderDm({ userId, nonce, view }) {
      try {
        // With its buttons: "Add to my calendar", "I can't come anymore" (src/discord/components/lifeButtons.ts).
        await post(await dmChannelOf(userId), dmText(view), nonce, [], renderReminderDmComponents(view));
        return 'sent';
      } catch (error) {
        const code = discordCode(error);
        if (code === DISCORD_ERROR.cannotDmUser || code === DISCORD_ERROR.noMutualGuilds) return 'refused';
        throw error;
      }
    },

    reminderGroups(view, userIds) {
      return splitMentions(userIds, (ids) => threadText(view, ids)).map((part) => part.mentionUserIds);
    },

    async postReminderInThread({ view, threadName, userIds, nonce }) {
      const { trip } = view;
      if (!trip.channelId || !trip.messageId) return null;
      const content = threadText(view, userIds);
      const open = (threadId: string | null) =>
        openAnnouncementThread(client, {
          channelId: trip.channelId ?? '',
          messageId: trip.messageId ?? '',
          threadId,
          name: threadName,
          rename: false,
        });
      try {
        let threadId = await open(trip.threadId);
        try {
          await post(threadId, content, nonce, userIds);
        } catch (error) {
          // The stored thread was deleted: start a new one on the announcement and say it there.
          if (discordCode(error) !== DISCORD_ERROR.unknownChannel || !trip.threadId) throw error;
          threadId = await open(null);
          await post(threadId, content, nonce, userIds);
        }
        return { threadId };
      } catch (error) {
        const code = discordCode(error);
        if (
          error instanceof AnnouncementGoneError ||
          code === DISCORD_ERROR.missingAccess ||
          code === DISCORD_ERROR.missingPermissions ||
          code === DISCORD_ERROR.unknownChannel ||
          code === DISCORD_ERROR.unknownMessage
        ) {
          logger.info({ tripId: trip.id, code }, 'cannot post the reminder in the announcement thread');
          return null;
        }
        throw error;
      }
    },
  };
}
