import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIChannel,
  ButtonStyle,
  type Client,
  ComponentType,
  Routes,
} from 'discord.js';
import type { HeadsUpPort, HeadsUpView } from '../app/headsUp.js';
import { t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { safeText } from './announcement.js';
import { headsUpCustomId } from './components/lifeButtons.js';
import { DISCORD_ERROR, discordCode } from './discordErrors.js';
import { discordTimestamp } from './markup.js';
import { postTownPingReply, type TownPingMessage, townPingMessage } from './townPingReply.js';

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
export function renderWidenPing(view: HeadsUpView, roleIds: readonly string[]): TownPingMessage {
  const { stop, language } = view;
  const text = t(language, 'life.widen.ping', {
    id: stop.tripId,
    town: safeText(stop.townName),
    when: discordTimestamp(stop.startsAt, 'F'),
  });
  return townPingMessage(roleIds, text);
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

    postWidenPing({ channelId, messageId, roleIds, view }) {
      return postTownPingReply(client, logger, {
        channelId,
        messageId,
        message: renderWidenPing(view, roleIds),
        nonce: `widen:${view.stop.id}`,
        what: 'the widening ping',
      });
    },
  };
}
