import {
  ApplicationCommandOptionType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import { answerRsvp } from '../src/app/answerRsvp.js';
import { suggestStops, suggestTrips } from '../src/app/tripQueries.js';
import { findStopForCommand } from '../src/app/trips/itinerary.js';
import { defineCommand } from '../src/discord/command.js';
import { tripOption } from '../src/discord/commandOptions.js';
import { hiddenChannelIds } from '../src/discord/permissions.js';
import { rsvpConfirmationText } from '../src/discord/rsvpViews.js';
import { MAX_GUESTS, MIN_GUESTS } from '../src/domain/rsvp.js';

const data = {
  name: 'rsvp',
  name_localizations: { fr: 'rsvp' },
  description: 'Say whether you are coming to a meetup (same as the buttons of the announcement)',
  description_localizations: { fr: 'Dire si tu viens à une rencontre (comme les boutons de l’annonce)' },
  contexts: [InteractionContextType.Guild],
  options: [
    tripOption('The meetup, e.g. #12', 'La rencontre, ex. #12'),
    {
      type: ApplicationCommandOptionType.String,
      name: 'response',
      name_localizations: { fr: 'réponse' },
      description: 'Your answer',
      description_localizations: { fr: 'Ta réponse' },
      required: true,
      choices: [
        { name: 'Going', name_localizations: { fr: 'Je viens' }, value: 'going' },
        { name: 'Maybe', name_localizations: { fr: 'Peut-être' }, value: 'maybe' },
        { name: 'Can’t go', name_localizations: { fr: 'Je ne peux pas' }, value: 'no' },
      ],
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'guests',
      name_localizations: { fr: 'invités' },
      description: 'People you bring along, 0 to 5 (they take seats too)',
      description_localizations: { fr: 'Personnes que tu amènes, de 0 à 5 (elles prennent aussi des places)' },
      min_value: MIN_GUESTS,
      max_value: MAX_GUESTS,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'stop',
      name_localizations: { fr: 'escale' },
      description: 'Which stop (when the meetup has several)',
      description_localizations: { fr: 'Quelle escale (si la rencontre en a plusieurs)' },
      autocomplete: true,
      max_length: 20,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

// The response word and the guest range are checked by the use case, in the member's language.
const args = z.object({
  trip: z.string().trim().min(1).max(100),
  response: z.string().max(20),
  guests: z.number().int().optional(),
  stop: z.string().max(20).optional(),
});

export const rsvpCommand = defineCommand({
  data,
  args,
  async execute(context) {
    const { interaction, args } = context;
    // The answer is for one stop: the one named, or the trip's only one (buttons carry the stop's id already).
    const stop = await findStopForCommand(context.deps, {
      guildId: context.guildId,
      trip: args.trip,
      stop: args.stop,
      language: context.language,
      notFound: 'rsvp.unknownTrip',
      hiddenChannels: hiddenChannelIds(interaction),
    });
    await answerRsvp(
      context.deps,
      { queue: context.services.rsvps, port: context.services.ports.trips, rides: context.services.ports.rides },
      {
        guildId: context.guildId,
        userId: interaction.user.id,
        trip: stop.id,
        response: args.response,
        guests: args.guests,
      },
      (result) => context.reply({ content: rsvpConfirmationText(context, result), ephemeral: true }),
    );
  },

  async autocomplete(context) {
    if (context.focused.name === 'stop') {
      const trip = context.options.trip;
      return suggestStops(context.deps, {
        guildId: context.guildId,
        trip: typeof trip === 'string' || typeof trip === 'number' ? trip : undefined,
        query: context.focused.value,
        language: context.language,
        hiddenChannels: hiddenChannelIds(context.interaction),
      });
    }
    if (context.focused.name !== 'trip') return [];
    return suggestTrips(context.deps, {
      guildId: context.guildId,
      query: context.focused.value,
      language: context.language,
      hiddenChannels: hiddenChannelIds(context.interaction),
    });
  },
});
