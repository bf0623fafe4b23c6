import { type APIApplicationCommandSubcommandOption, ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import { listHistoryPage } from '../../src/app/attendance.js';
import type { CommandContext } from '../../src/discord/command.js';
import { townOption } from '../../src/discord/commandOptions.js';
import { renderHistory } from '../../src/discord/recap.js';
import { text } from './shared.js';

/** `/trip history [town]`: past meetups and how many came. */

export const historySubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'history',
  name_localizations: { fr: 'historique' },
  description: 'Past meetups and how many came',
  description_localizations: { fr: 'Les rencontres passées et combien y sont venus' },
  options: [townOption({ description: 'Only this town', descriptionFr: 'Seulement cette ville', required: false })],
};

export const historyArgs = z.object({ subcommand: z.literal('history'), town: text.optional() });

export async function executeHistory(
  context: CommandContext<unknown>,
  args: z.infer<typeof historyArgs>,
): Promise<void> {
  const history = await listHistoryPage(context.deps, {
    guildId: context.guildId,
    userId: context.interaction.user.id,
    page: 0,
    town: args.town,
  });
  await context.reply({ ...renderHistory(history, context.language), ephemeral: true });
}
