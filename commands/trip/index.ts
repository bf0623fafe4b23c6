import {
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import { suggestRecapTrips } from '../../src/app/recap.js';
import { previewWhen, suggestStops, suggestTownNames, suggestTrips } from '../../src/app/tripQueries.js';
import { defineCommand } from '../../src/discord/command.js';
import { guildStanding, hiddenChannelIds } from '../../src/discord/permissions.js';
import { addStopArgs, addStopSubcommand, executeAddStop } from './addStop.js';
import { executeList, executeShow, listArgs, listSubcommand, showArgs, showSubcommand } from './browse.js';
import { cancelArgs, cancelSubcommand, executeCancel } from './cancel.js';
import { editArgs, editSubcommand, executeEdit } from './edit.js';
import { executeFeed, feedArgs, feedSubcommand } from './feed.js';
import { executeHistory, historyArgs, historySubcommand } from './history.js';
import { executeNew, newArgs, newSubcommand } from './new.js';
import { executeRecapNotes, recapArgs, recapSubcommand } from './recap.js';

/** `/trip`: one file per subcommand in this folder; this one lists them and routes to them. */

const data = {
  name: 'trip',
  name_localizations: { fr: 'rencontre' },
  description: 'Announce where you are going, so members there can meet you',
  description_localizations: { fr: 'Annonce où tu vas, pour que les membres sur place te rencontrent' },
  contexts: [InteractionContextType.Guild],
  options: [
    newSubcommand,
    addStopSubcommand,
    listSubcommand,
    showSubcommand,
    editSubcommand,
    cancelSubcommand,
    historySubcommand,
    recapSubcommand,
    feedSubcommand,
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const args = z.discriminatedUnion('subcommand', [
  newArgs,
  addStopArgs,
  listArgs,
  showArgs,
  editArgs,
  cancelArgs,
  historyArgs,
  recapArgs,
  feedArgs,
]);

export const tripCommand = defineCommand({
  data,
  args,
  async execute(context) {
    const { args } = context;
    switch (args.subcommand) {
      case 'new':
        return executeNew(context, args);
      case 'add-stop':
        return executeAddStop(context, args);
      case 'list':
        return executeList(context, args);
      case 'show':
        return executeShow(context, args);
      case 'edit':
        return executeEdit(context, args);
      case 'cancel':
        return executeCancel(context, args);
      case 'history':
        return executeHistory(context, args);
      case 'recap':
        return executeRecapNotes(context, args);
      case 'feed':
        return executeFeed(context, args);
    }
  },

  async autocomplete(context) {
    const { guildId } = context;
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
        const editing = subcommand === 'edit' || subcommand === 'cancel' || subcommand === 'add-stop';
        return suggestTrips(context.deps, {
          guildId,
          query: value,
          language: context.language,
          hiddenChannels: hiddenChannelIds(context.interaction),
          ...(editing
            ? {
                editableBy: {
                  userId: context.interaction.user.id,
                  canManageEvents: guildStanding(context.interaction).has(PermissionFlagsBits.ManageEvents),
                },
              }
            : {}),
        });
      }
      case 'stop': {
        const trip = context.options.trip;
        return suggestStops(context.deps, {
          guildId,
          trip: typeof trip === 'string' || typeof trip === 'number' ? trip : undefined,
          query: value,
          language: context.language,
          hiddenChannels: hiddenChannelIds(context.interaction),
        });
      }
      default:
        return [];
    }
  },
});
