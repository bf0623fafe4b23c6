import { type APIApplicationCommandSubcommandOption, ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import { RECAP_NOTES_MAX_LENGTH, setHostNotes } from '../../src/app/recap.js';
import type { CommandContext } from '../../src/discord/command.js';
import { tripOption } from '../../src/discord/commandOptions.js';
import { renderRecapNotesSaved } from '../../src/discord/recap.js';
import { stopOption } from './options.js';
import { text, tripRef } from './shared.js';

/** `/trip recap trip notes`: the host's notes under the recap of their meetup. */

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
    stopOption('Which stop (when the meetup had several)', 'Quelle escale (si la rencontre en avait plusieurs)'),
  ],
};

export const recapArgs = z.object({
  subcommand: z.literal('recap'),
  trip: tripRef,
  notes: text,
  stop: text.optional(),
});

export async function executeRecapNotes(
  context: CommandContext<unknown>,
  args: z.infer<typeof recapArgs>,
): Promise<void> {
  await context.defer({ ephemeral: true });
  const result = await setHostNotes(context.deps, context.services.ports.recap, {
    guildId: context.guildId,
    userId: context.interaction.user.id,
    trip: args.trip,
    stop: args.stop,
    notes: args.notes,
    language: context.language,
  });
  await context.reply({ content: renderRecapNotesSaved(context, result), ephemeral: true });
}
