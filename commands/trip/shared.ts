import { PermissionFlagsBits } from 'discord.js';
import { z } from 'zod';
import type { TripActor } from '../../src/app/trips/shared.js';
import type { CommandContext } from '../../src/discord/command.js';
import { guildStanding } from '../../src/discord/permissions.js';

// Ranges and lengths are checked by the use cases, which explain them in the member's language; the schema only
// guards the types (and bounds what a forged interaction could send).
export const text = z.string().max(4_000);
export const tripRef = z.string().trim().min(1).max(100);

/** The member acting on a trip: host, or anyone with Manage Events. */
export function actor(context: CommandContext<unknown>): TripActor {
  return {
    guildId: context.guildId,
    userId: context.interaction.user.id,
    canManageEvents: guildStanding(context.interaction).has(PermissionFlagsBits.ManageEvents),
    language: context.language,
  };
}
