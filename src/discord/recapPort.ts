import { type APIGuildMember, type APIMessage, type Client, Routes, SnowflakeUtil } from 'discord.js';
import type { RecapPort } from '../app/ports.js';
import { BoundedMap } from '../domain/boundedMap.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import { openAnnouncementThread } from './announcementThread.js';
import { DISCORD_ERROR, discordCode } from './discordErrors.js';
import { recapCustomId, renderNotesEmbed, renderRecapMessage } from './recap.js';

const _AUDIT_REASON = 'Escale: meetup thread';
/** GET /guilds/:id/members pages (1,000 members each) read at most to count a town: 25,000 members. */
const MAX_MEMBER_PAGES = 25;
const MEMBER_CACHE_MS = 60_000;
/**
 * Member lists kept at once (each up to 25,000 members): recaps due together in a few guilds share a read; beyond
 * that the oldest is dropped, and expired ones are dropped on every read, so a bot in many guilds holds only these.
 */
export const MAX_CACHED_MEMBER_LISTS = 8;
/** Pages of thread messages searched for a recap posted by an earlier attempt. */
const MAX_MESSAGE_PAGES = 10;

interface MemberSnapshot {
  members: { id: string; roles: string[] }[];
  /** false when the guild had more members than we read. */
  complete: boolean;
}

/** The recap port with discord.js, through REST so each body (nonce, enforce_nonce) is exactly what is sent. */
export function createRecapPort(input: { client: Client; logger: Logger; clock: Clock }): RecapPort {
  const { client, logger, clock } = input;
  // Oldest first: at most MAX_CACHED_MEMBER_LISTS guilds' lists.
  const memberCache = new BoundedMap<string, { at: number; snapshot: Promise<MemberSnapshot | null> }>(
    MAX_CACHED_MEMBER_LISTS,
  );

  /**
   * Members through REST (GET /guilds/:id/members, the GuildMembers intent): the member cache is off (client.ts).
   * One read per guild per minute, shared by recaps posted together. Bots are left out. Null when Discord refuses
   * (the intent is not granted).
   */
  async function readMembers(guildId: string): Promise<MemberSnapshot | null> {
    const members: { id: string; roles: string[] }[] = [];
    let after = '0';
    for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
      const batch = (await client.rest.get(Routes.guildMembers(guildId), {
        query: new URLSearchParams({ limit: '1000', after }),
      })) as APIGuildMember[];
      for (const member of batch) if (!member.user.bot) members.push({ id: member.user.id, roles: member.roles });
      if (batch.length < 1000) return { members, complete: true };
      after = batch.at(-1)?.user.id ?? after;
    }
    return { members, complete: false };
  }

  function membersOf(guildId: string): Promise<MemberSnapshot | null> {
    const now = clock.now().getTime();
    for (const [cachedId, entry] of memberCache) {
      if (now - entry.at >= MEMBER_CACHE_MS) memberCache.delete(cachedId);
    }
    const cached = memberCache.get(guildId);
    if (cached) return cached.snapshot;
    const snapshot = readMembers(guildId).catch((error: unknown) => {
      const code = discordCode(error);
      if (code === DISCORD_ERROR.missingAccess || code === DISCORD_ERROR.missingPermissions) {
        logger.info({ guildId, code }, 'cannot list members (is the Server Members intent enabled?)');
        return null;
      }
      memberCache.delete(guildId);
      throw error;
    });
    memberCache.set(guildId, { at: now, snapshot });
    return snapshot;
  }

  return {
    guildLocale(guildId) {
      return client.guilds.cache.get(guildId)?.preferredLocale ?? null;
    },

    async countMembers(guildId, roleId, among) {
      const snapshot = await membersOf(guildId);
      if (!snapshot?.complete) {
        if (roleId !== null) return null;
        // Too many to read, or not allowed to: Discord's own count (bots included) is close enough for a region.
        const total = client.guilds.cache.get(guildId)?.memberCount;
        return total === undefined ? null : { total, among: among.length };
      }
      const counted = snapshot.members.filter((member) => roleId === null || member.roles.includes(roleId));
      const ids = new Set(counted.map((member) => member.id));
      return { total: counted.length, among: among.filter((id) => ids.has(id)).length };
    },

    openThread({ channelId, messageId, threadId, name }) {
      return openAnnouncementThread(client, { channelId, messageId, threadId, name, rename: true });
    },

    async findRecapMessage({ threadId, tripId, since }) {
      const wanted = recapCustomId(tripId, 'attended');
      const botId = client.user?.id;
      let after = SnowflakeUtil.generate({
        timestamp: Math.max(since.getTime(), Number(SnowflakeUtil.epoch)),
      }).toString();
      for (let page = 0; page < MAX_MESSAGE_PAGES; page++) {
        const batch = (await client.rest.get(Routes.channelMessages(threadId), {
          query: new URLSearchParams({ after, limit: '100' }),
        })) as APIMessage[];
        const found = batch.find(
          (message) =>
            message.author.id === botId &&
            (message.components ?? []).some(
              (row) =>
                'components' in row &&
                row.components.some((component) => 'custom_id' in component && component.custom_id === wanted),
            ),
        );
        if (found) return found.id;
        if (batch.length < 100) return null;
        after = batch.reduce((latest, message) => (BigInt(message.id) > BigInt(latest) ? message.id : latest), after);
      }
      return null;
    },

    async postRecapMessage({ threadId, nonce, view }) {
      const message = (await client.rest.post(Routes.channelMessages(threadId), {
        body: { ...renderRecapMessage(view), nonce, enforce_nonce: true },
      })) as APIMessage;
      return message.id;
    },

    async editRecapNotes({ threadId, messageId, notes, language }) {
      try {
        await client.rest.patch(Routes.channelMessage(threadId, messageId), {
          body: { embeds: notes ? [renderNotesEmbed(notes, language)] : [], allowed_mentions: { parse: [] } },
        });
      } catch (error) {
        const code = discordCode(error);
        // The recap message or its thread was deleted by a moderator: the notes stay saved.
        if (code === DISCORD_ERROR.unknownMessage || code === DISCORD_ERROR.unknownChannel) {
          logger.info({ threadId, messageId, code }, 'recap message gone; notes not shown');
          return;
        }
        throw error;
      }
    },
  };
}
