import {
  ActionRowBuilder,
  type GuildMember,
  type MessageCreateOptions,
  type PartialGuildMember,
  PermissionFlagsBits,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
  userMention,
} from 'discord.js';
import type { AppDeps } from '../app/context.js';
import { planWelcome, type WelcomePlan } from '../app/welcome.js';
import { escapeMarkdown } from '../domain/text.js';
import { t } from '../i18n/index.js';
import type { CommandMentions, GuildCommandMentions } from './commandMentions.js';
import { cannotPostIn, discordCode } from './discordErrors.js';

/** Custom id prefix of the welcome's town menu: `towns:<memberId>`. */
export const TOWN_MENU_PREFIX = 'towns';

export function townMenuCustomId(memberId: string): string {
  return `${TOWN_MENU_PREFIX}:${memberId}`;
}

/** Discord's limits on select option labels. */
const OPTION_LABEL_MAX = 100;

/**
 * The welcome message, in the guild's language. It mentions the newcomer and nobody else: allowed_mentions
 * lists that one user and parses nothing, so a town or member name in the text can never ping.
 */
export function renderWelcome(plan: WelcomePlan, mentions: GuildCommandMentions): MessageCreateOptions {
  const say = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) =>
    mentions.linkify(t(plan.language, key, params), plan.language);
  // The command clickable, its options named in the message's language (`ville:`, `quand:`).
  const example = mentions.example('trip new', plan.language, [
    ['town', plan.exampleTown],
    ['when', `"${t(plan.language, 'welcome.exampleWhen')}"`],
    ['topic', `"${t(plan.language, 'welcome.exampleTopic')}"`],
  ]);
  const lines = [
    say('welcome.greeting', { member: userMention(plan.memberId) }),
    '',
    say('welcome.habit', { town: escapeMarkdown(plan.exampleTown) }),
    '',
    say('welcome.example', { command: example }),
    '',
  ];
  if (plan.townsInOnboarding) {
    lines.push(say('welcome.pickInOnboarding'));
  } else if (plan.offeredTowns.length === 0) {
    lines.push(say('welcome.noTowns'));
  } else {
    lines.push(say('welcome.pick'));
    if (plan.otherTownCount > 0) lines.push(say('welcome.more', { count: plan.otherTownCount }));
  }

  const components =
    plan.offeredTowns.length === 0
      ? []
      : [
          new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
            new StringSelectMenuBuilder()
              .setCustomId(townMenuCustomId(plan.memberId))
              .setPlaceholder(say('welcome.placeholder'))
              .setMinValues(0)
              .setMaxValues(plan.offeredTowns.length)
              .addOptions(
                plan.offeredTowns.map((town) =>
                  new StringSelectMenuOptionBuilder()
                    .setLabel(town.name.slice(0, OPTION_LABEL_MAX))
                    .setValue(String(town.id)),
                ),
              ),
          ),
        ];

  return {
    content: lines.join('\n'),
    components,
    allowedMentions: { parse: [], users: [plan.memberId] },
  };
}

/**
 * Greets a member who joined. Never throws: a missing or forbidden welcome channel is logged once per guild
 * (until a welcome succeeds there again), and any other failure is logged with context.
 */
export function createWelcomeHandler(
  deps: AppDeps,
  mentions: CommandMentions,
): (member: GuildMember | PartialGuildMember) => Promise<void> {
  const warnedGuilds = new Set<string>();
  const warnOnce = (guildId: string, reason: string, extra: Record<string, unknown> = {}) => {
    if (warnedGuilds.has(guildId)) return;
    warnedGuilds.add(guildId);
    deps.logger.warn({ guildId, ...extra }, `cannot post welcomes: ${reason}`);
  };

  return async (member) => {
    const guild = member.guild;
    const log = deps.logger.child({ guildId: guild.id, userId: member.id, event: 'guildMemberAdd' });
    try {
      const plan = await planWelcome(deps, {
        guildId: guild.id,
        memberId: member.id,
        isBot: member.user?.bot ?? false,
        systemChannelId: guild.systemChannelId,
        preferredLocale: guild.preferredLocale,
      });
      if (!plan) return;
      if (!plan.channelId) return warnOnce(guild.id, 'no welcome channel and no system channel');

      const channel =
        guild.channels.cache.get(plan.channelId) ?? (await guild.channels.fetch(plan.channelId).catch(() => null));
      if (!channel?.isSendable() || channel.isVoiceBased()) {
        return warnOnce(guild.id, 'the welcome channel is missing or not a text channel', {
          channelId: plan.channelId,
        });
      }
      const me = guild.members.me ?? (await guild.members.fetchMe());
      const permissions = channel.permissionsFor(me);
      if (!permissions?.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages])) {
        return warnOnce(guild.id, 'no permission to post in the welcome channel', { channelId: plan.channelId });
      }

      // The nonce makes discord.js's retry after a lost response (5xx) return the first welcome, not post a second.
      await mentions.ensure(guild.id);
      await channel.send({
        ...renderWelcome(plan, mentions.forGuild(guild.id)),
        nonce: `w${plan.memberId}`,
        enforceNonce: true,
      });
      warnedGuilds.delete(guild.id);
      log.debug({ channelId: plan.channelId, towns: plan.offeredTowns.length }, 'welcomed a new member');
    } catch (error) {
      if (cannotPostIn(error)) {
        return warnOnce(guild.id, `Discord refused the welcome (${discordCode(error)})`, { err: error });
      }
      log.error({ err: error }, 'welcome failed');
    }
  };
}
