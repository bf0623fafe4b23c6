import { type APIApplicationCommandSubcommandOption, ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import { requestFeed } from '../../src/app/publicSettings.js';
import type { CommandContext } from '../../src/discord/command.js';
import { renderFeedReply } from '../../src/discord/publicPageViews.js';

/** `/trip feed [reset]`: a private calendar URL of the meetups the member goes to (issue 14). */

export const feedSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'feed',
  name_localizations: { fr: 'calendrier' },
  description: 'A private calendar link of the meetups you are going to',
  description_localizations: { fr: 'Un lien de calendrier privé des rencontres où tu vas' },
  options: [
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'reset',
      name_localizations: { fr: 'nouveau_lien' },
      description: 'Make a new link; the old one stops working',
      description_localizations: { fr: 'Créer un nouveau lien; l’ancien cesse de fonctionner' },
    },
  ],
};

export const feedArgs = z.object({ subcommand: z.literal('feed'), reset: z.boolean().optional() });

export async function executeFeed(context: CommandContext<unknown>, args: z.infer<typeof feedArgs>): Promise<void> {
  const result = await requestFeed(context.deps, {
    guildId: context.guildId,
    userId: context.interaction.user.id,
    reset: args.reset === true,
  });
  await context.reply({ content: renderFeedReply(context, result), ephemeral: true, allowedMentions: { parse: [] } });
}
