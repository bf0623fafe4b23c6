import {
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  PermissionFlagsBits,
} from 'discord.js';
import { z } from 'zod';
import { createTrip } from '../../src/app/trips/create.js';
import type { CommandContext } from '../../src/discord/command.js';
import { townOption } from '../../src/discord/commandOptions.js';
import { announceChannelFor } from '../../src/discord/guildChannels.js';
import { guildStanding } from '../../src/discord/permissions.js';
import { renderTripCreated } from '../../src/discord/tripViews.js';
import { durationOption, topicOption, venueOption, whenOption } from './options.js';
import { text } from './shared.js';

/** `/trip new town when [topic] [venue] [duration] [capacity] [reach]`: announce a trip. */

export const newSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'new',
  name_localizations: { fr: 'nouvelle' },
  description: 'Announce a trip: the members of that town are notified',
  description_localizations: { fr: 'Annoncer une rencontre : les membres de cette ville sont avisés' },
  options: [
    townOption({
      description: 'Where you will be (type a few letters)',
      descriptionFr: 'Où tu seras (tape quelques lettres)',
      required: true,
    }),
    whenOption(true),
    topicOption('A topic to talk about (optional)', 'Un sujet de discussion (facultatif)'),
    venueOption('Where to meet, e.g. a café (optional)', 'Où se retrouver, ex. un café (facultatif)'),
    durationOption,
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'capacity',
      name_localizations: { fr: 'places' },
      description: 'Seats, 1 to 500; beyond, members wait on a list (default: no limit)',
      description_localizations: {
        fr: 'Places, de 1 à 500; au-delà, liste d’attente (par défaut : sans limite)',
      },
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
        {
          name: 'The whole region (Manage Events)',
          name_localizations: { fr: 'Toute la région (Gérer les événements)' },
          value: 'region',
        },
      ],
    },
  ],
};

export const newArgs = z.object({
  subcommand: z.literal('new'),
  town: text,
  when: text,
  topic: text.optional(),
  venue: text.optional(),
  duration: z.number().int().optional(),
  capacity: z.number().int().optional(),
  reach: text.optional(),
});

export async function executeNew(context: CommandContext<unknown>, args: z.infer<typeof newArgs>): Promise<void> {
  const { interaction } = context;
  // Posting the announcement and the event can take longer than Discord's three seconds under load.
  await context.defer({ ephemeral: true });
  const result = await createTrip(context.deps, context.services.ports.trips, {
    guildId: context.guildId,
    hostId: interaction.user.id,
    // Never a thread or forum post: its parent (src/discord/guildChannels.ts).
    ...announceChannelFor(interaction),
    canManageEvents: guildStanding(interaction).has(PermissionFlagsBits.ManageEvents),
    language: context.language,
    town: args.town,
    when: args.when,
    topic: args.topic,
    venue: args.venue,
    durationMinutes: args.duration,
    capacity: args.capacity,
    reach: args.reach,
  });
  await context.reply({ content: renderTripCreated(context, result), ephemeral: true });
}
