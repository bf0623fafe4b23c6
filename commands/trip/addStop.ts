import { type APIApplicationCommandSubcommandOption, ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import { addStop } from '../../src/app/trips/addStop.js';
import type { CommandContext } from '../../src/discord/command.js';
import { townOption, tripOption } from '../../src/discord/commandOptions.js';
import { renderStopAdded } from '../../src/discord/tripViews.js';
import { durationOption, topicOption, venueOption, whenOption } from './options.js';
import { actor, text, tripRef } from './shared.js';

/** `/trip add-stop trip town when [topic] [venue] [duration] [capacity] [reach]`: host or Manage Events. */

export const addStopSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'add-stop',
  name_localizations: { fr: 'ajouter-escale' },
  description: 'Add a town to your meetup (up to 5 stops); only its new towns are notified',
  description_localizations: {
    fr: 'Ajouter une ville à ta rencontre (5 escales au plus); seules ses nouvelles villes sont avisées',
  },
  options: [
    tripOption('The meetup to extend', 'La rencontre à prolonger'),
    townOption({
      description: 'Where the stop is (type a few letters)',
      descriptionFr: 'Où est l’escale (tape quelques lettres)',
      required: true,
    }),
    whenOption(true),
    topicOption('A topic for this stop (optional)', 'Un sujet pour cette escale (facultatif)'),
    venueOption('Where to meet at this stop (optional)', 'Où se retrouver à cette escale (facultatif)'),
    durationOption,
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'capacity',
      name_localizations: { fr: 'places' },
      description: 'Seats at this stop, 1 to 500 (default: no limit)',
      description_localizations: { fr: 'Places à cette escale, de 1 à 500 (par défaut : sans limite)' },
      min_value: 1,
      max_value: 500,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'reach',
      name_localizations: { fr: 'portée' },
      description: 'Whom to notify (default: that town)',
      description_localizations: { fr: 'Qui aviser (par défaut : cette ville)' },
      choices: [
        { name: 'That town', name_localizations: { fr: 'Cette ville' }, value: 'town' },
        {
          name: 'That town and the towns nearby',
          name_localizations: { fr: 'Cette ville et les villes proches' },
          value: 'nearby',
        },
      ],
    },
  ],
};

export const addStopArgs = z.object({
  subcommand: z.literal('add-stop'),
  trip: tripRef,
  town: text,
  when: text,
  topic: text.optional(),
  venue: text.optional(),
  duration: z.number().int().optional(),
  capacity: z.number().int().optional(),
  reach: text.optional(),
});

export async function executeAddStop(
  context: CommandContext<unknown>,
  args: z.infer<typeof addStopArgs>,
): Promise<void> {
  // Pinging the new towns and redrawing the announcement can take longer than Discord's three seconds.
  await context.defer({ ephemeral: true });
  const result = await addStop(context.deps, context.services.ports.trips, {
    ...actor(context),
    trip: args.trip,
    town: args.town,
    when: args.when,
    topic: args.topic,
    venue: args.venue,
    durationMinutes: args.duration,
    capacity: args.capacity,
    reach: args.reach,
  });
  await context.reply({ content: renderStopAdded(context, result), ephemeral: true });
}
