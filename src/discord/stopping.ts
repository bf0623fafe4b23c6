import { type Interaction, MessageFlags } from 'discord.js';
import { languageFromLocale, t } from '../i18n/index.js';
import type { Logger } from '../logger.js';

/**
 * An interaction that arrives while the bot stops (a deploy, a restart): the member reads a short answer in their
 * language instead of Discord's "The application did not respond"; a suggestion list is answered empty. Never throws.
 */
export async function answerWhileStopping(interaction: Interaction, logger: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    await interaction.reply({
      content: t(languageFromLocale(interaction.locale), 'error.restarting'),
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
  } catch (error) {
    logger.warn({ err: error, interactionId: interaction.id }, 'could not answer an interaction while stopping');
  }
}
