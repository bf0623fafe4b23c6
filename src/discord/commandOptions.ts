import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from 'discord.js';

/** The `trip` option of /trip show|edit|cancel|recap and /rsvp: autocompleted, accepts "12" or "#12". */
export function tripOption(description: string, descriptionFr: string): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: 'trip',
    name_localizations: { fr: 'rencontre' },
    description,
    description_localizations: { fr: descriptionFr },
    required: true,
    autocomplete: true,
    max_length: 100,
  };
}
