import {
  ApplicationCommandOptionType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import { digestTownsOf, joinTownByDigest, readTownMode, stopDigest } from '../src/app/digest.js';
import { UserFacingError } from '../src/app/errors.js';
import { addTown, applyPreset, DRIVE_TIME_LIMITS, removeTown, setDriveTime } from '../src/app/towns/admin.js';
import { joinTown, leaveTown, listTownsForMember } from '../src/app/towns/membership.js';
import { suggestTowns } from '../src/app/towns/resolve.js';
import { type CommandContext, defineCommand } from '../src/discord/command.js';
import { townOption } from '../src/discord/commandOptions.js';
import { guildStanding } from '../src/discord/permissions.js';
import { memberRoleIds } from '../src/discord/townRoles.js';
import { renderPreset, renderTownList, townParams } from '../src/discord/townViews.js';
import { escapeMarkdown } from '../src/domain/text.js';
import { PRESETS, TOWN_NAME_MAX_LENGTH } from '../src/domain/towns.js';

const data = {
  name: 'town',
  name_localizations: { fr: 'ville' },
  description: 'Town groups: hear when someone visits the towns you care about',
  description_localizations: { fr: 'Groupes de villes : sois averti·e quand quelqu’un visite tes villes' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'join',
      name_localizations: { fr: 'joindre' },
      description: 'Join a town: you will be notified of visits there',
      description_localizations: { fr: 'Joindre une ville : tu seras averti·e des visites là-bas' },
      options: [
        townOption({
          name: 'town',
          nameFr: 'ville',
          description: 'The town (type a few letters)',
          descriptionFr: 'La ville (tape quelques lettres)',
          required: true,
        }),
        {
          type: ApplicationCommandOptionType.String,
          name: 'mode',
          name_localizations: { fr: 'mode' },
          description: 'Pinged at each visit (default), or one digest DM each Monday with no ping',
          description_localizations: {
            fr: 'Mentionné·e à chaque visite (défaut), ou un résumé en privé chaque lundi, sans mention',
          },
          choices: [
            { name: 'Ping at each visit', name_localizations: { fr: 'Mention à chaque visite' }, value: 'ping' },
            { name: 'Monday digest', name_localizations: { fr: 'Résumé du lundi' }, value: 'digest' },
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'leave',
      name_localizations: { fr: 'quitter' },
      description: 'Leave a town: no more notifications of visits there',
      description_localizations: { fr: 'Quitter une ville : plus d’avis des visites là-bas' },
      options: [
        townOption({
          name: 'town',
          nameFr: 'ville',
          description: 'The town to leave',
          descriptionFr: 'La ville à quitter',
          required: true,
        }),
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      name_localizations: { fr: 'liste' },
      description: 'The towns of this server, and yours',
      description_localizations: { fr: 'Les villes du serveur, et les tiennes' },
      options: [],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      name_localizations: { fr: 'ajouter' },
      description: 'Add a town (Manage Roles)',
      description_localizations: { fr: 'Ajouter une ville (Gérer les rôles)' },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'name',
          name_localizations: { fr: 'nom' },
          description: 'The town’s name, as members will see it',
          description_localizations: { fr: 'Le nom de la ville, tel que les membres le verront' },
          required: true,
          max_length: TOWN_NAME_MAX_LENGTH,
        },
        {
          type: ApplicationCommandOptionType.Role,
          name: 'role',
          name_localizations: { fr: 'rôle' },
          description: 'An existing role to use (default: a role of the same name, else a new one)',
          description_localizations: {
            fr: 'Un rôle existant à utiliser (par défaut : un rôle du même nom, sinon un nouveau)',
          },
        },
        {
          type: ApplicationCommandOptionType.Number,
          name: 'lat',
          name_localizations: { fr: 'lat' },
          description: 'Latitude, for drive times (e.g. 48.45)',
          description_localizations: { fr: 'Latitude, pour les temps de route (ex. 48.45)' },
          min_value: -90,
          max_value: 90,
        },
        {
          type: ApplicationCommandOptionType.Number,
          name: 'lon',
          name_localizations: { fr: 'lon' },
          description: 'Longitude, for drive times (e.g. -68.53)',
          description_localizations: { fr: 'Longitude, pour les temps de route (ex. -68.53)' },
          min_value: -180,
          max_value: 180,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      name_localizations: { fr: 'retirer' },
      description: 'Remove a town; its role is deleted if Escale created it (Manage Roles)',
      description_localizations: {
        fr: 'Retirer une ville; son rôle est supprimé si Escale l’a créé (Gérer les rôles)',
      },
      options: [
        townOption({
          name: 'town',
          nameFr: 'ville',
          description: 'The town to remove',
          descriptionFr: 'La ville à retirer',
          required: true,
        }),
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'preset',
      name_localizations: { fr: 'charger' },
      description: 'Load a ready-made list of towns; safe to run again (Manage Roles)',
      description_localizations: {
        fr: 'Charger une liste de villes prête; sans risque de doublons (Gérer les rôles)',
      },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'region',
          name_localizations: { fr: 'région' },
          description: 'The region',
          description_localizations: { fr: 'La région' },
          required: true,
          choices: Object.entries(PRESETS).map(([key, preset]) => ({
            name: preset.label.en,
            name_localizations: { fr: preset.label.fr },
            value: key,
          })),
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'drive-time',
      name_localizations: { fr: 'temps-de-route' },
      description: 'Set the real drive time between two towns (Manage Roles)',
      description_localizations: { fr: 'Fixer le vrai temps de route entre deux villes (Gérer les rôles)' },
      options: [
        townOption({
          name: 'town_a',
          nameFr: 'ville_a',
          description: 'First town',
          descriptionFr: 'Première ville',
          required: true,
        }),
        townOption({
          name: 'town_b',
          nameFr: 'ville_b',
          description: 'Second town',
          descriptionFr: 'Deuxième ville',
          required: true,
        }),
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'minutes',
          name_localizations: { fr: 'minutes' },
          description: 'Drive time in minutes',
          description_localizations: { fr: 'Temps de route en minutes' },
          required: true,
          min_value: DRIVE_TIME_LIMITS.min,
          max_value: DRIVE_TIME_LIMITS.max,
        },
      ],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const townName = z.string().trim().min(1).max(100);

const args = z.discriminatedUnion('subcommand', [
  z.object({ subcommand: z.literal('join'), town: townName, mode: z.string().max(40).optional() }),
  z.object({ subcommand: z.literal('leave'), town: townName }),
  z.object({ subcommand: z.literal('list') }),
  z.object({
    subcommand: z.literal('add'),
    name: z.string().max(TOWN_NAME_MAX_LENGTH * 2),
    role: z
      .string()
      .regex(/^\d{17,20}$/)
      .optional(),
    // Ranges are checked by the use case, which explains them in the member's language.
    lat: z.number().optional(),
    lon: z.number().optional(),
  }),
  z.object({ subcommand: z.literal('remove'), town: townName }),
  z.object({ subcommand: z.literal('preset'), region: z.string().min(1).max(100) }),
  z.object({
    subcommand: z.literal('drive-time'),
    town_a: townName,
    town_b: townName,
    minutes: z.number().int(),
  }),
]);

type Args = z.infer<typeof args>;

export const townCommand = defineCommand({
  data,
  args,
  async execute(context) {
    const { interaction, args, guildId } = context;
    const port = context.services.ports.townRoles;
    const member = { guildId, userId: interaction.user.id, memberRoleIds: memberRoleIds(interaction.member) };

    switch (args.subcommand) {
      case 'join': {
        if (readTownMode(args.mode) === 'digest') {
          const result = await joinTownByDigest(context.deps, port, { ...member, town: args.town });
          const key = result.status === 'digest' ? 'town.join.digest' : 'town.join.digestAlready';
          return context.reply({ content: context.t(key, townParams(result.town)), ephemeral: true });
        }
        const result = await joinTown(context.deps, port, { ...member, town: args.town });
        const key = result.status === 'joined' ? 'town.join.done' : 'town.join.already';
        const lines = [context.t(key, townParams(result.town))];
        if (result.recreated) lines.push(context.t('town.join.recreated'));
        if (await stopDigest(context.deps, result.town.id, member.userId)) {
          lines.push(context.t('town.join.pingAgain', townParams(result.town)));
        }
        return context.reply({ content: lines.join('\n'), ephemeral: true });
      }
      case 'leave': {
        const result = await leaveTown(context.deps, port, { ...member, town: args.town });
        // Leaving also ends the town's digest: a member following it by digest holds no role.
        const hadDigest = await stopDigest(context.deps, result.town.id, member.userId);
        const key = result.status === 'left' || hadDigest ? 'town.leave.done' : 'town.leave.notMember';
        return context.reply({ content: context.t(key, townParams(result.town)), ephemeral: true });
      }
      case 'list': {
        const entries = await listTownsForMember(context.deps, port, member);
        const digest = await digestTownsOf(context.deps, guildId, member.userId);
        const withModes = entries.map((entry) => ({ ...entry, digest: digest.has(entry.town.id) }));
        return context.reply({ embeds: [renderTownList(context, withModes)], ephemeral: true });
      }
      default:
        return executeAdmin(context, args, guildId);
    }
  },

  async autocomplete(context) {
    if (!['town', 'town_a', 'town_b'].includes(context.focused.name)) return [];
    const towns = await suggestTowns(context.deps, {
      guildId: context.guildId,
      query: context.focused.value,
    });
    return towns.map((town) => ({ name: town.name, value: town.name }));
  },
});

async function executeAdmin(
  context: CommandContext<Args>,
  args: Exclude<Args, { subcommand: 'join' | 'leave' | 'list' }>,
  guildId: string,
): Promise<void> {
  const { interaction, deps } = context;
  const standing = guildStanding(interaction);
  if (!standing.has(PermissionFlagsBits.ManageRoles)) {
    throw new UserFacingError('error.missingPermission', { permission: context.t('permission.manageRoles') });
  }
  const port = context.services.ports.townRoles;
  const linker = { highestRank: standing.highestRank, isOwner: standing.isOwner };

  switch (args.subcommand) {
    case 'add': {
      const result = await addTown(deps, port, {
        guildId,
        name: args.name,
        roleId: args.role,
        latitude: args.lat,
        longitude: args.lon,
        linker,
        onboarding: context.services.ports.onboarding,
      });
      const { town } = result;
      const lines = [context.t(result.role === 'created' ? 'town.add.created' : 'town.add.linked', townParams(town))];
      if (town.latitude !== null && town.longitude !== null) {
        const coordinates = { latitude: town.latitude, longitude: town.longitude };
        lines.push(
          context.t(result.coordinatesFromPreset ? 'town.add.presetCoordinates' : 'town.add.coordinates', coordinates),
        );
      } else {
        lines.push(context.t('town.add.noCoordinates'));
      }
      return context.reply({ content: lines.join('\n'), ephemeral: true });
    }
    case 'remove': {
      const result = await removeTown(deps, port, {
        guildId,
        town: args.town,
        onboarding: context.services.ports.onboarding,
      });
      const params = townParams(result.town);
      const content = {
        deleted: () => context.t('town.remove.deleted', params),
        kept: () => context.t('town.remove.kept', params),
        alreadyGone: () => context.t('town.remove.alreadyGone', params),
        deleteFailed: () =>
          context.t('town.remove.deleteFailed', {
            ...params,
            reason: context.t(`town.problem.${result.problem ?? 'roleAboveBot'}`),
          }),
      }[result.role]();
      return context.reply({ content, ephemeral: true });
    }
    case 'preset': {
      // Creating ten roles can take longer than Discord's three seconds.
      await context.defer({ ephemeral: true });
      const result = await applyPreset(deps, port, {
        guildId,
        region: args.region,
        linker,
        onboarding: context.services.ports.onboarding,
      });
      return context.reply({ embeds: [renderPreset(context, result)], ephemeral: true });
    }
    case 'drive-time': {
      const result = await setDriveTime(deps, {
        guildId,
        townA: args.town_a,
        townB: args.town_b,
        minutes: args.minutes,
      });
      const lines = [
        context.t('town.driveTime.done', {
          townA: escapeMarkdown(result.townA.name),
          townB: escapeMarkdown(result.townB.name),
          minutes: result.minutes,
        }),
      ];
      if (result.estimatedMinutes !== null) {
        lines.push(context.t('town.driveTime.estimate', { minutes: result.estimatedMinutes }));
      }
      return context.reply({ content: lines.join('\n'), ephemeral: true });
    }
  }
}
