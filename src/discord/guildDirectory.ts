import type { Client } from 'discord.js';
import type { GuildDirectory } from '../app/publicPage.js';

/**
 * What the web pages may learn from Discord, read from discord.js's cache (no REST call per page view): a guild's
 * name and locale, and members' display names (used only when the guild turned public_names on). A member not in
 * the cache is fetched once, in one request for all of them; a failure shows no name rather than failing the page.
 */
export function createGuildDirectory(client: Client): GuildDirectory {
  return {
    guildName: (guildId) => client.guilds.cache.get(guildId)?.name,
    guildLocale: (guildId) => client.guilds.cache.get(guildId)?.preferredLocale ?? null,
    async displayNames(guildId, userIds) {
      const guild = client.guilds.cache.get(guildId);
      const names = new Map<string, string>();
      if (!guild) return names;
      const missing: string[] = [];
      for (const userId of userIds) {
        const member = guild.members.cache.get(userId);
        if (member) names.set(userId, member.displayName);
        else missing.push(userId);
      }
      if (missing.length > 0) {
        const fetched = await guild.members.fetch({ user: missing }).catch(() => undefined);
        for (const [userId, member] of fetched ?? []) names.set(userId, member.displayName);
      }
      return names;
    },
  };
}
