import {
  ApplicationCommandOptionType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import { UserFacingError } from '../src/app/errors.js';
import { setOnboarding } from '../src/app/onboarding.js';
import { changePublicPage } from '../src/app/publicSettings.js';
import { checkSettings, SETUP_LIMITS, saveSettings, searchTimeZones } from '../src/app/setup.js';
import { defineCommand } from '../src/discord/command.js';
import { guildStanding } from '../src/discord/permissions.js';
import { addPublicPageField } from '../src/discord/publicPageViews.js';
import { renderSettings } from '../src/discord/setupViews.js';

const textChannelOnly = [ChannelType.GuildText] as const;

const data = {
  name: 'setup',
  name_localizations: { fr: 'configuration' },
  description: 'Show or change Escale’s settings for this server (Manage Server)',
  description_localizations: { fr: 'Voir ou changer les réglages d’Escale pour ce serveur (Gérer le serveur)' },
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Channel,
      name: 'welcome_channel',
      name_localizations: { fr: 'salon_accueil' },
      description: 'Where new members are greeted (default: the server’s system channel)',
      description_localizations: { fr: 'Où accueillir les nouveaux membres (par défaut : le salon système)' },
      channel_types: [...textChannelOnly],
    },
    {
      type: ApplicationCommandOptionType.Channel,
      name: 'trips_channel',
      name_localizations: { fr: 'salon_visites' },
      description: 'Where trips are announced (default: the channel where /trip is used)',
      description_localizations: { fr: 'Où annoncer les visites (par défaut : le salon où /trip est utilisé)' },
      channel_types: [...textChannelOnly],
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'timezone',
      name_localizations: { fr: 'fuseau_horaire' },
      description: 'Time zone for dates, e.g. America/Toronto',
      description_localizations: { fr: 'Fuseau horaire des dates, ex. America/Toronto' },
      autocomplete: true,
      max_length: 64,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'language',
      name_localizations: { fr: 'langue' },
      description: 'Language of public posts (welcome, announcements, recaps)',
      description_localizations: { fr: 'Langue des messages publics (accueil, annonces, bilans)' },
      choices: [
        { name: 'Français', name_localizations: { fr: 'Français' }, value: 'fr' },
        { name: 'English', name_localizations: { fr: 'Anglais' }, value: 'en' },
      ],
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'nearby_minutes',
      name_localizations: { fr: 'minutes_proximité' },
      description: 'Drive time, in minutes, that counts as “nearby” (default 60)',
      description_localizations: { fr: 'Temps de route, en minutes, qui compte comme « à proximité » (60 par défaut)' },
      min_value: SETUP_LIMITS.nearbyMinutes.min,
      max_value: SETUP_LIMITS.nearbyMinutes.max,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'recap_delay',
      name_localizations: { fr: 'délai_bilan' },
      description: 'Minutes after a meetup ends before its recap opens (default 30)',
      description_localizations: { fr: 'Minutes après la fin d’une rencontre avant d’ouvrir le bilan (30 par défaut)' },
      min_value: SETUP_LIMITS.recapDelayMinutes.min,
      max_value: SETUP_LIMITS.recapDelayMinutes.max,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'reminders',
      name_localizations: { fr: 'rappels' },
      description: 'Reminders before a meetup, e.g. “24h, 1h”, or “none”',
      description_localizations: { fr: 'Rappels avant une rencontre, ex. « 24h, 1h », ou « aucun »' },
      max_length: 100,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'remind_maybe',
      name_localizations: { fr: 'rappeler_peut_être' },
      description: 'Also remind members who answered “maybe”',
      description_localizations: { fr: 'Rappeler aussi les membres qui ont répondu « peut-être »' },
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'max_trips_per_day',
      name_localizations: { fr: 'visites_par_jour' },
      description: 'Trips a member may announce in 24 h; more are refused (Manage Events exempt; default 3)',
      description_localizations: {
        fr: 'Visites par membre en 24 h; au-delà, refusées (sauf Gérer les événements; 3 par défaut)',
      },
      min_value: SETUP_LIMITS.maxTripsPerDay.min,
      max_value: SETUP_LIMITS.maxTripsPerDay.max,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'town_ping_cooldown',
      name_localizations: { fr: 'délai_mentions_ville' },
      description: 'Minutes before a town’s role can be pinged again (default 60)',
      description_localizations: {
        fr: 'Minutes avant de pouvoir mentionner de nouveau le rôle d’une ville (60 par défaut)',
      },
      min_value: SETUP_LIMITS.townPingCooldownMinutes.min,
      max_value: SETUP_LIMITS.townPingCooldownMinutes.max,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'public_page',
      name_localizations: { fr: 'page_publique' },
      description: 'Publish the upcoming meetups on a public web page with calendar feeds (needs PUBLIC_URL)',
      description_localizations: {
        fr: 'Publier les prochaines rencontres sur une page web publique avec calendriers (PUBLIC_URL requis)',
      },
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'public_slug',
      name_localizations: { fr: 'adresse_publique' },
      description: 'The page’s address: PUBLIC_URL/c/<this>, e.g. tech-bsl',
      description_localizations: { fr: 'L’adresse de la page : PUBLIC_URL/c/<ceci>, ex. tech-bsl' },
      max_length: 40,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'public_names',
      name_localizations: { fr: 'noms_publics' },
      description: 'Show hosts’ display names on the public page (default: hidden)',
      description_localizations: { fr: 'Afficher le nom des hôtes sur la page publique (masqués par défaut)' },
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'invite',
      name_localizations: { fr: 'invitation' },
      description: 'Discord invite shown on the public page as “Join us”, or “none”',
      description_localizations: { fr: 'Invitation Discord affichée sur la page publique, ou « aucun »' },
      max_length: 100,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'quiet_hours',
      name_localizations: { fr: 'heures_calmes' },
      description: 'Town pings wait for the end of these hours, e.g. “22:00-07:00”, or “none”',
      description_localizations: {
        fr: 'Mentions des villes retenues pendant ces heures, ex. « 22h à 7h », ou « aucune »',
      },
      max_length: 100,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'onboarding',
      name_localizations: { fr: 'accueil_discord' },
      description: 'Towns in Discord’s own onboarding (bot: Manage Server, Manage Roles)',
      description_localizations: {
        fr: 'Les villes dans l’accueil de Discord (bot : Gérer le serveur et les rôles)',
      },
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const snowflake = z.string().regex(/^\d{17,20}$/);

const args = z.object({
  welcome_channel: snowflake.optional(),
  trips_channel: snowflake.optional(),
  timezone: z.string().max(64).optional(),
  language: z.enum(['fr', 'en']).optional(),
  nearby_minutes: z.number().int().optional(),
  recap_delay: z.number().int().optional(),
  reminders: z.string().max(100).optional(),
  remind_maybe: z.boolean().optional(),
  max_trips_per_day: z.number().int().optional(),
  town_ping_cooldown: z.number().int().optional(),
  public_page: z.boolean().optional(),
  public_slug: z.string().max(40).optional(),
  public_names: z.boolean().optional(),
  invite: z.string().max(100).optional(),
  quiet_hours: z.string().max(100).optional(),
  onboarding: z.boolean().optional(),
});

export const setupCommand = defineCommand({
  data,
  args,
  async execute(context) {
    const { interaction, args } = context;
    // default_member_permissions only hides the command; a server can override it, so check here too.
    if (!guildStanding(interaction).has(PermissionFlagsBits.ManageGuild)) {
      throw new UserFacingError('error.missingPermission', { permission: context.t('permission.manageGuild') });
    }
    const port = context.services.ports.guildChannels;
    const input = { guildId: context.guildId, preferredLocale: interaction.guildLocale };
    const changes = {
      welcomeChannelId: args.welcome_channel,
      tripsChannelId: args.trips_channel,
      timeZone: args.timezone,
      language: args.language,
      nearbyMinutes: args.nearby_minutes,
      recapDelayMinutes: args.recap_delay,
      reminders: args.reminders,
      remindMaybe: args.remind_maybe,
      maxTripsPerDay: args.max_trips_per_day,
      townPingCooldownMinutes: args.town_ping_cooldown,
      quietHours: args.quiet_hours,
    };
    // Bad input is refused before any setting changes (the onboarding question included).
    checkSettings(changes);
    if (args.onboarding !== undefined) {
      await setOnboarding(context.deps, context.services.ports.onboarding, { ...input, enabled: args.onboarding });
    }
    // The public page’s options are checked and saved first: bad input there is refused before anything changes.
    const publicPage = await changePublicPage(context.deps, {
      guildId: context.guildId,
      guildName: interaction.guild?.name ?? '',
      changes: {
        publicPage: args.public_page,
        publicSlug: args.public_slug,
        publicNames: args.public_names,
        invite: args.invite,
      },
    });
    // With no option, saveSettings changes nothing and returns the current settings.
    const view = await saveSettings(context.deps, port, { ...input, changes });
    if (args.onboarding !== undefined && !view.changed.includes('onboarding')) view.changed.push('onboarding');
    await context.reply({
      embeds: [addPublicPageField(context, renderSettings(context, view), publicPage)],
      ephemeral: true,
    });
  },

  async autocomplete(context) {
    if (context.focused.name !== 'timezone') return [];
    return searchTimeZones(context.focused.value).map((zone) => ({ name: zone, value: zone }));
  },
});
