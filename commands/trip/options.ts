import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from 'discord.js';
import { TOPIC_MAX_LENGTH, VENUE_MAX_LENGTH } from '../../src/domain/trip.js';

/** Options shared by several /trip subcommands. */

export const whenOption = (required: boolean): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'when',
  name_localizations: { fr: 'quand' },
  description: 'Date and time, e.g. "December 4 at noon", "tomorrow 12:30", "2026-12-04 12:00"',
  description_localizations: { fr: 'Date et heure, ex. « 4 décembre midi », « demain 12 h 30 », « 2026-12-04 12:00 »' },
  required,
  autocomplete: true,
  max_length: 100,
});

export const topicOption = (description: string, descriptionFr: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'topic',
  name_localizations: { fr: 'sujet' },
  description,
  description_localizations: { fr: descriptionFr },
  max_length: TOPIC_MAX_LENGTH,
});

export const venueOption = (description: string, descriptionFr: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'venue',
  name_localizations: { fr: 'lieu' },
  description,
  description_localizations: { fr: descriptionFr },
  max_length: VENUE_MAX_LENGTH,
});

export const durationOption: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Integer,
  name: 'duration',
  name_localizations: { fr: 'durée' },
  description: 'Duration in minutes, 15 to 720 (default 90)',
  description_localizations: { fr: 'Durée en minutes, de 15 à 720 (90 par défaut)' },
  min_value: 15,
  max_value: 720,
};

/** The `stop` option: which stop of the trip (autocompleted from the `trip` option; its number works too). */
export const stopOption = (description: string, descriptionFr: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'stop',
  name_localizations: { fr: 'escale' },
  description,
  description_localizations: { fr: descriptionFr },
  autocomplete: true,
  max_length: 20,
});
