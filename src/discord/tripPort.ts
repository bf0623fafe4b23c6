import { createHash } from 'node:crypto';
import {
  type Client,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  type Message,
  PermissionFlagsBits,
  Routes,
  type SendableChannels,
} from 'discord.js';
import type { ThreadMessage, TripPort } from '../app/ports.js';
import type { AnnouncementView } from '../app/views.js';
import { BoundedMap } from '../domain/boundedMap.js';
import type { Logger } from '../logger.js';
import { buildIcs, icsFileName, type RenderedAnnouncement, scheduledEventFields } from './announcement.js';
import { renderStopPing, renderTripAnnouncement } from './announcementItinerary.js';
import { openAnnouncementThread } from './announcementThread.js';
import type { AnnouncementUpdater } from './announcementUpdater.js';
import { cannotPostIn, DISCORD_ERROR, discordCode } from './discordErrors.js';
import { postTownPingReply, sendableChannel } from './townPingReply.js';

const AUDIT_REASON = 'Escale: trip announcement';

/** A nonce (at most 25 characters) from the text: the same notice sent twice within minutes is posted once. */
function contentNonce(content: string): string {
  return createHash('sha256').update(content).digest('base64url').slice(0, 25);
}

/**
 * Whether the bot may attach files there. Without Attach Files, Discord refuses the whole message (50013): the
 * announcement then goes without its .ics, its calendar link kept. Unknown (not cached): try, Discord will say.
 */
function canAttachFiles(channel: SendableChannels): boolean {
  if (channel.isDMBased()) return true;
  const me = channel.guild.members.me;
  if (!me) return true;
  return channel.permissionsFor(me)?.has(PermissionFlagsBits.AttachFiles) ?? true;
}

function calendarAttachment(view: AnnouncementView) {
  return { attachment: Buffer.from(buildIcs(view), 'utf8'), name: icsFileName(view.trip.tripId) };
}

/** The region map of a trip as a PNG (its towns joined in order, the towns it pinged); null when none can be drawn. */
export type TripMapRenderer = (guildId: string, tripId: number) => Promise<Buffer | null>;

export const MAP_FILE_NAME = 'map.png';

/** The map, or null when there is none or drawing it failed: the announcement then goes without its image. */
async function tripMapImage(
  renderMap: TripMapRenderer | undefined,
  view: AnnouncementView,
  logger?: Logger,
): Promise<Buffer | null> {
  if (!renderMap || view.trip.status === 'cancelled') return null;
  try {
    return await renderMap(view.trip.guildId, view.trip.tripId);
  } catch (error) {
    logger?.warn({ err: error, tripId: view.trip.tripId }, 'could not draw the trip map: announced without it');
    return null;
  }
}

/** The rendered announcement with the map as its embed's image (the file itself goes in `files`). */
function withMapImage(rendered: RenderedAnnouncement): RenderedAnnouncement {
  const [first, ...rest] = rendered.embeds;
  if (!first) return rendered;
  return { ...rendered, embeds: [{ ...first, image: { url: `attachment://${MAP_FILE_NAME}` } }, ...rest] };
}

function mapAttachment(png: Buffer) {
  return { attachment: png, name: MAP_FILE_NAME };
}

/**
 * Edits an announcement in place from a fresh view. Used by the announcement updater only, so edits of one trip
 * never overtake each other. `withCalendar` replaces the .ics; a cancelled trip loses it.
 */
/**
 * Whether each announcement lately edited carries the trip's map, as Discord answered the last edit: a counts-only
 * edit needs it (its embed points at the attached map) and would otherwise read the message first, one more request
 * per edit. Bounded; forgotten after 10 minutes (another process may have edited the message meanwhile).
 */
export class AnnouncementMaps {
  private readonly known: BoundedMap<string, { hasMap: boolean; at: number }>;

  constructor(max = 1_000) {
    this.known = new BoundedMap(max);
  }

  get(messageId: string, now = Date.now()): boolean | undefined {
    const entry = this.known.get(messageId);
    return entry && now - entry.at < 600_000 ? entry.hasMap : undefined;
  }

  remember(message: Pick<Message, 'id' | 'attachments'>, now = Date.now()): void {
    this.known.set(message.id, {
      hasMap: message.attachments.some((attachment) => attachment.name === MAP_FILE_NAME),
      at: now,
    });
  }
}

