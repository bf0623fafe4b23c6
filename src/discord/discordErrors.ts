import { DiscordAPIError } from 'discord.js';

/** Discord's error codes that Escale handles, by name. */
export const DISCORD_ERROR = {
  unknownChannel: 10_003,
  unknownMember: 10_007,
  unknownMessage: 10_008,
  unknownRole: 10_011,
  unknownScheduledEvent: 10_070,
  maximumRoles: 30_005,
  missingAccess: 50_001,
  cannotDmUser: 50_007,
  missingPermissions: 50_013,
  noMutualGuilds: 50_278,
  threadAlreadyCreated: 160_004,
} as const;

/** The Discord error code of a failed REST call, if it is one. */
export function discordCode(error: unknown): number | undefined {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined;
}

/** The bot may not post in that channel, or the channel is gone: nothing else is wrong, there is nothing to retry. */
export function cannotPostIn(error: unknown): boolean {
  const code = discordCode(error);
  return (
    code === DISCORD_ERROR.missingAccess ||
    code === DISCORD_ERROR.missingPermissions ||
    code === DISCORD_ERROR.unknownChannel
  );
}
