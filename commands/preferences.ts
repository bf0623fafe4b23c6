import {
  ApplicationCommandOptionType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import { memberPreferencesCommand } from '../src/app/preferences.js';
import { defineCommand } from '../src/discord/command.js';
import { renderPreferences } from '../src/discord/preferencesViews.js';
import { type MessageKey, type MessageParams, t } from '../src/i18n/index.js';

const data = {
  name: 'preferences',
  name_localizations: { fr: 'préférences' },
  description: 'How you hear from Escale on this server: reminders, quiet hours, language',
  description_localizations: {
    fr: 'Comment Escale te joint sur ce serveur : rappels, heures calmes, langue',
  },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'reminders',
      name_localizations: { fr: 'rappels' },
      description: 'Reminders before a meetup you go to',
      description_localizations: { fr: 'Les rappels avant une rencontre où tu vas' },
      choices: [
        { name: 'By direct message (default)', name_localizations: { fr: 'En message privé (défaut)' }, value: 'dm' },
        {
          name: 'A mention in the meetup’s thread',
          name_localizations: { fr: 'Une mention dans le fil de la rencontre' },
          value: 'thread',
        },
        { name: 'None', name_localizations: { fr: 'Aucun' }, value: 'off' },
      ],
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'quiet_hours',
      name_localizations: { fr: 'heures_calmes' },
      description: 'No direct message then, in the server’s zone: "22:00-07:00", or "none"',
      description_localizations: {
        fr: 'Aucun message privé pendant ces heures (fuseau du serveur) : « 22h à 7h », ou « aucune »',
      },
      max_length: 40,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'language',
      name_localizations: { fr: 'langue' },
      description: 'The language of my direct messages and answers to you',
      description_localizations: { fr: 'La langue de mes messages privés et de mes réponses' },
      choices: [
        {
          name: 'Your Discord’s (default)',
          name_localizations: { fr: 'Celle de ton Discord (défaut)' },
          value: 'auto',
        },
        { name: 'Français (French)', name_localizations: { fr: 'Français' }, value: 'fr' },
        { name: 'English', name_localizations: { fr: 'English (anglais)' }, value: 'en' },
      ],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

// Values are checked by the use case, which explains a wrong one in the member's language.
const args = z.object({
  reminders: z.string().max(40).optional(),
  quiet_hours: z.string().max(100).optional(),
  language: z.string().max(40).optional(),
});

export const preferencesCommand = defineCommand({
  data,
  args,
  async execute(context) {
    const result = await memberPreferencesCommand(context.deps, {
      guildId: context.guildId,
      userId: context.interaction.user.id,
      reminders: context.args.reminders,
      quietHours: context.args.quiet_hours,
      language: context.args.language,
    });
    if (result.changed) {
      // The router reads the member's language from here for their next answers.
      const { guildId, userId, language } = result.preferences;
      context.services.languageChoices.remember(guildId, userId, language, context.deps.clock.now().getTime());
    }
    // A language just chosen is the one of this answer already.
    const language = result.changed && result.preferences.language !== 'auto' ? result.preferences.language : null;
    const view = language
      ? { language, t: (key: MessageKey, params?: MessageParams) => t(language, key, params) }
      : context;
    return context.reply({ embeds: [renderPreferences(view, result)], ephemeral: true });
  },
});
