import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import { UserFacingError } from '../src/app/errors.js';
import { suggestRecapTrips } from '../src/app/recap.js';
import { listTripsPage, previewWhen, showTrip, suggestTownNames, suggestTrips } from '../src/app/tripQueries.js';
import { cancelTrip, createTrip, describeChanges, type EditTripResult, editTrip } from '../src/app/trips.js';
import { type CommandContext, defineCommand, type HandlerContext } from '../src/discord/command.js';
import { townOption, tripOption } from '../src/discord/commandOptions.js';
import {
  executeHistory,
  executeRecapNotes,
  historyArgs,
  historySubcommand,
  recapArgs,
  recapSubcommand,
} from '../src/discord/recapCommands.js';
import { renderTripCreated, renderTripDetails, renderTripList } from '../src/discord/tripViews.js';
import { TOPIC_MAX_LENGTH, VENUE_MAX_LENGTH } from '../src/domain/trip.js';

const whenOption = (required: boolean): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'when',
  name_localizations: { fr: 'quand' },
  description: 'Date and time, e.g. "December 4 at noon", "tomorrow 12:30", "2026-12-04 12:00"',
  description_localizations: { fr: 'Date et heure, ex. « 4 décembre midi », « demain 12 h 30 », « 2026-12-04 12:00 »' },
  required,
  autocomplete: true,
  max_length: 100,
});

const topicOption = (description: string, descriptionFr: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'topic',
  name_localizations: { fr: 'sujet' },
  description,
  description_localizations: { fr: descriptionFr },
  max_length: TOPIC_MAX_LENGTH,
});

const venueOption = (description: string, descriptionFr: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'venue',
  name_localizations: { fr: 'lieu' },
  description,
  description_localizations: { fr: descriptionFr },
  max_length: VENUE_MAX_LENGTH,
});

const durationOption: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Integer,
  name: 'duration',
  name_localizations: { fr: 'durée' },
  description: 'Duration in minutes, 15 to 720 (default 90)',
  description_localizations: { fr: 'Durée en minutes, de 15 à 720 (90 par défaut)' },
  min_value: 15,
  max_value: 720,
};

