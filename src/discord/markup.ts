import { channelMention, messageLink, roleMention, time, userMention } from 'discord.js';
import type { Markup, ThreadMessage, TimestampStyle } from '../app/ports.js';
import { splitMentions } from './mentionSplit.js';

/**
 * Discord's vocabulary in one place: mentions, links, timestamps and the limits of a message. The use cases receive
 * it as `deps.markup` (src/app/ports.ts) and hand ids to it; renderers here import the functions directly.
 */

/** Discord caps a message at 2,000 characters. */
export const MESSAGE_MAX_LENGTH = 2_000;
/** Discord caps `allowed_mentions.users` at 100 ids; 90 leaves room. */
export const MENTIONS_PER_MESSAGE = 90;

/** `<t:SECONDS:STYLE>`: Discord renders it in each reader's own zone and language. */
export function discordTimestamp(instant: Date, style: TimestampStyle = 'F'): string {
  return time(instant, style);
}

/** The link that opens a trip's announcement, once it was posted. */
export function announcementUrl(trip: {
  guildId: string;
  channelId: string | null;
  messageId: string | null;
}): string | null {
  if (!trip.channelId || !trip.messageId) return null;
  return messageLink(trip.channelId, trip.messageId, trip.guildId);
}

/** Mentions of several members, separated by spaces. */
export function userMentions(userIds: readonly string[]): string {
  return userIds.map((id) => userMention(id)).join(' ');
}

/**
 * Messages mentioning exactly `userIds`, split by length (2,000 characters, 90 mentions): every part says
 * `text(its mentions)`, each member is named in one part, each part pings only the members it names.
 */
export function mentionMessages(userIds: readonly string[], text: (mentions: string) => string): ThreadMessage[] {
  // Split by length, every part with its words (src/discord/mentionSplit.ts).
  return splitMentions(userIds, (ids) => text(userMentions(ids)), {
    maxLength: MESSAGE_MAX_LENGTH,
    maxMentions: MENTIONS_PER_MESSAGE,
  });
}

export const discordMarkup: Markup = {
  user: (userId) => userMention(userId),
  role: (roleId) => roleMention(roleId),
  channel: (channelId) => channelMention(channelId),
  messageLink: (guildId, channelId, messageId) => messageLink(channelId, messageId, guildId),
  timestamp: discordTimestamp,
  mentionMessages,
  maxMentionsPerMessage: MENTIONS_PER_MESSAGE,
};
