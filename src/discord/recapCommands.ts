import {
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { z } from 'zod';
import { listHistoryPage } from '../app/attendance.js';
import { UserFacingError } from '../app/errors.js';
import { RECAP_NOTES_MAX_LENGTH, setHostNotes } from '../app/recap.js';
import { discordTimestamp } from '../domain/whenFormat.js';
import type { HandlerContext } from './command.js';
import { townOption, tripOption } from './commandOptions.js';
import { renderHistory } from './recap.js';
import type { BotServices } from './services.js';

/**
 * `/trip history [town]` and `/trip recap trip notes`: defined here and mounted in commands/trip.ts, so the trip
 * command file only lists them.
 */

export const historySubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'history',
  name_localizations: { fr: 'historique' },
  description: 'Past meetups and how many came',
  description_localizations: { fr: 'Les rencontres passées et combien y sont venus' },
  options: [townOption({ description: 'Only this town', descriptionFr: 'Seulement cette ville', required: false })],
};

export const recapSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'recap',
  name_localizations: { fr: 'récap' },
  description: 'Add your notes to the recap of a meetup you hosted',
  description_localizations: { fr: 'Ajouter tes notes au récap d’une rencontre que tu as organisée' },
  options: [
    tripOption('The meetup, e.g. #12', 'La rencontre, ex. #12'),
    {
      type: ApplicationCommandOptionType.String,
      name: 'notes',
      name_localizations: { fr: 'notes' },
      description: 'What was discussed, who to follow up with… ("-" removes them)',
      description_localizations: { fr: 'Ce qui s’est dit, les suites à donner… (« - » pour les retirer)' },
      required: true,
      max_length: RECAP_NOTES_MAX_LENGTH,
    },
  ],
};

export const historyArgs = z.object({ subcommand: z.literal('history'), town: z.string().max(4_000).optional() });
export const recapArgs = z.object({
  subcommand: z.literal('recap'),
  trip: z.string().trim().min(1).max(100),
  notes: z.string().max(4_000),
});

interface Context extends HandlerContext {
  interaction: ChatInputCommandInteraction;
  services: BotServices;
}

export async function executeHistory(context: Context, args: z.infer<typeof historyArgs>): Promise<void> {
  const guildId = context.interaction.guildId;
  if (!guildId) throw new UserFacingError('error.guildOnly');
  const history = await listHistoryPage(context.deps, {
    guildId,
    userId: context.interaction.user.id,
    page: 0,
    town: args.town,
  });
  await context.reply({ ...renderHistory(history, context.language), ephemeral: true });
}

export async function executeRecapNotes(context: Context, args: z.infer<typeof recapArgs>): Promise<void> {
  const guildId = context.interaction.guildId;
  if (!guildId) throw new UserFacingError('error.guildOnly');
  await context.defer({ ephemeral: true });
  const result = await setHostNotes(context.deps, context.services.recapPort, {
    guildId,
    userId: context.interaction.user.id,
    trip: args.trip,
    notes: args.notes,
  });
  const id = result.trip.id;
  const content =
    result.outcome === 'cleared'
      ? context.t('recap.notes.cleared', { id })
      : result.outcome === 'shown'
        ? context.t('recap.notes.saved', { id, link: result.url ?? '' })
        : context.t('recap.notes.savedLater', { id, when: discordTimestamp(result.recapAt, 'R') });
  await context.reply({ content, ephemeral: true });
}