const data = {
  name: 'trip',
  name_localizations: { fr: 'rencontre' },
  description: 'Announce where you are going, so members there can meet you',
  description_localizations: { fr: 'Annonce où tu vas, pour que les membres sur place te rencontrent' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'new',
      name_localizations: { fr: 'nouvelle' },
      description: 'Announce a trip: the members of that town are notified',
      description_localizations: { fr: 'Annoncer une rencontre : les membres de cette ville sont avisés' },
      options: [
        townOption({
          description: 'Where you will be (type a few letters)',
          descriptionFr: 'Où tu seras (tape quelques lettres)',
          required: true,
        }),
        whenOption(true),
        topicOption('A topic to talk about (optional)', 'Un sujet de discussion (facultatif)'),
        venueOption('Where to meet, e.g. a café (optional)', 'Où se retrouver, ex. un café (facultatif)'),
        durationOption,
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'capacity',
          name_localizations: { fr: 'places' },
          description: 'Seats, 1 to 500; beyond, members wait on a list (default: no limit)',
          description_localizations: {
            fr: 'Places, de 1 à 500; au-delà, liste d’attente (par défaut : sans limite)',
          },
          min_value: 1,
          max_value: 500,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'reach',
          name_localizations: { fr: 'portée' },
          description: 'Whom to notify (default: that town)',
          description_localizations: { fr: 'Qui aviser (par défaut : cette ville)' },
          choices: [
            { name: 'That town', name_localizations: { fr: 'Cette ville' }, value: 'town' },
            {
              name: 'That town and the towns nearby',
              name_localizations: { fr: 'Cette ville et les villes proches' },
              value: 'nearby',
            },
            { name: 'The whole region', name_localizations: { fr: 'Toute la région' }, value: 'region' },
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      name_localizations: { fr: 'liste' },
      description: 'Upcoming meetups',
      description_localizations: { fr: 'Les rencontres à venir' },
      options: [townOption({ description: 'Only this town', descriptionFr: 'Seulement cette ville', required: false })],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      name_localizations: { fr: 'voir' },
      description: 'A meetup in detail, with who is coming',
      description_localizations: { fr: 'Une rencontre en détail, avec qui vient' },
      options: [tripOption('The meetup, e.g. #12', 'La rencontre, ex. #12')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'edit',
      name_localizations: { fr: 'modifier' },
      description: 'Change your meetup; those coming are told (host or Manage Events)',
      description_localizations: {
        fr: 'Modifier ta rencontre; les participant·e·s sont avisé·e·s (hôte ou Gérer les événements)',
      },
      options: [
        tripOption('The meetup to change', 'La rencontre à modifier'),
        whenOption(false),
        venueOption('New venue ("-" removes it)', 'Nouveau lieu (« - » pour l’enlever)'),
        topicOption('New topic ("-" removes it)', 'Nouveau sujet (« - » pour l’enlever)'),
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'capacity',
          name_localizations: { fr: 'places' },
          description: 'Seats, 1 to 500, or 0 for no limit',
          description_localizations: { fr: 'Places, de 1 à 500, ou 0 pour ne pas limiter' },
          min_value: 0,
          max_value: 500,
        },
        durationOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'cancel',
      name_localizations: { fr: 'annuler' },
      description: 'Cancel your meetup; those coming are told (host or Manage Events)',
      description_localizations: {
        fr: 'Annuler ta rencontre; les participant·e·s sont avisé·e·s (hôte ou Gérer les événements)',
      },
      options: [
        tripOption('The meetup to cancel', 'La rencontre à annuler'),
        {
          type: ApplicationCommandOptionType.String,
          name: 'reason',
          name_localizations: { fr: 'raison' },
          description: 'Why, for those who were coming (optional)',
          description_localizations: { fr: 'Pourquoi, pour celles et ceux qui venaient (facultatif)' },
          max_length: 200,
        },
      ],
    },
    historySubcommand,
    recapSubcommand,
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

// Ranges and lengths are checked by the use cases, which explain them in the member's language; the schema only
// guards the types (and bounds what a forged interaction could send).
const text = z.string().max(4_000);
const tripRef = z.string().trim().min(1).max(100);

const args = z.discriminatedUnion('subcommand', [
  z.object({
    subcommand: z.literal('new'),
    town: text,
    when: text,
    topic: text.optional(),
    venue: text.optional(),
    duration: z.number().int().optional(),
    capacity: z.number().int().optional(),
    reach: text.optional(),
  }),
  z.object({ subcommand: z.literal('list'), town: text.optional() }),
  z.object({ subcommand: z.literal('show'), trip: tripRef }),
  z.object({
    subcommand: z.literal('edit'),
    trip: tripRef,
    when: text.optional(),
    venue: text.optional(),
    topic: text.optional(),
    capacity: z.number().int().optional(),
    duration: z.number().int().optional(),
  }),
  z.object({ subcommand: z.literal('cancel'), trip: tripRef, reason: text.optional() }),
  historyArgs,
  recapArgs,
]);

type Args = z.infer<typeof args>;

export const tripCommand = defineCommand({
  data,
  args,
  async execute(context) {
    const { interaction, args } = context;
    const guildId = requireGuild(interaction);
    switch (args.subcommand) {
      case 'new':
        return executeNew(context, args, guildId);
      case 'list': {
        const page = await listTripsPage(context.deps, { guildId, page: 0, town: args.town });
        return context.reply({ ...renderTripList(page, context.language), ephemeral: true });
      }
      case 'show': {
        const details = await showTrip(context.deps, { guildId, trip: args.trip });
        return context.reply({ ...renderTripDetails(details, context.language), ephemeral: true });
      }
      case 'edit':
        return executeEdit(context, args, guildId);
      case 'cancel': {
        // Editing the announcement and telling everyone can take longer than Discord's three seconds.
        await context.defer({ ephemeral: true });
        const result = await cancelTrip(context.deps, context.services.tripPort, {
          ...actor(context, guildId),
          trip: args.trip,
          reason: args.reason,
        });
        const lines = [context.t('trip.cancelled', { id: result.trip.id, town: result.trip.townName })];
        if (result.notified > 0) lines.push(context.t('trip.cancelled.notified', { count: result.notified }));
        return context.reply({ content: lines.join('\n'), ephemeral: true });
      }
      case 'history':
        return executeHistory(context, args);
      case 'recap':
        return executeRecapNotes(context, args);
    }
  },

  async autocomplete(context) {
    const guildId = context.interaction.guildId;
    if (!guildId) return [];
    const { name, value } = context.focused;
    switch (name) {
      case 'town':
        return suggestTownNames(context.deps, { guildId, query: value });
      case 'when':
        return previewWhen(context.deps, { guildId, text: value, language: context.language });
      case 'trip': {
        const subcommand = context.options.subcommand;
        if (subcommand === 'recap') {
          const userId = context.interaction.user.id;
          return suggestRecapTrips(context.deps, { guildId, userId, query: value, language: context.language });
        }
        const editing = subcommand === 'edit' || subcommand === 'cancel';
        return suggestTrips(context.deps, {
          guildId,
          query: value,
          language: context.language,
          ...(editing
            ? {
                editableBy: {
                  userId: context.interaction.user.id,
                  canManageEvents:
                    context.interaction.memberPermissions?.has(PermissionFlagsBits.ManageEvents) ?? false,
                },
              }
            : {}),
        });
      }
      default:
        return [];
    }
  },
});

async function executeNew(
  context: CommandContext<Args>,
  args: Extract<Args, { subcommand: 'new' }>,
  guildId: string,
): Promise<void> {
  const { interaction } = context;
  // Posting the announcement and the event can take longer than Discord's three seconds under load.
  await context.defer({ ephemeral: true });
  const result = await createTrip(context.deps, context.services.tripPort, {
    guildId,
    hostId: interaction.user.id,
    channelId: interaction.channelId,
    language: context.language,
    town: args.town,
    when: args.when,
    topic: args.topic,
    venue: args.venue,
    durationMinutes: args.duration,
    capacity: args.capacity,
    reach: args.reach,
  });
  await context.reply({ content: renderTripCreated(context, result), ephemeral: true });
}

async function executeEdit(
  context: CommandContext<Args>,
  args: Extract<Args, { subcommand: 'edit' }>,
  guildId: string,
): Promise<void> {
  await context.defer({ ephemeral: true });
  const result = await editTrip(context.deps, context.services.tripPort, {
    ...actor(context, guildId),
    trip: args.trip,
    when: args.when,
    venue: args.venue,
    topic: args.topic,
    capacity: args.capacity,
    durationMinutes: args.duration,
  });
  await context.reply({ content: editedText(context, result), ephemeral: true });
}

function editedText(context: HandlerContext, result: EditTripResult): string {
  const lines = [
    context.t('trip.edited', {
      id: result.trip.id,
      changes: describeChanges(context.language, result.changes),
    }),
  ];
  if (result.overCapacity) lines.push(context.t('trip.edited.capacityBelow', result.overCapacity));
  if (result.promoted.length > 0) lines.push(context.t('trip.edited.promoted', { count: result.promoted.length }));
  if (result.notified > 0) lines.push(context.t('trip.edited.notified', { count: result.notified }));
  return lines.join('\n');
}

function actor(context: CommandContext<Args>, guildId: string) {
  return {
    guildId,
    userId: context.interaction.user.id,
    canManageEvents: context.interaction.memberPermissions?.has(PermissionFlagsBits.ManageEvents) ?? false,
    language: context.language,
  };
}

function requireGuild(interaction: ChatInputCommandInteraction): string {
  if (!interaction.guildId) throw new UserFacingError('error.guildOnly');
  return interaction.guildId;
}
