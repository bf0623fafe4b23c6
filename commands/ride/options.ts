import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
} from 'discord.js';
import { z } from 'zod';
import { townOption, tripOption } from '../../src/discord/commandOptions.js';
import { RIDE_DETOUR_MINUTES, RIDE_SEATS } from '../../src/domain/rides.js';

/** The options of `/ride` subcommands. Discord lists required options first. */

const trip = tripOption('The meetup, e.g. #12', 'La rencontre, ex. #12');

const stop: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.String,
  name: 'stop',
  name_localizations: { fr: 'étape' },
  description: 'The stop of the trip (needed when it has several)',
  description_localizations: { fr: 'L’étape de la rencontre (nécessaire quand elle en a plusieurs)' },
  required: false,
  autocomplete: true,
  max_length: 100,
};

const from = townOption({
  name: 'from',
  nameFr: 'depuis',
  description: 'The town you leave from',
  descriptionFr: 'La ville d’où tu pars',
  required: true,
});

const seats: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Integer,
  name: 'seats',
  name_localizations: { fr: 'places' },
  description: `Free seats in your car, ${RIDE_SEATS.min} to ${RIDE_SEATS.max}`,
  description_localizations: { fr: `Places libres dans ta voiture, de ${RIDE_SEATS.min} à ${RIDE_SEATS.max}` },
  required: true,
  min_value: RIDE_SEATS.min,
  max_value: RIDE_SEATS.max,
};

const detour: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Integer,
  name: 'detour',
  name_localizations: { fr: 'détour' },
  description: `Minutes out of your way you accept to pick someone up, 0 to 60 (default ${RIDE_DETOUR_MINUTES.default})`,
  description_localizations: {
    fr: `Minutes de détour acceptées pour prendre quelqu’un, de 0 à 60 (${RIDE_DETOUR_MINUTES.default} par défaut)`,
  },
  required: false,
  min_value: RIDE_DETOUR_MINUTES.min,
  max_value: RIDE_DETOUR_MINUTES.max,
};

const leaving: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.String,
  name: 'leaving',
  name_localizations: { fr: 'départ' },
  description: 'When you leave, e.g. "demain 10h30" or "2026-12-04 10:30"',
  description_localizations: { fr: 'Quand tu pars, ex. « demain 10 h 30 » ou « 2026-12-04 10:30 »' },
  required: false,
  max_length: 100,
};

export const offerSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'offer',
  name_localizations: { fr: 'offrir' },
  description: 'Offer seats in your car to a stop',
  description_localizations: { fr: 'Offrir des places dans ta voiture vers une étape' },
  options: [trip, from, seats, stop, detour, leaving],
};

export const needSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'need',
  name_localizations: { fr: 'demander' },
  description: 'Ask for a seat in someone’s car to a stop',
  description_localizations: { fr: 'Demander une place dans une voiture vers une étape' },
  options: [trip, from, stop],
};

export const listSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'list',
  name_localizations: { fr: 'liste' },
  description: 'Ride offers and requests of a stop',
  description_localizations: { fr: 'Offres et demandes de covoiturage d’une étape' },
  options: [trip, stop],
};

export const cancelSubcommand: APIApplicationCommandSubcommandOption = {
  type: ApplicationCommandOptionType.Subcommand,
  name: 'cancel',
  name_localizations: { fr: 'annuler' },
  description: 'Withdraw your ride offer or request for a stop',
  description_localizations: { fr: 'Retirer ton offre ou ta demande de covoiturage pour une étape' },
  options: [trip, stop],
};

// Ranges are checked by the use case (a clear message in the member's language), not by zod.
const tripArg = z.string().trim().min(1).max(100);
const stopArg = z.string().trim().max(100).optional();

export const offerArgs = z.object({
  subcommand: z.literal('offer'),
  trip: tripArg,
  stop: stopArg,
  from: z.string().trim().min(1).max(100),
  seats: z.number().int(),
  detour: z.number().int().optional(),
  leaving: z.string().max(100).optional(),
});

export const needArgs = z.object({
  subcommand: z.literal('need'),
  trip: tripArg,
  stop: stopArg,
  from: z.string().trim().min(1).max(100),
});

export const listArgs = z.object({ subcommand: z.literal('list'), trip: tripArg, stop: stopArg });
export const cancelArgs = z.object({ subcommand: z.literal('cancel'), trip: tripArg, stop: stopArg });
