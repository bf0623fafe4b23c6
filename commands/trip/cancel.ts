import { type APIApplicationCommandSubcommandOption, ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import { cancelRidesOfTrip } from '../../src/app/rides/cancel.js';
import { cancelTrip } from '../../src/app/trips/cancel.js';
import type { CommandContext } from '../../src/discord/command.js';
import { tripOption } from '../../src/discord/commandOptions.js';
import { stopOption } from './options.js';
import { actor, text, tripRef } from './shared.js';

/** `/trip cancel trip [stop] [reason]`: host or Manage Events. */

export const cancelSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'cancel',
  name_localizations: { fr: 'annuler' },
  description: 'Cancel your meetup; those coming are told (host or Manage Events)',
  description_localizations: {
    fr: 'Annuler ta rencontre; les participant·e·s sont avisé·e·s (hôte ou Gérer les événements)',
  },
  options: [
    tripOption('The meetup to cancel', 'La rencontre à annuler'),
    stopOption(
      'Only this stop (default: the whole meetup)',
      'Seulement cette escale (par défaut : toute la rencontre)',
    ),
    {
      type: ApplicationCommandOptionType.String,
      name: 'reason',
      name_localizations: { fr: 'raison' },
      description: 'Why, for those who were coming (optional)',
      description_localizations: { fr: 'Pourquoi, pour celles et ceux qui venaient (facultatif)' },
      max_length: 200,
    },
  ],
};

export const cancelArgs = z.object({
  subcommand: z.literal('cancel'),
  trip: tripRef,
  stop: text.optional(),
  reason: text.optional(),
});

export async function executeCancel(context: CommandContext<unknown>, args: z.infer<typeof cancelArgs>): Promise<void> {
  // Editing the announcement and telling everyone can take longer than Discord's three seconds.
  await context.defer({ ephemeral: true });
  const result = await cancelTrip(context.deps, context.services.ports.trips, {
    ...actor(context),
    trip: args.trip,
    stop: args.stop,
    reason: args.reason,
  });
  // The ride parties of the cancelled stops are told once (src/app/rides).
  await cancelRidesOfTrip(context.deps, context.services.ports.rides, {
    guildId: result.trip.guildId,
    tripId: result.trip.tripId,
  });
  const params = { id: result.trip.tripId, town: result.trip.townName };
  const lines = [context.t(result.wholeTrip ? 'trip.cancelled' : 'trip.cancelled.stop', params)];
  if (result.notified > 0) lines.push(context.t('trip.cancelled.notified', { count: result.notified }));
  if (result.notTold > 0) lines.push(context.t('trip.notice.notTold', { count: result.notTold }));
  await context.reply({ content: lines.join('\n'), ephemeral: true });
}
