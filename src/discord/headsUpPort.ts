import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIChannel,
  ButtonStyle,
  type Client,
  ComponentType,
  Routes,
  roleMention,
} from 'discord.js';
import type { HeadsUpPort, HeadsUpView } from '../app/headsUp.js';
import { t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { safeText } from './announcement.js';
import { headsUpCustomId } from './components/lifeButtons.js';
import { DISCORD_ERROR, discordCode } from './discordErrors.js';
import { discordTimestamp } from './markup.js';

/** The host's heads-up DM: who is (not) coming, and the button that tells the nearby towns, when there are some. */
export function renderHeadsUpDm(view: HeadsUpView): {
  content: string;
  components: APIActionRowComponent<APIButtonComponent>[];
} {
  const { stop, language } = view;
  const lines = [
    t(language, 'life.headsUp.dm', {
      id: stop.tripId,
      town: safeText(stop.townName),
      relative: discordTimestamp(stop.startsAt, 'R'),
      when: discordTimestamp(stop.startsAt, 'F'),
    }),
  ];
  const widen = view.nearbyTownNames.length > 0;
  lines.push(
    widen
      ? t(language, 'life.headsUp.widen', { towns: view.nearbyTownNames.map(safeText).join(', ') })
      : t(language, 'life.headsUp.nothingToWiden', { link: view.url ?? '' }).trim(),
  );
  return {
    content: lines.join('\n'),
    components: widen
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Primary,
                custom_id: headsUpCustomId(stop.guildId, stop.id),
                label: t(language, 'life.headsUp.button'),
                emoji: { name: '📣' },
              },
            ],
          },
        ]
      : [],
  };
}

/** The reply to the announcement that tells the nearby towns: exactly those roles, nobody else. */
export function renderWidenPing(view: HeadsUpView, roleIds: readonly string[]): string {
  const { stop, language } = view;
  const text = t(language, 'life.widen.ping', {
    id: stop.tripId,
    town: safeText(stop.townName),
    when: discordTimestamp(stop.startsAt, 'F'),
  });
  return `${roleIds.map((roleId) => roleMention(roleId)).join(' ')} ${text}`;
}

export function createHeadsUpPort(input: { client: Client; logger: Logger }): HeadsUpPort {
  const { client, logger } = input;
  return {
    guildLocale(guildId) {
      return client.guilds.cache.get(guildId)?.preferredLocale ?? null;
    },

    async sendHeadsUpDm({ userId, nonce, view }) {
      try {
        const channel = (await client.rest.post(Routes.userChannels(), {
          body: { recipient_id: userId },
        })) as APIChannel;
        await client.rest.post(Routes.channelMessages(channel.id), {
          body: { ...renderHeadsUpDm(view), nonce, enforce_nonce: true, allowed_mentions: { parse: [] } },
        });
        return 'sent';
      } catch (error) {
        const code = discordCode(error);
        if (code === DISCORD_ERROR.cannotDmUser || code === DISCORD_ERROR.noMutualGuilds) return 'refused';
        throw error;
      }
    },

    async postWidenPing({ channelId, messageId, roleIds, view }) {
      try {
        const message = (await client.rest.post(Routes.channelMessages(channelId), {
          body: {
            content: renderWidenPing(view, roleIds),
            // Exactly the roles written; the reply does not ping the announcement's author.
            allowed_mentions: { parse: [], roles: [...roleIds], users: [], replied_user: false },
            message_reference: { message_id: messageId, fail_if_not_exists: false },
            nonce: `widen:${view.stop.id}`,
            enforce_nonce: true,
          },
        })) as { id: string };
        return { messageId: message.id };
      } catch (error) {
        const code = discordCode(error);
        if (
          code === DISCORD_ERROR.missingAccess ||
          code === DISCORD_ERROR.missingPermissions ||
          code === DISCORD_ERROR.unknownChannel
        ) {
          logger.info({ channelId, code }, 'cannot post the widening ping');
          return null;
        }
        throw error;
      }
    },
  };
}
