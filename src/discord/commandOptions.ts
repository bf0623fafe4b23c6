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

/** A town option (autocompleted; the name as typed is accepted too, accent- and case-insensitively). */
export function townOption(input: {
  name?: string;
  nameFr?: string;
  description: string;
  descriptionFr: string;
  required: boolean;
}): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: input.name ?? 'town',
    name_localizations: { fr: input.nameFr ?? 'ville' },
    description: input.description,
    description_localizations: { fr: input.descriptionFr },
    required: input.required,
    autocomplete: true,
    max_length: 100,
  };
}
