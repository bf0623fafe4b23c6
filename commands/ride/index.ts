import { InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { z } from 'zod';
import { cancelRide } from '../../src/app/rides/cancel.js';
import { needRide, offerRide } from '../../src/app/rides/offer.js';
import type { RideStopView } from '../../src/app/rides/port.js';
import { listRides } from '../../src/app/rides/queries.js';
import { suggestRideStops } from '../../src/app/rides/stops.js';
import { suggestTowns } from '../../src/app/towns/resolve.js';
import { refuseHiddenTrip, suggestTrips } from '../../src/app/tripQueries.js';
import { type CommandContext, defineCommand } from '../../src/discord/command.js';
import { hiddenChannelIds } from '../../src/discord/permissions.js';
import { cancelConfirmation, listingEmbed, needConfirmation, offerConfirmation } from '../../src/discord/rideViews.js';
import {
  cancelArgs,
  cancelSubcommand,
  listArgs,
  listSubcommand,
  needArgs,
  needSubcommand,
  offerArgs,
  offerSubcommand,
} from './options.js';

/** `/ride` (covoiturage): offer seats, ask for one, see and withdraw them, for a stop of a trip. */

const data = {
  name: 'ride',
  name_localizations: { fr: 'covoiturage' },
  description: 'Share the drive to a meetup: offer seats or ask for one along the route',
  description_localizations: { fr: 'Partager la route vers une rencontre : offrir des places ou en demander une' },
  contexts: [InteractionContextType.Guild],
  options: [offerSubcommand, needSubcommand, listSubcommand, cancelSubcommand],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const args = z.discriminatedUnion('subcommand', [offerArgs, needArgs, listArgs, cancelArgs]);
type Args = z.infer<typeof args>;

export const rideCommand = defineCommand({
  data,
  args,
  async execute(context) {
    const { args } = context;
    // A trip announced in a channel the member cannot view is unknown to them.
    const hiddenChannels = hiddenChannelIds(context.interaction);
    await refuseHiddenTrip(context.deps, { guildId: guildOf(context), trip: args.trip, hiddenChannels });
    switch (args.subcommand) {
      case 'offer':
        return executeOffer(context, args);
      case 'need':
        return executeNeed(context, args);
      case 'list':
        return executeList(context, args);
      case 'cancel':
        return executeCancel(context, args);
    }
  },

  async autocomplete(context) {
    const guildId = context.interaction.guildId;
    if (!guildId) return [];
    const { name, value } = context.focused;
    switch (name) {
      case 'trip':
        return suggestTrips(context.deps, {
          guildId,
          query: value,
          language: context.language,
          hiddenChannels: hiddenChannelIds(context.interaction),
        });
      case 'stop':
        return suggestRideStops(context.deps, {
          guildId,
          trip: String(context.options.trip ?? ''),
          query: value,
          language: context.language,
          hiddenChannels: hiddenChannelIds(context.interaction),
        });
      case 'from': {
        const towns = await suggestTowns(context.deps, { guildId, query: value });
        return towns.map((town) => ({ name: town.name, value: town.name }));
      }
      default:
        return [];
    }
  },
});

/** The announcement's ride line follows (edits are coalesced per trip; not awaited: the member has their answer). */
function refreshAnnouncement(context: CommandContext<Args>, stop: RideStopView): void {
  void context.services.announcements.refresh(stop.guildId, stop.tripId);
}

function portOf(context: CommandContext<Args>) {
  return context.services.ports.rides;
}

function guildOf(context: CommandContext<Args>): string {
  return context.interaction.guildId ?? '';
}

async function executeOffer(context: CommandContext<Args>, args: z.infer<typeof offerArgs>): Promise<void> {
  const result = await offerRide(context.deps, portOf(context), {
    guildId: guildOf(context),
    userId: context.interaction.user.id,
    trip: args.trip,
    stop: args.stop,
    from: args.from,
    seats: args.seats,
    detour: args.detour,
    leaving: args.leaving,
    language: context.language,
  });
  await context.reply({ content: offerConfirmation(result, context.language), ephemeral: true });
  refreshAnnouncement(context, result.stop);
}

async function executeNeed(context: CommandContext<Args>, args: z.infer<typeof needArgs>): Promise<void> {
  const result = await needRide(context.deps, portOf(context), {
    guildId: guildOf(context),
    userId: context.interaction.user.id,
    trip: args.trip,
    stop: args.stop,
    from: args.from,
  });
  await context.reply({ content: needConfirmation(result, context.language), ephemeral: true });
  refreshAnnouncement(context, result.stop);
}

async function executeList(context: CommandContext<Args>, args: z.infer<typeof listArgs>): Promise<void> {
  const listing = await listRides(context.deps, { guildId: guildOf(context), trip: args.trip, stop: args.stop });
  await context.reply({ embeds: [listingEmbed(listing, context.language)], ephemeral: true });
}

async function executeCancel(context: CommandContext<Args>, args: z.infer<typeof cancelArgs>): Promise<void> {
  const result = await cancelRide(context.deps, portOf(context), {
    guildId: guildOf(context),
    userId: context.interaction.user.id,
    trip: args.trip,
    stop: args.stop,
  });
  await context.reply({ content: cancelConfirmation(result, context.language), ephemeral: true });
  refreshAnnouncement(context, result.stop);
}