export async function editAnnouncementMessage(
  client: Client,
  view: AnnouncementView,
  options: { withCalendar: boolean },
  renderMap?: TripMapRenderer,
  maps: AnnouncementMaps = new AnnouncementMaps(),
): Promise<void> {
  const { channelId, messageId } = view.trip;
  if (!channelId || !messageId) return;
  const rendered = renderTripAnnouncement(view);
  const cancelled = view.trip.status === 'cancelled';
  try {
    const channel = await sendableChannel(client, channelId);
    if (!channel) return;
    if (cancelled) {
      maps.remember(await channel.messages.edit(messageId, { ...rendered, attachments: [] }));
      return;
    }
    if (options.withCalendar) {
      // Without Attach Files, a moved trip drops its now wrong .ics and map rather than keep them (the calendar
      // link stays right).
      const attach = canAttachFiles(channel);
      const png = attach ? await tripMapImage(renderMap, view) : null;
      const files = attach ? [calendarAttachment(view), ...(png ? [mapAttachment(png)] : [])] : [];
      const edited = await channel.messages.edit(messageId, {
        ...(png ? withMapImage(rendered) : rendered),
        attachments: [],
        ...(files.length > 0 ? { files } : {}),
      });
      maps.remember(edited);
      return;
    }
    // Counts only: the files stay; the embed keeps pointing at the map the message already carries.
    let hasMap = maps.get(messageId);
    if (hasMap === undefined) {
      const message = await channel.messages.fetch(messageId);
      hasMap = message.attachments.some((attachment) => attachment.name === MAP_FILE_NAME);
    }
    maps.remember(await channel.messages.edit(messageId, hasMap ? withMapImage(rendered) : rendered));
  } catch (error) {
    // The announcement was deleted by a moderator, or the channel is gone: nothing left to update.
    const code = discordCode(error);
    if (code === DISCORD_ERROR.unknownMessage || code === DISCORD_ERROR.unknownChannel) return;
    throw error;
  }
}

