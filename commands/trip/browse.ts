import { type APIApplicationCommandSubcommandOption, ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import { listTripRides } from '../../src/app/rides/queries.js';
import { listTripsPage, showTrip } from '../../src/app/tripQueries.js';
import type { CommandContext } from '../../src/discord/command.js';
import { townOption, tripOption } from '../../src/discord/commandOptions.js';
import { hiddenChannelIds } from '../../src/discord/permissions.js';
import { tripRideEmbeds } from '../../src/discord/rideViews.js';
import { renderTripDetails, renderTripList } from '../../src/discord/tripViews.js';
import { text, tripRef } from './shared.js';

/** `/trip list [town]` and `/trip show trip`: upcoming meetups, one in detail (with each stop's rides). */

export const listSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'list',
  name_localizations: { fr: 'liste' },
  description: 'Upcoming meetups',
  description_localizations: { fr: 'Les rencontres à venir' },
  options: [townOption({ description: 'Only this town', descriptionFr: 'Seulement cette ville', required: false })],
};

export const showSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'show',
  name_localizations: { fr: 'voir' },
  description: 'A meetup in detail, with who is coming',
  description_localizations: { fr: 'Une rencontre en détail, avec qui vient' },
  options: [tripOption('The meetup, e.g. #12', 'La rencontre, ex. #12')],
};

export const listArgs = z.object({ subcommand: z.literal('list'), town: text.optional() });
export const showArgs = z.object({ subcommand: z.literal('show'), trip: tripRef });

export async function executeList(context: CommandContext<unknown>, args: z.infer<typeof listArgs>): Promise<void> {
  const page = await listTripsPage(context.deps, {
    guildId: context.guildId,
    page: 0,
    town: args.town,
    hiddenChannels: hiddenChannelIds(context.interaction),
  });
  await context.reply({ ...renderTripList(page, context.language), ephemeral: true });
}

export async function executeShow(context: CommandContext<unknown>, args: z.infer<typeof showArgs>): Promise<void> {
  const details = await showTrip(context.deps, {
    guildId: context.guildId,
    trip: args.trip,
    hiddenChannels: hiddenChannelIds(context.interaction),
  });
  const rides = await listTripRides(context.deps, { guildId: context.guildId, trip: args.trip });
  const view = renderTripDetails(details, context.language);
  const embeds = [...view.embeds, ...tripRideEmbeds(rides, context.language, view.embeds)];
  await context.reply({ ...view, embeds, ephemeral: true });
}
