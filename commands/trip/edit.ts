import { type APIApplicationCommandSubcommandOption, ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import { announceStopMoved } from '../../src/app/rides/cancel.js';
import { editTrip } from '../../src/app/trips/edit.js';
import type { CommandContext } from '../../src/discord/command.js';
import { tripOption } from '../../src/discord/commandOptions.js';
import { renderTripEdited } from '../../src/discord/tripViews.js';
import { durationOption, stopOption, topicOption, venueOption, whenOption } from './options.js';
import { actor, text, tripRef } from './shared.js';

/** `/trip edit trip [stop] [when] [venue] [topic] [capacity] [duration]`: host or Manage Events. */

export const editSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'edit',
  name_localizations: { fr: 'modifier' },
  description: 'Change your meetup; those coming are told (host or Manage Events)',
  description_localizations: {
    fr: 'Modifier ta rencontre; les participant·e·s sont avisé·e·s (hôte ou Gérer les événements)',
  },
  options: [
    tripOption('The meetup to change', 'La rencontre à modifier'),
    stopOption('Which stop (when the meetup has several)', 'Quelle escale (si la rencontre en a plusieurs)'),
    whenOption(false),
    venueOption('New venue ("-" removes it)', 'Nouveau lieu (« - » pour l’enlever)'),
    topicOption('New topic ("-" removes it)', 'Nouveau sujet (« - » pour l’enlever)'),
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'capacity',
      name_localizations: { fr: 'places' },
      description: 'Seats, 1 to 500, or 0 for no limit',
      description_localizations: { fr: 'Places, de 1 à 500, ou 0 pour ne pas limiter' },
      min_value: 0,
      max_value: 500,
    },
    durationOption,
  ],
};

export const editArgs = z.object({
  subcommand: z.literal('edit'),
  trip: tripRef,
  stop: text.optional(),
  when: text.optional(),
  venue: text.optional(),
  topic: text.optional(),
  capacity: z.number().int().optional(),
  duration: z.number().int().optional(),
});

export async function executeEdit(context: CommandContext<unknown>, args: z.infer<typeof editArgs>): Promise<void> {
  await context.defer({ ephemeral: true });
  const result = await editTrip(context.deps, context.services.ports.trips, {
    ...actor(context),
    trip: args.trip,
    stop: args.stop,
    when: args.when,
    venue: args.venue,
    topic: args.topic,
    capacity: args.capacity,
    durationMinutes: args.duration,
  });
  // A new time is told to the stop's ride parties (src/app/rides).
  if (result.changes.some((change) => change.field === 'when')) {
    await announceStopMoved(context.deps, context.services.ports.rides, { stopId: result.trip.id });
  }
  await context.reply({ content: renderTripEdited(context, result), ephemeral: true });
}