/** The trips port with discord.js. */
export function createTripPort(input: {
  client: Client;
  logger: Logger;
  announcements: AnnouncementUpdater;
  /** The announcement's image; without it, announcements go without a map. */
  renderMap?: TripMapRenderer;
}): TripPort {
  const { client, logger, announcements, renderMap } = input;

  /** Posts in order and stops at the first refusal: how many went, and the refusal. */
  async function postMessages(
    threadId: string,
    messages: readonly ThreadMessage[],
  ): Promise<{ posted: number; error?: unknown }> {
    let posted = 0;
    for (const message of messages) {
      try {
        await client.rest.post(Routes.channelMessages(threadId), {
          body: {
            content: message.content,
            allowed_mentions: { parse: [], users: message.mentionUserIds },
            // A retry after a lost response (5xx) returns the first message instead of posting it again.
            nonce: contentNonce(message.content),
            enforce_nonce: true,
          },
        });
      } catch (error) {
        return { posted, error };
      }
      posted += 1;
    }
    return { posted };
  }

  function canManageEvents(guildId: string): boolean {
    const me = client.guilds.cache.get(guildId)?.members.me;
    // Unknown (not cached): try, and let Discord say no.
    if (!me) return true;
    return me.permissions.any([PermissionFlagsBits.ManageEvents, PermissionFlagsBits.CreateEvents]);
  }

  return {
    async postAnnouncement({ channelId, view }) {
      const channel = await sendableChannel(client, channelId);
      if (!channel) return null;
      // The nonce makes discord.js's retry after a lost response (5xx) return the first message instead of a second.
      const png = canAttachFiles(channel) ? await tripMapImage(renderMap, view, logger) : null;
      const send = async (withFile: boolean): Promise<string> => {
        const rendered = renderTripAnnouncement(view);
        const message = await channel.send({
          ...(withFile && png ? withMapImage(rendered) : rendered),
          ...(withFile ? { files: [calendarAttachment(view), ...(png ? [mapAttachment(png)] : [])] } : {}),
          nonce: `trip-${view.trip.id}`,
          enforceNonce: true,
        });
        return message.id;
      };
      const withFile = canAttachFiles(channel);
      try {
        try {
          return { messageId: await send(withFile) };
        } catch (error) {
          // Attach Files removed since the cache last heard of it: the trip still goes out, without the file.
          if (withFile && discordCode(error) === DISCORD_ERROR.missingPermissions)
            return { messageId: await send(false) };
          throw error;
        }
      } catch (error) {
        if (cannotPostIn(error)) {
          logger.info({ channelId, code: discordCode(error) }, 'cannot post the announcement in this channel');
          return null;
        }
        throw error;
      }
    },

    refreshAnnouncement({ guildId, tripId, withCalendar }) {
      return announcements.refresh(guildId, tripId, { withCalendar });
    },

    postStopPing({ channelId, messageId, view, stop }) {
      return postTownPingReply(client, logger, {
        channelId,
        messageId,
        message: renderStopPing(view, stop),
        nonce: `stop-${stop.stop.id}`,
        what: 'the new stop’s ping',
      });
    },

    async createScheduledEvent({ guildId, view }) {
      if (!canManageEvents(guildId)) return null;
      const fields = scheduledEventFields(view);
      try {
        const event = (await client.rest.post(Routes.guildScheduledEvents(guildId), {
          body: {
            name: fields.name,
            description: fields.description,
            scheduled_start_time: fields.startsAt.toISOString(),
            scheduled_end_time: fields.endsAt.toISOString(),
            privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
            entity_type: GuildScheduledEventEntityType.External,
            entity_metadata: { location: fields.location },
          },
          reason: AUDIT_REASON,
        })) as { id: string };
        return event.id;
      } catch (error) {
        const code = discordCode(error);
        if (code === DISCORD_ERROR.missingPermissions || code === DISCORD_ERROR.missingAccess) return null;
        throw error;
      }
    },

    async updateScheduledEvent({ guildId, eventId, view }) {
      const fields = scheduledEventFields(view);
      await client.rest.patch(Routes.guildScheduledEvent(guildId, eventId), {
        body: {
          name: fields.name,
          description: fields.description,
          scheduled_start_time: fields.startsAt.toISOString(),
          scheduled_end_time: fields.endsAt.toISOString(),
          entity_metadata: { location: fields.location },
        },
        reason: AUDIT_REASON,
      });
    },

    async cancelScheduledEvent({ guildId, eventId }) {
      try {
        await client.rest.patch(Routes.guildScheduledEvent(guildId, eventId), {
          body: { status: GuildScheduledEventStatus.Canceled },
          reason: AUDIT_REASON,
        });
      } catch (error) {
        if (discordCode(error) === DISCORD_ERROR.unknownScheduledEvent) return;
        // An event already under way cannot be cancelled, only removed.
        await client.rest.delete(Routes.guildScheduledEvent(guildId, eventId), { reason: AUDIT_REASON });
      }
    },

    async postInThread({ channelId, messageId, threadId, threadName, messages }) {
      const open = (stored: string | null) =>
        openAnnouncementThread(client, { channelId, messageId, threadId: stored, name: threadName, rename: false });
      let id = await open(threadId);
      let outcome = await postMessages(id, messages);
      if (outcome.posted === 0 && threadId && discordCode(outcome.error) === DISCORD_ERROR.unknownChannel) {
        // The stored thread was deleted: open a new one on the announcement and say it there.
        id = await open(null);
        outcome = await postMessages(id, messages);
      }
      if (outcome.error !== undefined) {
        logger.warn(
          { err: outcome.error, threadId: id, posted: outcome.posted, of: messages.length },
          'a message in the announcement’s thread was refused: the members it mentions were not told',
        );
      }
      return { threadId: id, posted: outcome.posted };
    },

    async sendDirectMessage({ userId, content }) {
      try {
        await client.users.send(userId, {
          content,
          allowedMentions: { parse: [] },
          nonce: contentNonce(content),
          enforceNonce: true,
        });
        return true;
      } catch (error) {
        const code = discordCode(error);
        if (code === DISCORD_ERROR.cannotDmUser || code === DISCORD_ERROR.noMutualGuilds) return false;
        throw error;
      }
    },

    guildLocale(guildId) {
      return client.guilds.cache.get(guildId)?.preferredLocale ?? null;
    },
  };
}
